import Course
import Markdown

/// The site's view of a course as `mcheck verify` checks: every link, image and anchor reference resolves the way
/// `mcheck build` resolves it, anchors are unique, the theme is sound. (Math and exercises are checked in Course.)
public enum SiteChecks {
    public static func run(_ options: SiteOptions) -> [Check] {
        func failures(_ errors: [SiteError]) -> [Check] {
            errors.filter { $0.kind == .other }.map {
                Check(file: $0.file, line: $0.line ?? 1, kind: .link, status: .failed, message: $0.message)
            }
        }
        let site: PreparedSite
        do { site = try SiteBuilder.preprocess(try SiteBuilder.load(options)) } catch { return failures(error.errors) }
        var byName: [String: PreparedChapter] = [:]
        for c in site.chapters { byName[c.source.name] = c }
        let resolver = LinkResolver(chapters: byName, figures: site.sources.figures, refused: site.sources.refusedFigures)
        var checks: [Check] = []
        for chapter in site.chapters {
            for (node, destination, isImage) in chapter.document.linksAndImages {
                let line = node.range.start.line
                switch resolver.resolve(destination, from: chapter, isImage: isImage) {
                case .success:
                    checks.append(Check(file: chapter.file, line: line, kind: .link, status: .verified, message: destination))
                case .failure(let e):
                    checks.append(Check(file: chapter.file, line: line, kind: .link, status: .failed, message: "broken link: \(e.message)"))
                }
            }
        }
        return checks
    }
}
