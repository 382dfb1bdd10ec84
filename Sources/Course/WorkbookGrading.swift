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
    /// The points: one per exercise, a multi-part exercise's shared by its parts.
    public var score: Double { exercises.reduce(0) { $0 + $1.score } }

    /// The results by exercise: the parts of a multi-part exercise (consecutive results of one id) together.
    public var exercises: [ExerciseScore] { ExerciseScore.group(results) }
}

/// The score of one exercise: of one question, its grade; of several parts, the mean of theirs (a part with some
/// entries right counts its partial credit).
public struct ExerciseScore: Sendable, Equatable {
    public var id: String
    public var line: Int
    /// How many parts it has (1 for an exercise of one question), and how many are correct.
    public var parts: Int
    public var correct: Int
    /// 0–1.
    public var score: Double
    /// Whether every part is unanswered.
    public var unanswered: Bool
    public var hasParts: Bool

    static func group(_ results: [GradeResult]) -> [ExerciseScore] {
        var out: [ExerciseScore] = []
        var sums: [Double] = []
        for r in results {
            if r.part != nil, let last = out.last, last.hasParts, last.id == r.id {
                out[out.count - 1].parts += 1
                out[out.count - 1].correct += r.verdict == .correct ? 1 : 0
                out[out.count - 1].unanswered = last.unanswered && r.verdict == .unanswered
                sums[sums.count - 1] += r.score
            } else {
                out.append(ExerciseScore(id: r.id, line: r.line, parts: 1, correct: r.verdict == .correct ? 1 : 0, score: 0,
                                         unanswered: r.verdict == .unanswered, hasParts: r.part != nil))
                sums.append(r.score)
            }
        }
        for k in out.indices { out[k].score = sums[k] / Double(out[k].parts) }
        return out
    }
}
