import Foundation
import Testing
import Course
@testable import Site

/// `mcheck build` publishes only what the author meant to: the figures the chapters use, never a file reached through a
/// symbolic link that leaves the chapters folder, never a FIFO, a device or a file of /proc.
@Suite struct PublishingTests {
    /// A course in a temporary folder: chapters (name → Markdown) and `figures/` files (name → SVG text).
    struct TempCourse {
        let root: String
        var chapters: String { root + "/chapters" }
        var figures: String { root + "/chapters/figures" }
        var out: String { root + "/_site" }

        init(_ chapterTexts: [String: String], figures names: [String] = []) throws {
            root = NSTemporaryDirectory() + "mcheck-publishing-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: root + "/chapters/figures", withIntermediateDirectories: true)
            for (name, text) in chapterTexts { try text.write(toFile: chapters + "/" + name, atomically: true, encoding: .utf8) }
            for name in names { try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(toFile: figures + "/" + name, atomically: true, encoding: .utf8) }
        }

        func link(_ name: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: figures + "/" + name, withDestinationPath: target)
        }

        var options: SiteOptions { SiteOptions(chapters: chapters, theme: themeFolder, out: out) }

        /// Every file written under `_site/`, with its contents.
        func published() -> [String: String] {
            var files: [String: String] = [:]
            let fm = FileManager.default
            for path in fm.subpaths(atPath: out) ?? [] {
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: out + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[path] = (try? String(contentsOfFile: out + "/" + path, encoding: .utf8)) ?? ""
                }
            }
            return files
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Unused figures are not copied; links to /etc/passwd and /proc/self/environ, a FIFO and a folder are refused, each
    /// with a warning, and nothing of theirs reaches the site.
    @Test func onlyUsedFiguresArePublished() throws {
        let course = try TempCourse(["01-a.md": "# A\n\n![a curve](figures/curve.svg)\n\nSee [the alias](./figures/alias.svg#top).\n"],
                                figures: ["curve.svg", "unused.svg"])
        defer { course.remove() }
        try course.link("alias.svg", to: "curve.svg")
        try course.link("passwd.svg", to: "/etc/passwd")
        try course.link("env.svg", to: "/proc/self/environ")
        try course.link("nowhere.svg", to: "missing.svg")
        #expect(mkfifo(course.figures + "/pipe.svg", 0o644) == 0)
        try FileManager.default.createDirectory(atPath: course.figures + "/folder.svg", withIntermediateDirectories: false)
        let report = try SiteBuilder.build(course.options)
        #expect(report.figures == 2)
        let published = course.published()
        #expect(published.keys.filter { $0.hasPrefix("figures/") }.sorted() == ["figures/alias.svg", "figures/curve.svg"])
        #expect(!published.values.contains { $0.contains("root:x:0:0") })
        let warnings = report.warnings.map(\.description)
        #expect(warnings == [
            "\(course.figures)/env.svg: warning: not published: a symbolic link to /proc/self/environ, outside the chapters folder [load]",
            "\(course.figures)/folder.svg: warning: not published: a folder, not a file [load]",
            "\(course.figures)/nowhere.svg: warning: not published: a symbolic link to missing.svg, which does not exist [load]",
            "\(course.figures)/passwd.svg: warning: not published: a symbolic link to /etc/passwd, outside the chapters folder [load]",
            "\(course.figures)/pipe.svg: warning: not published: a named pipe (FIFO), not a regular file [load]",
        ])
    }

    /// An image or a link to a refused file is an error at the reference, and nothing is written.
    @Test(arguments: [
        ("passwd.svg", "/etc/passwd", "a symbolic link to /etc/passwd, outside the chapters folder"),
        ("env.svg", "/proc/self/environ", "a symbolic link to /proc/self/environ, outside the chapters folder"),
        ("up.svg", "../../outside.svg", "a symbolic link to ../../outside.svg, outside the chapters folder"),
        ("pipe.svg", "", "a named pipe (FIFO), not a regular file"),
    ])
    func aReferenceToARefusedFileIsAnError(name: String, target: String, why: String) throws {
        let course = try TempCourse(["01-a.md": "# A\n\nText.\n\nThe plot: ![plot](figures/\(name)).\n"])
        defer { course.remove() }
        if target.isEmpty {
            #expect(mkfifo(course.figures + "/" + name, 0o644) == 0)
        } else {
            if target.hasPrefix("..") { try "<svg/>".write(toFile: course.root + "/outside.svg", atomically: true, encoding: .utf8) }
            try course.link(name, to: target)
        }
        do {
            try SiteBuilder.build(course.options)
            Issue.record("the build should fail")
        } catch {
            #expect(error.errors.map(\.description) == ["\(course.chapters)/01-a.md:5:11: error: image 'figures/\(name)': the figure is not published: it is \(why) [render]"])
        }
        #expect(course.published().isEmpty)
    }

    /// `mcheck verify` resolves figures the same way: the reference is a failed link check on its line.
    @Test func verifyReportsTheRefusedFigure() throws {
        let course = try TempCourse(["01-a.md": "# A\n\n![p](figures/passwd.svg)\n"])
        defer { course.remove() }
        try course.link("passwd.svg", to: "/etc/passwd")
        let checks = SiteChecks.run(course.options)
        #expect(checks.map(\.line) == [3])
        #expect(checks.first?.status == .failed)
        #expect(checks.first?.message.contains("outside the chapters folder") == true)
    }

    /// Chapters have the workbooks' cap (`Workbook.maxBytes`, 16 MB), with the same message, before anything is parsed.
    @Test func aChapterOverTheCapIsRefused() throws {
        let course = try TempCourse(["02-b.md": "# B\n"])
        defer { course.remove() }
        let path = course.chapters + "/01-huge.md"
        #expect(FileManager.default.createFile(atPath: path, contents: Data("# Huge\n".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 17 * 1024 * 1024)
        try handle.close()
        do {
            _ = try SiteBuilder.load(course.options)
            Issue.record("the load should fail")
        } catch {
            #expect(error.errors.map(\.description) == ["\(path): error: the file is too large (17 MB; the limit is 16 MB) [load]"])
        }
    }
}

/// `parallelMap` gives every result to the array it returns: none is leaked (under `--watch` they would pile up).
@Suite struct ParallelMapTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() { lock.lock(); value += 1; lock.unlock() }
        var count: Int { lock.lock(); defer { lock.unlock() }; return value }
    }

    final class Probe: Sendable {
        let n: Int
        let freed: Counter
        init(_ n: Int, _ freed: Counter) { self.n = n; self.freed = freed }
        deinit { freed.add() }
    }

    @Test func resultsInOrderAndNoneLeaked() {
        let freed = Counter()
        do {
            let results = parallelMap(Array(0..<200)) { Probe($0 * 2, freed) }
            #expect(results.map(\.n) == (0..<200).map { $0 * 2 })
            #expect(freed.count == 0)
        }
        #expect(freed.count == 200)
    }
}
