/// The functions applied element-wise: each owns its value and its derivative.
public enum ElementwiseFunction: String, Hashable, Sendable, CaseIterable {
    case sin, cos, tan, exp, ln, sqrt, abs, sinh, cosh, tanh, sigmoid
    /// The unit step (1 where the argument is positive, else 0) and the sign: the ReLU's and abs's derivatives.
    case step, sign

    /// Reads a function name as students and authors write it (`log` is the natural logarithm).
    public init?(name: String) {
        switch name {
        case "log": self = .ln
        case "heaviside": self = .step
        case "sgn": self = .sign
        default: self.init(rawValue: name)
        }
    }

    public func evaluate(_ x: Double) -> Double {
        switch self {
        case .sin: return cMath_sin(x)
        case .cos: return cMath_cos(x)
        case .tan: return cMath_tan(x)
        case .exp: return cMath_exp(x)
        case .ln: return x > 0 ? cMath_log(x) : (x == 0 ? -.infinity : .nan)
        case .sqrt: return x >= 0 ? x.squareRoot() : .nan
        case .abs: return Swift.abs(x)
        case .sinh: return cMath_sinh(x)
        case .cosh: return cMath_cosh(x)
        case .tanh: return cMath_tanh(x)
        case .sigmoid: return 1 / (1 + cMath_exp(-x))
        case .step: return x > 0 ? 1 : 0
        case .sign: return x > 0 ? 1 : (x < 0 ? -1 : 0)
        }
    }

    /// f'(u), written in terms of u; the chain rule multiplies by du in one place (the differentiator).
    public func derivative(at u: Expr) -> Expr {
        switch self {
        case .sin: return .apply(.cos, u)
        case .cos: return Expr.negate(.apply(.sin, u))
        case .tan: return Expr.raise(.apply(.cos, u), .integer(-2))
        case .exp: return .apply(.exp, u)
        case .ln: return Expr.raise(u, .integer(-1))
        case .sqrt: return Expr.elementwiseProduct([.number(.fraction(1, 2)), Expr.raise(.apply(.sqrt, u), .integer(-1))])
        case .abs: return .piecewise(Condition(u, .greater, .integer(0)), .integer(1), .integer(-1))
        case .sinh: return .apply(.cosh, u)
        case .cosh: return .apply(.sinh, u)
        case .tanh: return Expr.sum([.integer(1), Expr.negate(Expr.raise(.apply(.tanh, u), .integer(2)))])
        case .sigmoid:
            let s = Expr.apply(.sigmoid, u)
            return Expr.elementwiseProduct([s, Expr.sum([.integer(1), Expr.negate(s)])])
        case .step, .sign:
            // Zero away from the jump at 0 (the sampler keeps points off it).
            return u.shape.isScalar ? .zero : .zeros(u.shape)
        }
    }

    /// Where the function is defined, as a condition on its argument (used to draw sample points).
    public var domain: Condition.Relation? {
        switch self {
        case .ln: return .greater
        case .sqrt: return .greaterEqual
        default: return nil
        }
    }

    public var latex: String {
        switch self {
        case .sin, .cos, .tan, .exp, .ln, .sinh, .cosh, .tanh: return "\\" + rawValue
        case .sqrt: return "\\sqrt"
        case .abs: return "\\operatorname{abs}"
        case .sigmoid: return "\\sigma"
        case .step: return "\\operatorname{step}"
        case .sign: return "\\operatorname{sign}"
        }
    }
}
