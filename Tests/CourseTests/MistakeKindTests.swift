import Grading
import Testing
@testable import Course

/// A mistake block must name the feedback its answer gets; a typo or a missing kind is an error of the file.
@Suite struct MistakeKindTests {
    let text = """
        ```exercise
        id: square
        ask: derivative(x^2, x)
        ```

        ```solution
        2x
        ```

        ```mistake
        answer: -2x
        feedback: sing
        ```

        ```mistake
        answer: 4x
        ```

        ```mistake
        answer: x
        feedback: factor
        ```

        """

    @Test func unknownAndMissingKindsAreErrorsAtTheirLines() throws {
        let report = Grader().grade(Workbook(file: "m.md", text: text), useSolutions: true)
        let unknown = try #require(report.errors.first { $0.message.hasPrefix("unknown feedback kind 'sing'") })
        #expect(unknown.location == "m.md:12:11")
        #expect(unknown.message.hasSuffix("expected one of \(FeedbackKind.list)"))
        #expect(unknown.description.hasSuffix("    feedback: sing\n              ^^^^"))
        let missing = try #require(report.errors.first { $0.message.contains("'feedback:'") })
        #expect(missing.line == 15)
        #expect(missing.message.contains(FeedbackKind.list))
        #expect(report.errors.count == 2)
    }

    @Test func verifyChecksOnlyTheMistakesThatNameAKind() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("chapters/01-square.md", "# Squares\n\n" + text)
        let report = try Verifier(chapters: folder.file("chapters"), exercises: folder.file("exercises")).run()
        let exercise = report.checks.filter { $0.kind == .exercise }
        #expect(exercise.filter { $0.status == .failed }.map(\.line).sorted() == [14, 17])
        #expect(exercise.contains { $0.status == .verified && $0.message == "square: the mistake 'x' is marked incorrect with factor feedback" })
    }
}
