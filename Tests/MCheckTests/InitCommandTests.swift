import Foundation
import Testing

/// `mcheck init course && cd course && mcheck build && mcheck verify`, run as a student or author would.
@Suite struct InitCommandTests {
    /// Runs the built mcheck in `folder`.
    func run(_ arguments: [String], in folder: URL) throws -> MCheckProcess.Outcome {
        let process = Process()
        process.executableURL = MCheckProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return MCheckProcess.Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func aNewCourseBuildsAndVerifies() throws {
        let parent = try MCheckProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let made = try run(["init", "my-course"], in: parent)
        #expect(made.status == 0, "\(made.stderr)")
        let course = parent.appendingPathComponent("my-course")
        for file in ["mcheck.toml", "chapters/01-derivatives.md", "exercises/README.md", "exercises/ch1.md", ".github/workflows/course.yml"] {
            #expect(FileManager.default.fileExists(atPath: course.appendingPathComponent(file).path), "\(file) missing")
        }
        let config = try String(contentsOf: course.appendingPathComponent("mcheck.toml"), encoding: .utf8)
        #expect(config.contains(#"title = "My course""#))
        let workflow = try String(contentsOf: course.appendingPathComponent(".github/workflows/course.yml"), encoding: .utf8)
        #expect(workflow.contains("mcheck verify") && workflow.contains("mcheck build"))

        let build = try run(["build"], in: course)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.hasPrefix("built 2 pages"))
        let page = try String(contentsOf: course.appendingPathComponent("_site/01-derivatives.html"), encoding: .utf8)
        #expect(page.contains("<title>1. Derivatives · My course</title>"))

        let verify = try run(["verify", "--min-coverage", "100"], in: course)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("exercise checks: 3 verified, 0 failed"))
        #expect(verify.stdout.contains("equation checks: 1 verified, 0 failed"))
        #expect(verify.stdout.contains("workbook checks: 1 verified, 0 failed"))

        // The workbook grades: the exercise is there, unanswered.
        let grade = try run(["exercises/ch1.md"], in: course)
        #expect(grade.stdout.contains("product-rule: unanswered"))
    }

    @Test func refusesAFolderThatIsNotEmpty() throws {
        let folder = try MCheckProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "mine\n".write(to: folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        let r = try run(["init", "."], in: folder)
        #expect(r.status == 2)
        #expect(r.stderr.contains("not empty (notes.md)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.md"])
    }

    @Test func theConfigFilesErrorsExitWithStatus2() throws {
        let parent = try MCheckProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(try run(["init", "c"], in: parent).status == 0)
        let course = parent.appendingPathComponent("c")
        try "[course]\ntitle = \"T\"\nlanguage = 5\n".write(to: course.appendingPathComponent("mcheck.toml"), atomically: true, encoding: .utf8)
        for command in ["build", "verify"] {
            let r = try run([command], in: course)
            #expect(r.status == 2)
            #expect(r.stderr.contains("mcheck.toml:3:1: error: 'language' must be a string, in quotes"))
        }
        let titled = try run(["build", "--title", "Given", "--config", "/nonexistent.toml"], in: course)
        #expect(titled.status == 2)
        #expect(titled.stderr.contains("/nonexistent.toml: error: no such file"))
    }

    /// `--site DIR` overrides the built-in theme file by file; a rebuild removes the page of a deleted chapter; an
    /// `--out` that is the course root is refused, and nothing is written.
    @Test func theThemeOptionAndTheOutputFolder() throws {
        let parent = try MCheckProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        #expect(try run(["init", "c"], in: parent).status == 0)
        let course = parent.appendingPathComponent("c")
        let theme = course.appendingPathComponent("my-theme")
        try FileManager.default.createDirectory(at: theme, withIntermediateDirectories: true)
        try "body { color: teal; }\n".write(to: theme.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        try "# Extra\n\nText.\n".write(to: course.appendingPathComponent("chapters/02-extra.md"), atomically: true, encoding: .utf8)
        let build = try run(["build", "--site", "my-theme", "--out", "public"], in: course)
        #expect(build.status == 0, "\(build.stderr)")
        let style = try String(contentsOf: course.appendingPathComponent("public/style.css"), encoding: .utf8)
        #expect(style.hasSuffix("body { color: teal; }\n"))
        let page = try String(contentsOf: course.appendingPathComponent("public/02-extra.html"), encoding: .utf8)
        #expect(page.contains(#"<script src="toc.js" data-current="02-extra.html"></script>"#))

        try FileManager.default.removeItem(at: course.appendingPathComponent("chapters/02-extra.md"))
        #expect(try run(["build", "--site", "my-theme", "--out", "public"], in: course).status == 0)
        #expect(!FileManager.default.fileExists(atPath: course.appendingPathComponent("public/02-extra.html").path))
        #expect(FileManager.default.fileExists(atPath: course.appendingPathComponent("public/01-derivatives.html").path))

        let before = try FileManager.default.contentsOfDirectory(atPath: course.path).sorted()
        let refused = try run(["build", "--out", "."], in: course)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("refusing to write the site here: it is the course root"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: course.path).sorted() == before)
    }
}
