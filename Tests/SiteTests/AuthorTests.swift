import Foundation
import Testing
import Course
@testable import Site

/// A course in a temporary folder, for the tests of what an author gets: chapters, an optional theme folder, `_site`.
struct ScratchCourse {
    let root: String
    var chapters: String { root + "/chapters" }
    var theme: String { root + "/site" }
    var out: String { root + "/_site" }

    init(_ chapterTexts: [String: String]) throws {
        root = NSTemporaryDirectory() + "mcheck-author-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/chapters", withIntermediateDirectories: true)
        for (name, text) in chapterTexts { try write(name, text) }
    }

    func write(_ chapter: String, _ text: String) throws {
        try text.write(toFile: chapters + "/" + chapter, atomically: true, encoding: .utf8)
    }

    func options(config: CourseConfig = CourseConfig(), out: String? = nil) -> SiteOptions {
        SiteOptions(chapters: chapters, theme: theme, out: out ?? self.out, config: config)
    }

    /// Every file under `out`, by relative path.
    func files(in folder: String? = nil) -> Set<String> {
        let folder = folder ?? out
        let fm = FileManager.default
        return Set((fm.subpaths(atPath: folder) ?? []).filter {
            var isFolder: ObjCBool = false
            return fm.fileExists(atPath: folder + "/" + $0, isDirectory: &isFolder) && !isFolder.boolValue
        })
    }

    func read(_ relative: String) -> String? { try? String(contentsOfFile: out + "/" + relative, encoding: .utf8) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

let oneChapter = ["01-a.md": "# A\n\nText with $x^2$.\n\n## Part\n\nMore.\n"]

@Suite("The built-in theme, overridden file by file")
struct BuiltInThemeTests {
    @Test func buildsWithNoThemeFolder() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        #expect(!FileManager.default.fileExists(atPath: course.theme))
        let report = try SiteBuilder.build(course.options())
        #expect(report.pages == 2)
        let style = try #require(course.read("style.css"))
        #expect(style.hasSuffix(try #require(Theme.builtIn("style.css"))))
        let page = try #require(course.read("01-a.html"))
        #expect(page.contains(##"<a class="skip-link" href="#main">"##))
    }

    @Test func theBuiltInThemeIsTheRepositorysSources() throws {
        for name in ["template.html", "style.css", "exercises.js", "mcheck-grader.js", "progress.js"] {
            let source = try String(contentsOfFile: themeFolder + "/" + name, encoding: .utf8)
            #expect(Theme.builtIn(name) == source, "\(name) differs from Sources/Site/Theme/\(name)")
        }
    }

    @Test func aStylesheetAloneOverridesOnlyTheStylesheet() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        try FileManager.default.createDirectory(atPath: course.theme, withIntermediateDirectories: true)
        try "body { color: rebeccapurple; }\n".write(toFile: course.theme + "/style.css", atomically: true, encoding: .utf8)
        try SiteBuilder.build(course.options())
        let style = try #require(course.read("style.css"))
        #expect(style.hasSuffix("body { color: rebeccapurple; }\n"))
        #expect(!style.contains(try #require(Theme.builtIn("style.css"))))
        // The template is still the built-in one.
        let page = try #require(course.read("01-a.html"))
        #expect(page.contains(##"<a class="skip-link" href="#main">"##))
    }

    @Test func aTemplateOverridesTheTemplate() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        try FileManager.default.createDirectory(atPath: course.theme, withIntermediateDirectories: true)
        try "<main class=\"mine\">{{content}}</main>\n".write(toFile: course.theme + "/template.html", atomically: true, encoding: .utf8)
        try SiteBuilder.build(course.options())
        let page = try #require(course.read("01-a.html"))
        #expect(page.hasPrefix("<main class=\"mine\"><h1"))
        #expect(try #require(course.read("style.css")).contains(try #require(Theme.builtIn("style.css"))))
    }

    @Test func anUnreadableOverrideIsAnError() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        try FileManager.default.createDirectory(atPath: course.theme + "/template.html", withIntermediateDirectories: true)
        #expect { try SiteBuilder.load(course.options()) } throws: { error in
            (error as? SiteFailure)?.errors.map(\.description) == ["\(course.theme)/template.html: error: cannot read the page template [load]"]
        }
    }

    @Test func verifyChecksLinksWithNoThemeFolder() throws {
        let course = try ScratchCourse(["01-a.md": "# A\n\nSee [nowhere](02-b.md) and [here](#a).\n"])
        defer { course.remove() }
        let checks = SiteChecks.run(course.options())
        #expect(checks.map(\.status) == [.failed, .verified])
    }
}

