import Course

extension SiteError {
    /// The error as a GitHub annotation on its line.
    public var annotation: GitHubAnnotation {
        GitHubAnnotation(.error, file: file, line: line, column: column, title: "mcheck build — \(step.rawValue)", message: message)
    }
}

extension SiteWarning {
    /// The warning as a GitHub annotation on its file.
    public var annotation: GitHubAnnotation {
        GitHubAnnotation(.warning, file: file, title: "mcheck build", message: message)
    }
}
