import Foundation
import Grading

/// Prints grading results: text for people (colour on a terminal), JSON for tools, JUnit XML for CI dashboards,
/// GitHub annotations for pull requests.
public enum ReportFormat: String, Sendable, CaseIterable { case text, json, junit, github }

public struct Reporter: Sendable {
    public var format: ReportFormat
    public var color: Bool
    /// `--min-score`: the fraction of the points (0–1) that passes; nil when every exercise must be correct.
    public var minScore: Double?
    public init(format: ReportFormat, color: Bool, minScore: Double? = nil) { self.format = format; self.color = color; self.minScore = minScore }

    public func render(_ reports: [FileReport], commandErrors: [SourceError] = []) -> String {
        switch format {
        case .text: return text(reports, commandErrors)
        case .json: return json(reports, commandErrors)
        case .junit: return junit(reports, commandErrors)
        case .github: return github(reports, commandErrors)
        }
    }

    /// 0 when every exercise is correct (with `minScore`, when the score is at least that fraction of the points),
    /// 1 when not, 2 when a file or the command is in error.
    public static func exitCode(_ reports: [FileReport], commandErrors: [SourceError] = [], minScore: Double? = nil) -> Int32 {
        if !commandErrors.isEmpty || reports.contains(where: { !$0.errors.isEmpty }) { return 2 }
        if let minScore { return scoreFraction(reports) >= minScore ? 0 : 1 }
        return reports.allSatisfy { $0.results.allSatisfy { $0.verdict == .correct } } ? 0 : 1
    }

    /// The score over the number of exercises (1 when there are none); a multi-part exercise is one.
    public static func scoreFraction(_ reports: [FileReport]) -> Double {
        let all = reports.flatMap(\.exercises)
        return all.isEmpty ? 1 : all.reduce(0) { $0 + $1.score } / Double(all.count)
    }

    /// `chain-sin: 2 of 3 parts correct, score 0.67`: the line closing a multi-part exercise.
    static func partsLine(_ e: ExerciseScore) -> String {
        "\(e.id): \(e.correct) of \(e.parts) parts correct, score \(formatScore(e.score))"
    }

    // MARK: Text

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    /// An error line, `error` in colour on a terminal.
    func painted(_ e: SourceError) -> String {
        e.description.replacingOccurrences(of: ": error: ", with: ": " + paint("error", "31;1") + ": ") + "\n"
    }

    func verdictText(_ v: GradeResult.Verdict) -> String {
        switch v {
        case .correct: return paint("correct", "32")
        case .incorrect: return paint("incorrect", "31")
        case .unanswered: return paint("unanswered", "33")
        case .invalid: return paint("invalid", "35")
        }
    }