@Suite("mcheck.toml")
struct CourseConfigTests {
    let full = """
        [course]
        title = "Linear Algebra"
        author = "Ada Lovelace"
        language = "en-GB"
        repository = "https://github.com/ada/course.git"
        branch = "trunk"
        base-url = "https://ada.github.io/course"

        """

    @Test func readsEveryKey() throws {
        let config = try CourseConfig(toml: full, file: "mcheck.toml")
        #expect(config == CourseConfig(title: "Linear Algebra", author: "Ada Lovelace", language: "en-GB", repository: "https://github.com/ada/course.git", branch: "trunk", baseURL: "https://ada.github.io/course"))
        #expect(config.editURL(for: "./chapters/01-a.md") == "https://github.com/ada/course/edit/trunk/chapters/01-a.md")
        #expect(config.publishedURL(of: "01-a.html") == "https://ada.github.io/course/01-a.html")
        #expect(config.publishedURL(of: "index.html") == "https://ada.github.io/course/")
    }

    @Test func anEmptyFileIsTheDefaults() throws {
        #expect(try CourseConfig(toml: "", file: "mcheck.toml") == CourseConfig())
        #expect(CourseConfig().editURL(for: "chapters/01-a.md") == nil)
    }

    @Test(arguments: [
        ("[course\ntitle = \"T\"\n", "mcheck.toml:1:8: error: Error while parsing table header: expected ']', saw '\\n' [load]"),
        ("[course]\ntitle = 3\n", "mcheck.toml:2:1: error: 'title' must be a string, in quotes [load]"),
        ("[course]\n  colour = \"red\"\n", "mcheck.toml:2:3: error: unknown key 'colour' in [course]; the keys are title, author, language, repository, branch, base-url [load]"),
        ("[course]\nrepository = \"github.com/a/b\"\n", "mcheck.toml:2:1: error: 'repository' must be an http:// or https:// address, not 'github.com/a/b' [load]"),
        ("[course]\nlanguage = \"English\"\n", "mcheck.toml:2:1: error: 'language' must be a language tag such as en or en-GB, not 'English' [load]"),
        ("title = \"T\"\n", "mcheck.toml:1:1: error: unknown table or key 'title'; mcheck.toml has a [course] table [load]"),
        ("[course]\ntitle = \"T\"\n\n[output]\n", "mcheck.toml:4:1: error: unknown table or key 'output'; mcheck.toml has a [course] table [load]"),
    ])
    func errorsNameLineAndColumn(text: String, message: String) throws {
        #expect { try CourseConfig(toml: text, file: "mcheck.toml") } throws: { error in
            (error as? SiteFailure)?.description == message
        }
    }

    @Test func aMissingFileIsNoConfigUnlessRequired() throws {
        let path = NSTemporaryDirectory() + "mcheck-no-config-\(UUID().uuidString).toml"
        #expect(try CourseConfig.load(path) == nil)
        #expect(throws: SiteFailure.self) { try CourseConfig.load(path, required: true) }
    }

    @Test func thePagesUseIt() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        try SiteBuilder.build(course.options(config: try CourseConfig(toml: full, file: "mcheck.toml")))
        let page = try #require(course.read("01-a.html"))
        #expect(page.hasPrefix("<!doctype html>\n<html lang=\"en-GB\">"))
        #expect(page.contains("<title>1. A · Linear Algebra</title>"))
        #expect(page.contains(#"<meta name="author" content="Ada Lovelace">"#))
        #expect(page.contains(#"<link rel="canonical" href="https://ada.github.io/course/01-a.html">"#))
        #expect(page.contains(#"<a class="edit-link" href="https://github.com/ada/course/edit/trunk/\#(course.chapters)/01-a.md">Edit this page</a>"#))
        let index = try #require(course.read("index.html"))
        #expect(!index.contains("edit-link"))
    }

    @Test func theTitleOptionOverridesTheConfig() {
        var options = SiteOptions(config: CourseConfig(title: "From the file"))
        #expect(options.siteTitle == "From the file")
        options.title = "From the command line"
        #expect(options.siteTitle == "From the command line")
        #expect(SiteOptions().siteTitle == SiteOptions.defaultTitle)
    }

    /// The course's own config file reads without errors.
    @Test func theCoursesOwnConfigReads() throws {
        let config = try #require(try CourseConfig.load(repositoryRoot.appendingPathComponent("mcheck.toml").path, required: true))
        #expect(config.title == SiteOptions.defaultTitle)
    }
}

