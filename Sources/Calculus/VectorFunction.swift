/// Functions of a whole vector: each owns, in its one entry of `spec`, its names, the shape of its value, its
/// value and its Jacobian. The differentiator's three modes multiply by that Jacobian in one place each.
public enum VectorFunction: String, Hashable, Sendable, CaseIterable {
    /// softmax(x)_i = exp(x_i) / Σ_j exp(x_j), a vector of x's shape.
    case softmax
    /// The Euclidean norm ‖x‖₂, a scalar.
    case norm

    public struct Spec: Sendable {
        /// How students type it (the canonical ASCII name first).
        public var names: [String]
        /// LaTeX commands that name it.
        public var latexCommands: [String] = []
        /// Whether the value is a scalar (else it has the argument's shape).
        public var isScalar: Bool
        /// The value at the entries of a vector.
        public var value: @Sendable ([Double]) -> [Double]
        /// The Jacobian ∂f/∂u at a column u (numerator layout: one row per entry of f; a row for a scalar f).
        public var jacobian: @Sendable (Expr) -> Expr
    }

    public var spec: Spec {
        switch self {
        case .softmax:
            return Spec(names: ["softmax"], isScalar: false, value: { x in
                let top = x.max() ?? 0
                let e = x.map { cMath_exp($0 - top) }
                let total = e.reduce(0, +)
                return e.map { $0 / total }
            }, jacobian: { u in
                // diag(s) - s sᵀ
                let s = Expr.applyVector(.softmax, u)
                return .sum([.diag(s), .negate(.matrixProduct([s, .transposed(s)]))])
            })
        case .norm:
            return Spec(names: ["norm"], isScalar: true, value: { x in
                [x.reduce(0) { $0 + $1 * $1 }.squareRoot()]
            }, jacobian: { u in
                // uᵀ / ‖u‖
                .product([.raise(.applyVector(.norm, u), .integer(-1)), .transposed(u)])
            })
        }
    }

    static let specs: [VectorFunction: Spec] = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.spec) })
    var cached: Spec { VectorFunction.specs[self]! }

    /// The shape of f(u) for a vector u.
    public func shape(of argument: Shape) -> Shape { cached.isScalar ? .scalar : argument }

    /// The value at a vector's entries.
    public func evaluate(_ entries: [Double]) -> [Double] { cached.value(entries) }

    /// ∂f/∂u at u, taken as a column.
    public func jacobian(at u: Expr) -> Expr { cached.jacobian(asColumn(u)) }

    /// The LaTeX of `f(argument)`, given the argument's LaTeX.
    public func latex(of argument: String) -> String {
        FunctionTable.latexName(rawValue) + "\\left(" + argument + "\\right)"
    }
}
