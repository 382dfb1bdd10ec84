import ArgumentParser
import Course
import Foundation
import Grading

/// `mcheck FILE…`: grade workbooks (the default command).
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade the answers in Markdown workbooks (the default command).",
        discussion: "Exit status: 0 when every exercise is correct (with --min-score, when the score reaches it), 1 when not, 2 when a file or the command is in error.")

    @Argument(help: "Workbooks to grade, or folders of them (every .md file inside).")
    var paths: [String]

    @Option(name: .long, help: "Output: text (for people), json (one document for the run), junit (for CI dashboards) or github (annotations on the lines of a pull request).")
    var format: ReportFormat = .text

    @Option(name: .long, help: ArgumentHelp("Pass (exit 0) when the score is at least this fraction of the points, 0 to 1 (partial credit counts), instead of only when every exercise is correct.", valueName: "fraction"))
    var minScore: Double?

    @Option(name: .long, help: "Colour in text output: auto (only on a terminal), always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Grade the solution blocks instead of the answers (for course authors).")
    var solutions = false

    @Option(name: .long, help: ArgumentHelp("Grade each workbook on its chapter's questions from this chapters folder, as a class's hand-in is graded: an exercise edited, deleted or added in a workbook cannot change the grade, and a course workbook missing from a folder named here counts as unanswered.", valueName: "chapters"))
    var course: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one workbook, such as exercises/ch4.md") }
        if let minScore, !(0...1).contains(minScore) { throw ValidationError("--min-score must be a fraction between 0 and 1, such as 0.8") }
    }

    func run() throws {
        let (files, errors) = WorkbookFiles.expand(paths)
        var reports: [FileReport] = []
        var commandErrors = errors
        var skipped = Set<String>()
        let questions = try course.map(CourseQuestions.readForCommand)
        func warn(_ note: SourceError) { FileHandle.standardError.write(Data("\(note.location): warning: \(note.message)\n".utf8)) }
        for (file, outcome) in zip(files.list, ParallelGrading.grade(files.list, useSolutions: solutions, course: questions)) {
            switch outcome {
            case .success(let graded):
                graded.notes.forEach(warn)
                if (files.fromFolder.contains(file) || questions != nil) && !graded.isWorkbook { skipped.insert(file); continue }
                reports.append(graded.report)
            case .failure(let error):
                commandErrors.append(error)
            }
        }
        // A course workbook missing from a folder named here: its exercises count, unanswered.
        if let questions {
            for (folder, found) in files.folders {
                let present = Set(found.map { ($0 as NSString).lastPathComponent })
                for name in questions.workbookNames where !present.contains(name) {
                    let path = (folder as NSString).appendingPathComponent(name)
                    warn(SourceError(file: path, line: 0, message: "missing: the course's workbook is not in \(folder); its exercises count as unanswered"))
                    reports.append(Grader().grade(questions.questions(of: Workbook(file: path, text: "")).workbook))
                }
            }
        }
        // A folder named on the command line that yields no workbook is a mistake of the command, not 0 exercises.
        // (With --course, the course's workbooks missing from it were counted above.)
        for (folder, found) in files.folders where questions == nil && found.allSatisfy(skipped.contains) {
            let what = found.isEmpty ? "no .md file in this folder" : "no workbook in this folder (none of its .md files has an exercise)"
            commandErrors.append(SourceError(file: folder, line: 0, message: what))
        }
        let reporter = Reporter(format: format, color: color.enabled, minScore: minScore)
        print(reporter.render(reports, commandErrors: commandErrors), terminator: "")
        let code = Reporter.exitCode(reports, commandErrors: commandErrors, minScore: minScore)
        if code != 0 { throw ExitCode(code) }
    }
}

extension ReportFormat: ExpressibleByArgument {}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
    var enabled: Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

/// Files named on the command line, folders expanded to their .md files (sorted).
enum WorkbookFiles {
    struct Expansion {
        var list: [String] = []
        var fromFolder = Set<String>()
        /// Each folder that could be read, with the .md files found in it.
        var folders: [(folder: String, files: [String])] = []
    }

    static func expand(_ paths: [String]) -> (files: Expansion, errors: [SourceError]) {
        var files = Expansion()
        var errors: [SourceError] = []
        let fm = FileManager.default
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                errors.append(SourceError(file: path, line: 0, message: "no such file or folder"))
                continue
            }
            guard isDir.boolValue else { files.list.append(path); continue }
            guard fm.isReadableFile(atPath: path), fm.isExecutableFile(atPath: path), let subpaths = try? fm.subpathsOfDirectory(atPath: path) else {
                errors.append(SourceError(file: path, line: 0, message: "cannot read this folder"))
                continue
            }
            let found = subpaths.filter { $0.hasSuffix(".md") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            files.list += found
            files.fromFolder.formUnion(found)
            files.folders.append((path, found))
        }
        return (files, errors)
    }
}

extension CourseQuestions {
    /// The course's questions for `--course FOLDER`; a folder that cannot be read is an error of the command (exit 2).
    static func readForCommand(_ folder: String) throws -> CourseQuestions {
        do { return try CourseQuestions(folder: folder) } catch {
            CLIError.message("--course \(folder): \(error.message)").report()
            throw ExitCode(2)
        }
    }
}
