import Grading

extension Grader {
    /// Grades every exercise of a workbook (answers, or solutions when `useSolutions`).
    public func grade(_ workbook: Workbook, useSolutions: Bool = false) -> FileReport {
        var report = FileReport(file: workbook.file, results: [], errors: workbook.errors)
        if workbook.exercises.isEmpty && workbook.errors.isEmpty {
            let what = workbook.text.allSatisfy(\.isWhitespace) ? "the file is empty" : "no exercises in this file"
            report.errors.append(SourceError(file: workbook.file, line: 1, message: "\(what): an exercise is a fenced block with info string 'exercise' (see exercises/README.md)"))
        }
        for block in workbook.exercises {
            guard block.id != nil else { continue }
            let question: Question
            do { question = try Question(block, file: workbook.file) } catch {
                report.errors.append(error)
                continue
            }
            let attached = useSolutions ? block.solution : block.answer
            report.results.append(grade(block, question: question, file: workbook.file, answerText: attached?.text ?? "", answerLine: attached?.contentLine))
        }
        report.errors.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
        return report
    }
}

/// The grades of one file, and its errors.
public struct FileReport: Sendable {
    public var file: String
    public var results: [GradeResult]
    public var errors: [SourceError]

    public init(file: String, results: [GradeResult], errors: [SourceError]) {
        self.file = file; self.results = results; self.errors = errors
    }

    public func count(_ v: GradeResult.Verdict) -> Int { results.filter { $0.verdict == v }.count }
    public var score: Double { results.reduce(0) { $0 + $1.score } }
}
