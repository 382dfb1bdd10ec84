/// The functions applied entry by entry. Each owns, in its one entry of `spec`, everything the engine needs:
/// the names it is typed with, its LaTeX commands, its value (NaN outside its domain), its derivative and how it prints.
/// The chain rule multiplies the derivative by du in one place per mode (the differentiator).
public enum ElementwiseFunction: String, Hashable, Sendable, CaseIterable {
    case sin, cos, tan, sec, csc, cot, asin, acos, atan, exp, ln, sqrt, abs, sinh, cosh, tanh, sech, csch, coth, sigmoid
    /// The unit step (1 where the argument is positive, else 0) and the sign: the ReLU's and abs's derivatives.
    case step, sign

    /// What the engine knows of one element-wise function.
    public struct Spec: Sendable {
        /// How students type it (the first is the canonical ASCII name, `rawValue`); aliases follow.
        public var names: [String]
        /// LaTeX commands that name it (`\sin`); any name may also stand in `\operatorname{…}`.
        public var latexCommands: [String]
        /// Names that mean this function only when called with parentheses (`σ(z)`, `\sigma(z)`).
        public var calledNames: [String] = []
        /// The value at one number; NaN outside the domain.
        public var value: @Sendable (Double) -> Double
        /// f'(u), written in terms of u.
        public var derivative: @Sendable (Expr) -> Expr
        /// Whether its formula changes where the argument crosses 0 (sample points fall on both sides).
        public var kinkAtZero = false
        /// The LaTeX of an application, given the LaTeX of the argument; nil: `\name\left(…\right)`.
        public var latex: (@Sendable (String) -> String)? = nil
    }

