import ArgumentParser
import Course
import Foundation
import Grading
import Site

/// `mcheck verify [FILE…|DIR…]`: check every worked equation, exercise, workbook, math span and link of the course.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every worked equation, exercise solution, workbook, math span and link of the course.",
        discussion: """
            With no argument, checks the chapters of --chapters. A file checks that chapter (links are resolved against its folder); a folder checks its chapters.

            Exit status: 0 when everything holds, 1 when a check fails (or coverage is below --min-coverage), 2 when it cannot run.
            """)

    @Argument(help: ArgumentHelp("Chapter files (NN-slug.md) or folders of chapters; instead of --chapters.", valueName: "chapter"))
    var paths: [String] = []

    @OptionGroup var folders: CourseFolders

    @Option(name: .long, help: "The folder of workbooks (chN.md).")
    var exercises = "exercises"

    @Option(name: .long, help: "Output: text, json, or github (annotations on the lines of a pull request).")
    var format: VerifyFormat = .text

    @Option(name: .long, help: "Fail when fewer than this percentage of all claims (display, inline, table, exercise) are checked.")
    var minCoverage: Double = 0

    @Flag(name: .long, help: "Also list every check that passed.")
    var verbose = false

    enum VerifyFormat: String, ExpressibleByArgument, CaseIterable { case text, json, github }

    func validate() throws {
        guard (0...100).contains(minCoverage) else { throw ValidationError("--min-coverage must be between 0 and 100") }
        _ = try targets()
    }

    /// Each folder to check, with the chapter files named in it (nil: all of them), in the order given.
    func targets() throws -> [(folder: String, files: [String]?)] {
        guard !paths.isEmpty else { return [(Self.trimmed(folders.chapters), nil)] }
        var out: [(folder: String, files: [String]?)] = []
        for path in paths {
            switch SourceFile.kind(atPath: path) {
            case .missing: throw ValidationError("\(path): no such file or folder")
            case .special(let what): throw ValidationError("\(path): is \(what), not a chapter")
            case .folder:
                let folder = Self.trimmed(path)
                if let k = out.firstIndex(where: { $0.folder == folder }) { out[k].files = nil } else { out.append((folder, nil)) }
            case .regular:
                guard path.hasSuffix(".md") else { throw ValidationError("\(path): not a chapter (a chapter is a .md file)") }
                let folder = Self.trimmed((path as NSString).deletingLastPathComponent)
                let file = (folder as NSString).appendingPathComponent((path as NSString).lastPathComponent)
                if let k = out.firstIndex(where: { $0.folder == folder }) {
                    if out[k].files != nil, !out[k].files!.contains(file) { out[k].files!.append(file) }
                } else {
                    out.append((folder, [file]))
                }
            }
        }
        return out
    }

    /// `chapters/` → `chapters`, `` → `.`: a folder as the chapters' paths begin with it.
    static func trimmed(_ folder: String) -> String {
        var f = folder
        while f.count > 1 && f.hasSuffix("/") { f.removeLast() }
        return f.isEmpty ? "." : f
    }

    func run() throws {
        _ = try folders.courseConfig()
        var reports: [Verifier.Report] = []
        do {
            for target in try targets() {
                reports.append(try CourseVerification.run(chapters: target.folder, exercises: exercises, theme: folders.site, files: target.files))
            }
        } catch let error as SourceError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        let report = Verifier.Report.merged(reports)
        let text: String
        switch format {
        case .json: text = VerificationReporter.json(report)
        case .github: text = VerificationReporter.github(report, minCoverage: minCoverage)
        case .text: text = VerificationReporter.text(report, verbose: verbose, minCoverage: minCoverage)
        }
        print(text, terminator: "")
        if !report.errors.isEmpty { throw ExitCode(2) }
        if !report.failed.isEmpty || report.coverage.percent < minCoverage { throw ExitCode(1) }
    }
}
