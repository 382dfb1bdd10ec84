import Foundation
import Testing

/// The built `mcheck` run on the fixtures in `Tests/MCheckTests/Fixtures`: what it prints and how it exits.
enum MCheckProcess {
    /// The fixtures folder, next to this file in the source tree.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `mcheck` beside the test bundle (`swift test` builds both into the same folder), else the debug build of
    /// this checkout.
    static let executable: URL = {
        var candidates: [URL] = []
        if let bundle = Bundle.main.executableURL?.deletingLastPathComponent() { candidates.append(bundle.appendingPathComponent("mcheck")) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mcheck"))
        let root = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/mcheck"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[candidates.count - 1]
    }()

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `mcheck arguments` in `folder` (relative to the fixtures).
    static func run(_ arguments: [String], in folder: String = ".") throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mcheck-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = fixtures.appendingPathComponent(folder)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: try String(contentsOf: out, encoding: .utf8), stderr: try String(contentsOf: err, encoding: .utf8))
    }

    /// A new empty folder in the temporary directory.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mcheck-e2e-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The repository's own theme, as the fixture courses' `--site` (from a fixture course's folder).
    static let theme = "../../../../site"

    static func expected(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("expected").appendingPathComponent(name), encoding: .utf8)
    }
}

@Suite(.serialized) struct EndToEndTests {
    @Test func gradesAWorkbookAsText() throws {
        let r = try MCheckProcess.run(["workbook.md"])
        #expect(r.status == 1, "an incorrect answer")
        #expect(r.stdout == (try MCheckProcess.expected("grade.txt")))
        #expect(r.stderr.isEmpty)
    }

    @Test func gradesAWorkbookAsJSON() throws {
        let r = try MCheckProcess.run(["workbook.md", "--format", "json"])
        #expect(r.status == 1)
        #expect(r.stdout == (try MCheckProcess.expected("grade.json")))
    }