@Suite("The output folder holds exactly what the build made")
struct OutputFolderTests {
    @Test func pagesOfADeletedChapterAreRemoved() throws {
        let course = try ScratchCourse(["01-a.md": "# A\n\nText.\n", "02-b.md": "# B\n\nText.\n"])
        defer { course.remove() }
        try SiteBuilder.build(course.options())
        #expect(course.files().contains("02-b.html"))
        try FileManager.default.removeItem(atPath: course.chapters + "/02-b.md")
        try course.write("03-c.md", "# C\n\nText.\n")
        try SiteBuilder.build(course.options())
        #expect(course.files() == ["01-a.html", "03-c.html", "index.html", "style.css", "toc.js", "search-index.js", OutputFolder.manifestName,
                                   "reader.js", "favicon.svg", "fonts/STIXMath-OFL.txt", "fonts/STIXMath-Regular.woff2", "print.html"])
        let manifest = try #require(course.read(OutputFolder.manifestName))
        #expect(manifest.contains("03-c.html\n") && !manifest.contains("02-b.html"))
    }

    @Test func anUnusedFigureIsRemovedAndItsFolderToo() throws {
        let course = try ScratchCourse(["01-a.md": "# A\n\n![plot](figures/plot.svg)\n"])
        defer { course.remove() }
        try FileManager.default.createDirectory(atPath: course.chapters + "/figures", withIntermediateDirectories: true)
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(toFile: course.chapters + "/figures/plot.svg", atomically: true, encoding: .utf8)
        try SiteBuilder.build(course.options())
        #expect(course.files().contains("figures/plot.svg"))
        try course.write("01-a.md", "# A\n\nNo figure now.\n")
        try SiteBuilder.build(course.options())
        #expect(!course.files().contains("figures/plot.svg"))
        #expect(!FileManager.default.fileExists(atPath: course.out + "/figures"))
    }

    @Test func nothingOutsideTheFolderIsTouched() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        try SiteBuilder.build(course.options())
        // A manifest edited to name files outside the folder, and a file of the author's inside it.
        let outside = course.root + "/keep.txt"
        try "mine".write(toFile: outside, atomically: true, encoding: .utf8)
        try "# Written by mcheck build\n../keep.txt\n/etc/hostname\n./../keep.txt\n01-a.html\n".write(toFile: course.out + "/" + OutputFolder.manifestName, atomically: true, encoding: .utf8)
        try SiteBuilder.build(course.options())
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "mine")
        #expect(course.files().contains("01-a.html"))
        // Nothing beside the output folder is left behind (the fresh build's temporary folder is renamed into place).
        let beside = try FileManager.default.contentsOfDirectory(atPath: course.root).sorted()
        #expect(beside == ["_site", "chapters", "keep.txt"])
    }

    @Test func aLinkTheBuildMadeIsRemovedAsALink() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        try SiteBuilder.build(course.options())
        let target = course.root + "/target.txt"
        try "kept".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: course.out + "/old.html", withDestinationPath: target)
        let manifest = try #require(course.read(OutputFolder.manifestName))
        try (manifest + "old.html\n").write(toFile: course.out + "/" + OutputFolder.manifestName, atomically: true, encoding: .utf8)
        try SiteBuilder.build(course.options())
        #expect(!course.files().contains("old.html"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "kept")
    }

    /// A link put in a page's place is replaced by the page, not written through.
    @Test func aLinkInAPagesPlaceIsNotWrittenThrough() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        try SiteBuilder.build(course.options())
        let outside = course.root + "/outside.html"
        try "outside".write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: course.out + "/01-a.html")
        try FileManager.default.createSymbolicLink(atPath: course.out + "/01-a.html", withDestinationPath: outside)
        try SiteBuilder.build(course.options())
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "outside")
        #expect(!OutputFolder.isLink(course.out + "/01-a.html"))
        #expect(try #require(course.read("01-a.html")).hasPrefix("<!doctype html>"))
    }

    @Test func aFailedFreshBuildLeavesNothing() throws {
        let course = try ScratchCourse(["01-a.md": "# A\n\nSee [nowhere](#missing).\n"])
        defer { course.remove() }
        #expect(throws: SiteFailure.self) { try SiteBuilder.build(course.options()) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: course.root) == ["chapters"])
    }

    @Test func aLinkToAnEmptyFolderStaysALink() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        let target = course.root + "/www"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: course.out, withDestinationPath: target)
        try SiteBuilder.build(course.options())
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: course.out) == target)
        #expect(course.files(in: target).contains("01-a.html"))
    }

    /// A rebuild that fails after writing a batch of pages still lists them, so the build after it removes what it
    /// does not make.
    @Test func aFailedRebuildListsWhatItWrote() throws {
        let course = try ScratchCourse(["001-a.md": "# A\n\nText.\n"])
        defer { course.remove() }
        try SiteBuilder.build(course.options())
        let built = course.files()
        // A first batch of good chapters (written), then one with a broken link (the build stops there).
        let good = (2...SiteBuilder.batchSize + 1).map { String(format: "%03d-c.md", $0) }
        for name in good { try course.write(name, "# C\n\nText.\n") }
        try course.write(String(format: "%03d-bad.md", SiteBuilder.batchSize + 2), "# Bad\n\nSee [nowhere](#missing).\n")
        #expect(throws: SiteFailure.self) { try SiteBuilder.build(course.options()) }
        #expect(course.files().contains("002-c.html"))
        #expect(try #require(course.read(OutputFolder.manifestName)).contains("002-c.html\n"))
        for name in try FileManager.default.contentsOfDirectory(atPath: course.chapters) where name != "001-a.md" {
            try FileManager.default.removeItem(atPath: course.chapters + "/" + name)
        }
        try SiteBuilder.build(course.options())
        #expect(course.files() == built)
        #expect(built.isSuperset(of: ["001-a.html", "index.html", "style.css", "toc.js", "search-index.js", OutputFolder.manifestName]))
    }

    @Test func refusesAFolderItDidNotWrite() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        let other = course.root + "/photos"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try "x".write(toFile: other + "/holiday.jpg", atomically: true, encoding: .utf8)
        #expect { try SiteBuilder.build(course.options(out: other)) } throws: { error in
            (error as? SiteFailure)?.errors.first?.message.hasPrefix("refusing to write the site here: it is not empty and does not look like a site mcheck built") == true
        }
        #expect(course.files(in: other) == ["holiday.jpg"])
    }

    @Test(arguments: ["/", "~", "root", "chapters", "cwd"])
    func refusesDangerousFolders(which: String) throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        let out: String
        switch which {
        case "~": out = try #require(ProcessInfo.processInfo.environment["HOME"])
        case "root": out = course.root
        case "chapters": out = course.chapters
        case "cwd": out = FileManager.default.currentDirectoryPath
        default: out = which
        }
        #expect { try SiteBuilder.build(course.options(out: out)) } throws: { error in
            (error as? SiteFailure)?.errors.first?.message.hasPrefix("refusing to write the site here") == true
        }
        #expect(course.files(in: course.chapters) == ["01-a.md"])
    }

    @Test func adoptsTheOutputOfAnEarlierMcheck() throws {
        let course = try ScratchCourse(oneChapter)
        defer { course.remove() }
        try FileManager.default.createDirectory(atPath: course.out, withIntermediateDirectories: true)
        for name in ["index.html", "style.css", "search-index.js", "09-gone.html", "CNAME"] {
            try "old".write(toFile: course.out + "/" + name, atomically: true, encoding: .utf8)
        }
        // A gh-pages clone used as the output folder: its .git must survive.
        try FileManager.default.createDirectory(atPath: course.out + "/.git/objects", withIntermediateDirectories: true)
        try "ref: refs/heads/gh-pages".write(toFile: course.out + "/.git/HEAD", atomically: true, encoding: .utf8)
        try SiteBuilder.build(course.options())
        // Nothing the old mcheck's folder held is removed (it may not all be the build's); the manifest starts now.
        #expect(course.files().isSuperset(of: ["09-gone.html", "CNAME", ".git/HEAD", OutputFolder.manifestName]))
        #expect(try #require(course.read("index.html")).hasPrefix("<!doctype html>"))
        // The next build removes only what the manifest lists.
        try SiteBuilder.build(course.options())
        #expect(course.files().isSuperset(of: ["09-gone.html", "CNAME", ".git/HEAD"]))
    }

    /// A link in a folder's place inside the output (figures/ pointing at a user's own folder) is neither written
    /// through nor cleaned through: the link is replaced by a folder and the files it leads to stay as they were.
    @Test func aLinkInAFoldersPlaceIsNeitherWrittenNorCleanedThrough() throws {
        let course = try ScratchCourse(["01-a.md": "# A\n\n![a](figures/a.svg) ![b](figures/b.svg)\n"])
        defer { course.remove() }
        try FileManager.default.createDirectory(atPath: course.chapters + "/figures", withIntermediateDirectories: true)
        for name in ["a", "b"] { try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(toFile: course.chapters + "/figures/\(name).svg", atomically: true, encoding: .utf8) }
        try SiteBuilder.build(course.options())
        let victim = course.root + "/victim"
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        for name in ["a", "b"] { try "precious".write(toFile: victim + "/\(name).svg", atomically: true, encoding: .utf8) }
        try FileManager.default.removeItem(atPath: course.out + "/figures")
        try FileManager.default.createSymbolicLink(atPath: course.out + "/figures", withDestinationPath: victim)
        try course.write("01-a.md", "# A\n\n![a](figures/a.svg)\n")
        try SiteBuilder.build(course.options())
        #expect(course.files(in: victim) == ["a.svg", "b.svg"])
        #expect(try String(contentsOfFile: victim + "/a.svg", encoding: .utf8) == "precious")
        #expect(!OutputFolder.isLink(course.out + "/figures"))
        #expect(course.files().contains("figures/a.svg") && !course.files().contains("figures/b.svg"))
    }

    @Test func aRebuildRewritesOnlyWhatChanged() throws {
        let course = try ScratchCourse(["01-a.md": "# A\n\nText.\n", "02-b.md": "# B\n\nText.\n"])
        defer { course.remove() }
        try SiteBuilder.build(course.options())
        let old = Date(timeIntervalSince1970: 1_000_000)
        for name in ["01-a.html", "02-b.html"] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: course.out + "/" + name)
        }
        try course.write("02-b.md", "# B\n\nOther text.\n")
        try SiteBuilder.build(course.options())
        func modified(_ name: String) throws -> Date? { try FileManager.default.attributesOfItem(atPath: course.out + "/" + name)[.modificationDate] as? Date }
        #expect(try modified("01-a.html") == old)
        #expect(try modified("02-b.html") != old)
    }
}

