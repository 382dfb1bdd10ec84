import Calculus

/// `mcheck diff --check`: a derivative compared with central finite differences.
public enum DerivativeCheck {
    /// Why a derivative cannot be checked against finite differences.
    public enum Refusal: Error, Sendable, Equatable {
        /// Finite differences perturb one variable; a list of variables (`[x, y]`) or several are not checked.
        case severalVariables
    }

    /// Compares `derivative`, the result of `request` (the derivative of `function`), with finite differences of
    /// `function` at points meeting `conditions`.
    public static func run(_ function: Expr, request: DerivativeRequest, derivative: Expr, conditions: [Condition]) throws -> FiniteDifferences.Report {
        guard request.variables.count == 1, !request.variableList else { throw Refusal.severalVariables }
        return try FiniteDifferences.check(function, wrt: request.variables[0], derivative: inNumeratorLayout(derivative, of: request), conditions: conditions)
    }

    /// Finite differences lay a derivative out in numerator layout; a denominator-layout result with respect to a
    /// vector or scalar is its transpose (a derivative with respect to a matrix has the matrix's shape in both).
    static func inNumeratorLayout(_ derivative: Expr, of request: DerivativeRequest) -> Expr {
        request.layout == .denominator && !request.variables[0].shape.isMatrix ? .transposed(derivative) : derivative
    }
}
