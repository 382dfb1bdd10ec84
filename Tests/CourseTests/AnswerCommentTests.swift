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

    @Test func escapedPercentIsKept() {
        #expect(Grader.withoutComments("50\\% % note") == "50\\%       ")
    }
}
