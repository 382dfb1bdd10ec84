import Calculus
import Testing
@testable import Grading

/// Shape answers whose sizes are named like the separators: `x` (a size called x, as in `matrix(x, y)`) and `by`.
/// Where a word stands settles what it is: first and last a size, in the middle the separator.
@Suite struct ShapeSizeNameTests {
    func grade(_ answer: String, let declarations: String) throws -> GradeResult {
        let fields = [("id", "sizes"), ("let", declarations), ("ask", "shape(jacobian(A v, v))")].enumerated().map { k, f in
            Field(key: f.0, value: f.1, line: k + 2, valueColumn: f.0.count + 3, text: "\(f.0): \(f.1)")
        }
        let b = ExerciseBlock(fields: fields, line: 1, endLine: 5)
        return Grader().grade(b, question: try Question(b, file: "s.md"), file: "s.md", answerText: answer, answerLine: 10)
    }

    @Test(arguments: ["(x, y)", "x×y", "x × y", "x x y", "x by y", "xxy", "[x, y]", "x \\times y"])
    func sizesNamedXAndY(answer: String) throws {
        let r = try grade(answer, let: "A: matrix(x, y); v: vector(y)")
        #expect(r.verdict == .correct, "\(answer): \(r.message)")
        #expect(r.feedback.first == Feedback(.readAs, "read as: x×y"))
    }

    @Test func theTransposeOfSizesNamedXIsStillFound() throws {
        let r = try grade("y x x", let: "A: matrix(x, y); v: vector(y)")
        #expect(r.verdict == .incorrect)
        #expect(r.kinds == [.readAs, .transposed])
    }

    @Test(arguments: ["(m, by)", "m by by", "m×by", "m x by"])
    func aSizeNamedBy(answer: String) throws {
        let r = try grade(answer, let: "A: matrix(m, by); v: vector(by)")
        #expect(r.verdict == .correct, "\(answer): \(r.message)")
        #expect(r.feedback.first == Feedback(.readAs, "read as: m×by"))
    }

    /// Without a size called x, `x` keeps separating, and a lone x is no size.
    @Test func xStaysTheSeparatorWhereNoSizeIsCalledX() throws {
        #expect(try grade("m x n", let: "A: matrix(m, n); v: vector(n)").verdict == .correct)
        let lone = try grade("x", let: "A: matrix(m, n); v: vector(n)")
        #expect(lone.verdict == .invalid && lone.kinds == [.syntax])
    }

    /// Words that are no pattern of size, separator, size stay refused.
    @Test(arguments: ["x y", "x x", "x x y x", "(x, y", "x, y, x"])
    func incompleteShapesStayRefused(answer: String) throws {
        let r = try grade(answer, let: "A: matrix(x, y); v: vector(y)")
        #expect(r.verdict == .invalid, "\(answer): \(r.message)")
        #expect(r.kinds == [.syntax])
    }

    /// A run-together word that splits at two of its x's is refused with both readings, not read one way.
    @Test func aWordWithTwoSplitsIsRefusedWithBoth() throws {
        let r = try grade("xxxy", let: "A: matrix(xx, y); v: vector(y); B: matrix(x, xy)")
        #expect(r.verdict == .invalid)
        #expect(r.message.contains("'xxxy' splits into two sizes at more than one x"), "\(r.message)")
    }
}
