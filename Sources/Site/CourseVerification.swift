import Course
import Grading

/// Everything `mcheck verify` checks, in one report: the course's own checks (`Verifier`: equations, exercises,
/// workbooks, math) and the site's (`SiteChecks`: links, anchors, the theme).
public enum CourseVerification {
    /// Throws when the chapters cannot be listed at all. With `files` (chapters of the `chapters` folder), only those
    /// are checked; links are resolved against the whole folder, and the theme's errors are kept.
    public static func run(chapters: String, exercises: String, theme: String, files: [String]? = nil) throws(SourceError) -> Verifier.Report {
        var report = try Verifier(chapters: chapters, exercises: exercises, files: files).run()
        var links = SiteChecks.run(SiteOptions(chapters: chapters, theme: theme))
        if let files {
            let named = Set(files), others = Set(try ChapterFiles.list(in: chapters)).subtracting(named)
            links.removeAll { others.contains($0.file) }
        }
        report.checks += links
        return report
    }
}
