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
            guard let target = WorkbookWriter.workbookName(forChapter: chapterPath) else { continue }
            let targetPath = (out as NSString).appendingPathComponent(target)
            let chapter: Workbook
            do { chapter = try Workbook.load(chapterPath) } catch { print(error); failed = true; continue }
            if chapter.exercises.isEmpty { continue }
            let existing = fm.fileExists(atPath: targetPath) ? try? Workbook.load(targetPath) : nil
            let outcome = WorkbookWriter.make(chapter: chapter, chapterPath: chapterPath, existing: existing)
            let current = existing?.text
            if check {
                if current != outcome.text { stale.append(targetPath) }
                continue
            }
            if current == outcome.text { print("\(targetPath): up to date (\(chapter.exercises.count) exercises)"); continue }
            do { try outcome.text.write(toFile: targetPath, atomically: true, encoding: .utf8) } catch {
                print("\(targetPath): error: cannot write: \(error.localizedDescription)"); failed = true; continue
            }
            var line = "\(targetPath): \(chapter.exercises.count) exercises"
            if existing == nil { line += " (new workbook)" }
            if !outcome.added.isEmpty { line += "; new: " + outcome.added.joined(separator: ", ") }
            if !outcome.removed.isEmpty { line += "; gone: " + outcome.removed.joined(separator: ", ") + " (answers kept at the end)" }
            if outcome.kept > 0 { line += "; \(outcome.kept) answers kept" }
            print(line)
        }
        if check {
            for s in stale { print("\(s): out of date with its chapter; run mcheck workbook") }
            if !stale.isEmpty { throw ExitCode(1) }
        }
        if failed { throw ExitCode(2) }
    }
}
