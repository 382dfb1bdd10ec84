import Dispatch
import Foundation
import Markdown
import Site

/// The course site's build against cmark-gfm's parse of the same chapters.
///
///     swift run -c release --scratch-path .build-site-rel mcheck-bench site
///
/// Medians over `rounds` (after one warm-up round) of wall-clock time and of process CPU time (all threads;
/// steadier than wall time on a busy machine):
/// * parse: `MarkdownParser.parse` of every chapter (cmark-gfm plus the Swift tree; no HTML);
/// * preprocess + render: the whole site in memory from the loaded sources (math to MathML, exercises,
///   links, templates, search index);
/// * build: `SiteBuilder.build`, reading the chapters and theme and writing the site to a temporary folder.
enum SiteBenchmark {
    static func run(chapters: String, theme: String = "site", rounds: Int) throws {
        let out = NSTemporaryDirectory() + "mcheck-site-bench-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: out) }
        // With the grader in the page when `make wasm` has made it, as `mcheck build` does.
        let module = ".build/wasm/mcheck.wasm"
        let options = SiteOptions(chapters: chapters, theme: theme, out: out, grader: FileManager.default.fileExists(atPath: module) ? module : nil)
        let sources = try SiteBuilder.load(options)
        let bytes = sources.chapters.reduce(0) { $0 + $1.data.count }

        let parse = measure(rounds) {
            for c in sources.chapters { _ = try? MarkdownParser.parse(data: c.data, file: c.path) }
        }
        let inMemory = measure(rounds) {
            _ = try? SiteBuilder.render(try SiteBuilder.preprocess(sources))
        }
        let build = measure(rounds) { _ = try? SiteBuilder.build(options) }

        func ms(_ s: Double) -> String { String(format: "%7.2f ms", s * 1000) }
        func x(_ s: Double, _ base: Double) -> String { String(format: "%5.1f×", s / base) }
        print("site: \(sources.chapters.count) chapters, \(bytes / 1024) KiB of Markdown, \(options.grader == nil ? "no grader in the page" : "with the grader in the page"), \(rounds) rounds, medians")
        print("                                        wall                  CPU (all threads)")
        print("  cmark-gfm parse (MarkdownParser)   \(ms(parse.wall))          \(ms(parse.cpu))")
        print("  preprocess + render (in memory)    \(ms(inMemory.wall)) \(x(inMemory.wall, parse.wall))   \(ms(inMemory.cpu)) \(x(inMemory.cpu, parse.cpu)) the parse")
        print("  build (load … write to disk)       \(ms(build.wall)) \(x(build.wall, parse.wall))   \(ms(build.cpu)) \(x(build.cpu, parse.cpu)) the parse")
    }

    static func measure(_ rounds: Int, _ body: () -> Void) -> (wall: Double, cpu: Double) {
        body()
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0..<max(1, rounds) {
            let c0 = cpuSeconds()
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            cpu.append(cpuSeconds() - c0)
        }
        wall.sort()
        cpu.sort()
        return (wall[wall.count / 2], cpu[cpu.count / 2])
    }

    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
