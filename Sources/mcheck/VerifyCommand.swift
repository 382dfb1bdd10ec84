import ArgumentParser
import Course
import Foundation
import Site

/// `mcheck verify`: check every worked equation, exercise, workbook, math span and link of the course.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every worked equation, exercise solution, workbook, math span and link of the course.",
        discussion: "Exit status: 0 when everything holds, 1 when a check fails (or coverage is below --min-coverage), 2 when it cannot run.")

    @OptionGroup var folders: CourseFolders

    @Option(name: .long, help: "The folder of workbooks (chN.md).")
    var exercises = "exercises"

    @Option(name: .long, help: "Output: text or json.")
    var format: VerifyFormat = .text

    @Option(name: .long, help: "Fail when fewer than this percentage of all claims (display, inline, table, exercise) are checked.")
    var minCoverage: Double = 0

    @Flag(name: .long, help: "Also list every check that passed.")
    var verbose = false

    enum VerifyFormat: String, ExpressibleByArgument { case text, json }

    func validate() throws {
        guard (0...100).contains(minCoverage) else { throw ValidationError("--min-coverage must be between 0 and 100") }
    }

    func run() throws {
        let report: Verifier.Report
        do { report = try CourseVerification.run(chapters: folders.chapters, exercises: exercises, theme: folders.site) } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        let text = format == .json
            ? VerificationReporter.json(report)
            : VerificationReporter.text(report, verbose: verbose, minCoverage: minCoverage)
        print(text, terminator: "")
        if !report.errors.isEmpty { throw ExitCode(2) }
        if !report.failed.isEmpty || report.coverage.percent < minCoverage { throw ExitCode(1) }
    }
}
