/// A small, fast, seeded generator (SplitMix64): the same seed gives the same points, so verdicts never change.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Draws sample points: sizes from 2–5 for every named dimension, values for every variable, such that
/// every `where:` condition holds, and covering both sides of every kink (piecewise, max, min, abs).
public struct Sampler {
    public var conditions: [Condition]
    public var expressions: [Expr]
    public var generator: SeededGenerator
    public var sizeRange: ClosedRange<Int> = 2...5

    let variables: [Variable]
    let dimensionNames: [String]
    /// Scalars that pick a unit vector (`e_k` with `k` free, a one-hot target): each is drawn as a whole number
    /// from 1 to the vector's size, the only values at which `e_k` is defined. (A free index of a vector, `z_k`,
    /// and a letter that a sum binds too, are not drawn: a claim may use one letter for both, and they would be
    /// confused.)
    let indexRanges: [(name: String, size: Dimension)]
    /// Conditions at which an expression changes formula; points should fall on both sides.
    public let kinks: [Condition]
    #if !hasFeature(Embedded)
    /// The equalities among the conditions, which each candidate point is made to meet.
    let equalities: [EqualityCondition]
    #endif

    public init(expressions: [Expr], conditions: [Condition] = [], seed: UInt64 = Sampling.seed) {
        self.expressions = expressions
        self.conditions = conditions
        self.generator = SeededGenerator(seed: seed)
        var vars = Set<Variable>()
        var dims = Set<String>()
        var kinks: [Condition] = []
        var indexRanges: [(name: String, size: Dimension)] = []
        var boundNames = Set<String>()
        func indexes(_ i: Expr, _ size: Dimension) {
            guard case .variable(let v) = i, v.kind == .plain, v.shape.isScalar, size != .free,
                  !indexRanges.contains(where: { $0.name == v.name }) else { return }
            indexRanges.append((name: v.name, size: size))
        }
        // The largest numbered entry written (`x_5`, or the variable of `derivative(f, w_5)`): sizes must reach past it.
        var largestEntry = 0
        func visit(_ e: Expr) {
            switch e {
            case .index(_, .number(let k)) where k.isInteger && !k.isNegative:
                largestEntry = Swift.max(largestEntry, Int(Swift.min(k.double, 1_000)))
            case .basis(let i, let n):
                indexes(i, n)
                if case .named(let name) = n { dims.insert(name) }
            case .variable(let v):
                if v.kind != .index { vars.insert(v) }
                if v.kind == .entry, let k = Variable.entryIndex(of: v.name) { largestEntry = Swift.max(largestEntry, Swift.min(k, 1_000)) }
                v.shape.dimensionNames.forEach { dims.insert($0) }
            case .ones(let s), .zeros(let s): s.dimensionNames.forEach { dims.insert($0) }
            case .identity(.named(let n)): dims.insert(n)
            case .piecewise(let c, _, _): if !kinks.contains(c) { kinks.append(c) }
            case .max(let a, let b), .min(let a, let b):
                let c = Condition(a, .greater, b); if !kinks.contains(c) { kinks.append(c) }
            case .apply(let fn, let a) where fn.kinkAtZero:
                let c = Condition(a, .greater, .zero); if !kinks.contains(c) { kinks.append(c) }
            case .series(let i, let lo, let hi, _):
                boundNames.insert(i.name)
                for bound in [lo, hi] { if case .variable(let v) = bound { dims.insert(v.name) } }
            default: break
            }
            e.children.forEach(visit)
        }
        expressions.forEach(visit)
        for c in conditions { visit(c.lhs); visit(c.rhs) }
        // With entry 4 or later written, sizes of 2 to 5 would leave one or two sizes at which the question can be
        // evaluated, and an answer writing x_n for x_5 would pass: sizes then go three past the largest entry.
        if largestEntry >= 4 { sizeRange = 2...(largestEntry + 3) }
        // Sizes used as summation limits are sizes, not sampled values.
        vars = vars.filter { !dims.contains($0.name) || !$0.shape.isScalar }
        self.variables = vars.sorted { $0.name < $1.name }
        self.dimensionNames = dims.sorted()
        self.kinks = kinks
        #if !hasFeature(Embedded)
        var equalities: [EqualityCondition] = []
        for c in conditions { if let e = EqualityCondition(c) { equalities.append(e) } }
        self.equalities = equalities
        #endif
        // A letter a sum also binds (∂/∂x_i of Σ_i x_i²) is not drawn: the two uses would be confused, and the claim
        // stays undecided, as the verifier expects.
        self.indexRanges = indexRanges.filter { !boundNames.contains($0.name) }
    }

    /// A uniform value in [-scale, scale] (scale is 3 unless conditions are hard to meet).
    mutating func draw() -> Double {
        (unit() * 2 - 1) * scale
    }

    /// A value of any magnitude from 10⁻² to 10³, log-uniformly, with either sign: where an answer may be wrong
    /// far from the origin (a branch past a kink at 100) without any kink saying so.
    mutating func drawWide() -> Double {
        let magnitude = cMath_pow(10, -2 + 5 * unit())
        return unit() < 0.5 ? -magnitude : magnitude
    }

    mutating func unit() -> Double { Double(generator.next() >> 11) / 0x1p53 }

    /// A size in `sizeRange`, drawn as `Int.random(in:using:)` draws it where `Int` has 64 bits (Lemire's method on
    /// 64-bit words), so that the WebAssembly build, where it has 32, draws the same sizes.
    mutating func drawSize() -> Int {
        let count = UInt64(sizeRange.count)
        var m = generator.next().multipliedFullWidth(by: count)
        if m.low < count {
            let threshold = (0 &- count) % count
            while m.low < threshold { m = generator.next().multipliedFullWidth(by: count) }
        }
        return sizeRange.lowerBound + Int(m.high)
    }