    /// The table: one entry per function.
    public var spec: Spec {
        switch self {
        case .sin: return Spec(names: ["sin"], latexCommands: ["sin"], value: cMath_sin, derivative: { .apply(.cos, $0) })
        case .cos: return Spec(names: ["cos"], latexCommands: ["cos"], value: cMath_cos, derivative: { .negate(.apply(.sin, $0)) })
        case .tan: return Spec(names: ["tan"], latexCommands: ["tan"], value: cMath_tan, derivative: { .raise(.apply(.cos, $0), .integer(-2)) })
        case .sec:
            return Spec(names: ["sec"], latexCommands: ["sec"], value: { 1 / cMath_cos($0) },
                        derivative: { .elementwiseProduct([.apply(.sec, $0), .apply(.tan, $0)]) })
        case .csc:
            return Spec(names: ["csc", "cosec"], latexCommands: ["csc"], value: { 1 / cMath_sin($0) },
                        derivative: { .negate(.elementwiseProduct([.apply(.csc, $0), .apply(.cot, $0)])) })
        case .cot:
            return Spec(names: ["cot"], latexCommands: ["cot"], value: { cMath_cos($0) / cMath_sin($0) },
                        derivative: { .negate(.raise(.apply(.sin, $0), .integer(-2))) })
        case .asin:
            // 1/√(1 − u²); undefined (NaN) outside [-1, 1], where sample points are drawn again.
            return Spec(names: ["asin", "arcsin"], latexCommands: ["arcsin"], value: cMath_asin,
                        derivative: { .raise(.sum([.integer(1), .negate(.raise($0, .integer(2)))]), .number(.fraction(-1, 2))) })
        case .acos:
            return Spec(names: ["acos", "arccos"], latexCommands: ["arccos"], value: cMath_acos,
                        derivative: { .negate(.raise(.sum([.integer(1), .negate(.raise($0, .integer(2)))]), .number(.fraction(-1, 2)))) })
        case .atan:
            return Spec(names: ["atan", "arctan"], latexCommands: ["arctan"], value: cMath_atan,
                        derivative: { .raise(.sum([.integer(1), .raise($0, .integer(2))]), .integer(-1)) })
        case .exp: return Spec(names: ["exp"], latexCommands: ["exp"], value: cMath_exp, derivative: { .apply(.exp, $0) })
        case .ln:
            // `log` is the natural logarithm, as in most calculus and machine-learning texts.
            return Spec(names: ["ln", "log"], latexCommands: ["ln", "log"], value: { $0 > 0 ? cMath_log($0) : ($0 == 0 ? -.infinity : .nan) },
                        derivative: { .raise($0, .integer(-1)) })
        case .sqrt:
            return Spec(names: ["sqrt"], latexCommands: [], value: { $0 >= 0 ? $0.squareRoot() : .nan },
                        derivative: { .elementwiseProduct([.number(.fraction(1, 2)), .raise(.apply(.sqrt, $0), .integer(-1))]) },
                        latex: { "\\sqrt{" + $0 + "}" })
        case .abs:
            return Spec(names: ["abs"], latexCommands: [], value: { Swift.abs($0) },
                        derivative: { .piecewise(Condition($0, .greater, .integer(0)), .integer(1), .integer(-1)) },
                        kinkAtZero: true, latex: { "\\left|" + $0 + "\\right|" })
        case .sinh: return Spec(names: ["sinh"], latexCommands: ["sinh"], value: cMath_sinh, derivative: { .apply(.cosh, $0) })
        case .cosh: return Spec(names: ["cosh"], latexCommands: ["cosh"], value: cMath_cosh, derivative: { .apply(.sinh, $0) })
        case .tanh:
            return Spec(names: ["tanh"], latexCommands: ["tanh"], value: cMath_tanh,
                        derivative: { .sum([.integer(1), .negate(.raise(.apply(.tanh, $0), .integer(2)))]) })
        case .sech:
            return Spec(names: ["sech"], latexCommands: [], value: { 1 / cMath_cosh($0) },
                        derivative: { .negate(.elementwiseProduct([.apply(.sech, $0), .apply(.tanh, $0)])) })
        case .csch:
            return Spec(names: ["csch", "cosech"], latexCommands: [], value: { 1 / cMath_sinh($0) },
                        derivative: { .negate(.elementwiseProduct([.apply(.csch, $0), .apply(.coth, $0)])) })
        case .coth:
            return Spec(names: ["coth"], latexCommands: ["coth"], value: { cMath_cosh($0) / cMath_sinh($0) },
                        derivative: { .negate(.raise(.apply(.sinh, $0), .integer(-2))) })
        case .sigmoid:
            return Spec(names: ["sigmoid"], latexCommands: [], calledNames: ["sigma"], value: { 1 / (1 + cMath_exp(-$0)) },
                        derivative: { u in
                            let s = Expr.apply(.sigmoid, u)
                            return .elementwiseProduct([s, .sum([.integer(1), .negate(s)])])
                        }, latex: { "\\sigma\\left(" + $0 + "\\right)" })
        case .step:
            // Zero away from the jump at 0; the jump is a kink, so sample points fall on both sides of it.
            return Spec(names: ["step", "heaviside"], latexCommands: [], value: { $0 > 0 ? 1 : 0 },
                        derivative: { .zero($0.shape) }, kinkAtZero: true)
        case .sign:
            return Spec(names: ["sign", "sgn"], latexCommands: [], value: { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) },
                        derivative: { .zero($0.shape) }, kinkAtZero: true)
        }
    }

    /// The spec of every function, computed once.
    static let specs: [ElementwiseFunction: Spec] = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.spec) })

    var cached: Spec { ElementwiseFunction.specs[self]! }

    /// Reads a function name as students and authors write it (`log` is the natural logarithm).
    public init?(name: String) {
        guard let fn = FunctionTable.entry(named: name), case .elementwise(let f) = fn.form else { return nil }
        self = f
    }

    public func evaluate(_ x: Double) -> Double { cached.value(x) }

    /// f'(u), written in terms of u; the chain rule multiplies by du in one place (the differentiator).
    public func derivative(at u: Expr) -> Expr { cached.derivative(u) }

    /// Whether sample points should fall on both sides of 0 in its argument.
    public var kinkAtZero: Bool { cached.kinkAtZero }

    /// The LaTeX of `f(argument)`, given the argument's LaTeX.
    public func latex(of argument: String) -> String {
        if let custom = cached.latex { return custom(argument) }
        return FunctionTable.latexName(rawValue) + "\\left(" + argument + "\\right)"
    }
}
