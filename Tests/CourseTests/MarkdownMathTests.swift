import Foundation
import Grading
import Testing
@testable import Course

/// Math and dollar signs in the prose never break the exercise blocks.
@Suite struct MarkdownMathTests {
    @Test func prosemathDoesNotBreakTheBlocks() throws {
        let (report, results) = try Fixtures.grade("math-prose.md")
        #expect(report.errors.isEmpty)
        #expect(report.results.map(\.id) == ["after-inline-math", "after-dollars", "after-display"])
        for id in ["after-inline-math", "after-dollars", "after-display"] {
            #expect(results[id]?.verdict == .correct, "\(id): \(results[id]?.message ?? "missing")")
        }
    }

    @Test func answersAreReadFromTheRightLines() throws {
        let workbook = try Fixtures.workbook("math-prose.md")
        let lines = workbook.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(workbook.exercises.count == 3)
        for e in workbook.exercises {
            let answer = try #require(e.answer)
            #expect(lines[answer.fenceLine - 1] == "```answer")
            #expect(lines[answer.contentLine - 1] == answer.text.trimmingCharacters(in: .newlines))
        }
    }

    /// The same workbook with each kind of math inserted right before an exercise, one at a time.
    @Test(arguments: [
        "It costs $5 and $10.",
        "Inline $a * b * c$ and $x_1 * x_2 * x_3$.",
        "$$a_1 \\\\ b_2 \\{ c \\} * d$$",
        "$$\n\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}_{*}\n$$",
        "A lone $ sign and a `$code$` span, *emphasis $x*$*.",
        "$$\\text{```answer}$$",
        "$\\{x\\}$ and \\$ escaped",
    ])
    func eachKindOfMath(prose: String) throws {
        let text = """
            # Mine

            \(prose)

            ```exercise
            id: d
            ask: derivative(x^2, x)
            ```

            \(prose)

            ```answer
            2x
            ```

            \(prose)
            """
        let workbook = Workbook(file: "mine.md", text: text)
        #expect(workbook.errors.isEmpty)
        let report = Grader().grade(workbook)
        #expect(report.results.count == 1)
        #expect(report.results.first?.verdict == .correct, "\(report.results.first?.message ?? "no result")")
    }
}
