import ArgumentParser
import Foundation
import Site

/// `mcheck init [DIR]`: write a new course (argument parsing and printing only; the files are in Site's NewCourse).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a new course: a chapter with an exercise, its workbook, mcheck.toml and a CI workflow.",
        discussion: """
            Then `cd DIR && mcheck verify && mcheck build`. Refuses a folder that is not empty (a .git folder aside): nothing is overwritten.

            Exit status: 0 when the course was written, 2 when the folder is not empty or a file cannot be written.
            """)

    @Argument(help: ArgumentHelp("The course's folder (created if needed).", valueName: "dir"))
    var folder = "."

    @Option(name: .long, help: "The course's title (default: from the folder's name).")
    var title: String?

    func run() throws {
        do {
            for path in try NewCourse.create(at: folder, title: title) { print("wrote \(path)") }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}
