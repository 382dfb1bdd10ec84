import Calculus
import Testing
@testable import Grading

/// Exercises that the engine's new readings make possible, graded end to end: a derivative with respect to one entry
/// of a vector, a `where:` equality (the cross-entropy target of chapter 13), and a declared increment Δx.
@Suite struct EntryAndEqualityQuestionTests {
    func grade(_ answer: String, ask: String, let declarations: String, where condition: String? = nil) throws -> GradeResult {
        var fields = [("id", "q"), ("let", declarations), ("ask", ask)]
        if let condition { fields.append(("where", condition)) }
        let parsed = fields.enumerated().map { k, f in Field(key: f.0, value: f.1, line: k + 2, valueColumn: f.0.count + 3, text: "\(f.0): \(f.1)") }
        let b = ExerciseBlock(fields: parsed, line: 1, endLine: fields.count + 2)
        return Grader().grade(b, question: try Question(b, file: "q.md"), file: "q.md", answerText: answer, answerLine: 10)
    }

    @Test func anEntryIsAScalarVariable() throws {
        let ask = "derivative(w_1 x_1 + w_2 x_2, w_1)", declarations = "w, x: vector(n)"
        #expect(try grade("x_1", ask: ask, let: declarations).verdict == .correct)
        #expect(try grade("x_2", ask: ask, let: declarations).verdict == .incorrect)
        let sign = try grade("-x_1", ask: ask, let: declarations)
        #expect(sign.verdict == .incorrect && sign.kinds.contains(.sign), "\(sign.kinds)")
        #expect(try grade("2 x_1", ask: "partial(w_1^2 x_1, w_1)", let: declarations + "; b: scalar").verdict == .incorrect)
        #expect(try grade("2 w_1 x_1", ask: "partial(w_1^2 x_1, w_1)", let: declarations).verdict == .correct)
    }

    @Test func theOneHotAnswerIsRightWhereTheTargetSumsToOne() throws {
        let ask = "gradient(-y . ln(softmax(z)), z)", declarations = "z, y: vector(n)"
        #expect(try grade("softmax(z)^T - y^T", ask: ask, let: declarations, where: "sum(y) = 1").verdict == .correct)
        #expect(try grade("sum(y) softmax(z)^T - y^T", ask: ask, let: declarations, where: "sum(y) = 1").verdict == .correct)
        #expect(try grade("softmax(z)^T - y^T", ask: ask, let: declarations).verdict == .incorrect)
        let sign = try grade("y^T - softmax(z)^T", ask: ask, let: declarations, where: "sum(y) = 1")
        #expect(sign.verdict == .incorrect && sign.kinds.contains(.sign), "\(sign.kinds)")
    }

    @Test func anEqualityThatCannotBeMetIsAnErrorOfTheExercise() throws {
        #expect(throws: SourceError.self) { try grade("x", ask: "derivative(x y, y)", let: "x, y: scalar", where: "x^2 + y^2 = 1") }
    }

    @Test func theIncrementIsOneName() throws {
        let ask = "derivative((x + Δx)^2 - x^2, Δx)", declarations = "x, Δx: scalar"
        for answer in ["2(x + Δx)", "2 (x + \\Delta x)", "2x + 2 Delta x"] {
            let r = try grade(answer, ask: ask, let: declarations)
            #expect(r.verdict == .correct, "\(answer): \(r.message)")
        }
        let r = try grade("2x + Δx", ask: ask, let: declarations)
        #expect(r.verdict == .incorrect)
        #expect(r.feedback.first == Feedback(.readAs, "read as: 2*x + Delta x"))
    }
}
