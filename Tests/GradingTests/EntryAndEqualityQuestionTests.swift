import Calculus
import Testing
@testable import Grading

/// Exercises that the engine's new readings make possible, graded end to end: a derivative with respect to one entry
/// of a vector, a `where:` equality (the cross-entropy target of chapter 13), and a declared increment Δx.
@Suite struct EntryAndEqualityQuestionTests {
    func grade(_ answer: String, ask: String, let declarations: String, where condition: String? = nil) throws -> GradeResult {
        try gradeExercise(answer, ask: ask, let: declarations, where: condition)
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

    /// Found in review: with sizes drawn from 2 to 5, the derivative with respect to w_5 could only be evaluated at
    /// n = 5, so `x_n` for `x_5` passed. Sizes now reach three past the largest entry written.
    @Test func aLateEntryIsNotTheLastEntry() throws {
        let declarations = "w, x: vector(n)"
        #expect(try grade("x_5", ask: "derivative(w^T x, w_5)", let: declarations).verdict == .correct)
        #expect(try grade("x_n", ask: "derivative(w^T x, w_5)", let: declarations).verdict == .incorrect)
        #expect(try grade("(n - 4) x_5", ask: "derivative(w^T x, w_5)", let: declarations).verdict == .incorrect)
        #expect(try grade("x_n", ask: "derivative(w^T x, w_4)", let: declarations).verdict == .incorrect)
        // A vector of fixed size has no entry past its last.
        #expect(throws: SourceError.self) { try grade("x_5", ask: "derivative(w^T x, w_5)", let: "w, x: vector(3)") }
    }

    /// An equality on the variable of the derivative (or tying another name to it) would let every answer right at
    /// that one value pass: an error of the exercise.
    @Test func anEqualityOnTheDerivativesVariableIsRefused() throws {
        #expect(throws: SourceError.self) { try grade("3x^2", ask: "derivative(x^3, x)", let: "x: scalar", where: "x = 1") }
        #expect(throws: SourceError.self) { try grade("x", ask: "derivative(x b, x)", let: "x, b: scalar", where: "b = x") }
        #expect(throws: SourceError.self) { try grade("x_1", ask: "derivative(w^T x, w_1)", let: "w, x: vector(n)", where: "sum(w) = 1") }
        #expect(try grade("b", ask: "derivative(x b, x)", let: "x, b: scalar", where: "b = 2").verdict == .correct)
    }

    /// Equalities are met whatever their order (`x = 2 b` before `b = 1`); `sum(y) = 0` is met exactly.
    @Test func equalitiesAreMetInAnyOrder() throws {
        for condition in ["x = 2 b; b = 1", "b = 1; x = 2 b"] {
            // x = 2: the derivative 2 x y is 4 y.
            #expect(try grade("4 y", ask: "derivative(x y^2, y)", let: "x, y, b: scalar", where: condition).verdict == .correct, "\(condition)")
            #expect(try grade("2 y", ask: "derivative(x y^2, y)", let: "x, y, b: scalar", where: condition).verdict == .incorrect, "\(condition)")
        }
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
