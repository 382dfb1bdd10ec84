import Calculus

/// What the diagnosis rules look at: the truth and the answer, and both evaluated at the same sample points.
struct Evidence {
    let truth: Expr
    let answer: Expr
    let conditions: [Condition]
    let layout: Layout
    /// Whether the question differentiates a scalar with respect to a matrix, whose derivative has the matrix's shape.
    var byMatrix = false
    /// Points where both are finite and of the same size, with the truth's value and the answer's.
    var pairs: [(Environment, Value, Value)] = []
    /// The kinks (conditions of max, min and cases) the sampler found.
    var kinks: [Condition] = []

    var shape: Shape { truth.shape }

    /// Evaluates the truth and the answer at ten sample points.
    mutating func sample() {
        var sampler = Sampler(expressions: [truth, answer], conditions: conditions)
        pairs = []
        for env in sampler.points(count: Sampling.decisionPoints) {
            var ev = Evaluator(env)
            guard let t = try? ev.evaluate(truth), let a = try? ev.evaluate(answer), t.isFinite, a.isFinite, t.count == a.count else { continue }
            pairs.append((env, t, a))
        }
        kinks = sampler.kinks
    }

    var layoutNote: String {
        if byMatrix {
            return "the derivative of a scalar with respect to a matrix has the matrix's shape in this course: entry (j, k) is the derivative with respect to entry (j, k) of the matrix"
        }
        return layout == .numerator
            ? "the denominator layout, but the course uses numerator layout (one row per function, a gradient is a row)"
            : "the numerator layout, but this exercise asks for the denominator layout"
    }

    /// Whether two expressions agree at sample points (used to test a suspected mistake). Not inlined: every rule
    /// calls it, and a copy in each costs the page's module its size.
    @inline(never)
    func numericallyEqual(_ a: Expr, _ b: Expr) -> Bool {
        var eq = Equivalence(conditions: conditions)
        eq.samples = Sampling.diagnosisPoints
        return eq.numeric(a, b).isEqual
    }