    /// A whole number from 1 to `n`, uniformly (for an index).
    mutating func drawIndex(upTo n: Int) -> Int {
        Swift.min(n, 1 + Int(unit() * Double(n)))
    }

    /// Half-width of the range values are drawn from; widened when conditions are hard to meet.
    var scale = 3.0
    /// How many of the last `points` were placed beside a kink's boundary.
    public private(set) var boundaryCount = 0

    /// One candidate point; `wide` draws every value log-uniformly up to 10³.
    public mutating func candidate(wide: Bool = false) -> Environment {
        var env = Environment()
        for d in dimensionNames { env.sizes[d] = drawSize() }
        for v in variables {
            if let range = indexRanges.first(where: { $0.name == v.name }), let n = range.size.size(in: env.sizes), n >= 1 {
                env.values[v.name] = .scalar(Double(drawIndex(upTo: n)))
                continue
            }
            let r = v.shape.rows.size(in: env.sizes) ?? 3, c = v.shape.cols.size(in: env.sizes) ?? 3
            if r == 1 && c == 1 { env.values[v.name] = .scalar(wide ? drawWide() : draw()) }
            else { env.values[v.name] = .matrix(rows: r, cols: c, data: (0..<(r * c)).map { _ in wide ? drawWide() : draw() }) }
        }
        // A size used as a value (1/N) is known at the point too.
        for d in dimensionNames where env.values[d] == nil { env.values[d] = .scalar(Double(env.sizes[d]!)) }
        // Equalities are met by construction; a sum half the time with entries of one sign (a probability vector).
        #if !hasFeature(Embedded)
        // Each pass imposes them in order; as many passes as equalities meet one whose value is fixed by a later one
        // (`x = 2 b; b = 1`). A cycle (`x = b; b = 2x`) is left unmet, and its points are refused.
        if !equalities.isEmpty {
            let positive = unit() < 0.5
            for _ in 0..<equalities.count { for equality in equalities { equality.impose(on: &env, positive: positive) } }
        }
        #endif
        return env
    }

    /// Whether a point was drawn far from the origin (some value beyond 10 in magnitude), where rounding in
    /// equal forms of an expression grows and overflow is possible.
    public static func isFar(_ env: Environment) -> Bool {
        env.values.values.contains { $0.entries.contains { abs($0) > 10 } }
    }

    /// Whether every condition holds at the point (element-wise for vectors); nil when it cannot be told.
    public static func holds(_ conditions: [Condition], in env: Environment) -> Bool? {
        var ev = Evaluator(env)
        for c in conditions {
            guard let l = try? ev.evaluate(c.lhs), let r = try? ev.evaluate(c.rhs) else { return nil }
            let le = l.entries, re = r.entries
            let n = Swift.max(le.count, re.count)
            for k in 0..<n {
                let a = le[le.count == 1 ? 0 : k], b = re[re.count == 1 ? 0 : k]
                if !a.isFinite || !b.isFinite { return nil }
                if !c.relation.holds(a, b) { return false }
            }
        }
        return true
    }

    /// Which side of each kink a point falls on (for scalar kinks; vector ones mix sides by themselves).
    func sides(_ env: Environment) -> [Bool?] {
        kinks.map { Sampler.holds([$0], in: env) }
    }

    /// Up to `count` points meeting the conditions, covering both sides of each kink where possible: first the
    /// points beside each kink's boundary (`boundaryPoints`), then random ones, every third drawn wide.
    public mutating func points(count: Int, maxAttempts: Int = 400, boundaries: Bool = true, wide: Bool = true) -> [Environment] {
        let beside = boundaries ? boundaryPoints() : []
        boundaryCount = beside.count
        var accepted: [Environment] = []
        var covering: [Environment] = []
        var seenTrue = [Bool](repeating: false, count: kinks.count)
        var seenFalse = [Bool](repeating: false, count: kinks.count)
        for env in beside {
            for (k, side) in sides(env).enumerated() { if side == true { seenTrue[k] = true }; if side == false { seenFalse[k] = true } }
        }
        var attempts = 0
        while attempts < maxAttempts {
            attempts += 1
            // Conditions such as `x > 5` are rarely met in [-3, 3]: look further out.
            if attempts == maxAttempts / 4 && accepted.count < count / 2 { scale = 30 }
            if attempts == maxAttempts / 2 && accepted.count < count / 2 { scale = 300 }
            let env = candidate(wide: wide && attempts % 3 == 0)
            if !conditions.isEmpty, Sampler.holds(conditions, in: env) != true { continue }
            let s = sides(env)
            let coversNew = s.indices.contains { (s[$0] == true && !seenTrue[$0]) || (s[$0] == false && !seenFalse[$0]) }
            let missing = kinks.indices.contains { !seenTrue[$0] || !seenFalse[$0] }
            // Once enough points are in, only keep ones that cover a side not yet seen.
            if accepted.count + covering.count >= count {
                if !missing { break }
                if !coversNew { continue }
            }
            for k in s.indices { if s[k] == true { seenTrue[k] = true }; if s[k] == false { seenFalse[k] = true } }
            if coversNew { covering.append(env) } else { accepted.append(env) }
            if accepted.count + covering.count >= count + kinks.count * 2 { break }
        }
        // Points beside a boundary, then those that first reached a side of a kink, so a caller that stops early
        // still sees every side.
        return beside + covering + accepted
    }
}