@Suite("The chapter list is written once")
struct ChapterListTests {
    /// n chapters; the first is the rule reference, so that the header's link to it is the same in every site.
    func chapters(_ n: Int) -> [(String, String)] {
        (1...n).map { (String(format: "%02d-c%d", $0, $0), $0 == 1 ? "# Reference\n\nRules.\n" : "# Chapter \($0)\n\nText.\n") }
    }

    @Test func aPageDoesNotGrowWithTheNumberOfChapters() throws {
        let small = try build(chapters(3)), large = try build(chapters(60))
        #expect(small.file("02-c2.html")?.utf8.count == large.file("02-c2.html")?.utf8.count)
        #expect(try #require(large.file("toc.js")).contains(#"["60-c60.html", 60, "Chapter 60"]"#))
    }

    @Test func eachPageHasTheFallbackAndTheScript() throws {
        let site = try build(chapters(3))
        let page = try #require(site.file("02-c2.html"))
        #expect(page.contains(#"<p class="chapters-fallback"><a href="index.html">All chapters</a></p>"#))
        #expect(page.contains(#"<script src="toc.js" data-current="02-c2.html"></script>"#))
        #expect(!page.contains("03-c3.html\"><span class=\"number\">"))
        let index = try #require(site.file("index.html"))
        #expect(index.contains(#"<script src="toc.js"></script>"#))
        let script = try #require(site.file("toc.js"))
        #expect(script.contains(#"["01-c1.html", 1, "Reference"],"#))
    }
}