    @inline(never)
    static func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Equivalence.close($0, $1) }
    }

    /// A condition as it is printed: `w . x_i + b > 0`.
    @inline(never)
    static func say(_ c: Condition) -> String { Printer.ascii(c.lhs) + " " + c.relation.rawValue + " " + Printer.ascii(c.rhs) }

    /// The kinks inside a sum Σ_i of the truth or the answer, with the sum's index and limits: conditions that
    /// depend on the index, so that each term has a kink of its own.
    var kinksInSums: [(index: Variable, lower: Expr, upper: Expr, kink: Condition)] {
        var out: [(index: Variable, lower: Expr, upper: Expr, kink: Condition)] = []
        func mentions(_ e: Expr, _ v: Variable) -> Bool {
            if case .variable(let w) = e { return w == v }
            return e.children.contains { mentions($0, v) }
        }
        func visit(_ e: Expr) {
            if case .series(let i, let lo, let hi, _) = e {
                for k in kinks where k.testsScalars && (mentions(k.lhs, i) || mentions(k.rhs, i))
                    && !out.contains(where: { $0.0 == i && $0.3 == k }) {
                    out.append((i, lo, hi, k))
                }
            }
            e.children.forEach(visit)
        }
        visit(truth)
        visit(answer)
        return out
    }

    /// Whether a kink's condition holds for every term of a sum at a point (nil where it cannot be told).
    @inline(never)
    static func holdsForEveryTerm(_ kink: Condition, _ index: Variable, _ lower: Expr, _ upper: Expr, in env: Environment) -> Bool? {
        var ev = Evaluator(env)
        guard let lo = try? ev.evaluate(lower).entries.first, let hi = try? ev.evaluate(upper).entries.first,
              lo.isFinite, hi.isFinite, lo <= hi, hi - lo < 10_000 else { return nil }
        var point = env
        for k in Int(lo)...Int(hi) {
            point.values[index.name] = .scalar(Double(k))
            guard let holds = Sampler.holds([kink], in: point) else { return nil }
            if !holds { return false }
        }
        return true
    }

    /// Whether the answer is wrong just past a kink in a sum, crossed from `env` (on the side where the condition
    /// holds for every term when `rightSide`, else on the other) by moving one scalar the kink depends on: nil when
    /// no such move crosses it.
    /// The side (`side(point)`: true, false, or nil for a point on neither) where the answer is right at every
    /// sampled point, when it is wrong at every point of the other side and both sides were sampled; else nil.
    @inline(never)
    func rightSide(_ side: (Environment) -> Bool?) -> Bool? {
        /// One side's points: whether any was sampled, and whether the answer is right (wrong) at all of them.
        struct Tally { var seen = false, allRight = true, allWrong = true }
        var whenTrue = Tally(), whenFalse = Tally()
        for (env, t, a) in pairs {
            guard let s = side(env) else { continue }
            let ok = Evidence.close(t.entries, a.entries)
            func add(_ tally: inout Tally) { tally.seen = true; tally.allRight = tally.allRight && ok; tally.allWrong = tally.allWrong && !ok }
            if s { add(&whenTrue) } else { add(&whenFalse) }
        }
        guard whenTrue.seen && whenFalse.seen else { return nil }
        if whenTrue.allRight && whenFalse.allWrong { return true }
        if whenFalse.allRight && whenTrue.allWrong { return false }
        return nil
    }

    func wrongJustPast(_ kink: Condition, _ index: Variable, _ lower: Expr, _ upper: Expr, from env: Environment, rightSide: Bool) -> Bool? {
        wrongJustPast(kink, from: env, rightSide: rightSide) { Evidence.holdsForEveryTerm(kink, index, lower, upper, in: $0) }
    }

    /// Whether the answer is wrong just past a kink, crossed from `env` (on the side where `side` is `rightSide`)
    /// by moving one scalar the kink depends on: nil when no such move crosses it.
    func wrongJustPast(_ kink: Condition, from env: Environment, rightSide: Bool, side: (Environment) -> Bool?) -> Bool? {
        let scalars = (kink.lhs.variables.union(kink.rhs.variables)).filter { $0.shape.isScalar && $0.kind == .plain }.sorted { $0.name < $1.name }
        func value(_ point: Environment, _ v: Variable) -> Double? { point.values[v.name]?.entries.first }
        func moved(_ v: Variable, to x: Double) -> Environment { var p = env; p.values[v.name] = .scalar(x); return p }
        for v in scalars {
            guard let start = value(env, v) else { continue }
            for direction in [-1.0, 1.0] {
                var inside = start, outside: Double? = nil
                var step = 0.25
                while step <= 4096 {
                    let x = start + direction * step
                    if side(moved(v, to: x)) == rightSide { inside = x } else if side(moved(v, to: x)) != nil { outside = x; break }
                    step *= 2
                }
                guard var far = outside else { continue }
                for _ in 0..<60 {
                    let mid = (inside + far) / 2
                    guard let s = side(moved(v, to: mid)) else { break }
                    if s == rightSide { inside = mid } else { far = mid }
                }
                // Just past the kink (1e-6 of the way), and a little further (1e-3).
                var results: [Bool] = []
                for offset in [1e-6, 1e-3] {
                    let x = far + direction * offset * (1 + abs(far))
                    let point = moved(v, to: x)
                    guard side(point) == !rightSide else { continue }
                    var ev = Evaluator(point)
                    guard let t = try? ev.evaluate(truth), let a = try? ev.evaluate(answer), t.isFinite, a.isFinite, t.count == a.count else { continue }
                    results.append(!Evidence.close(t.entries, a.entries))
                }
                // Wrong at either: an error that vanishes at the kink (x^2 for 0) is still wrong a little further.
                if !results.isEmpty { return results.contains(true) }
            }
        }
        return nil
    }

    /// The one constant c with answer = c · truth at every point, if there is one.
    var constantRatio: Double? {
        var ratio: Double? = nil
        for (_, t, a) in pairs {
            for (x, y) in zip(t.entries, a.entries) {
                if abs(x) < Tolerances.relative { if abs(y) > Tolerances.relative { return nil } else { continue } }
                let r = y / x
                if let c = ratio { if !Equivalence.close(c, r, tolerance: Tolerances.ratio) { return nil } } else { ratio = r }
            }
        }
        guard let c = ratio, !Equivalence.close(c, 1), c != 0 else { return nil }
        return c
    }
}

/// What a rule found: the feedback, and the score the answer earns (a share of right entries, else 0).
struct Finding {
    var feedback: Feedback
    var score = 0.0
}

