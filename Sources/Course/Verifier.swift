import Calculus
import Foundation
import Grading
import Markdown
import MathML

/// `mcheck verify`: checks every worked equation, every exercise, every workbook and every math span of a course.
/// (Links are the site's to resolve: `Site.SiteChecks` adds them.)
public struct Verifier: Sendable {
    public var chaptersFolder: String
    public var exercisesFolder: String

    /// The chapter files to check; nil for every chapter of `chaptersFolder`.
    public var files: [String]?

    public init(chapters: String = "chapters", exercises: String = "exercises", files: [String]? = nil) {
        chaptersFolder = chapters; exercisesFolder = exercises; self.files = files
    }

    public struct Report: Sendable {
        public var checks: [Check] = []
        public var coverage = ClaimCoverage()
        public var errors: [SourceError] = []
        public var failed: [Check] { checks.filter { $0.status == .failed } }
    }

    /// The chapters to check: `files`, or every chapter of the folder.
    func chapterPaths() throws(SourceError) -> [String] {
        if let files { return files }
        return try ChapterFiles.list(in: chaptersFolder)
    }

    public func run() throws(SourceError) -> Report {
        var report = Report()
        for path in try chapterPaths() {
            let workbook: Workbook
            do { workbook = try Workbook.load(path) } catch { report.errors.append(error); continue }
            var equations = EquationChecker(file: path)
            equations.run(workbook.document)
            report.checks += equations.checks
            report.coverage.merge(equations.coverage)
            report.checks += exercises(workbook, coverage: &report.coverage)
            report.checks += workbookSync(workbook, chapterPath: path)
            report.checks += math(workbook)
        }
        return report
    }

    // MARK: Exercises

    /// Each solution, each mistake and each lead-in that restates the question is an exercise claim; a block the
    /// loader refused (a mistake without its kind of feedback, say) is a failed one.
    func exercises(_ workbook: Workbook, coverage: inout ClaimCoverage) -> [Check] {
        var checks = workbook.errors.map { Check(file: $0.file, line: $0.line, kind: .exercise, status: .failed, message: $0.message) }
        defer { for _ in checks { coverage.checked(workbook.file, .exercise) } }
        let grader = Grader()
        let leadIns = Verifier.leadIns(workbook.document)
        let leadInChecker = LeadInChecker(file: workbook.file)
        for block in workbook.exercises {
            guard let id = block.name else { continue }
            let question: Question
            do { question = try Question(block, file: workbook.file) } catch {
                let at = error.column.map { "column \($0): " } ?? ""
                checks.append(Check(file: workbook.file, line: error.line, kind: .exercise, status: .failed, message: "\(id): \(at)\(error.message)"))
                continue
            }
            if let paragraph = leadIns[block.line], let (check, _) = leadInChecker.check(paragraph, question: question) {
                if check.status == .unchecked {
                    coverage.notCheckable(workbook.file, .exercise, "a lead-in formula cannot be read")
                } else {
                    checks.append(check)
                }
            }
            guard let solution = block.solution else {
                checks.append(Check(file: workbook.file, line: block.line, kind: .exercise, status: .failed, message: "\(id): no solution block"))
                continue
            }
            let graded = grader.grade(block, question: question, file: workbook.file, answerText: solution.text, answerLine: solution.contentLine)
            if graded.verdict == .correct {
                checks.append(Check(file: workbook.file, line: solution.contentLine, kind: .exercise, status: .verified, message: "\(id): the solution is correct"))
            } else {
                let why = ([graded.message] + graded.feedback.filter { $0.kind != .readAs && $0.message != graded.message }.map(\.message)).joined(separator: "; ")
                checks.append(Check(file: workbook.file, line: solution.contentLine, kind: .exercise, status: .failed, message: "\(id): the solution is graded \(graded.verdict.rawValue): \(why)"))
            }
            for mistake in block.mistakes {
                let r = grader.grade(block, question: question, file: workbook.file, answerText: mistake.answer, answerLine: mistake.line)
                let kinds = r.kinds
                if r.verdict == .incorrect && kinds.contains(mistake.feedback) {
                    checks.append(Check(file: workbook.file, line: mistake.line, kind: .exercise, status: .verified, message: "\(id): the mistake '\(mistake.answer)' is marked incorrect with \(mistake.feedback.rawValue) feedback"))
                } else {
                    let got = r.verdict == .incorrect ? "feedback \(kinds.filter { $0 != .readAs }.map(\.rawValue).joined(separator: ", ")): \(r.message)" : r.verdict.rawValue + (r.verdict == .correct ? "" : ": " + r.message)
                    checks.append(Check(file: workbook.file, line: mistake.line, kind: .exercise, status: .failed, message: "\(id): the mistake '\(mistake.answer)' should be incorrect with \(mistake.feedback.rawValue) feedback, but is \(got)"))
                }
            }
        }
        return checks
    }

    /// The paragraph right before each ```` ```exercise ```` block, by the block's fence line.
    static func leadIns(_ document: Document) -> [Int: Node] {
        var out: [Int: Node] = [:]
        for node in document.codeBlocks(info: "exercise") {
            guard let siblings = node.parent?.children, let k = siblings.firstIndex(of: node), k > 0 else { continue }
            if case .paragraph = siblings[k - 1].kind { out[node.range.start.line] = siblings[k - 1] }
        }
        return out
    }

    // MARK: Workbooks

    func workbookSync(_ chapter: Workbook, chapterPath: String) -> [Check] {
        guard let plan = WorkbookPlan.make(chapter: chapter, chapterPath: chapterPath, exercisesFolder: exercisesFolder) else { return [] }
        let path = plan.path
        switch plan.state {
        case .missing:
            return [Check(file: path, line: 1, kind: .workbook, status: .failed, message: "missing: run mcheck workbook")]
        case .unreadable(let error):
            return [Check(file: path, line: error.line, kind: .workbook, status: .failed, message: error.message)]
        case .stale where plan.holdsSolutions:
            return [Check(file: path, line: 1, kind: .workbook, status: .failed, message: "holds solutions; run mcheck workbook")]
        case .stale(let line):
            return [Check(file: path, line: line, kind: .workbook, status: .failed, message: "out of date with \(chapterPath) from this line on; run mcheck workbook")]
        case .upToDate:
            return [Check(file: path, line: 1, kind: .workbook, status: .verified, message: "in sync with \(chapterPath)")]
        }
    }

    // MARK: Math

    func math(_ workbook: Workbook) -> [Check] {
        let renderer = MathMLRenderer()
        var checks: [Check] = []
        var columns: CharacterColumns? = nil
        for node in workbook.document.mathNodes {
            guard let tex = node.tex else { continue }
            var display = false
            if case .displayMath = node.kind { display = true }
            do {
                _ = try renderer.render(tex, display: display)
                checks.append(Check(file: workbook.file, line: node.range.start.line, kind: .math, status: .verified, message: "renders"))
            } catch {
                let at = node.location(ofTeXOffset: error.offset)
                if columns == nil { columns = CharacterColumns(workbook.text) }
                checks.append(Check(file: workbook.file, line: at.line, kind: .math, status: .failed, message: "column \(columns!.column(of: at)): cannot render: \(error.message)"))
            }
        }
        return checks
    }
}
