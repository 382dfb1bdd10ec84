import Foundation
import Grading
import Testing
@testable import Course

/// The fuzzing reproducers of absurd sizes (Fixtures/robustness, copied from the shared reproducers): each is a
/// clear error at the size that is too large, never a crash, a trap or gigabytes of memory.
@Suite struct AbsurdSizeTests {
    static let cases: [(file: String, line: Int, column: Int?, size: String)] = [
        ("grade-let-vector-intmax-abort.md", 3, 16, "9223372036854775807"),
        ("grade-let-vector-2pow62-segv.md", 3, 16, "4611686018427387904"),
        ("grade-let-matrix-2pow32-sigill.md", 3, 16, "4294967296"),
        ("grade-let-vector-1e8-memory.md", 3, 16, "100000000"),
    ]

    @Test(arguments: cases)
    func declaredSizeIsAFileError(file: String, line: Int, column: Int?, size: String) throws {
        let report = Grader().grade(try Workbook.load(Fixtures.path("robustness/\(file)")))
        let error = try #require(report.errors.first)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.message == "let: the size \(size) is too large (the largest is 1000)")
        #expect(report.results.isEmpty)
    }

    @Test(arguments: [("grade-answer-ones-1e9-abort.md", "999999999", 13), ("grade-answer-diag-ones-1e8-abort.md", "99999999", 19)])
    func writtenSizeMakesTheAnswerInvalid(file: String, size: String, column: Int) throws {
        let report = Grader().grade(try Workbook.load(Fixtures.path("robustness/\(file)")))
        let result = try #require(report.results.first)
        #expect(result.verdict == .invalid)
        #expect(result.message.hasSuffix(":7:\(column)): the size \(size) is too large (the largest is 1000)"), "\(result.message)")
    }

    /// A sum's limit past what is evaluated says so, not that it is not a whole number (found in review).
    @Test func aHugeSumLimitIsNamedAsTooLarge() throws {
        let text = "```exercise\nid: s\nask: derivative(x^2, x)\n```\n\n```answer\n\\sum_{i=1}^{1000000000} x\n```\n"
        let result = try #require(Grader().grade(Workbook(file: "w.md", text: text)).results.first)
        #expect(result.verdict == .invalid)
        #expect(result.message.contains("an upper limit is 1000000000, beyond what mcheck evaluates"), "\(result.message)")
        #expect(!result.message.contains("whole number"))
    }
}
