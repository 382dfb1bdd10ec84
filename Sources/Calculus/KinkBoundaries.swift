/// Points beside the boundary of every kink, wherever it lies: a piecewise answer can be wrong only past a kink
/// at 100, which points drawn near the origin never reach.
///
/// A kink is a condition `lhs > rhs` (of `if`, `max`, `min`, `abs`, `step`, `sign`, of the truth or of the answer).
/// Along one coordinate that the condition depends on (a scalar, or one entry of a vector or matrix), the
/// boundary is solved where `lhs - rhs` is linear in it, and bracketed and bisected otherwise; points are placed
/// just beside it and a little further out on both sides, all within the `where:` conditions.
extension Sampler {
    /// How many kinks have their boundary solved (the rest are covered by random points).
    static let kinksSolved = 8
    /// Where the boundary is looked for along a coordinate when it is not linear.
    static let bracketGrid: [Double] = [-1000, -300, -100, -30, -10, -3, -1, -0.3, 0, 0.3, 1, 3, 10, 30, 100, 300, 1000]

    mutating func boundaryPoints() -> [Environment] {
        var out: [Environment] = []
        for kink in kinks.prefix(Sampler.kinksSolved) {
            guard let base = basePoint() else { break }
            for coordinate in coordinates(moving: kink, at: base).prefix(2) {
                for root in crossings(of: kink, along: coordinate, from: base) {
                    out += beside(root, of: kink, along: coordinate, from: base)
                }
            }
        }
        return out
    }

    /// A point where the conditions hold, drawn near the origin.
    mutating func basePoint() -> Environment? {
        for _ in 0..<20 {
            let env = candidate()
            if conditions.isEmpty || Sampler.holds(conditions, in: env) == true { return env }
        }
        return nil
    }

    /// One entry of one variable.
    struct Coordinate { var name: String; var entry: Int }

    /// `lhs - rhs` of the condition at a point (its first entry when it is a vector); nil where undefined.
    static func gap(_ kink: Condition, in env: Environment) -> Double? {
        var ev = Evaluator(env)
        guard let l = try? ev.evaluate(kink.lhs), let r = try? ev.evaluate(kink.rhs) else { return nil }
        let g = l.entries[0] - r.entries[0]
        return g.isFinite ? g : nil
    }

    static func moved(_ env: Environment, _ c: Coordinate, to t: Double) -> Environment {
        var e = env
        guard let v = e.values[c.name] else { return e }
        switch v {
        case .scalar: e.values[c.name] = .scalar(t)
        case .matrix(let r, let cols, var d): d[c.entry] = t; e.values[c.name] = .matrix(rows: r, cols: cols, data: d)
        }
        return e
    }

    /// The coordinates whose change moves the condition, scalars first.
    func coordinates(moving kink: Condition, at base: Environment) -> [Coordinate] {
        guard let g0 = Sampler.gap(kink, in: base) else { return [] }
        var out: [Coordinate] = []
        for v in variables.sorted(by: { ($0.shape.isScalar ? 0 : 1, $0.name) < ($1.shape.isScalar ? 0 : 1, $1.name) }) {
            guard let value = base.values[v.name] else { continue }
            for k in 0..<Swift.min(value.count, 2) {
                let c = Coordinate(name: v.name, entry: k)
                if let g1 = Sampler.gap(kink, in: Sampler.moved(base, c, to: value.entries[k] + 1)), g1 != g0 { out.append(c) }
            }
            if out.count >= 2 { break }
        }
        return out
    }

    /// Where the condition's two sides meet along a coordinate.
    func crossings(of kink: Condition, along c: Coordinate, from base: Environment) -> [Double] {
        func h(_ t: Double) -> Double? { Sampler.gap(kink, in: Sampler.moved(base, c, to: t)) }
        let t0 = base.values[c.name]!.entries[c.entry]
        if let h0 = h(t0), let h1 = h(t0 + 1), let h2 = h(t0 + 2), h1 != h0,
           abs(h2 - 2 * h1 + h0) <= 1e-9 * (abs(h0) + abs(h1) + abs(h2) + 1) {
            return [t0 - h0 / (h1 - h0)]
        }
        var roots: [Double] = []
        var previous: (t: Double, h: Double)? = nil
        for t in Sampler.bracketGrid {
            guard let ht = h(t) else { previous = nil; continue }
            if let p = previous, (p.h < 0) != (ht < 0) {
                var lo = p, hi = (t: t, h: ht)
                for _ in 0..<60 {
                    let mid = (lo.t + hi.t) / 2
                    guard let hm = h(mid) else { break }
                    if (hm < 0) == (lo.h < 0) { lo = (mid, hm) } else { hi = (mid, hm) }
                }
                roots.append((lo.t + hi.t) / 2)
                if roots.count == 3 { break }
            }
            previous = (t, ht)
        }
        return roots
    }

    /// Points just beside the boundary and a little further out, on both sides, that meet the conditions.
    func beside(_ root: Double, of kink: Condition, along c: Coordinate, from base: Environment) -> [Environment] {
        let unit = Swift.max(1, abs(root))
        var out: [Environment] = []
        for offset in [1e-3, -1e-3, 0.25, -0.25] {
            let env = Sampler.moved(base, c, to: root + offset * unit)
            guard Sampler.gap(kink, in: env) != nil else { continue }
            if conditions.isEmpty || Sampler.holds(conditions, in: env) == true { out.append(env) }
        }
        return out
    }
}
