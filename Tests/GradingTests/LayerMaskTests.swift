import Calculus
import Testing
@testable import Grading

/// The mask of a ReLU layer (`step(W x + b)`, `diag(step(…))`, `if(W x + b > 0, …, 0)`): an answer right but for its
/// mask gets `kink` feedback that names the mask's side; an answer wrong for another reason as well does not.
@Suite struct LayerMaskTests {
    static let layer = "W: matrix(m, n); x: vector(n); b, y: vector(m); c, v: vector(m)"

    func grade(_ ask: String, _ answer: String, letting declarations: String = layer) throws -> GradeResult {
        let fields = [("id", "q"), ("let", declarations), ("ask", ask)].enumerated().map { k, f in
            Field(key: f.0, value: f.1, line: k + 2, valueColumn: f.0.count + 3, text: "\(f.0): \(f.1)")
        }
        let block = ExerciseBlock(fields: fields, line: 1, endLine: 5)
        let question = try Question(block, file: "q.md")
        return Grader().grade(block, question: question, file: "q.md", answerText: answer, answerLine: 7)
    }

    /// The first feedback after "read as", which the message repeats.
    func diagnosis(_ r: GradeResult) -> Feedback? { r.feedback.first { $0.kind != .readAs } }

    @Test(arguments: [
        ("gradient(sum(max(0, W x + b)), b)", "ones(m)^T"),
        ("gradient(v . max(0, W x + c), W)", "v x^T"),
        ("jacobian(max(0, W x + b), x)", "W"),
        ("gradient(norm(max(0, W x + b) - y)^2 / 2, W)", "(max(0, W x + b) - y) x^T"),
    ])
    func aDroppedMaskIsAKinkThatNamesTheSideTaken(ask: String, answer: String) throws {
        let r = try grade(ask, answer)
        #expect(r.verdict == .incorrect)
        let f = try #require(diagnosis(r))
        #expect(f.kind == .kink)
        #expect(f.message.hasPrefix("the mask of the kink is missing: your answer treats every entry as if W x + "), "\(f.message)")
        #expect(f.message.hasSuffix(" > 0 (right only where all are); an entry where W x + \(ask.contains("+ c") ? "c" : "b") <= 0 needs the other case: multiply by step(W x + \(ask.contains("+ c") ? "c" : "b")) entry by entry, or by diag(step(W x + \(ask.contains("+ c") ? "c" : "b"))) before a matrix"), "\(f.message)")
    }

    /// Leaving out the ReLU altogether, the max of the output with the mask, is the same mistake.
    @Test func theReLULeftOutAltogetherIsAKink() throws {
        let f = try #require(diagnosis(try grade("gradient(norm(max(0, W x + b) - y)^2 / 2, W)", "(W x + b - y) x^T")))
        #expect(f.kind == .kink)
        #expect(f.message.hasPrefix("the ReLU (the max, entry by entry) is left out: your answer treats every entry as if W x + b > 0"))
    }

    @Test(arguments: ["step(-(W x + b))^T", "if(W x + b <= 0, 1, 0)^T", "(ones(m) - step(W x + b))^T", "if(W x + b < 0, 1, 0)^T"])
    func aMaskOnTheWrongSideIsAKink(answer: String) throws {
        let f = try #require(diagnosis(try grade("gradient(sum(max(0, W x + b)), b)", answer)))
        #expect(f.kind == .kink)
        #expect(f.message == "the mask is on the wrong side of the kink: your answer uses the case of W x + b > 0 for the entries where W x + b <= 0, and the other way round (the mask is step(W x + b))")
    }

    @Test func aMaskOfTheWrongVectorIsAKinkThatSaysBoth() throws {
        let f = try #require(diagnosis(try grade("gradient(v . max(0, W x + c), W)", "(v .* step(W x)) x^T")))
        #expect(f.kind == .kink)
        #expect(f.message == "the mask tests the wrong vector: your answer switches case entry by entry where W x > 0, the right mask where W x + c > 0")
    }

    /// Never a kink for an answer that is wrong for another reason too, or that is no mask mistake at all.
    @Test(arguments: [
        ("gradient(v . max(0, W x + c), W)", "(v .* step(W x + c)) x^T + v x^T"),
        ("gradient(v . max(0, W x + c), W)", "(v .* max(0, W x + c)) x^T"),
        ("gradient(v . max(0, W x + c), W)", "2 v x^T"),
        ("gradient(v . max(0, W x + c), W)", "zeros(m, n)"),
        ("gradient(sum(max(0, W x + b)), b)", "max(0, W x + b)^T"),
        ("gradient(norm(max(0, W x + b) - y)^2 / 2, W)", "((max(0, W x + b) + y) .* step(W x + b)) x^T"),
    ])
    func otherMistakesAreNoKink(ask: String, answer: String) throws {
        let r = try grade(ask, answer)
        #expect(r.verdict == .incorrect)
        #expect(!r.kinds.contains(.kink), "\(answer): \(r.message)")
    }

    /// An answer that differs only on the kink's boundary, where there is no derivative, is right.
    @Test(arguments: ["if(W x + b >= 0, 1, 0)^T", "step(W x + b)^T", "𝟙(W x + b > 0)ᵀ"])
    func theBoundaryItselfDecidesNothing(answer: String) throws {
        #expect(try grade("gradient(sum(max(0, W x + b)), b)", answer).verdict == .correct)
    }
}

/// Found in review: feedback that named the wrong cause.
@Suite struct LayerMaskReviewTests {
    func grade(_ answer: String, ask: String, let declarations: String) throws -> GradeResult {
        try gradeExercise(answer, ask: ask, let: declarations)
    }

    /// The right mask and an extra one (0 everywhere, or an extra factor) is not "a mask testing the wrong vector".
    @Test func anExtraMaskIsNotAMaskTestingTheWrongVector() throws {
        let ask = "gradient(sum(max(0, W x + b)), b)", declarations = "W: matrix(m, n); x: vector(n); b: vector(m)"
        for answer in ["(step(W x + b) .* step(-(W x + b)))^T", "(step(W x + b) .* step(W x))^T"] {
            let r = try grade(answer, ask: ask, let: declarations)
            #expect(r.verdict == .incorrect)
            #expect(!r.feedback.contains { $0.kind == .kink && $0.message.contains("wrong vector") }, "\(answer): \(r.feedback)")
        }
    }

    /// With abs, the other case is not zero: "multiply by the mask" would not put it right.
    @Test func noMultiplyHintWhereTheOtherCaseIsNotZero() throws {
        let r = try grade("ones(m)^T", ask: "gradient(sum(abs(W x + b)), b)", let: "W: matrix(m, n); x: vector(n); b: vector(m)")
        #expect(r.verdict == .incorrect)
        #expect(!r.feedback.contains { $0.message.contains("multiply by") }, "\(r.feedback)")
    }

    /// Two ReLU layers of different widths: a mask of the wrong width is never offered as the right one.
    @Test func aMaskOfAnotherWidthIsNotTheRightOne() throws {
        let ask = "gradient(sum(max(0, V max(0, W x + b))), b)", declarations = "W: matrix(m, n); V: matrix(p, m); x: vector(n); b: vector(m)"
        let r = try grade("(V^T step(V max(0, W x + b)) .* step(W x))^T", ask: ask, let: declarations)
        #expect(r.verdict == .incorrect)
        #expect(!r.feedback.contains { $0.message.contains("right mask where V max") }, "\(r.feedback)")
    }
}
