import Calculus
import Foundation
import Grading
import Testing
@testable import Course

/// Each kind of feedback, on `Fixtures/workbooks/feedback.md`.
@Suite struct FeedbackTests {
    func result(_ id: String) throws -> GradeResult {
        let (_, results) = try Fixtures.grade("feedback.md")
        return try #require(results[id])
    }

    func kinds(_ r: GradeResult) -> [String] { r.feedback.map(\.kind.rawValue) }

    @Test func readAsShowsExplicitMultiplication() throws {
        let r = try result("read-as")
        #expect(r.verdict == .correct)
        #expect(r.feedback == [Feedback(.readAs, "read as: 3*x^2*y")])
    }

    @Test func columnWhereARowIsExpected() throws {
        let r = try result("column-gradient")
        #expect(r.verdict == .incorrect)
        #expect(kinds(r) == ["readAs", "shape"])
        #expect(r.message.contains("expected a 1×2 row, got a 2×1 column"))
        #expect(r.message.contains("transpose"))
        #expect(r.message.contains("the course uses numerator layout"))
    }

    @Test func wrongLength() throws {
        let r = try result("wrong-length")
        #expect(r.verdict == .incorrect)
        #expect(kinds(r).contains("shape"))
        #expect(r.message == "wrong shape: expected a 1×2 row, got a 3×1 column; in numerator layout the gradient of a scalar is a row")
    }

    @Test func transposedJacobianInNumeratorLayout() throws {
        let r = try result("jacobian-transposed")
        #expect(r.verdict == .incorrect)
        #expect(kinds(r) == ["readAs", "transposed", "value"])
        #expect(r.message.contains("transpose of the expected matrix"))
        #expect(r.message.contains("the denominator layout, but the course uses numerator layout"))
    }

    @Test func transposedJacobianInDenominatorLayout() throws {
        let r = try result("jacobian-denominator")
        #expect(r.verdict == .incorrect)
        #expect(kinds(r).contains("transposed"))
        #expect(r.message.contains("the numerator layout, but this exercise asks for the denominator layout"))
    }

    /// The same answers graded the other way round are right: layout decides.
    @Test func layoutDecidesWhichIsRight() throws {
        func grade(_ layout: String, _ answer: String) -> GradeResult.Verdict? {
            let text = "```exercise\nid: j\nask: jacobian([3x^2 y, 2x + y^8], [x, y])\n\(layout)```\n\n```answer\n\(answer)\n```\n"
            return Grader().grade(Workbook(file: "j.md", text: text)).results.first?.verdict
        }
        #expect(grade("", "[[6x y, 3x^2], [2, 8y^7]]") == .correct)
        #expect(grade("layout: denominator\n", "[[6x y, 2], [3x^2, 8y^7]]") == .correct)
        #expect(grade("layout: numerator\n", "[[6x y, 3x^2], [2, 8y^7]]") == .correct)
    }

    @Test func whichEntriesAreWrongWithPartialCredit() throws {
        let r = try result("one-entry-wrong")
        #expect(r.verdict == .incorrect)
        #expect(r.score == 0.75)
        #expect(r.message == "1 of 4 entries are wrong: (1, 2)")
        #expect(kinds(r) == ["readAs", "entries", "value"])
    }

    @Test(arguments: [
        // (answer, wrong entries, score)
        ("[[1/y, -x/y^2], [y, x]]", nil as String?, 1.0),
        ("[[1/y, -x/y^2], [y, y]]", "1 of 4 entries are wrong: (2, 2)", 0.75),
        ("[[y, -x/y^2], [y, y]]", "2 of 4 entries are wrong: (1, 1), (2, 2)", 0.5),
        ("[[1/y, x/y^2], [x, y]]", "3 of 4 entries are wrong: (1, 2), (2, 1), (2, 2)", 0.25),
    ])
    func partialCreditIsTheShareOfRightEntries(answer: String, message: String?, score: Double) throws {
        let text = "```exercise\nid: q\nwhere: y > 0\nask: jacobian([x / y, x y], [x, y])\n```\n\n```answer\n\(answer)\n```\n"
        let r = try #require(Grader().grade(Workbook(file: "q.md", text: text)).results.first)
        #expect(r.score == score)
        if let message {
            #expect(r.verdict == .incorrect)
            #expect(r.message == message)
        } else {
            #expect(r.verdict == .correct)
        }
    }

    @Test func offByAConstantFactor() throws {
        let r = try result("factor")
        #expect(r.verdict == .incorrect)
        #expect(kinds(r) == ["readAs", "factor", "value"])
        #expect(r.message.contains("off by a constant factor: your answer is 2 times the right one"))
    }

