import Course
import Grading

/// Everything `mcheck verify` checks, in one report: the course's own checks (`Verifier`: equations, exercises,
/// workbooks, math) and the site's (`SiteChecks`: links, anchors, the theme).
public enum CourseVerification {
    /// Throws when the chapters cannot be listed at all.
    public static func run(chapters: String, exercises: String, theme: String) throws(SourceError) -> Verifier.Report {
        var report = try Verifier(chapters: chapters, exercises: exercises).run()
        report.checks += SiteChecks.run(SiteOptions(chapters: chapters, theme: theme))
        return report
    }
}