/// One pattern a wrong answer of the right shape can show. The rules are tried in order; the first that finds
/// its pattern gives the specific feedback.
struct DiagnosisRule: Sendable {
    let find: @Sendable (Evidence) -> Finding?

    static let valueRules: [DiagnosisRule] = [transposedSquare, constantFactor, sizeFactor, kinkSide, kinkInSum, swappedCases, misplacedKink, layerMask, wrongEntries, diagonal]

    /// The transpose of a square matrix.
    static let transposedSquare = DiagnosisRule { e in
        guard e.shape.isMatrix, !e.pairs.isEmpty,
              e.pairs.allSatisfy({ Evidence.close($0.1.transposed.entries, $0.2.entries) }),
              !e.pairs.allSatisfy({ Evidence.close($0.1.entries, $0.1.transposed.entries) }) else { return nil }
        return Finding(feedback: Feedback(.transposed, "this is the transpose of the expected matrix: \(e.layoutNote)"))
    }

    /// A constant factor or the sign.
    static let constantFactor = DiagnosisRule { e in
        guard let c = e.constantRatio else { return nil }
        if Equivalence.close(c, -1) {
            return Finding(feedback: Feedback(.sign, "off by sign: your answer is the negative of the right one"))
        } else if abs(c - 1) < Tolerances.nearMiss {
            return Finding(feedback: Feedback(.factor, "very close, but not equal: your answer is \(describeFactor(c)) times the right one; check the numbers"))
        }
        return Finding(feedback: Feedback(.factor, "off by a constant factor: your answer is \(describeFactor(c)) times the right one (a lost or extra factor, e.g. from the chain rule)"))
    }

    /// Off by a size: the answer is N (or 1/N) times the right one at every point, N a size drawn with the point
    /// (a lost or extra 1/N of a mean).
    static let sizeFactor = DiagnosisRule { e in
        guard e.constantRatio == nil, let names = e.pairs.first?.0.sizes.keys.sorted(), !names.isEmpty else { return nil }
        for name in names {
            for inverse in [false, true] {
                var any = false
                let fits = e.pairs.allSatisfy { env, t, a in
                    guard let size = env.sizes[name] else { return false }
                    let c = inverse ? 1 / Double(size) : Double(size)
                    return zip(t.entries, a.entries).allSatisfy { x, y in
                        if abs(x) < Tolerances.relative { return abs(y) < Tolerances.relative }
                        any = true
                        return Equivalence.close(y / x, c, tolerance: Tolerances.ratio)
                    }
                }
                guard fits && any else { continue }
                let factor = inverse ? "1/\(name)" : name
                return Finding(feedback: Feedback(.factor, "off by a factor of \(factor): your answer is \(factor) times the right one (a lost or extra 1/\(name), as in a mean over \(name) items?)"))
            }
        }
        return nil
    }

    /// Right on one side of a kink, wrong on the other: right at every point of one side and wrong at every point
    /// of the other (an answer wrong on only part of a side is not said to be wrong on all of it).
    static let kinkSide = DiagnosisRule { e in
        for kink in e.kinks where kink.testsScalars {
            guard let rightWhenTrue = e.rightSide({ Sampler.holds([kink], in: $0) }) else { continue }
            // Just past the kink, seen from each sampled point of the right side, the answer must be wrong too.
            let rightSide = e.pairs.filter { Sampler.holds([kink], in: $0.0) == rightWhenTrue }
            let checks = rightSide.compactMap { e.wrongJustPast(kink, from: $0.0, rightSide: rightWhenTrue) { Sampler.holds([kink], in: $0) } }
            guard checks.allSatisfy({ $0 }) else { continue }
            let wrong = rightWhenTrue ? kink.negated : kink
            let wrongSide = "where " + Printer.ascii(wrong.lhs) + " " + wrong.relation.rawValue + " " + Printer.ascii(wrong.rhs)
            return Finding(feedback: Feedback(.kink, "right on one side of the kink but wrong on the other: wrong \(wrongSide) (check which side of the kink each case belongs to)"))
        }
        return nil
    }

