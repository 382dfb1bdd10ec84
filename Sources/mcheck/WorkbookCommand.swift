import ArgumentParser
import Course
import Foundation

/// `mcheck workbook`: make exercises/chN.md from chapters/NN-slug.md, keeping answers already written.
struct WorkbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbook",
        abstract: "Write the student workbooks from the chapters, keeping every answer already written.")

    @Option(name: .long, help: "The folder of chapters (NN-slug.md).")
    var chapters = "chapters"

    @Option(name: .long, help: "The folder the workbooks go to (chN.md).")
    var out = "exercises"

    @Flag(name: .long, help: "Write nothing; exit 1 if any workbook is out of date with its chapter.")
    var check = false

    func run() throws {
        let fm = FileManager.default
        let chapterPaths: [String]
        do { chapterPaths = try ChapterFiles.list(in: chapters) } catch {
            CLIError.message("\(chapters): \(error.message)").report()
            throw ExitCode(2)
        }
        if !check { try? fm.createDirectory(atPath: out, withIntermediateDirectories: true) }
        var stale: [String] = []
        var failed = false
        for chapterPath in chapterPaths {
            let chapter: Workbook
            do { chapter = try Workbook.load(chapterPath) } catch { print(error); failed = true; continue }
            guard let plan = WorkbookPlan.make(chapter: chapter, chapterPath: chapterPath, exercisesFolder: out) else { continue }
            if case .unreadable(let error) = plan.state {
                // Left as it is: a workbook that cannot be read is never replaced.
                print(error); failed = true; continue
            }
            if check {
                if plan.state != .upToDate { stale.append(plan.path) }
                continue
            }
            let wrote: Bool
            do { wrote = try plan.write() } catch { print(error); failed = true; continue }
            print(plan.summary)
            // What was kept and why, once: when the workbook is written.
            if wrote { for notice in plan.outcome?.notices ?? [] { print(notice) } }
        }
        if check {
            for s in stale { print("\(s): out of date with its chapter; run mcheck workbook") }
            if !stale.isEmpty { throw ExitCode(1) }
        }
        if failed { throw ExitCode(2) }
    }
}