    @Test(arguments: [("x", "1/2"), ("6x", "3"), ("-4x", "-2"), ("(2/3) x", "1/3")])
    func factorIsNamed(answer: String, factor: String) throws {
        let text = "```exercise\nid: f\nask: derivative(x^2, x)\n```\n\n```answer\n\(answer)\n```\n"
        let r = try #require(Grader().grade(Workbook(file: "f.md", text: text)).results.first)
        #expect(r.verdict == .incorrect)
        #expect(r.feedback.map(\.kind).contains(.factor))
        #expect(r.message.contains("your answer is \(factor) times the right one"), "\(answer): \(r.message)")
    }

    @Test func offBySign() throws {
        let r = try result("sign")
        #expect(r.verdict == .incorrect)
        #expect(kinds(r) == ["readAs", "sign", "value"])
        #expect(r.message == "off by sign: your answer is the negative of the right one")
    }

    @Test func reluCasesSwapped() throws {
        let r = try result("relu-swapped")
        #expect(r.verdict == .incorrect)
        #expect(kinds(r).contains("kink"))
        #expect(r.message.contains("swapped"))
    }

    @Test func reluWrongOnOneSide() throws {
        let r = try result("relu-one-side")
        #expect(r.verdict == .incorrect)
        #expect(kinds(r).contains("kink"))
        #expect(r.message.contains("right on one side of the kink but wrong on the other"))
        #expect(r.message.contains("wrong where w^T x + b <= 0"), "\(r.message)")
    }

    /// The ReLU answer right on the other side names the other side.
    @Test func reluWrongOnTheOtherSide() throws {
        let text = """
            ```exercise
            id: neuron
            let: w, x: vector(n); b: scalar
            ask: gradient(max(0, w . x + b), w)
            ```

            ```answer
            zeros(n)^T
            ```
            """
        let r = try #require(Grader().grade(Workbook(file: "n.md", text: text)).results.first)
        #expect(r.verdict == .incorrect)
        #expect(r.message.contains("right on one side of the kink"), "\(r.message)")
        #expect(r.message.contains("wrong where w^T x + b > 0"), "\(r.message)")
    }

    /// A different value names a point and both values there, and they are the real values at that point.
    @Test func pointWhereTheyDiffer() throws {
        let r = try result("value")
        #expect(r.verdict == .incorrect)
        #expect(kinds(r) == ["readAs", "value"])
        let value = try #require(r.feedback.first { $0.kind == .value }).message
        // "at x = -1.58651: expected 7.55102, got 3.51701"
        let pattern = /^at x = (-?[0-9.e+-]+): expected (-?[0-9.e+-]+), got (-?[0-9.e+-]+)$/
        let m = try #require(value.wholeMatch(of: pattern), "\(value)")
        let x = try #require(Double(m.1)), expected = try #require(Double(m.2)), got = try #require(Double(m.3))
        #expect(abs(expected - 3 * x * x) < 1e-3 * max(1, abs(expected)))
        #expect(abs(got - (x * x + 1)) < 1e-3 * max(1, abs(got)))
        #expect(abs(expected - got) > 1e-3)
    }

    @Test func everyFeedbackKindIsProduced() throws {
        let (report, _) = try Fixtures.grade("feedback.md")
        let kinds = Set(report.results.flatMap { $0.feedback.map(\.kind) })
        let (invalid, _) = try Fixtures.grade("verdicts.md")
        let all = kinds.union(invalid.results.flatMap { $0.feedback.map(\.kind) })
        #expect(all.isSuperset(of: [.readAs, .shape, .transposed, .factor, .sign, .kink, .entries, .value, .syntax]))
    }
}

/// Kink feedback names the region where the answer is wrong, and only where it is wrong on all of it.
@Suite struct KinkRegionTests {
    func result(_ id: String) throws -> GradeResult {
        let (_, results) = try Fixtures.grade("feedback.md")
        return try #require(results[id])
    }

    @Test func wrongOnPartOfASide() throws {
        let r = try result("kink-part")
        #expect(r.verdict == .incorrect)
        #expect(r.message == "right on one side of the kink but wrong on the other: wrong where x < -1 (check which side of the kink each case belongs to)", "\(r.message)")
        #expect(!r.message.contains("x <= 0"))
    }

    @Test func wrongPastAFarKink() throws {
        let r = try result("kink-far")
        #expect(r.verdict == .incorrect)
        // Wrong only for 200 < x < 300: the point shown lies there.
        let value = try #require(r.feedback.first { $0.kind == .value })
        let x = try #require(Double(value.message.dropFirst("at x = ".count).prefix { $0 != ":" }))
        #expect(x > 200 && x < 300, "\(value.message)")
    }
}