    func text(_ reports: [FileReport], _ commandErrors: [SourceError]) -> String {
        var out = ""
        for e in commandErrors { out += painted(e) }
        for report in reports {
            for e in report.errors { out += painted(e) }
            let closing = Dictionary(report.exercises.filter(\.hasParts).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for (k, r) in report.results.enumerated() {
                defer {
                    // After the last part, the exercise's score.
                    if r.part != nil, let e = closing[r.id], k + 1 == report.results.count || report.results[k + 1].id != r.id || report.results[k + 1].part == nil {
                        out += "\(report.file):\(e.line): " + Reporter.partsLine(e) + "\n"
                    }
                }
                out += "\(report.file):\(r.line): \(r.name): \(verdictText(r.verdict))"
                if r.verdict != .correct { out += " — " + r.message }
                if r.verdict == .incorrect && r.score > 0 { out += " (partial credit \(formatScore(r.score)))" }
                out += "\n"
                if r.verdict == .incorrect || r.verdict == .invalid {
                    for f in r.feedback where f.message != r.message {
                        out += "    " + f.message.replacingOccurrences(of: "\n", with: "\n    ") + "\n"
                    }
                }
            }
        }
        out += summaryLine(reports, commandErrors) + "\n"
        return out
    }

    /// `10 exercises in 1 file: 4 correct, …; score 4/10`. With multi-part exercises, the verdicts count each part
    /// (`12 answers, each part counted`) and the score is over the exercises.
    func summaryLine(_ reports: [FileReport], _ commandErrors: [SourceError]) -> String {
        let all = reports.flatMap(\.results)
        let exercises = reports.flatMap(\.exercises)
        let count = exercises.count
        let score = exercises.reduce(0) { $0 + $1.score }
        let errors = commandErrors.count + reports.reduce(0) { $0 + $1.errors.count }
        var summary = "\(count) exercise\(count == 1 ? "" : "s") in \(reports.count) file\(reports.count == 1 ? "" : "s")"
        if all.count != count { summary += " (\(all.count) answers, each part counted)" }
        summary += ": "
        summary += GradeResult.Verdict.allCases.map { v in "\(all.filter { $0.verdict == v }.count) \(v.rawValue)" }.joined(separator: ", ")
        summary += "; score \(formatScore(score))/\(count)"
        if errors > 0 { summary += "; \(errors) error\(errors == 1 ? "" : "s") in files" }
        if let minScore {
            let fraction = Reporter.scoreFraction(reports)
            summary += "; \(formatScore(fraction)) of the points, " + (fraction >= minScore ? "at least" : "BELOW") + " the minimum \(formatScore(minScore))"
        }
        return summary
    }

    // MARK: JSON

    /// One answer: an exercise, or one part of a multi-part exercise (`part` is there only then).
    struct JSONResult: Codable { var id: String; var part: String?; var line: Int; var verdict: String; var score: Double; var message: String; var feedback: [Feedback] }
    struct JSONError: Codable { var file: String; var line: Int; var column: Int?; var message: String }
    /// One exercise's score: a multi-part exercise's parts, how many are correct, and the mean of their scores.
    struct JSONExercise: Codable { var id: String; var line: Int; var parts: Int; var correct: Int; var score: Double }
    struct JSONFile: Codable { var file: String; var results: [JSONResult]; var exercises: [JSONExercise]; var errors: [JSONError] }
    /// `exercises` counts a multi-part exercise once, `answers` each part; the verdicts count answers.
    struct JSONSummary: Codable { var exercises: Int; var answers: Int; var correct: Int; var incorrect: Int; var unanswered: Int; var invalid: Int; var score: Double; var errors: Int }
    struct JSONRun: Codable { var files: [JSONFile]; var errors: [JSONError]; var summary: JSONSummary }

    func json(_ reports: [FileReport], _ commandErrors: [SourceError]) -> String {
        func err(_ e: SourceError) -> JSONError { JSONError(file: e.file, line: e.line, column: e.column, message: e.message) }
        let files = reports.map { r in
            JSONFile(file: r.file, results: r.results.map {
                JSONResult(id: $0.id, part: $0.part, line: $0.line, verdict: $0.verdict.rawValue, score: $0.score, message: $0.message, feedback: $0.feedback)
            }, exercises: r.exercises.map { JSONExercise(id: $0.id, line: $0.line, parts: $0.parts, correct: $0.correct, score: $0.score) }, errors: r.errors.map(err))
        }
        let all = reports.flatMap(\.results)
        let exercises = reports.flatMap(\.exercises)
        let summary = JSONSummary(
            exercises: exercises.count,
            answers: all.count,
            correct: all.filter { $0.verdict == .correct }.count,
            incorrect: all.filter { $0.verdict == .incorrect }.count,
            unanswered: all.filter { $0.verdict == .unanswered }.count,
            invalid: all.filter { $0.verdict == .invalid }.count,
            score: exercises.reduce(0) { $0 + $1.score },
            errors: commandErrors.count + reports.reduce(0) { $0 + $1.errors.count })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONRun(files: files, errors: commandErrors.map(err), summary: summary))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

}


func formatScore(_ x: Double) -> String {
    guard x.isFinite, abs(x) < 1e15 else { return "\(x)" }
    if x == x.rounded() { return String(Int(x)) }
    return String(Double(Int((x * 100).rounded())) / 100)
}
