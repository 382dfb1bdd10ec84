import Dispatch
import Foundation
import Markdown
import Site

/// The course site's build against cmark-gfm's parse of the same chapters.
///
///     swift run -c release --scratch-path .build-site-rel mcheck-bench site
///
/// Times (medians over `rounds`, one warm-up round first):
/// * parse: `MarkdownParser.parse` of every chapter (cmark-gfm plus the Swift tree; no HTML);
/// * preprocess + render: the whole site in memory from the loaded sources (math to MathML, exercises,
///   links, templates, search index);
/// * build: `SiteBuilder.build`, reading the chapters and theme and writing the site to a temporary folder.
enum SiteBenchmark {
    static func run(chapters: String, theme: String = "site", rounds: Int) throws {
        let out = NSTemporaryDirectory() + "mcheck-site-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let options = SiteOptions(chapters: chapters, theme: theme, out: out)
        let sources = try SiteBuilder.load(options)
        let bytes = sources.chapters.reduce(0) { $0 + $1.data.count }

        let parse = median(rounds) {
            for c in sources.chapters { _ = try? MarkdownParser.parse(data: c.data, file: c.path) }
        }
        let inMemory = median(rounds) {
            _ = try? SiteBuilder.render(try SiteBuilder.preprocess(sources))
        }
        let build = median(rounds) { _ = try? SiteBuilder.build(options) }

        func ms(_ s: Double) -> String { String(format: "%7.2f ms", s * 1000) }
        func x(_ s: Double) -> String { String(format: "%5.1f×", s / parse) }
        print("site: \(sources.chapters.count) chapters, \(bytes / 1024) KiB of Markdown, \(rounds) rounds, medians")
        print("  cmark-gfm parse (MarkdownParser)   \(ms(parse))")
        print("  preprocess + render (in memory)    \(ms(inMemory))  \(x(inMemory)) the parse")
        print("  build (load … write to disk)       \(ms(build))  \(x(build)) the parse")
    }

    static func median(_ rounds: Int, _ body: () -> Void) -> Double {
        body()
        var times: [Double] = []
        for _ in 0..<max(1, rounds) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        return times[times.count / 2]
    }
}
