import Grading

extension Reporter {
    /// Grading as GitHub annotations: an `::error` on the line of each incorrect or invalid answer and of each
    /// error in a file, a `::warning` on each unanswered exercise, nothing for a correct one; then the text summary,
    /// which the log shows as it is.
    func github(_ reports: [FileReport], _ commandErrors: [SourceError]) -> String {
        var out = ""
        for e in commandErrors { out += GitHubAnnotation(e, title: "mcheck").description + "\n" }
        for report in reports {
            for e in report.errors { out += GitHubAnnotation(e, title: "mcheck — error in the workbook").description + "\n" }
            for r in report.results {
                let level: GitHubAnnotation.Level
                switch r.verdict {
                case .correct: continue
                case .incorrect, .invalid: level = .error
                case .unanswered: level = .warning
                }
                let details = r.feedback.map(\.message).filter { $0 != r.message }
                let message = ([r.message] + details).joined(separator: "\n")
                out += GitHubAnnotation(level, file: report.file, line: r.line, title: "\(r.name) — \(r.verdict.rawValue)", message: message).description + "\n"
            }
        }
        out += summaryLine(reports, commandErrors) + "\n"
        return out
    }
}
