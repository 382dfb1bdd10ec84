import Foundation
import Testing

/// `mcheck verify FILE…` and `mcheck verify DIR`: like a linter, on what is named.
@Suite struct VerifyArgumentsTests {
    static func checks(_ arguments: [String], in folder: String) throws -> (status: Int32, files: Set<String>, count: Int) {
        // The repository's theme, from the fixtures or from a fixture course.
        let theme = folder == "." ? "../../../site" : MCheckProcess.theme
        let r = try MCheckProcess.run(["verify", "--format", "json", "--site", theme] + arguments, in: folder)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let checks = try #require(document["checks"] as? [[String: Any]])
        return (r.status, Set(checks.compactMap { $0["file"] as? String }), checks.count)
    }

    /// A folder as an argument is the same as `--chapters` of it.
    @Test func aFolderIsTheSameAsChapters() throws {
        let named = try Self.checks(["chapters/"], in: "course")
        let option = try Self.checks(["--chapters", "chapters"], in: "course")
        let defaulted = try Self.checks([], in: "course")
        #expect(named.status == option.status && named.status == defaulted.status)
        #expect(named.files == option.files && named.files == defaulted.files)
        #expect(named.count == option.count && named.count == defaulted.count)
    }

    /// One chapter: only its checks (and its workbook's), though its links are resolved against its folder.
    @Test func aFileChecksThatChapterOnly() throws {
        let all = try Self.checks(["--chapters", "course/chapters", "--exercises", "course/exercises"], in: ".")
        let one = try Self.checks(["course/chapters/01-rules.md", "--exercises", "course/exercises"], in: ".")
        // The theme's checks stay (they belong to no chapter).
        #expect(one.files.filter { !$0.hasPrefix("../") }.isSubset(of: ["course/chapters/01-rules.md", "course/exercises/ch1.md"]))
        #expect(one.files.contains("course/chapters/01-rules.md"))
        #expect(one.count == all.count, "the fixture course has one chapter")
    }

    /// One chapter of the course: none of the other chapters' checks, though its links reach them.
    @Test func oneChapterOfTheCourse() throws {
        let root = "../../.."
        let one = try Self.checks(["\(root)/chapters/04-jacobian.md", "--exercises", "\(root)/exercises"], in: ".")
        let chapters = one.files.filter { $0.hasPrefix("\(root)/chapters/") }
        #expect(chapters == ["\(root)/chapters/04-jacobian.md"])
        #expect(one.files.filter { $0.hasPrefix("\(root)/exercises/") }.isSubset(of: ["\(root)/exercises/ch4.md"]))
    }

    /// Chapters of two folders, one report.
    @Test func filesOfTwoFoldersMakeOneReport() throws {
        let a = try Self.checks(["course/chapters/01-rules.md"], in: ".")
        let b = try Self.checks(["verify-github/chapters/01-claims.md"], in: ".")
        let both = try Self.checks(["course/chapters/01-rules.md", "verify-github/chapters/01-claims.md"], in: ".")
        #expect(both.count == a.count + b.count)
        #expect(both.files == a.files.union(b.files))
        #expect(both.status == 1, "verify-github's chapter has a wrong equation")
    }

    @Test(arguments: [["nope.md"], ["course/chapters/missing.md"], ["workbook.txt"]])
    func badPathsAreUsageErrors(arguments: [String]) throws {
        let r = try MCheckProcess.run(["verify"] + arguments)
        #expect(r.status == 2)
        #expect(r.stderr.contains(arguments[0]))
        #expect(r.stdout.isEmpty)
    }
}

/// `--min-score`: an autograder passes a partly right submission.
@Suite struct MinScoreTests {
    /// The fixture's score as a fraction, from its JSON.
    static func fraction() throws -> Double {
        let r = try MCheckProcess.run(["workbook.md", "--format", "json"])
        let summary = try #require((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["summary"] as? [String: Any])
        return try #require(summary["score"] as? Double) / Double(try #require(summary["exercises"] as? Int))
    }

    @Test func passesAtTheThresholdAndFailsAboveIt() throws {
        let f = try Self.fraction()
        #expect(f > 0 && f < 1, "the fixture is partly right")
        #expect(try MCheckProcess.run(["workbook.md"]).status == 1, "without --min-score every exercise must be correct")
        let at = try MCheckProcess.run(["workbook.md", "--min-score", "\(f)"])
        #expect(at.status == 0)
        #expect(at.stdout.contains("at least the minimum"))
        let above = try MCheckProcess.run(["workbook.md", "--min-score", "\(min(1, f + 0.01))", "--format", "github"])
        #expect(above.status == 1)
        #expect(above.stdout.contains("BELOW the minimum"))
    }

    /// A file in error is still an error, whatever the threshold.
    @Test func errorsStillExitTwo() throws {
        #expect(try MCheckProcess.run(["workbook.md", "gone.md", "--min-score", "0"]).status == 2)
    }

    @Test(arguments: ["1.5", "-0.1", "eighty"])
    func aBadThresholdIsAUsageError(value: String) throws {
        let r = try MCheckProcess.run(["workbook.md", "--min-score", value])
        #expect(r.status == 2)
        #expect(r.stderr.contains("min-score"))
    }
}
