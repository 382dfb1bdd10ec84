import Calculus
import Testing
@testable import Grading

/// `ask: shape(…)`: the shape of a derivative, as students write it, graded against the shape the engine derives.
@Suite struct ShapeQuestionTests {
    func block(_ fields: [(String, String)]) -> ExerciseBlock {
        let parsed = fields.enumerated().map { k, f in
            Field(key: f.0, value: f.1, line: k + 2, valueColumn: f.0.count + 3, text: "\(f.0): \(f.1)")
        }
        return ExerciseBlock(fields: parsed, line: 1, endLine: fields.count + 2)
    }

    /// `shape(jacobian(W x, x))` for an m×n W: the answer is m×n.
    func grade(_ answer: String, ask: String = "shape(jacobian(W x, x))", let declarations: String = "W: matrix(m, n); x: vector(n)", layout: String? = nil) throws -> GradeResult {
        var fields = [("id", "shape"), ("let", declarations), ("ask", ask)]
        if let layout { fields.append(("layout", layout)) }
        let b = block(fields)
        let q = try Question(b, file: "s.md")
        return Grader().grade(b, question: q, file: "s.md", answerText: answer, answerLine: 10)
    }

    @Test func theQuestionKnowsItsShape() throws {
        let q = try Question(block([("id", "s"), ("let", "W: matrix(m, n); x: vector(n)"), ("ask", "shape(jacobian(W x, x))")]), file: "s.md")
        #expect(q.kind == .shape)
        #expect(q.expectedShape == Shape(.named("m"), .named("n")))
    }

    @Test(arguments: ["m×n", "m x n", "mxn", "m by n", "(m, n)", "m × n", "m \\times n", "$m \\times n$", "\\mathbb{R}^{m \\times n}", "ℝ^{m×n}", "  m*n  \n", "# my guess\nm×n", "m×n.", "m\u{A0}x\u{A0}n", "m\u{2009}×\u{2009}n"])
    func whatStudentsTypeIsRead(answer: String) throws {
        let r = try grade(answer)
        #expect(r.verdict == .correct, "\(answer): \(r.message)")
        #expect(r.feedback.first == Feedback(.readAs, "read as: m×n"))
    }

    @Test func theTransposedShapeIsALayoutMixUp() throws {
        let r = try grade("n×m")
        #expect(r.verdict == .incorrect)
        #expect(r.kinds == [.readAs, .transposed])
        #expect(r.message.hasPrefix("n×m is the transpose of the shape"))
    }

    @Test func anotherShapeIsAShapeMistakeThatSaysWhatIsRight() throws {
        let rows = try grade("m×1")
        #expect(rows.verdict == .incorrect && rows.kinds == [.readAs, .shape])
        #expect(rows.message.hasSuffix("the number of rows is right, the number of columns is not"))
        let neither = try grade("1×1")
        #expect(neither.kinds == [.readAs, .shape])
        #expect(!neither.message.contains("is right"))
        // The message does not give the answer away.
        #expect(!neither.message.contains("m×n"))
    }

    @Test(arguments: [("n", 10, 2), ("m ×", 10, 4), ("m × n × k", 10, 7), ("m + n", 10, 3), ("(m, n", 10, 6)])
    func anUnreadableShapeIsASyntaxErrorAtItsSpot(answer: String, line: Int, column: Int) throws {
        let r = try grade(answer)
        #expect(r.verdict == .invalid)
        #expect(r.kinds == [.syntax])
        #expect(r.message.hasPrefix("cannot read the answer (s.md:\(line):\(column)):"), "\(r.message)")
    }

    @Test func aSizeTheQuestionDoesNotHaveIsInvalid() throws {
        let r = try grade("m×k")
        #expect(r.verdict == .invalid)
        #expect(r.message == "unknown size 'k': the question's sizes are m, n")
    }

    @Test func theLayoutDecidesTheShape() throws {
        // A gradient is a row in numerator layout, a column in denominator layout.
        let ask = "shape(gradient(x^T x, x))"
        #expect(try grade("1×n", ask: ask, let: "x: vector(n)").verdict == .correct)
        #expect(try grade("n×1", ask: ask, let: "x: vector(n)", layout: "denominator").verdict == .correct)
        #expect(try grade("1×n", ask: ask, let: "x: vector(n)", layout: "denominator").kinds == [.readAs, .transposed])
        #expect(try grade("n×m", ask: "shape(jacobian(W x, x))", layout: "denominator").verdict == .correct)
    }

    @Test func numericSizesAndScalars() throws {
        #expect(try grade("2×3", let: "W: matrix(2, 3); x: vector(3)").verdict == .correct)
        #expect(try grade("2x3", let: "W: matrix(2, 3); x: vector(3)").verdict == .correct)
        #expect(try grade("3×2", let: "W: matrix(2, 3); x: vector(3)").kinds == [.readAs, .transposed])
        for answer in ["scalar", "Scalar", "1×1", "1 x 1"] {
            #expect(try grade(answer, ask: "shape(derivative(sin(x), x))", let: "x: scalar").verdict == .correct, "\(answer)")
        }
    }

    @Test func theTransposeOfASquareShapeIsNotTransposed() throws {
        // n×n swapped is n×n: an answer of another shape is only a shape mistake.
        let r = try grade("n×1", ask: "shape(jacobian(A x, x))", let: "A: matrix(n, n); x: vector(n)")
        #expect(r.kinds == [.readAs, .shape])
    }

    @Test func aShapeAskMustBeClosed() {
        #expect(throws: SourceError.self) { _ = try Question(block([("id", "s"), ("ask", "shape(derivative(x^2, x)")]), file: "s.md") }
        #expect(throws: SourceError.self) { _ = try Question(block([("id", "s"), ("ask", "shape(x^2)")]), file: "s.md") }
    }
}
