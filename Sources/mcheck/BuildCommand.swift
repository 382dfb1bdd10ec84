import ArgumentParser
import Foundation
import Site

/// `mcheck build`: render the chapters into a static HTML site (argument parsing and printing only;
/// the work is in the Site module).
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render the chapters into a static HTML site.",
        discussion: """
            Reads chapters/NN-*.md, chapters/figures/, mcheck.toml (the course's title, author, language, repository and base URL) and the theme: the built-in one, of which each file in site/ (template.html, style.css, the scripts) replaces its namesake. Writes one page per chapter, index.html, style.css, toc.js, search-index.js and figures/ to the output folder, and removes what an earlier build wrote there and this one did not. It refuses an output folder that is not empty and was not written by mcheck build.

            Fails, naming file:line:column, on LaTeX that does not render, on a link to a chapter, anchor or figure that does not exist, and on a duplicate anchor.

            Exit status: 0 when the site was built, 1 when the chapters have errors, 2 when a folder or file cannot be read or written.
            """)

    @OptionGroup var folders: CourseFolders

    @Option(name: .long, help: "The output folder.")
    var out = "_site"

    @Option(name: .long, help: "The site's title (default: the title of mcheck.toml, else \"\(SiteOptions.defaultTitle)\").")
    var title: String?

    @Option(name: .long, help: "The grader for the page, made by `make wasm` (default: .build/wasm/mcheck.wasm when it exists); with it every exercise gets an answer box that grades in the browser.")
    var grader: String?

    @Flag(name: .long, help: "Rebuild whenever a chapter, figure or theme file changes (polls every 0.5 s; Ctrl-C to stop).")
    var watch = false

    /// Where `make wasm` puts the module.
    static let defaultGrader = ".build/wasm/mcheck.wasm"

    @Option(name: .long, help: "Output: text, or github (errors and warnings as annotations on the lines of a pull request).")
    var format: BuildFormat = .text

    enum BuildFormat: String, ExpressibleByArgument, CaseIterable { case text, github }

    func run() throws {
        let module = grader ?? (FileManager.default.fileExists(atPath: BuildCommand.defaultGrader) ? BuildCommand.defaultGrader : nil)
        var options = SiteOptions(chapters: folders.chapters, theme: folders.site, out: out, title: title, config: try folders.courseConfig(), grader: module)
        guard watch else {
            if let failed = buildOnce(options) { throw ExitCode(failed == .load || failed == .write ? 2 : 1) }
            return
        }
        var last = signature()
        buildOnce(options)
        say("watching \(folders.chapters)/ and \(folders.site)/ for changes (Ctrl-C to stop)")
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let now = signature()
            if now != last {
                last = now
                // The config file is read again; an error in it is shown and the last good config kept.
                do {
                    options.config = try CourseConfig.load(folders.configPath, required: folders.config != nil) ?? CourseConfig()
                } catch {
                    FileHandle.standardError.write(Data((error.description + "\n").utf8))
                    continue
                }
                buildOnce(options)
            }
        }
    }

    /// Builds and prints the result; the step that failed, if any.
    @discardableResult
    func buildOnce(_ options: SiteOptions) -> SiteStep? {
        do {
            let report = try SiteBuilder.build(options)
            for warning in report.warnings {
                if format == .github { say(warning.annotation.description) } else { FileHandle.standardError.write(Data((warning.description + "\n").utf8)) }
            }
            let steps = report.seconds.map { "\($0.step.rawValue) \(milliseconds($0.seconds))" }.joined(separator: ", ")
            say("built \(report.pages) pages and \(report.figures) figures into \(out)/ in \(milliseconds(report.total)) (\(steps))")
            return nil
        } catch {
            if format == .github {
                for e in error.errors { say(e.annotation.description) }
            } else {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
            }
            let count = error.errors.count
            FileHandle.standardError.write(Data("\(error.step?.rawValue ?? "build") failed with \(count) error\(count == 1 ? "" : "s")\n".utf8))
            return error.step ?? .load
        }
    }

    /// Prints a line at once (standard output is buffered when it is not a terminal, as under --watch in a pipe).
    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    func milliseconds(_ s: Double) -> String {
        String(format: "%.1f ms", s * 1000)
    }

    /// Names, sizes and modification times of every file the build reads.
    func signature() -> [String: Date] {
        var result: [String: Date] = [:]
        let fm = FileManager.default
        for dir in [folders.chapters, folders.chapters + "/figures", folders.site] {
            for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] {
                let path = dir + "/" + name
                if let attributes = try? fm.attributesOfItem(atPath: path), let date = attributes[.modificationDate] as? Date {
                    result[path] = date.addingTimeInterval(Double((attributes[.size] as? NSNumber)?.intValue ?? 0) * 1e-9)
                }
            }
        }
        if let attributes = try? fm.attributesOfItem(atPath: folders.configPath), let date = attributes[.modificationDate] as? Date {
            result[folders.configPath] = date.addingTimeInterval(Double((attributes[.size] as? NSNumber)?.intValue ?? 0) * 1e-9)
        }
        return result
    }
}
