import Foundation
import Grading
import Testing
@testable import Course

/// Each verdict, on workbooks a student would write.
@Suite struct VerdictTests {
    @Test(arguments: [
        ("power-ascii", "3*x^2"),
        ("log-latex", "2*x/(1 + x^2)"),
        ("factored-vs-expanded", "3 + 3*x^2 + 6*x"),
        ("trig-identity", "sin(2*x)"),
        ("log-rules", "2 + 2*ln(x)"),
        ("dot-vs-transpose", "2*(x^T*w + b)"),
        ("jacobian-latex", "[[6*x*y, 3*x^2], [2, 8*y^7]]"),
        ("gradient-explicit", "[6*x*y, 3*x^2]"),
    ])
    func correctAnswers(id: String, readAs: String) throws {
        let (report, results) = try Fixtures.grade("correct.md")
        #expect(report.errors.isEmpty)
        let r = try #require(results[id])
        #expect(r.verdict == .correct, "\(id): \(r.message)")
        #expect(r.score == 1)
        #expect(r.message == "correct")
        #expect(r.feedback.contains(Feedback(.readAs, "read as: " + readAs)))
    }

    @Test func everyAnswerOfTheCorrectWorkbookIsGraded() throws {
        let (report, _) = try Fixtures.grade("correct.md")
        #expect(report.results.map(\.id) == ["power-ascii", "log-latex", "factored-vs-expanded", "trig-identity", "log-rules", "dot-vs-transpose", "jacobian-latex", "gradient-explicit"])
        #expect(report.count(.correct) == 8)
        #expect(report.score == 8)
    }

    /// The result's line is the line of the exercise's opening fence.
    @Test func resultLinesAreExerciseFences() throws {
        let workbook = try Fixtures.workbook("correct.md")
        let lines = workbook.text.split(separator: "\n", omittingEmptySubsequences: false)
        for r in Grader().grade(workbook).results {
            #expect(lines[r.line - 1] == "```exercise", "\(r.id) at line \(r.line)")
            #expect(lines[r.line] == "id: \(r.id)")
        }
    }

    /// Without `where: x > 0`, `2 ln x + 2` is not the derivative of `x ln(x^2)` (it is undefined for x < 0).
    @Test func logRulesNeedTheCondition() throws {
        let text = """
            ```exercise
            id: log-rules
            ask: derivative(x ln(x^2), x)
            ```

            ```answer
            2 ln(x) + 2
            ```
            """
        let r = try #require(Grader().grade(Workbook(file: "mine.md", text: text)).results.first)
        #expect(r.verdict != .correct)
    }

    @Test func incorrect() throws {
        let (_, results) = try Fixtures.grade("verdicts.md")
        let r = try #require(results["wrong"])
        #expect(r.verdict == .incorrect)
        #expect(r.score == 0)
        #expect(r.feedback.contains { $0.kind == .value })
    }

    @Test(arguments: ["3.0001x^2", "3x^2 + 0.0001", "2.9999*x^2", "3x^2.0001"])
    func nearMissesAreIncorrect(answer: String) throws {
        let text = "```exercise\nid: near\nask: derivative(x^3, x)\n```\n\n```answer\n\(answer)\n```\n"
        let r = try #require(Grader().grade(Workbook(file: "near.md", text: text)).results.first)
        #expect(r.verdict == .incorrect, "\(answer): \(r.message)")
        #expect(r.score == 0)
    }

    @Test func nearMissInTheFixture() throws {
        let (_, results) = try Fixtures.grade("verdicts.md")
        let r = try #require(results["near-miss"])
        #expect(r.verdict == .incorrect)
        #expect(r.feedback.contains(Feedback(.readAs, "read as: 3.0001*x^2")))
    }

    @Test(arguments: ["empty-answer", "blank-answer", "missing-answer"])
    func unanswered(id: String) throws {
        let (report, results) = try Fixtures.grade("verdicts.md")
        let r = try #require(results[id])
        #expect(r.verdict == .unanswered)
        #expect(r.score == 0)
        #expect(r.feedback.isEmpty)
        #expect(r.message == "no answer yet")
        #expect(report.errors.isEmpty, "a missing answer is not an error of the file")
    }