    @Test func gradesTheSolutionsOfAChapter() throws {
        let r = try MCheckProcess.run(["--solutions", "chapters/"], in: "course")
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("2 exercises in 1 file: 2 correct, 0 incorrect, 0 unanswered, 0 invalid; score 2/2\n"))
    }

    @Test func missingWorkbookExitsTwo() throws {
        let r = try MCheckProcess.run(["no-such.md"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("no-such.md: error: no such file or folder"))
    }

    @Test func differentiatesAndChecks() throws {
        let r = try MCheckProcess.run(["diff", "max(0, w . x + b)", "--wrt", "w", "--let", "w, x: vector(n); b: scalar", "--check"])
        #expect(r.status == 0)
        let expected = try MCheckProcess.expected("diff.txt").split(separator: "\n")
        let got = r.stdout.split(separator: "\n")
        #expect(got.count == expected.count)
        #expect(Array(got.prefix(4)) == Array(expected.prefix(4)))
        #expect(got.last?.hasPrefix("  check: agrees with central differences at 10 points; largest relative error ") == true)
    }

    /// `--notation unicode`: the question and the result as a student types them with Unicode, then the other notations
    /// asked for, in their order.
    @Test func printsTheNotationsAskedFor() throws {
        let r = try MCheckProcess.run(["diff", "sigmoid(w . x) + norm(w)^2", "--wrt", "w", "--let", "w, x: vector(n)",
                                       "--notation", "unicode", "--notation", "ascii"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == (try MCheckProcess.expected("diff-unicode.txt")))
    }

    /// The denominator layout's transpose is undone before comparing with finite differences.
    @Test func checksTheDenominatorLayout() throws {
        let r = try MCheckProcess.run(["diff", "A x", "--wrt", "x", "--let", "A: matrix(2, 3); x: vector(3)", "--layout", "denominator", "--check"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("  shape: 3×2 matrix\n"))
        #expect(r.stdout.contains("  check: agrees with central differences at 10 points"))
    }

    @Test func checkRefusesAListOfVariables() throws {
        let r = try MCheckProcess.run(["diff", "x^2 y", "--wrt", "[x, y]", "--check"])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("  check: only a single variable can be checked against finite differences\n"))
    }

    @Test func diffInputErrorsExitTwo() throws {
        let r = try MCheckProcess.run(["diff", "x^2 +", "--wrt", "x"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "error: expression: line 1, column 6: expected a term after '+'\n  x^2 +\n       ^\n")
    }

    /// ArgumentParser's message, and 2 (not its 64): a bad option, a missing argument or value, a bad value, validate().
    @Test(arguments: [
        (["diff", "x^2"], "Error: Missing expected argument '--wrt <wrt>'"),
        (["diff", "x", "--wrt", "x", "--frobnicate"], "Error: Unknown option '--frobnicate'"),
        (["diff", "--wrt", "x"], "Error: Missing expected argument '<expression>'"),
        (["diff", "x", "y", "--wrt", "x"], "Error: Unexpected argument 'y'"),
        (["workbook", "--frobnicate"], "Error: Unknown option '--frobnicate'"),
        (["build", "--out"], "Error: Missing value for '--out <out>'"),
        (["grade", "a.md", "--format", "xml"], "Error: The value 'xml' is invalid for '--format <format>'"),
        (["verify", "--min-coverage", "120"], "Error: --min-coverage must be between 0 and 100"),
        ([], "Error: Missing expected argument '<paths> ...'"),
    ])
    func usageErrorsExitTwo(arguments: [String], message: String) throws {
        let r = try MCheckProcess.run(arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix(message), "\(r.stderr)")
        #expect(r.stderr.lowercased().contains("usage: mcheck"))
    }

    /// An expression beginning with `-` is the expression, not an option, with or without `--` before it.
    @Test(arguments: [
        (["diff", "-sin(x)", "--wrt", "x"], "d/dx -sin(x)\n  ascii: -cos(x)\n"),
        (["diff", "--", "-x^2", "--wrt", "x"], "d/dx -x^2\n  ascii: -2x\n"),
        (["diff", "--wrt", "x", "-2x", "--check"], "d/dx -2x\n  ascii: -2\n"),
    ])
    func differentiatesAnExpressionBeginningWithMinus(arguments: [String], output: String) throws {
        let r = try MCheckProcess.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix(output), "\(r.stdout)")
    }

    /// A folder that yields no workbook is an error of the command that names it, not "0 exercises in 0 files".
    @Test func aFolderWithoutWorkbooksExitsTwo() throws {
        let empty = try MCheckProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        let r = try MCheckProcess.run([empty.path])
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix("\(empty.path): error: no .md file in this folder\n"))

        let notes = try MCheckProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: notes) }
        try "# Notes\n".write(to: notes.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let other = try MCheckProcess.run(["workbook.md", notes.path])
        #expect(other.status == 2)
        #expect(other.stdout.contains("\(notes.path): error: no workbook in this folder (none of its .md files has an exercise)\n"))
        #expect(other.stdout.contains("workbook.md:"), "the other workbook is still graded")
    }

    /// Root reads every folder, so this runs as another user only.
    @Test(.enabled(if: getuid() != 0, "root can read a folder without permissions"))
    func anUnreadableFolderExitsTwo() throws {
        let folder = try MCheckProcess.temporaryFolder()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        try "```exercise\nid: a\nask: derivative(x^2, x)\n```\n".write(to: folder.appendingPathComponent("ch1.md"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder.path)
        let r = try MCheckProcess.run([folder.path])
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix("\(folder.path): error: cannot read this folder\n"))
    }

    @Test func verifiesASmallCourse() throws {
        let r = try MCheckProcess.run(["verify", "--min-coverage", "100", "--site", MCheckProcess.theme], in: "course")
        #expect(r.status == 0)
        #expect(r.stdout == (try MCheckProcess.expected("verify.txt")))
        let json = try MCheckProcess.run(["verify", "--format", "json", "--site", MCheckProcess.theme], in: "course")
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let checks = try #require(object?["checks"] as? [[String: Any]])
        #expect(checks.count == 12)
        #expect(checks.allSatisfy { $0["status"] as? String == "verified" })
    }

    @Test func buildsTheSiteIntoAFolder() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mcheck-e2e-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try MCheckProcess.run(["build", "--out", out.path, "--site", MCheckProcess.theme], in: "course")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("built 2 pages and 0 figures into \(out.path)/ in "))
        let page = try String(contentsOf: out.appendingPathComponent("01-rules.html"), encoding: .utf8)
        #expect(page.contains("Exercise 1.2"))
        #expect(page.contains("<span>ask:</span> <code>grad(x^2 y, [x, y])</code>"))
        #expect(page.contains("The answer is off by a constant factor."))
        for name in ["index.html", "style.css", "search-index.js"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)")
        }
    }

    /// One line holding `·`, `ᵀ` and `é`: grading, verify and build name the same column (Characters, not bytes).
    @Test func gradingVerifyAndBuildAgreeOnColumns() throws {
        let grade = try MCheckProcess.run(["--solutions", "chapters/"], in: "columns")
        #expect(grade.status == 2)
        #expect(grade.stdout.contains("chapters/01-columns.md:8:22: error: ask: expected a term after '+'\n    ask: equal(x·yᵀ + é +)\n                         ^\n"))

        let verify = try MCheckProcess.run(["verify", "--site", MCheckProcess.theme], in: "columns")
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("chapters/01-columns.md:8: error: exercise: wide: column 22: ask: expected a term after '+'\n"))
        #expect(verify.stdout.contains("chapters/01-columns.md:3: error: math: column 35: cannot render: \\frac needs 2 arguments\n"))
        #expect(!verify.stdout.contains("error: link:"), "the site's view repeats neither the exercise nor the math")

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("mcheck-e2e-columns-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let build = try MCheckProcess.run(["build", "--out", out.path, "--site", MCheckProcess.theme], in: "columns")
        #expect(build.status == 1)
        #expect(build.stderr.contains("chapters/01-columns.md:8:22: error: ask: expected a term after '+' [preprocess]\n"))
        #expect(build.stderr.contains("chapters/01-columns.md:3:35: error: cannot render LaTeX: \\frac needs 2 arguments [preprocess]\n"))
    }
}
