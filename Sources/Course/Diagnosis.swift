import Calculus

/// Explains why an answer differs from the truth: the shape, the layout, a constant factor or sign,
/// the side of a kink, which entries — the feedback a student can act on.
struct Diagnosis {
    let truth: Expr
    let answer: Expr
    let conditions: [Condition]
    let layout: Layout

    var feedback: [Feedback] = []
    var score = 0.0

    init(truth: Expr, answer: Expr, conditions: [Condition], layout: Layout) {
        self.truth = truth; self.answer = answer; self.conditions = conditions; self.layout = layout
    }

    var layoutNote: String {
        layout == .numerator
            ? "the denominator layout, but the course uses numerator layout (one row per function, a gradient is a row)"
            : "the numerator layout, but this exercise asks for the denominator layout"
    }

    static func article(_ shape: Shape) -> String {
        let d = shape.description
        return (["a", "e", "i", "o", "u", "1", "8"].contains { d.hasPrefix($0) } && !d.hasPrefix("1×") ? "an " : "a ") + d
    }

    /// Shapes differ: say both, and whether the answer is the transpose of the truth.
    mutating func shapes(expected: Shape, actual: Shape) {
        if actual.matches(expected.transposed), numericallyEqual(truth, .transposed(answer)) {
            if expected.isVector {
                feedback.append(Feedback("shape", "expected \(Diagnosis.article(expected)), got \(Diagnosis.article(actual)): your answer is the transpose of the right one: \(layoutNote)"))
            } else {
                feedback.append(Feedback("transposed", "this is the transpose of the expected matrix: \(layoutNote)"))
            }
            return
        }
        var note = ""
        if expected.isScalar && !actual.isScalar { note = "; a derivative of a scalar with respect to a scalar is a scalar" }
        if expected.isRow && actual.isColumn { note = "; in numerator layout the gradient of a scalar is a row" }
        feedback.append(Feedback("shape", "wrong shape: expected \(Diagnosis.article(expected)), got \(Diagnosis.article(actual))\(note)"))
    }

    /// Whether two expressions agree at sample points (used to test a suspected mistake).
    func numericallyEqual(_ a: Expr, _ b: Expr) -> Bool {
        var eq = Equivalence(conditions: conditions)
        eq.samples = 6
        return eq.numeric(a, b).isEqual
    }

