import Foundation
import Testing

/// `--course`: a hand-in is graded on the course's questions (`Fixtures/handin/eve/ch1.md` edits the ask of `cube`,
/// deletes `grad-product` and adds `bonus`; the course is `Fixtures/course/chapters`).
@Suite struct CourseQuestionsTests {
    static func results(_ outcome: MCheckProcess.Outcome) throws -> [String: String] {
        let run = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let files = try #require(run["files"] as? [[String: Any]])
        var out: [String: String] = [:]
        for f in files { for r in (f["results"] as? [[String: Any]]) ?? [] { out[r["id"] as! String] = r["verdict"] as? String } }
        return out
    }

    @Test func withoutTheCourseTheEditedWorkbookPasses() throws {
        let outcome = try MCheckProcess.run(["handin/eve/ch1.md", "--format", "json"])
        #expect(try Self.results(outcome) == ["cube": "correct", "bonus": "correct"])
        #expect(outcome.status == 0)
    }

    @Test func withTheCourseItIsGradedOnTheCoursesQuestions() throws {
        let outcome = try MCheckProcess.run(["handin/eve/ch1.md", "--course", "course/chapters", "--format", "json", "--min-score", "0.5"])
        // cube on derivative(x^3, x), grad-product unanswered, bonus not graded.
        #expect(try Self.results(outcome) == ["cube": "incorrect", "grad-product": "unanswered"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("handin/eve/ch1.md:9: warning: exercise 'cube': its 'ask' differs from the course's"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("exercise 'bonus' is not in the course"), "\(outcome.stderr)")
    }

    @Test func aMissingWorkbookOfAFolderCountsUnanswered() throws {
        let outcome = try MCheckProcess.run(["handin/eve", "--course", "course/chapters", "--format", "json"])
        #expect(try Self.results(outcome).count == 2)
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("mcheck-handin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        try Data("# notes\n".utf8).write(to: empty.appendingPathComponent("notes.md"))
        let none = try MCheckProcess.run([empty.path, "--course", "course/chapters", "--format", "json", "--min-score", "0.8"])
        #expect(try Self.results(none) == ["cube": "unanswered", "grad-product": "unanswered"])
        #expect(none.stderr.contains("ch1.md: warning: missing: the course's workbook"), "\(none.stderr)")
        #expect(none.status == 1)
    }

    @Test func theGradebookGradesOnTheCourse() throws {
        let outcome = try MCheckProcess.run(["gradebook", "handin", "--course", "course/chapters", "--csv", "-"])
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        #expect(header.contains("ch1.md:cube") && header.contains("ch1.md:grad-product") && !header.contains("bonus"), "\(header)")
        #expect(outcome.stderr.contains("its 'ask' differs from the course's"), "\(outcome.stderr)")
    }

    @Test func aCourseFolderThatCannotBeReadIsAnErrorOfTheCommand() throws {
        for arguments in [["handin/eve/ch1.md", "--course", "no-such-chapters"], ["gradebook", "handin", "--course", "no-such-chapters"]] {
            let outcome = try MCheckProcess.run(arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.stderr.contains("--course no-such-chapters"), "\(outcome.stderr)")
        }
    }
}
