/// An expression of the course's language: scalars, vectors and matrices, one tree for ASCII and LaTeX input.
///
/// Nodes are built through the static constructors below (`sum`, `product`, `matrixProduct`, …), which keep
/// a light normal form (flattened sums and products, folded numbers, no `+ 0`, no `1 *`) so every later
/// stage sees tidy trees. Shapes are carried by variables and computed bottom-up (`shape`).
public indirect enum Expr: Hashable, Sendable {
    case number(Number)
    case constant(Constant)
    case variable(Variable)
    /// Element `i` (1-based) of a vector, or member `i` of a family of vectors (a column).
    case index(Expr, Expr)
    /// Sum of terms; a scalar term is expanded over a non-scalar one.
    case add([Expr])
    /// Product of scalars, with at most one non-scalar factor (scaling).
    case mul([Expr])
    /// Matrix product of two or more non-scalar factors, in order.
    case matmul([Expr])
    /// Element-wise product of same-shaped non-scalars (⊗).
    case hadamard([Expr])
    /// Element-wise power with a scalar exponent.
    case power(Expr, Expr)
    case apply(ElementwiseFunction, Expr)
    /// A function of a whole vector (softmax, the norm).
    case applyVector(VectorFunction, Expr)
    case max(Expr, Expr)
    case min(Expr, Expr)
    /// `if(condition, then, else)`, element-wise for vector conditions.
    case piecewise(Condition, Expr, Expr)
    case transpose(Expr)
    /// Sum of all entries (a vector's sum reduction).
    case sum(Expr)
    /// Σ_{index = lower}^{upper} body.
    case series(Variable, Expr, Expr, Expr)
    /// The diagonal matrix with a vector on its diagonal.
    case diag(Expr)
    case trace(Expr)
    case det(Expr)
    case inverse(Expr)
    case ones(Shape)
    case zeros(Shape)
    case identity(Dimension)
    /// e_i: the i-th column of the identity of size n.
    case basis(Expr, Dimension)
    /// A literal matrix, by rows of blocks (entries may be scalars, rows, columns or matrices).
    case block([[Expr]])
    /// An operator not yet applied: `d/dx f`, `∂f/∂w`, `∇f`, a Jacobian.
    case derivative(DerivativeRequest)
}

extension Expr {
    public static func integer(_ k: Int) -> Expr { .number(Number(k)) }
    public static let zero = Expr.integer(0)
    public static let one = Expr.integer(1)
    public static func symbol(_ name: String) -> Expr { .variable(.scalar(name)) }

    /// The zero of a shape: `0` for a scalar, `zeros(shape)` otherwise.
    public static func zero(_ shape: Shape) -> Expr { shape.isScalar ? .zero : .zeros(shape) }

    public var isZero: Bool {
        switch self {
        case .number(let n): return n.isZero
        case .zeros: return true
        default: return false
        }
    }
    public var isOne: Bool { if case .number(let n) = self { return n.isOne }; return false }
    public var numberValue: Number? { if case .number(let n) = self { return n }; return nil }

    // MARK: Shapes

    public var shape: Shape {
        switch self {
        case .number, .constant, .sum, .trace, .det: return .scalar
        case .variable(let v): return v.shape
        case .index(let base, _):
            if case .variable(let v) = base, v.kind == .family { return .column(v.shape.cols) }
            let s = base.shape
            return s.isMatrix ? .column(s.cols) : .scalar
        case .add(let xs), .hadamard(let xs): return Expr.broadcastShape(xs.map({ $0.shape }))
        case .mul(let xs): return xs.lazy.map({ $0.shape }).first { !$0.isScalar } ?? .scalar
        case .matmul(let xs):
            guard let first = xs.first, let last = xs.last else { return .scalar }
            let s = Shape(first.shape.rows, last.shape.cols)
            return s.isScalar ? .scalar : s
        case .power(let b, _), .apply(_, let b), .inverse(let b): return b.shape
        case .applyVector(let fn, let u): return fn.shape(of: u.shape)
        case .max(let a, let b), .min(let a, let b): return Expr.broadcastShape([a.shape, b.shape])
        case .piecewise(let c, let a, let b):
            return Expr.broadcastShape([c.lhs.shape, c.rhs.shape, a.shape, b.shape])
        case .transpose(let x): return x.shape.transposed
        case .series(_, _, _, let body): return body.shape
        case .diag(let v): let n = v.shape.length; return Shape(n, n)
        case .ones(let s), .zeros(let s): return s
        case .identity(let n): return Shape(n, n)
        case .basis(_, let n): return .column(n)
        case .block(let rows): return Expr.blockShape(rows)
        case .derivative(let request): return request.resultShape
        }
    }

    static func broadcastShape(_ shapes: [Shape]) -> Shape {
        var result = Shape.scalar
        for s in shapes where !s.isScalar {
            result = result.isScalar ? s : result.unified(with: s)
        }
        return result
    }

    static func blockShape(_ rows: [[Expr]]) -> Shape {
        func add(_ a: Dimension, _ b: Dimension) -> Dimension {
            if case .fixed(let x) = a, case .fixed(let y) = b { return .fixed(x + y) }
            return .named("\(a)+\(b)")
        }
        var height: Dimension? = nil
        for row in rows {
            let h = row.first?.shape.rows ?? .one
            height = height.map { add($0, h) } ?? h
        }
        var width: Dimension? = nil
        for entry in rows.first ?? [] {
            let w = entry.shape.cols
            width = width.map { add($0, w) } ?? w
        }
        return Shape(height ?? .one, width ?? .one)
    }

    /// Whether the expression mentions the variable (by name).
    public func depends(on v: Variable) -> Bool {
        switch self {
        case .number, .constant, .ones, .zeros, .identity: return false
        case .variable(let u): return u.name == v.name
        case .derivative(let r): return r.function.depends(on: v) || r.variables.contains { $0.name == v.name }
        default: return children.contains { $0.depends(on: v) }
        }
    }

    /// The direct subexpressions, in order.
    public var children: [Expr] {
        switch self {
        case .number, .constant, .variable, .ones, .zeros, .identity: return []
        case .index(let a, let b), .power(let a, let b), .max(let a, let b), .min(let a, let b): return [a, b]
        case .add(let xs), .mul(let xs), .matmul(let xs), .hadamard(let xs): return xs
        case .apply(_, let x), .applyVector(_, let x), .transpose(let x), .sum(let x), .diag(let x), .trace(let x), .det(let x), .inverse(let x):
            return [x]
        case .piecewise(let c, let a, let b): return [c.lhs, c.rhs, a, b]
        case .series(_, let lo, let hi, let body): return [lo, hi, body]
        case .basis(let i, _): return [i]
        case .block(let rows): return rows.flatMap { $0 }
        case .derivative(let r): return [r.function]
        }
    }

    /// All variables the expression mentions (summation indices excluded).
    public var variables: Set<Variable> {
        var out = Set<Variable>()
        func visit(_ e: Expr) {
            if case .variable(let v) = e { if v.kind != .index { out.insert(v) }; return }
            if case .derivative(let r) = e { r.variables.forEach { out.insert($0) } }
            e.children.forEach(visit)
        }
        visit(self)
        return out
    }

    /// The number of nodes (used to prefer the smaller of two equal forms).
    public var size: Int { 1 + children.reduce(0) { $0 + $1.size } }
}