@Suite("Equation numbers")
struct EquationNumberTests {
    let page: String

    init() throws {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("numbered").path
        let sources = try SiteBuilder.load(SiteOptions(chapters: folder, theme: "/nonexistent", out: "/unused"))
        page = try #require(try SiteBuilder.render(try SiteBuilder.preprocess(sources)).file("05-numbered.html"))
    }

    @Test func aTagTakesNoNumber() {
        #expect(page.contains(##"References: <a href="#eq:eigen">(5.1)</a>, <a href="#eq:star">(*)</a>, <a href="#eq:next">(5.2)</a> and <a href="#eq:last">(5.3)</a>."##))
        #expect(page.contains(#"<mtd class="mml-tag"><mtext>(5.2)</mtext></mtd>"#))
        #expect(!page.contains("(5.4)"))
    }

    @Test func notagTakesNoNumber() {
        let start = page.range(of: #"id="eq:none""#)?.upperBound ?? page.endIndex
        let none = page[start...].prefix { $0 != "\n" }
        #expect(none.contains(#"<annotation encoding="application/x-tex">u = v \notag \label{eq:none}</annotation>"#))
        #expect(!none.contains("mml-tag"))
    }

    /// The numbered table is the <math> element's child (not inside <semantics>, where it shrinks to the formula), so
    /// the number sits at the right margin.
    @Test func theNumberTableSpansTheLine() {
        #expect(count(#"<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mtable class="mml-tagged""#, in: page) == 4)
        #expect(count(#"<semantics><mtable class="mml-tagged""#, in: page) == 0)
    }
}
