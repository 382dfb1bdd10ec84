import Foundation
import Testing

/// The command line on a workbook with shape, find-the-error and multi-part exercises (the CourseTests fixture
/// `course-parts`): each part graded, the exercise's score, in every format; verify and workbook on its chapter.
@Suite struct MultiPartCommandTests {
    static let course = "../../CourseTests/Fixtures/course-parts"
    static let workbook = course + "/answered/ch3.md"

    @Test func textGradesEachPartAndScoresTheExercise() throws {
        let r = try MCheckProcess.run([Self.workbook])
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(Self.workbook):37: chain-sin-square (b): incorrect — off by sign"))
        #expect(r.stdout.contains("\(Self.workbook):24: chain-sin-square: 1 of 3 parts correct, score 0.33\n"))
        #expect(r.stdout.hasSuffix("3 exercises in 1 file (6 answers, each part counted): 2 correct, 3 incorrect, 1 unanswered, 0 invalid; score 1.33/3\n"))
    }

    @Test func jsonAndJUnitCarryTheParts() throws {
        let json = try MCheckProcess.run([Self.workbook, "--format", "json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let file = try #require((root["files"] as? [[String: Any]])?.first)
        #expect((file["results"] as? [[String: Any]])?.compactMap { $0["part"] as? String } == ["a", "b", "c", "a", "b"])
        #expect((file["exercises"] as? [[String: Any]])?.map { $0["parts"] as? Int } == [1, 3, 2])
        let junit = try MCheckProcess.run([Self.workbook, "--format", "junit"])
        #expect(junit.status == 1)
        #expect(junit.stdout.contains("<testcase name=\"find-error-sin-square (a)\""))
        #expect(junit.stdout.contains("<system-out>find-error-sin-square: 0 of 2 parts correct, score 0</system-out>"))
        let github = try MCheckProcess.run([Self.workbook, "--format", "github"])
        #expect(github.stdout.contains("title=chain-sin-square (b) — incorrect::off by sign"))
    }

    @Test func minScoreCountsEachExerciseOnce() throws {
        // 1.33 of 3 points: 0.44 of the points.
        #expect(try MCheckProcess.run([Self.workbook, "--min-score", "0.4"]).status == 0)
        #expect(try MCheckProcess.run([Self.workbook, "--min-score", "0.5"]).status == 1)
    }

    @Test func theSolutionsOfEveryPartGradeCorrect() throws {
        let r = try MCheckProcess.run(["--solutions", Self.course + "/chapters/03-chain.md"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.hasSuffix("3 exercises in 1 file (6 answers, each part counted): 6 correct, 0 incorrect, 0 unanswered, 0 invalid; score 3/3\n"))
    }

    @Test func theWorkbookIsUpToDateWithItsChapter() throws {
        let r = try MCheckProcess.run(["workbook", "--check", "--chapters", Self.course + "/chapters", "--out", Self.course + "/exercises"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.isEmpty)
    }
}
