import ArgumentParser
import Course
import Foundation
import Grading

/// `mcheck gradebook SUBMISSIONS…`: grade a class's workbooks into one gradebook (CSV and JSON).
struct GradebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradebook",
        abstract: "Grade a class's workbooks into a gradebook: one row per student, a column per exercise.",
        discussion: """
            A submissions folder holds one folder per student (alice/ch4.md, or alice/exercises/ch4.md as a cloned repository has it) or files named by student (alice-ch4.md). Files are graded in parallel on all cores.

            Writes the CSV to --csv and the JSON to --json (either or both; '-' is standard output); with neither, prints the CSV. Errors and duplicates are also printed to standard error, then a summary (students, workbooks, error rows, students with workbooks missing).

            Exit status: 0 when the gradebook was written (damaged workbooks are error rows), 2 when a folder or an output file cannot be used.
            """)

    @Argument(help: ArgumentHelp("Folders of submissions.", valueName: "submissions"))
    var folders: [String]

    @Option(name: .long, help: ArgumentHelp("Write the gradebook as CSV to this file.", valueName: "file"))
    var csv: String?

    @Option(name: .long, help: ArgumentHelp("Write the gradebook as JSON to this file.", valueName: "file"))
    var json: String?

    @Option(name: .long, help: ArgumentHelp("Grade on the questions of this chapters folder (default: chapters/ when it exists), so that an exercise a student edited, deleted or added cannot change a grade; '' grades each workbook as it stands.", valueName: "chapters"))
    var course: String?

    func validate() throws {
        if folders.isEmpty { throw ValidationError("name the folder of submissions, such as submissions/") }
        if csv == "-" && json == "-" { throw ValidationError("only one of --csv and --json can be standard output") }
        for folder in folders where SourceFile.kind(atPath: folder) != .folder {
            throw ValidationError("\(folder): \(SourceFile.kind(atPath: folder) == .missing ? "no such folder" : "not a folder")")
        }
    }

    func run() throws {
        let submissions = ClassSubmissions.find(in: folders)
        let folder = course ?? (SourceFile.kind(atPath: "chapters") == .folder ? "chapters" : "")
        let questions = folder.isEmpty ? nil : try CourseQuestions.readForCommand(folder)
        let book = Gradebook.grade(submissions, course: questions)
        var outputs: [(path: String, text: String)] = []
        if let csv { outputs.append((csv, GradebookWriter.csv(book))) }
        if let json { outputs.append((json, GradebookWriter.json(book))) }
        if outputs.isEmpty { outputs.append(("-", GradebookWriter.csv(book))) }
        var failed = false
        for (path, text) in outputs {
            if path == "-" { print(text, terminator: ""); continue }
            do { try SourceFile.replace(path, with: Data(text.utf8)) } catch {
                CLIError.message("\(path): \(error.message)").report()
                failed = true
            }
        }
        let log = FileHandle.standardError
        for e in book.errors { log.write(Data("\(e.location): warning: \(e.message)\n".utf8)) }
        for row in book.rows {
            for e in row.errors { log.write(Data("\(e.location): error: \(e.message) (\(row.student)'s row is marked error; the rest is graded)\n".utf8)) }
        }
        for d in book.duplicates { log.write(Data("warning: \(d)\n".utf8)) }
        let incomplete = book.rows.filter { !$0.missing.isEmpty }.count
        let errorRows = book.rows.filter { $0.status == .error }.count
        var summary = "gradebook: \(book.rows.count) student\(book.rows.count == 1 ? "" : "s"), \(book.chapters.count) workbook\(book.chapters.count == 1 ? "" : "s"), \(book.columns.count) exercises"
        summary += "; \(errorRows) with errors, \(incomplete) with workbooks missing, \(book.duplicates.count) duplicate\(book.duplicates.count == 1 ? "" : "s")"
        log.write(Data((summary + "\n").utf8))
        if failed { throw ExitCode(2) }
    }
}
