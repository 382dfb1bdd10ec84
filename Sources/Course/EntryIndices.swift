import Calculus

/// A claim about entry `i` of a vector, `\frac{\partial}{\partial w_i}(w_i + x_i) = 1`, names the entry with a letter
/// that no sum binds. The sampler draws scalars from the reals, and an index must be a whole number, so such a claim
/// is checked at each of the indices 1 and 2 in turn (`Sampling` draws every free size from 2 up, and a fixed size
/// below 2 has no entry 2: that point is skipped).
enum EntryIndices {
    static let values = [1, 2]

    /// The scalar names used as an index (`w_i`, the `i` of `\frac{\partial}{\partial w_i}`) that no sum binds.
    static func free(in e: Expr, bound: Set<String> = []) -> Set<String> {
        var out = Set<String>()
        func indexName(_ index: Expr) {
            if case .variable(let v) = index, v.kind == .plain, v.shape.isScalar, !bound.contains(v.name) { out.insert(v.name) }
        }
        switch e {
        case .index(_, let index): indexName(index)
        case .basis(let index, _): indexName(index)
        case .series(let v, let lo, let hi, let body):
            return free(in: lo, bound: bound).union(free(in: hi, bound: bound)).union(free(in: body, bound: bound.union([v.name])))
        default: break
        }
        for child in e.children { out.formUnion(free(in: child, bound: bound)) }
        return out
    }

    /// The names the sums in `e` bind.
    static func bound(in e: Expr) -> Set<String> {
        var out = Set<String>()
        if case .series(let v, _, _, _) = e { out.insert(v.name) }
        for child in e.children { out.formUnion(bound(in: child)) }
        return out
    }

    /// The free indices of a claim's two sides, none when a sum in it binds the same letter (`\frac{\partial C}{\partial
    /// v_i}` with `C = \frac{1}{N}\sum_{i=1}^{N} v_i^2`: entry i and the sum's i cannot be told apart).
    static func free(in sides: [Expr]) -> [String] {
        let free = sides.reduce(into: Set<String>()) { $0.formUnion(EntryIndices.free(in: $1)) }
        let bound = sides.reduce(into: Set<String>()) { $0.formUnion(EntryIndices.bound(in: $1)) }
        return free.isDisjoint(with: bound) ? free.sorted() : []
    }

    /// Every assignment of the values to `names` (sorted), as substitutions, with its description: `i = 1, j = 2`.
    static func assignments(_ names: [String]) -> [(map: [String: Expr], description: String)] {
        var out: [(map: [String: Expr], description: String)] = [([:], "")]
        for name in names {
            out = out.flatMap { partial in
                values.map { k in
                    var map = partial.map
                    map[name] = .integer(k)
                    return (map, partial.description.isEmpty ? "\(name) = \(k)" : partial.description + ", \(name) = \(k)")
                }
            }
        }
        return out
    }
}