    /// An answer that cannot be read is invalid, pointing at the spot inside the answer block.
    @Test(arguments: [
        ("syntax-error", "6x*y + ) 3", 8, "expected an expression"),
        ("bad-latex", "\\frac{2x}{x^2 + 1", 18, "'}'"),
        ("second-line", "  x * * 1", 7, "expected an expression"),
    ])
    func invalidPointsIntoTheAnswer(id: String, answerLine: String, column: Int, message: String) throws {
        let workbook = try Fixtures.workbook("verdicts.md")
        let (_, results) = try Fixtures.grade("verdicts.md")
        let r = try #require(results[id])
        let line = try #require(Fixtures.line(of: answerLine, in: workbook.text))
        #expect(r.verdict == .invalid)
        #expect(r.score == 0)
        #expect(r.message.contains("\(workbook.file):\(line):\(column)"), "\(r.message)")
        #expect(r.message.contains(message))
        // The syntax feedback shows the answer's line and a caret under the column.
        let syntax = try #require(r.feedback.first { $0.kind == .syntax })
        let excerpt = syntax.message.split(separator: "\n").map(String.init)
        try #require(excerpt.count >= 2, "\(syntax.message)")
        #expect(excerpt[excerpt.count - 2].hasSuffix(answerLine))
        let indent = excerpt[excerpt.count - 2].count - answerLine.count
        let caret = excerpt[excerpt.count - 1]
        #expect(caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) - indent + 1 } == column, "\(syntax.message)")
        #expect(!r.feedback.contains { $0.kind == .readAs })
    }

    @Test(arguments: ["\\operatorname{cosine}(x)", "\\arcsec(x)", "\\cosine(x)"])
    func unknownLaTeXFunctionIsInvalid(answer: String) throws {
        let text = "# Mine\n\n```exercise\nid: trig\nask: derivative(sin(x), x)\n```\n\n```answer\n\(answer)\n```\n"
        let r = try #require(Grader().grade(Workbook(file: "mine.md", text: text)).results.first)
        #expect(r.verdict == .invalid, "\(answer): \(r.message)")
        #expect(r.message.contains("mine.md:9:"))
    }

    /// `cosine(x)` is not a function mcheck knows: the student is told, not graded on `cos(i*n*e*x)`.
    @Test(arguments: ["cosine(x) + 0", "foo(x)", "sinus(x)"])
    func unknownASCIIFunctionIsInvalid(answer: String) throws {
        let text = "# Mine\n\n```exercise\nid: trig\nask: derivative(sin(x), x)\n```\n\n```answer\n\(answer)\n```\n"
        let r = try #require(Grader().grade(Workbook(file: "mine.md", text: text)).results.first)
        #expect(r.verdict == .invalid, "\(answer): \(r.message)")
        #expect(r.message.contains("unknown"), "\(r.message)")
        #expect(r.score == 0)
    }

    @Test func unknownFunctionInTheFixture() throws {
        let (_, results) = try Fixtures.grade("verdicts.md")
        let r = try #require(results["unknown-function"])
        #expect(r.verdict == .invalid, "\(r.message)")
        #expect(r.message.contains("unknown function 'cosine'"), "\(r.message)")
        #expect(r.feedback.contains { $0.kind == .syntax })
    }

    /// An invalid answer costs nothing: it scores 0 like an unanswered one, is not counted incorrect,
    /// and the report still grades every other exercise.
    @Test func invalidLosesNothing() throws {
        let (report, _) = try Fixtures.grade("verdicts.md")
        #expect(report.results.count == 9)
        #expect(report.errors.isEmpty)
        for r in report.results where r.verdict == .invalid { #expect(r.score == 0) }
        #expect(report.count(.invalid) >= 3)
        #expect(report.count(.unanswered) == 3)
    }

    @Test func gradingNeverModifiesTheFile() throws {
        for name in ["correct.md", "verdicts.md", "feedback.md", "malformed.md", "math-prose.md"] {
            let path = Fixtures.path("workbooks/\(name)")
            let before = try fingerprint(path)
            let workbook = try Workbook.load(path)
            _ = Grader().grade(workbook)
            _ = Grader().grade(workbook, useSolutions: true)
            for format in ReportFormat.allCases { _ = Reporter(format: format, color: false).render([Grader().grade(workbook)]) }
            #expect(try fingerprint(path) == before, "\(name)")
        }
    }
}