    /// A kink inside a sum `Σ_i` (a ReLU of each term, as in a loss over N examples): right at every point where
    /// the kink's condition holds for every term and wrong at every point where it fails for some term (or the other
    /// way round). A point is never said to be on a side it is not on, and a side is called wrong only when the
    /// answer is wrong at every point of it.
    static let kinkInSum = DiagnosisRule { e in
        for (index, lower, upper, kink) in e.kinksInSums {
            guard let rightWhenAll = e.rightSide({ Evidence.holdsForEveryTerm(kink, index, lower, upper, in: $0) }) else { continue }
            // Sampled points may all lie far from the kink: just past it, seen from each point of the right side,
            // the answer must be wrong too, or the wrong side is not wrong all over.
            let rightSide = e.pairs.filter { Evidence.holdsForEveryTerm(kink, index, lower, upper, in: $0.0) == rightWhenAll }
            let checks = rightSide.compactMap { e.wrongJustPast(kink, index, lower, upper, from: $0.0, rightSide: rightWhenAll) }
            guard !checks.isEmpty, checks.allSatisfy({ $0 }) else { continue }
            let holds = Evidence.say(kink) + " for every " + index.name, fails = Evidence.say(kink.negated) + " for some " + index.name
            let (right, wrong) = rightWhenAll ? (holds, fails) : (fails, holds)
            return Finding(feedback: Feedback(.kink, "right where \(right) but wrong where \(wrong): the kink inside the sum is missing or on the wrong side (check the ReLU, max or cases of each term)"))
        }
        return nil
    }

    /// The cases of a kink swapped: the answer takes each branch on the other side.
    static let swappedCases = DiagnosisRule { e in
        // The truth's cases exchanged give the answer, or the answer's cases exchanged give the truth (when the
        // truth's kink hides in a max the answer wrote as cases).
        let truthSwapped = e.truth.hasScalarPiecewise ? e.truth.swappingBranches : e.truth
        let answerSwapped = e.answer.hasScalarPiecewise ? e.answer.swappingBranches : e.answer
        guard (truthSwapped != e.truth && e.numericallyEqual(truthSwapped, e.answer))
            || (answerSwapped != e.answer && e.numericallyEqual(answerSwapped, e.truth)) else { return nil }
        return Finding(feedback: Feedback(.kink, "the cases are swapped: your answer uses each case on the wrong side of the kink"))
    }

    /// The right cases, switched at the wrong place: with the truth's kink in place of the answer's, the answer is right.
    static let misplacedKink = DiagnosisRule { e in
        let truthKinks = e.kinks.filter { $0.testsScalars && e.truth.hasCondition($0) }
        let answerKinks = e.kinks.filter { $0.testsScalars && e.answer.hasCondition($0) }
        guard let found = misplacedCondition(e, answer: e.answer, answerConditions: answerKinks, truthConditions: truthKinks) else { return nil }
        if found.wrong.isOpposite(of: found.right) {
            return Finding(feedback: Feedback(.kink, "the cases are swapped: your answer uses each case on the wrong side of the kink"))
        }
        return Finding(feedback: Feedback(.kink, "the cases are right but the kink is in the wrong place: your answer changes case where \(Evidence.say(found.wrong)), the right one where \(Evidence.say(found.right))"))
    }

    /// The first of the answer's conditions that the truth does not test and that, replaced by one of the truth's
    /// (as written or the other way round: `200 > x` is the kink `x >= 200`), makes the answer right.
    static func misplacedCondition(_ e: Evidence, answer: Expr, answerConditions: [Condition], truthConditions: [Condition]) -> (wrong: Condition, right: Condition)? {
        for wrong in answerConditions where !truthConditions.contains(wrong) {
            // Only a condition of the same shape can stand in its place (a mask of another layer's width cannot).
            for right in truthConditions.flatMap({ [$0, $0.negated] }) where right != wrong && right.lhs.shape == wrong.lhs.shape && right.rhs.shape == wrong.rhs.shape
                && e.numericallyEqual(answer.replacingCondition(wrong, with: right), e.truth) {
                return (wrong, right)
            }
        }
        return nil
    }

