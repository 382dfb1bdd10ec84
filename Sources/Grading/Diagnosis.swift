import Calculus

/// Explains why an answer differs from the truth: the shape, the layout, a constant factor or sign,
/// the side of a kink, which entries — the feedback a student can act on.
struct Diagnosis {
    let evidence: Evidence

    var feedback: [Feedback] = []
    var score = 0.0

    init(truth: Expr, answer: Expr, conditions: [Condition], layout: Layout, byMatrix: Bool = false) {
        evidence = Evidence(truth: truth, answer: answer, conditions: conditions, layout: layout, byMatrix: byMatrix)
    }

    static func article(_ shape: Shape) -> String {
        let d = shape.description
        return (["a", "e", "i", "o", "u", "1", "8"].contains { d.hasPrefix($0) } && !d.hasPrefix("1×") ? "an " : "a ") + d
    }

    /// Shapes differ: say both, and whether the answer is the transpose of the truth.
    mutating func shapes(expected: Shape, actual: Shape) {
        if actual.matches(expected.transposed), evidence.numericallyEqual(evidence.truth, .transposed(evidence.answer)) {
            if expected.isVector {
                feedback.append(Feedback(.shape, "expected \(Diagnosis.article(expected)), got \(Diagnosis.article(actual)): your answer is the transpose of the right one: \(evidence.layoutNote)"))
            } else {
                feedback.append(Feedback(.transposed, "this is the transpose of the expected matrix: \(evidence.layoutNote)"))
            }
            return
        }
        var note = ""
        if expected.isScalar && !actual.isScalar { note = "; a derivative of a scalar with respect to a scalar is a scalar" }
        if expected.isRow && actual.isColumn { note = "; in numerator layout the gradient of a scalar is a row" }
        feedback.append(Feedback(.shape, "wrong shape: expected \(Diagnosis.article(expected)), got \(Diagnosis.article(actual))\(note)"))
    }

    /// Same shape, different values: the first rule that finds a pattern across sample points, then the counterexample.
    mutating func values(_ counterexample: Counterexample) {
        var sampled = evidence
        sampled.sample()
        if let finding = DiagnosisRule.valueRules.lazy.compactMap({ $0.find(sampled) }).first {
            feedback.append(finding.feedback)
            score = finding.score
        }
        feedback.append(Feedback(.value, "at \(counterexample.pointDescription): expected \(counterexample.valueDescriptions.expected), got \(counterexample.valueDescriptions.actual)"))
    }
}
