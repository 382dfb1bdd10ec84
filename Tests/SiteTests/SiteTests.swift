import Foundation
import Testing
@testable import Site

/// The default theme's sources (Sources/Site/Theme: template.html, style.css, the scripts), found from this file.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let themeFolder = repositoryRoot.appendingPathComponent("Sources/Site/Theme").path
let courseFolder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("course").path

func theme() throws -> (Template, String) {
    let template = try Template(String(contentsOfFile: themeFolder + "/template.html", encoding: .utf8), file: "Sources/Site/Theme/template.html")
    let style = try String(contentsOfFile: themeFolder + "/style.css", encoding: .utf8)
    return (template, style)
}

/// Builds a site in memory from chapters given as text (name → Markdown).
func build(_ chapters: [(String, String)], figures: [String] = []) throws -> RenderedSite {
    let (template, style) = try theme()
    var figureFiles: [String: String] = [:]
    for f in figures { figureFiles[f] = "/nonexistent/" + f }
    let sources = SiteSources(chapters: chapters.map { ChapterSource(name: $0.0, text: $0.1) }, figures: figureFiles, template: template, stylesheet: style)
    return try SiteBuilder.render(try SiteBuilder.preprocess(sources))
}

/// The errors of a build that must fail.
func errors(_ chapters: [(String, String)], figures: [String] = []) -> [SiteError] {
    do {
        _ = try build(chapters, figures: figures)
        Issue.record("the build succeeded")
        return []
    } catch let failure as SiteFailure {
        return failure.errors
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

func count(_ needle: String, in haystack: String) -> Int {
    haystack.components(separatedBy: needle).count - 1
}

@Suite("The sample course")
struct SampleCourseTests {
    let site: RenderedSite
    let first: String
    let second: String

    init() throws {
        let sources = try SiteBuilder.load(SiteOptions(chapters: courseFolder, theme: themeFolder, out: "/unused"))
        site = try SiteBuilder.render(try SiteBuilder.preprocess(sources))
        first = try #require(site.file("01-vectors.html"))
        second = try #require(site.file("02-jacobian.html"))
    }

    @Test func writesEveryPage() {
        let paths = Set(site.files.map(\.path))
        #expect(paths == ["01-vectors.html", "02-jacobian.html", "index.html", "style.css", "toc.js", "search-index.js",
                          "reader.js", "favicon.svg", "fonts/STIXMath-OFL.txt", "print.html"])
        #expect(site.copies.map(\.path) == ["figures/plot.svg"])
    }

    @Test func mathIsMathML() {
        // inline: x, 2×2, and the table cells
        #expect(first.contains(##"<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics>"##))
        // display, numbered from its label
        #expect(first.contains(##"<div class="equation" id="eq:a"><math xmlns="http://www.w3.org/1998/Math/MathML" display="block">"##))
        #expect(first.contains("<mtext>(1.1)</mtext>"))
        #expect(first.contains(##"<div class="equation" id="eq:at">"##))
        #expect(!first.contains("$$"))
        #expect(count("<math ", in: first) == 8)
    }

    @Test func equationReferences() {
        #expect(first.contains(##"Equation <a href="#eq:a">(1.1)</a> is"##))
        #expect(first.contains(##"<a href="#eq:at">its transpose</a>"##))
        #expect(second.contains(##"<a href="01-vectors.html#a-matrix">matrices</a>"##))
        #expect(second.contains(##"<a href="01-vectors.html#eq:a">equation</a>"##))
        #expect(first.contains(##"<a href="02-jacobian.html">the next chapter</a>"##))
    }

    @Test func headingAnchorsAndTableOfContents() {
        #expect(second.contains(##"<h2 id="two-functions">Two functions<a class="anchor" href="#two-functions""##))
        #expect(second.contains(##"<h2 id="exercises">"##))
        #expect(second.contains(##"<nav class="toc" aria-label="On this page">"##))
        #expect(second.contains(##"<li class="toc-2"><a href="#two-functions">Two functions</a></li>"##))
        // math in a heading's entry stays math
        #expect(first.contains(##"<li class="toc-2"><a href="#a-matrix">A matrix</a></li>"##))
    }

    @Test func navigation() {
        // The chapter list is toc.js's, which marks the page it is on from data-current.
        #expect(first.contains(##"<script src="toc.js" data-current="01-vectors.html"></script>"##))
        let list = site.file("toc.js") ?? ""
        #expect(list.contains(##"["01-vectors.html", 1, "Vectors and Matrices"],"##))
        #expect(list.contains(##"["02-jacobian.html", 2, "The Jacobian"],"##))
        #expect(first.contains(##"<a class="next" rel="next" href="02-jacobian.html">"##))
        #expect(first.contains(##"<a class="prev" rel="prev" href="index.html">"##))
        #expect(second.contains(##"<a class="prev" rel="prev" href="01-vectors.html">"##))
        #expect(!second.contains(##"rel="next""##))
        #expect(second.contains("<title>2. The Jacobian · "))
        let index = site.file("index.html")!
        #expect(index.contains(##"<a href="01-vectors.html#a-matrix">A matrix</a>"##))
        #expect(index.contains(##"<li value="2"><a href="02-jacobian.html">The Jacobian</a>"##))
    }

    @Test func exercisesAreNumberedBoxesWithCollapsedSolutions() {
        #expect(second.contains(##"<section class="exercise" id="jacobian-fg" aria-label="Exercise 2.1">"##))
        #expect(second.contains(##"<a href="#jacobian-fg">Exercise 2.1</a>"##))
        #expect(second.contains(##"<section class="exercise" id="evaluate-dot" aria-label="Exercise 2.2">"##))
        #expect(second.contains("<code>jacobian([3x^2 y, 2x + y^8], [x, y])</code>"))
        #expect(second.contains("Check your answer: <code>mcheck exercises/ch2.md</code>"))
        #expect(count("<details class=\"solution\"><summary>Show solution</summary>", in: second) == 2)
        #expect(second.contains("<details class=\"mistake\"><summary>Common mistake</summary>"))
        // The question is math: a fraction of partials over a matrix.
        let box = second.components(separatedBy: #"id="jacobian-fg""#)[1].components(separatedBy: "</section>")[0]
        #expect(box.contains(##"<div class="exercise-ask"><math"##))
        #expect(box.contains("<mtable>"))
        // The solution block is inside the box, not after it.
        #expect(box.contains("<pre class=\"answer\"><code>[[6x y, 3x^2], [2, 8y^7]]</code></pre>"))
        #expect(count("[[6x y, 3x^2], [2, 8y^7]]", in: second) == 1)
        #expect(second.contains(##"<a href="#jacobian-fg">the first exercise</a>"##))
    }

    @Test func rawHTMLIsEscapedAndCommentsDropped() {
        #expect(!first.contains("<script>alert"))
        #expect(first.contains("&lt;script&gt;alert(&quot;a chapter cannot run code&quot;)&lt;/script&gt;"))
        #expect(first.contains("Inline &lt;b onclick=&quot;steal()&quot;&gt;HTML&lt;/b&gt; shows as text."))
        #expect(!first.contains("let: A"))
    }

    @Test func tablesFiguresAndCode() {
        #expect(first.contains("<div class=\"table-wrap\"><table>\n<thead><tr><th>Object</th><th style=\"text-align:center\">Shape</th></tr></thead>\n<tbody>"))
        #expect(first.contains(##"<figure><img src="figures/plot.svg" alt="A plot of the two entries" loading="lazy"></figure>"##))
        #expect(first.contains(##"<div class="code"><pre><code class="language-python">print(&quot;code blocks keep their text &amp; get a copy button&quot;)"##))
    }

    @Test func searchIndexCoversEverySection() {
        let index = site.file("search-index.js")!
        #expect(index.hasPrefix("window.MCHECK_SEARCH=["))
        #expect(index.contains(##""u":"02-jacobian.html#two-functions""##))
        #expect(index.contains("stacks gradients"))
        #expect(!index.contains("<script"))
    }

    @Test func stylesheetHasThemesAndPrint() {
        let css = site.file("style.css")!
        #expect(css.contains("prefers-color-scheme: dark"))
        #expect(css.contains("@media print"))
        #expect(css.contains(".mml-align"))
    }
}

@Suite("Errors name file:line:column")
struct SiteErrorTests {
    @Test func badLaTeX() {
        let e = errors([("01-a", "# A\n\nSome text\nand $x + \\foo$ here.\n")])
        #expect(e.count == 1)
        #expect(e.first?.step == .preprocess)
        #expect(e.first?.location == "chapters/01-a.md:4:10")
        #expect(e.first?.message.contains("\\foo") == true)
    }

    @Test func badLaTeXOnALaterLineOfDisplayMath() {
        let e = errors([("01-a", "# A\n\n$$a = b\n\\\\ c = \\frac{1}$$\n")])
        #expect(e.first?.location.hasPrefix("chapters/01-a.md:4:") == true)
    }

    @Test func brokenAnchorChapterAndFigureLinks() {
        let text = "# A\n\n## Real\n\nSee [here](#real) and [there](#unreal).\n\nAlso [b](02-missing.md) and\n![pic](figures/none.svg) and [c](02-b.md#nowhere).\n"
        let e = errors([("01-a", text), ("02-b", "# B\n")], figures: ["plot.svg"])
        #expect(e.map(\.location) == ["chapters/01-a.md:5:23", "chapters/01-a.md:7:6", "chapters/01-a.md:8:1", "chapters/01-a.md:8:30"])
        #expect(e.allSatisfy { $0.step == .render })
        #expect(e[0].message.contains("#unreal"))
        #expect(e[1].message.contains("no such chapter"))
        #expect(e[2].message.contains("no such figure"))
        #expect(e[3].message.contains("#nowhere"))
    }

    @Test func brokenEquationReference() {
        let e = errors([("01-a", "# A\n\n$$x = 1 \\label{eq:one}$$\n\nSee [](#eq:two).\n")])
        #expect(e.map(\.location) == ["chapters/01-a.md:5:5"])
    }

    @Test func duplicateAnchors() {
        let text = "# A\n\n## Same thing\n\nText.\n\n## Same Thing!\n\n$$x \\label{same-thing}$$\n"
        let e = errors([("01-a", text)])
        #expect(e.map(\.location) == ["chapters/01-a.md:7:1", "chapters/01-a.md:9:1"])
        #expect(e.first?.message == "duplicate anchor '#same-thing' (first defined on line 3)")
    }

    @Test func exerciseIdCollidingWithAHeading() {
        let text = "# A\n\n## Warm up\n\n```exercise\nid: warm-up\nask: derivative(x^2, x)\n```\n"
        let e = errors([("01-a", text)])
        #expect(e.map(\.location) == ["chapters/01-a.md:6"])
    }

    @Test func scriptLinksAreRefused() {
        let e = errors([("01-a", "# A\n\n[click](javascript:alert(1))\n")])
        #expect(e.first?.location == "chapters/01-a.md:3:1")
        #expect(e.first?.message.contains("javascript") == true)
    }

    @Test func templatePlaceholders() {
        #expect(throws: SiteFailure.self) { try Template("<p>{{content}} {{nope}}</p>", file: "t.html") }
        #expect(throws: SiteFailure.self) { try Template("<p>no content</p>", file: "t.html") }
        do {
            _ = try Template("<p>\n  {{ sidebar }} {{nope}}\n{{content}}", file: "t.html")
        } catch {
            #expect(error.errors.map(\.location) == ["t.html:2:17"])
            #expect(error.errors.first?.step == .load)
        }
    }

    @Test func buildWritesTheSiteAndReportsMissingFolders() throws {
        let out = NSTemporaryDirectory() + "site-tests-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let report = try SiteBuilder.build(SiteOptions(chapters: courseFolder, theme: themeFolder, out: out))
        #expect(report.pages == 3)
        #expect(FileManager.default.fileExists(atPath: out + "/figures/plot.svg"))
        #expect(FileManager.default.fileExists(atPath: out + "/02-jacobian.html"))
        #expect(throws: SiteFailure.self) { try SiteBuilder.load(SiteOptions(chapters: "/nonexistent", theme: themeFolder)) }
    }
}

@Suite struct SlugTests {
    @Test func slugs() {
        #expect(Slug.make("Numerator and denominator layout") == "numerator-and-denominator-layout")
        #expect(Slug.make("Row or column?") == "row-or-column")
        #expect(Slug.make("The gradient of \\mathbf{x}^T A") == "the-gradient-of-xt-a")
        #expect(Slug.make("A Neuron's Activation") == "a-neurons-activation")
    }
}

/// `mcheck verify`'s link checks: every link and figure resolves as `mcheck build` resolves it.
@Suite struct SiteChecksTests {
    func course(_ chapters: [String: String]) throws -> String {
        let folder = NSTemporaryDirectory() + "site-checks-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/figures", withIntermediateDirectories: true)
        try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(toFile: folder + "/figures/curve.svg", atomically: true, encoding: .utf8)
        for (name, text) in chapters { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func linksThatResolveAreVerified() throws {
        let folder = try course([
            "01-a.md": "# A\n\n## First part\n\nSee [the next chapter](02-b.md#layouts) and ![a curve](figures/curve.svg).\n",
            "02-b.md": "# B\n\n## Layouts\n\nBack to [the first part](01-a.md#first-part), or [here](#layouts).\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let checks = SiteChecks.run(SiteOptions(chapters: folder, theme: themeFolder))
        #expect(checks.count == 4)
        #expect(checks.allSatisfy { $0.kind == .link && $0.status == .verified })
        #expect(checks.map(\.message).sorted() == ["#layouts", "01-a.md#first-part", "02-b.md#layouts", "figures/curve.svg"])
    }

    @Test func brokenLinksFailOnTheirLine() throws {
        let folder = try course([
            "01-a.md": "# A\n\n## First part\n\nSee [a chapter](07-missing.md) and [a heading](#no-such-heading).\n\n![gone](figures/missing.svg)\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let checks = SiteChecks.run(SiteOptions(chapters: folder, theme: themeFolder))
        #expect(checks.count == 3)
        #expect(checks.allSatisfy { $0.status == .failed && $0.kind == .link })
        #expect(checks.map(\.line) == [5, 5, 7])
        #expect(checks[0].message.contains("07-missing.md"))
        #expect(checks[1].message.contains("no-such-heading"))
        #expect(checks[2].message.contains("missing.svg"))
    }

    @Test func duplicateAnchorsAreFailures() throws {
        let folder = try course(["01-a.md": "# A\n\n## Same\n\n## Same\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let checks = SiteChecks.run(SiteOptions(chapters: folder, theme: themeFolder))
        #expect(checks.contains { $0.status == .failed && $0.line == 5 && $0.message.contains("duplicate anchor") })
    }
}

@Suite("The grader in the page: progress")
struct InPageProgressTests {
    /// The sample course built with a module (any bytes do: the site only copies it and inlines it as base64).
    func site(grader: Bool) throws -> RenderedSite {
        let module = FileManager.default.temporaryDirectory.appendingPathComponent("mcheck-site-test-\(UUID().uuidString).wasm").path
        try Data([0, 0x61, 0x73, 0x6d]).write(to: URL(fileURLWithPath: module))
        defer { try? FileManager.default.removeItem(atPath: module) }
        let sources = try SiteBuilder.load(SiteOptions(chapters: courseFolder, theme: themeFolder, out: "/unused", grader: grader ? module : nil))
        return try SiteBuilder.render(try SiteBuilder.preprocess(sources))
    }

    @Test func indexGetsTheChaptersExerciseIdsAndProgressScript() throws {
        let built = try site(grader: true)
        let index = try #require(built.file("index.html"))
        #expect(index.contains(#"<script type="application/json" id="mcheck-progress">{"chapters":[{"ids":["jacobian-fg","evaluate-dot"],"page":"02-jacobian.html"}]}</script>"#))
        #expect(count(#"<script src="progress.js" defer></script>"#, in: index) == 1)
        #expect(!index.contains("exercises.js"))
        let chapter = try #require(built.file("02-jacobian.html"))
        let scripts = ["mcheck-grader.js", "progress.js", "exercises.js"].map { chapter.range(of: "<script src=\"\($0)\"")?.lowerBound }
        #expect(scripts.allSatisfy { $0 != nil })
        #expect(scripts.compactMap { $0 } == scripts.compactMap { $0 }.sorted())
        #expect(built.file("progress.js")?.contains("mcheck-verdict:") == true)
    }

    @Test func withoutTheGraderThereIsNoProgress() throws {
        let built = try site(grader: false)
        let index = try #require(built.file("index.html"))
        #expect(!index.contains("mcheck-progress"))
        #expect(!index.contains("progress.js"))
        #expect(built.file("progress.js") == nil)
    }
}
