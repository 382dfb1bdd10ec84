/// A `where:` equality that sample points are made to meet, since random points never meet one by chance:
/// `sum(y) = 1` (a probability vector or a one-hot target, as a cross-entropy gradient `p - y` needs), `y_k = c`
/// (one entry) and `b = c` (a whole variable), each side the other way round too (`1 = sum(y)`), `c` an expression
/// of other variables. `1^T y` and `\sum_i y_i` (to the size of y) are sums too. Any other equality cannot be met
/// by drawing points, and `where:` refuses it (`unsupportedMessage`).
struct EqualityCondition {
    enum Target: Equatable {
        /// The whole variable.
        case value(String)
        /// Entry k (1-based) of a vector.
        case entry(String, Int)
        /// The sum of all entries.
        case sum(String)

        var name: String {
            switch self {
            case .value(let n), .entry(let n, _), .sum(let n): return n
            }
        }
    }
    var target: Target
    /// What the target equals (it does not mention the target's variable).
    var value: Expr

    static let unsupportedMessage = "points cannot be drawn where an equality like this holds; an equality in where: fixes a name (b = 0), an entry (y_1 = 0) or a sum (sum(y) = 1) to a value that does not depend on it"

    /// The equality read as a target and its value; nil when it is none of the forms that can be met.
    init?(_ c: Condition) {
        guard c.relation == .equal else { return nil }
        for (side, other) in [(c.lhs, c.rhs), (c.rhs, c.lhs)] {
            guard let t = EqualityCondition.target(side), !other.depends(on: Variable(t.name)) else { continue }
            // A whole variable equals a value of its own shape: `y = 1` for a vector y is more likely a misread `1^T y = 1`.
            if case .value = t, side.shape != other.shape { continue }
            target = t; value = other
            return
        }
        return nil
    }

    static func target(_ side: Expr) -> Target? {
        func plain(_ e: Expr) -> Variable? {
            if case .variable(let v) = e, v.kind == .plain { return v }
            return nil
        }
        switch Simplifier.simplify(side) {
        case .variable(let v) where v.kind == .plain: return .value(v.name)
        case .index(let base, .number(let k)) where k.isInteger && !k.isNegative && !k.isZero:
            guard let v = plain(base), v.shape.isColumn else { return nil }
            return .entry(v.name, Int(k.double))
        case .sum(let x):
            return plain(x).map { .sum($0.name) }
        case .series(let i, .number(let lo), .variable(let size), .index(let base, .variable(let j))) where lo.isOne && j == i:
            guard let v = plain(base), v.shape.isColumn, v.shape.rows == .named(size.name) else { return nil }
            return .sum(v.name)
        default: return nil
        }
    }

    /// Changes the point so that the equality holds (when the value can be evaluated there): the target set, or, for a
    /// sum, the entries shifted by one amount (any signs) or, when `positive` and the sum is positive, their magnitudes
    /// scaled (entries of a probability vector).
    func impose(on env: inout Environment, positive: Bool) {
        var ev = Evaluator(env)
        guard let wanted = try? ev.evaluate(value), let current = env.values[target.name] else { return }
        switch target {
        case .value:
            guard wanted.count == current.count else { return }
            env.values[target.name] = Value.make(current.rows, current.cols, wanted.entries)
        case .entry(_, let k):
            guard wanted.count == 1, k <= current.count else { return }
            var entries = current.entries
            entries[k - 1] = wanted.entries[0]
            env.values[target.name] = Value.make(current.rows, current.cols, entries)
        case .sum:
            guard wanted.count == 1 else { return }
            let c = wanted.entries[0]
            var entries = current.entries
            if positive && c > 0 {
                let total = entries.reduce(0) { $0 + abs($1) }
                guard total > 0 else { return }
                entries = entries.map { abs($0) * c / total }
            } else {
                let shift = (c - entries.reduce(0, +)) / Double(entries.count)
                entries = entries.map { $0 + shift }
            }
            env.values[target.name] = Value.make(current.rows, current.cols, entries)
        }
    }
}
