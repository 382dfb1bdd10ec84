extension VerificationReporter {
    /// A verification as GitHub annotations: an `::error` on each failed check and each error, a `::warning` on each
    /// claim that is not checkable (one the author marked `unchecked` is left alone); then the counts and the
    /// coverage line as text.
    public static func github(_ report: Verifier.Report, minCoverage: Double = 0) -> String {
        var out = ""
        for e in report.errors { out += GitHubAnnotation(e, title: "mcheck verify").description + "\n" }
        for c in report.checks {
            let narrowed = c.conditions.map { " (for \($0))" } ?? ""
            switch c.status {
            case .failed:
                out += GitHubAnnotation(.error, file: c.file, line: c.line, title: "mcheck verify — \(c.kind.rawValue)", message: c.message + narrowed).description + "\n"
            case .unchecked where c.marked != true:
                out += GitHubAnnotation(.warning, file: c.file, line: c.line, title: "mcheck verify — \(c.kind.rawValue) not checkable", message: c.message + narrowed).description + "\n"
            default: break
            }
        }
        return out + summary(report, minCoverage: minCoverage)
    }
}