    /// Which entries of a matrix of known size are wrong.
    static let wrongEntries = DiagnosisRule { e in
        guard let t0 = e.pairs.first?.1, t0.count > 1, e.shape.rows.size(in: [:]) != nil, e.shape.cols.size(in: [:]) != nil else { return nil }
        var wrong: [(Int, Int)] = []
        for i in 0..<t0.rows {
            for j in 0..<t0.cols {
                let ok = e.pairs.allSatisfy { Equivalence.close($0.1[i, j], $0.2[i, j]) }
                if !ok { wrong.append((i + 1, j + 1)) }
            }
        }
        guard !wrong.isEmpty && wrong.count < t0.count else { return nil }
        let list = wrong.prefix(8).map { t0.cols == 1 || t0.rows == 1 ? "\(t0.cols == 1 ? $0.0 : $0.1)" : "(\($0.0), \($0.1))" }.joined(separator: ", ")
        return Finding(feedback: Feedback(.entries, "\(wrong.count) of \(t0.count) entries are wrong: \(list)\(wrong.count > 8 ? ", …" : "")"),
                       score: Double(t0.count - wrong.count) / Double(t0.count))
    }

    /// For a matrix of symbolic size: the diagonal right and the rest wrong, or the other way round.
    static let diagonal = DiagnosisRule { e in
        guard e.shape.isMatrix, !e.pairs.isEmpty else { return nil }
        var diagonalRight = true, offDiagonalRight = true
        for (_, t, a) in e.pairs {
            for i in 0..<t.rows {
                for j in 0..<t.cols where !Equivalence.close(t[i, j], a[i, j]) {
                    if i == j { diagonalRight = false } else { offDiagonalRight = false }
                }
            }
        }
        if diagonalRight && !offDiagonalRight {
            return Finding(feedback: Feedback(.entries, "the diagonal entries are right, but the entries off the diagonal are wrong"))
        } else if offDiagonalRight && !diagonalRight {
            return Finding(feedback: Feedback(.entries, "the entries off the diagonal are right, but the diagonal entries are wrong"))
        }
        return nil
    }

    static func describeFactor(_ c: Double) -> String {
        for d in 1...12 {
            let n = c * Double(d)
            if abs(n - n.rounded()) < Tolerances.ratio { return d == 1 ? formatValue(n.rounded()) : "\(formatValue(n.rounded()))/\(d)" }
        }
        return formatValue(c)
    }
}

extension Expr {
    var hasScalarPiecewise: Bool {
        if case .piecewise(let c, _, _) = self, c.testsScalars { return true }
        return children.contains { $0.hasScalarPiecewise }
    }

    /// Whether a piecewise node of the expression tests the condition.
    @inline(never)
    func hasCondition(_ c: Condition) -> Bool {
        if case .piecewise(let d, _, _) = self, d == c { return true }
        return children.contains { $0.hasCondition(c) }
    }

    /// The expression with every test of one condition replaced by another.
    func replacingCondition(_ old: Condition, with new: Condition) -> Expr {
        if case .piecewise(let c, let a, let b) = self {
            return .piecewise(c == old ? new : c, a.replacingCondition(old, with: new), b.replacingCondition(old, with: new))
        }
        return mapChildren { $0.replacingCondition(old, with: new) }
    }

    /// The expression with the two cases of every scalar piecewise node exchanged.
    var swappingBranches: Expr { swappingBranches { $0.testsScalars } }

    /// The expression with the two cases exchanged in every piecewise node whose condition passes the test.
    func swappingBranches(where test: (Condition) -> Bool) -> Expr {
        if case .piecewise(let c, let a, let b) = self, test(c) {
            return .piecewise(c, b.swappingBranches(where: test), a.swappingBranches(where: test))
        }
        return mapChildren { $0.swappingBranches(where: test) }
    }
}

extension Condition {
    /// Whether both sides are scalars: a kink of one number, not a mask taken entry by entry. Not inlined: the shape
    /// of an expression is a large function, and a copy at each test costs the page's module its size.
    @inline(never)
    var testsScalars: Bool { lhs.shape.isScalar && rhs.shape.isScalar }

    /// Whether two conditions share a boundary and hold on its opposite sides (`x > 200` and `x < 200`).
    @inline(never)
    func isOpposite(of other: Condition) -> Bool {
        func upward(_ r: Relation) -> Bool { r == .greater || r == .greaterEqual }
        if lhs == other.lhs && rhs == other.rhs { return upward(relation) != upward(other.relation) }
        if lhs == other.rhs && rhs == other.lhs { return upward(relation) == upward(other.relation) }
        return false
    }
}