    /// Same shape, different values: look for a pattern across sample points.
    mutating func values(_ counterexample: Counterexample) {
        var sampler = Sampler(expressions: [truth, answer], conditions: conditions)
        let points = sampler.points(count: 10)
        var pairs: [(Environment, Value, Value)] = []
        for env in points {
            var ev = Evaluator(env)
            guard let t = try? ev.evaluate(truth), let a = try? ev.evaluate(answer), t.isFinite, a.isFinite, t.count == a.count else { continue }
            pairs.append((env, t, a))
        }
        var specific: Feedback? = nil
        let shape = truth.shape
        // The transpose of a square matrix.
        if shape.isMatrix, !pairs.isEmpty,
           pairs.allSatisfy({ close($0.1.transposed.entries, $0.2.entries) }), !pairs.allSatisfy({ close($0.1.entries, $0.1.transposed.entries) }) {
            specific = Feedback("transposed", "this is the transpose of the expected matrix: \(layoutNote)")
        }
        // A constant factor or the sign.
        if specific == nil, let c = constantRatio(pairs) {
            if Equivalence.close(c, -1, tolerance: 1e-9) {
                specific = Feedback("sign", "off by sign: your answer is the negative of the right one")
            } else if abs(c - 1) < 0.01 {
                specific = Feedback("factor", "very close, but not equal: your answer is \(describeFactor(c)) times the right one; check the numbers")
            } else {
                specific = Feedback("factor", "off by a constant factor: your answer is \(describeFactor(c)) times the right one (a lost or extra factor, e.g. from the chain rule)")
            }
        }
        // Right on one side of a kink, wrong on the other.
        if specific == nil {
            for kink in sampler.kinks where kink.lhs.shape.isScalar && kink.rhs.shape.isScalar {
                var rightWhenTrue = true, rightWhenFalse = true, sawTrue = false, sawFalse = false
                for (env, t, a) in pairs {
                    guard let side = Sampler.holds([kink], in: env) else { continue }
                    let ok = close(t.entries, a.entries)
                    if side { sawTrue = true; rightWhenTrue = rightWhenTrue && ok } else { sawFalse = true; rightWhenFalse = rightWhenFalse && ok }
                }
                guard sawTrue && sawFalse, rightWhenTrue != rightWhenFalse else { continue }
                let wrong = rightWhenTrue ? kink.negated : kink
                let wrongSide = "where " + Printer.ascii(wrong.lhs) + " " + wrong.relation.rawValue + " " + Printer.ascii(wrong.rhs)
                specific = Feedback("kink", "right on one side of the kink but wrong on the other: wrong \(wrongSide) (check which side of the kink each case belongs to)")
                break
            }
        }
        // The cases of a kink swapped: the answer takes each branch on the other side.
        if specific == nil, truth.hasScalarPiecewise {
            let swapped = truth.swappingBranches
            if swapped != truth, numericallyEqual(swapped, answer) {
                specific = Feedback("kink", "the cases are swapped: your answer uses each case on the wrong side of the kink")
            }
        }
        // Which entries of a matrix of known size are wrong.
        if specific == nil, let t0 = pairs.first?.1, t0.count > 1, shape.rows.size(in: [:]) != nil, shape.cols.size(in: [:]) != nil {
            var wrong: [(Int, Int)] = []
            for i in 0..<t0.rows {
                for j in 0..<t0.cols {
                    let ok = pairs.allSatisfy { Equivalence.close($0.1[i, j], $0.2[i, j], tolerance: 1e-9) }
                    if !ok { wrong.append((i + 1, j + 1)) }
                }
            }
            if !wrong.isEmpty && wrong.count < t0.count {
                let list = wrong.prefix(8).map { t0.cols == 1 || t0.rows == 1 ? "\(t0.cols == 1 ? $0.0 : $0.1)" : "(\($0.0), \($0.1))" }.joined(separator: ", ")
                score = Double(t0.count - wrong.count) / Double(t0.count)
                specific = Feedback("entries", "\(wrong.count) of \(t0.count) entries are wrong: \(list)\(wrong.count > 8 ? ", …" : "")")
            }
        }
        // For a matrix of symbolic size: the diagonal right and the rest wrong, or the other way round.
        if specific == nil, shape.isMatrix, !pairs.isEmpty {
            var diagonalRight = true, offDiagonalRight = true
            for (_, t, a) in pairs {
                for i in 0..<t.rows {
                    for j in 0..<t.cols where !Equivalence.close(t[i, j], a[i, j], tolerance: 1e-9) {
                        if i == j { diagonalRight = false } else { offDiagonalRight = false }
                    }
                }
            }
            if diagonalRight && !offDiagonalRight {
                specific = Feedback("entries", "the diagonal entries are right, but the entries off the diagonal are wrong")
            } else if offDiagonalRight && !diagonalRight {
                specific = Feedback("entries", "the entries off the diagonal are right, but the diagonal entries are wrong")
            }
        }
        if let specific { feedback.append(specific) }
        feedback.append(Feedback("value", "at \(counterexample.pointDescription): expected \(counterexample.expected), got \(counterexample.actual)"))
    }

    func close(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Equivalence.close($0, $1, tolerance: 1e-9) }
    }

    /// The one constant c with answer = c · truth at every point, if there is one.
    func constantRatio(_ pairs: [(Environment, Value, Value)]) -> Double? {
        var ratio: Double? = nil
        for (_, t, a) in pairs {
            for (x, y) in zip(t.entries, a.entries) {
                if abs(x) < 1e-9 { if abs(y) > 1e-9 { return nil } else { continue } }
                let r = y / x
                if let c = ratio { if !Equivalence.close(c, r, tolerance: 1e-7) { return nil } } else { ratio = r }
            }
        }
        guard let c = ratio, !Equivalence.close(c, 1, tolerance: 1e-9), c != 0 else { return nil }
        return c
    }

    func describeFactor(_ c: Double) -> String {
        for d in 1...12 {
            let n = c * Double(d)
            if abs(n - n.rounded()) < 1e-7 { return d == 1 ? formatValue(n.rounded()) : "\(Int(n.rounded()))/\(d)" }
        }
        return formatValue(c)
    }
}

extension Expr {
    var hasScalarPiecewise: Bool {
        if case .piecewise(let c, _, _) = self, c.lhs.shape.isScalar, c.rhs.shape.isScalar { return true }
        return children.contains { $0.hasScalarPiecewise }
    }

    /// The expression with the two cases of every scalar piecewise node exchanged.
    var swappingBranches: Expr {
        if case .piecewise(let c, let a, let b) = self, c.lhs.shape.isScalar, c.rhs.shape.isScalar {
            return .piecewise(c, b.swappingBranches, a.swappingBranches)
        }
        return mapChildren { $0.swappingBranches }
    }
}
