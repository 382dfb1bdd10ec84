import Testing
@testable import Course
@testable import Grading

/// Notes a student leaves in an answer block: `#` lines and LaTeX `%` comments are not part of the answer,
/// and errors still point at the student's own line and column.
@Suite struct AnswerCommentTests {
    func grade(_ answer: String) throws -> GradeResult {
        let text = "```exercise\nid: p\nask: derivative(x^3, x)\n```\n\n```answer\n\(answer)\n```\n"
        return try #require(Grader().grade(Workbook(file: "w.md", text: text)).results.first)
    }

    @Test(arguments: ["# power rule\n3x^2", "3x^{2} % the power rule", "  # indented note\n3x^2\n# and after", "\\frac{6x^2}{2} % 50\\% of 6x^2"])
    func commentsAreIgnored(answer: String) throws {
        #expect(try grade(answer).verdict == .correct)
    }

    @Test func onlyCommentsIsUnanswered() throws {
        #expect(try grade("# still thinking").verdict == .unanswered)
    }

    @Test func errorsPointPastTheComment() throws {
        let r = try grade("# note\n3x^2 +")
        #expect(r.verdict == .invalid)
        #expect(r.message.contains("w.md:8:7"), "\(r.message)")
    }

    /// Blank lines and notes before the answer are set aside before reading; positions still count them.
    @Test(arguments: [
        ("# note\n\n   # another, indented\n\n  3x^2 + (x", "w.md:11:12", "'(' at column 10"),
        ("# working\n\ndy/dx = 3x^2 + (x", "w.md:9:18", "'(' at column 16"),
        ("\n\n\t\n   3 x^2 +", "w.md:10:11", ""),
    ])
    func errorsPointPastLeadingNotesAndBlankLines(answer: String, position: String, column: String) throws {
        let r = try grade(answer)
        #expect(r.verdict == .invalid)
        #expect(r.message.contains(position), "\(r.message)")
        if !column.isEmpty { #expect(r.message.contains(column), "\(r.message)") }
    }

    @Test func leadingBlankLinesAreSetAsideWithTheirLength() {
        #expect(Grader.withoutLeadingBlankLines("  \n\t\n  3x\n") == ("  3x\n", 5))
        #expect(Grader.withoutLeadingBlankLines("3x") == ("3x", 0))
        #expect(Grader.withoutLeadingBlankLines(" \n  ") == ("  ", 2))
        // A non-ASCII space is not set aside (its bytes are not its scalars).
        #expect(Grader.withoutLeadingBlankLines("\u{A0}\n3x") == ("\u{A0}\n3x", 0))
        #expect(Grader.blankedPrefix(of: "é\nλ = x", scalars: 5) == " \n   ")
    }

    @Test func escapedPercentIsKept() {
        #expect(Grader.withoutComments("50\\% % note") == "50\\%       ")
    }
}
