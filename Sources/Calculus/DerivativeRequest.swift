/// Which way a Jacobian is laid out. Numerator layout (the course's): one row per function.
public enum Layout: String, Hashable, Sendable {
    case numerator, denominator
}

/// An unevaluated derivative: `derivative(f, x)`, `partial(f, x)`, `gradient(f, [x, y])`, `jacobian(f, w)`,
/// or the LaTeX `\frac{d}{dx}`, `\frac{\partial f}{\partial x}`, `\nabla f`.
public struct DerivativeRequest: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case derivative, partial, gradient, jacobian }
    public var kind: Kind
    /// The function; a list of functions is a column literal (`.block` with one entry per row).
    public var function: Expr
    public var variables: [Variable]
    /// Whether the variables were written as a list (`[x, y]`), which lays partials side by side.
    public var variableList: Bool
    public var layout: Layout
    public var resultShape: Shape

    public init(kind: Kind, function: Expr, variables: [Variable], variableList: Bool, layout: Layout = .numerator) throws(CalculusError) {
        self.kind = kind; self.function = function; self.variables = variables
        self.variableList = variableList; self.layout = layout
        self.resultShape = .scalar
        self.resultShape = try DerivativeRequest.shape(of: function, variables: variables, list: variableList, layout: layout, kind: kind)
    }

    /// The shape of the result, numerator layout unless asked otherwise; errors for 3-tensors.
    static func shape(of f: Expr, variables: [Variable], list: Bool, layout: Layout, kind: Kind) throws(CalculusError) -> Shape {
        let fs = f.shape
        if kind == .gradient && !fs.isScalar {
            throw CalculusError(.differentiation, "a gradient needs a scalar function, but this one is a \(fs); use jacobian")
        }
        var shape: Shape
        if !list, let v = variables.first, variables.count == 1 {
            if v.shape.isScalar { shape = fs }
            else if v.shape.isMatrix {
                guard fs.isScalar else {
                    throw CalculusError(.differentiation, "the derivative of a \(fs) with respect to the matrix \(v.name) is not a matrix; differentiate a scalar")
                }
                return v.shape
            } else {
                guard !fs.isMatrix else {
                    throw CalculusError(.differentiation, "the derivative of a \(fs) with respect to the vector \(v.name) is not a matrix")
                }
                shape = Shape(fs.length, v.shape.length)
            }
        } else {
            guard !fs.isMatrix else {
                throw CalculusError(.differentiation, "a Jacobian needs a scalar or a vector of functions, not a \(fs)")
            }
            var columns: [Dimension] = []
            for v in variables {
                if v.shape.isMatrix { throw CalculusError(.differentiation, "the matrix \(v.name) cannot stand in a list of variables") }
                columns.append(v.shape.length)
            }
            let block = Expr.blockShape([columns.map { Expr.zeros(Shape(fs.length, $0)) }])
            shape = block
        }
        if shape.isScalar { return .scalar }
        return layout == .denominator ? shape.transposed : shape
    }
}
