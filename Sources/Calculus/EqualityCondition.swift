/// A `where:` equality that sample points are made to meet, since random points never meet one by chance:
/// `sum(y) = 1` (a probability vector or a one-hot target, as a cross-entropy gradient `p - y` needs; also
/// `ones(n)^T y = 1` and `\sum_{i=1}^{n} y_i = 1`), `y_k = c` (one entry) and `b = c` (a whole variable, `c` of its shape), each the other way round
/// too (`1 = sum(y)`), `c` an expression of other variables. Any other equality cannot be met by drawing points, and
/// `where:` refuses it (`unsupportedMessage`). Not in the page's grader (Embedded Swift), whose WebAssembly has no room
/// for it yet: there `=` in `where:` stays an error.
#if !hasFeature(Embedded)
struct EqualityCondition {
    /// The variable the equality fixes.
    var name: String
    /// What it fixes: the whole variable (0), entry k (k ≥ 1), or the sum of its entries (-1).
    var part: Int
    /// What that equals (it does not mention the variable).
    var value: Expr

    static let unsupportedMessage = "points cannot be drawn where an equality like this holds; an equality in where: fixes a name (b = 0), an entry (y_1 = 0) or a sum (sum(y) = 1) to a value that does not depend on it"

    /// The equality read as a variable, a part of it, and a value; nil when it is none of the forms that can be met.
    init?(_ c: Condition) {
        guard c.relation == .equal else { return nil }
        for (side, other) in [(lhs: c.lhs, rhs: c.rhs), (lhs: c.rhs, rhs: c.lhs)] {
            var part = 0, target = Simplifier.simplify(side)
            if case .sum(let x) = target { part = -1; target = x }
            // `\sum_{i=1}^{n} y_i`, to y's size.
            if case .series(let i, let lo, .variable(let size), .index(let y, .variable(let j))) = target, lo.isOne, j == i, y.shape.rows == .named(size.name) {
                part = -1; target = y
            }
            if case .index(let base, .number(let k)) = target, part == 0, k.isInteger, !k.isNegative, !k.isZero, base.shape.isColumn {
                part = Int(k.double); target = base
            }
            // A whole variable equals a value of its own shape: `y = 1` for a vector y is more likely a misread `1^T y = 1`.
            guard case .variable(let v) = target, v.kind == .plain, !other.depends(on: v), part != 0 || side.shape == other.shape else { continue }
            name = v.name; self.part = part; value = other
            return
        }
        return nil
    }

    /// Changes the point so that the equality holds (where its value can be evaluated): the variable or entry set, or,
    /// for a sum, the entries shifted by one amount (any signs) or, when `positive` and the sum is positive, their
    /// magnitudes scaled (a probability vector).
    func impose(on env: inout Environment, positive: Bool) {
        var ev = Evaluator(env)
        guard let wanted = try? ev.evaluate(value), let current = env.values[name] else { return }
        var entries = current.entries
        let c = wanted.entries[0]
        if part == 0 {
            guard wanted.count == current.count else { return }
            entries = wanted.entries
        } else if part > 0 {
            guard part <= entries.count else { return }
            entries[part - 1] = c
        } else if positive && c > 0 {
            let total = entries.reduce(0) { $0 + abs($1) }
            entries = entries.map { abs($0) * c / total }
        } else {
            let shift = (c - entries.reduce(0, +)) / Double(entries.count)
            entries = entries.map { $0 + shift }
            // The last entry takes what rounding left, so that the sum is c exactly (`sum(y) = 0` in a denominator).
            if let last = entries.indices.last { entries[last] = c - entries[..<last].reduce(0, +) }
        }
        env.values[name] = Value.make(current.rows, current.cols, entries)
    }
}
#endif

#if !hasFeature(Embedded)
extension Condition {
    /// Whether this is a `where:` equality that fixes one of `names`, or fixes another name to a value that depends on
    /// one: for a derivative with respect to such a name, every answer that is right at that one value would pass.
    public func equalityInvolves(_ names: Set<String>) -> Bool {
        guard let e = EqualityCondition(self) else { return false }
        return names.contains(e.name) || e.value.variables.contains { names.contains($0.name) }
    }
}
#endif
