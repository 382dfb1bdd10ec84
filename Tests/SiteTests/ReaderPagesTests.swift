// The pages and files the site gets for readers: print.html, the index page's introduction, the theme's reader files.
import Foundation
import Testing
@testable import Site

@Suite("Pages for readers")
struct ReaderPagesTests {
    let chapters = [
        ("01-a", "# Alpha\n\n## Setup {#setup}\n\nSee [the part](02-b.md#part) and [below](#setup).\n"),
        ("02-b", "# Beta\n\n## Setup\n\nBack to [Alpha](01-a.md).\n\n## Part {#part}\n\nText.\n"),
    ]

    /// Every `id="…"` of the page.
    func ids(_ html: String) -> [String] {
        html.components(separatedBy: " id=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }

    @Test func printPageHoldsEveryChapterWithUniqueIDs() throws {
        let page = try #require(try build(chapters).file(PrintPage.name))
        #expect(page.contains("<section class=\"print-chapter\" id=\"01-a\">"))
        #expect(page.contains("<section class=\"print-chapter\" id=\"02-b\">"))
        #expect(page.range(of: "Alpha")!.lowerBound < page.range(of: "Beta")!.lowerBound)
        let all = ids(page)
        #expect(Set(all).count == all.count, "duplicate ids: \(all)")
        // Both chapters have a "setup" section; each keeps its own.
        #expect(all.contains("01-a-setup") && all.contains("02-b-setup"))
    }

    @Test func printPageLinksStayWithinThePage() throws {
        let page = try #require(try build(chapters).file(PrintPage.name))
        #expect(page.contains("href=\"#02-b-part\""))
        #expect(page.contains("href=\"#01-a-setup\""))
        #expect(page.contains("href=\"#01-a\""))
        #expect(!page.contains("href=\"02-b.html#part\""))
        // Every in-page link of the chapters leads to an id of the page.
        let all = Set(ids(page))
        let article = String(page[page.range(of: "<main")!.lowerBound..<page.range(of: "</main>")!.lowerBound])
        let targets = article.components(separatedBy: "href=\"#").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
        #expect(!targets.isEmpty)
        for target in targets { #expect(all.contains(target), "no id \(target)") }
    }

    /// On the one page the course's title is the only `h1`; each chapter's headings are a level lower (vnu warns of an
    /// `h1` per chapter).
    @Test func printPageHasOneTopLevelHeading() throws {
        #expect(String(decoding: PrintPage.headingsOneLevelDown(Array("<h1 id=\"a\">A</h1><h2>B</h2><h6>F</h6><hr><header>x</header><code>&lt;h1&gt;</code>".utf8)), as: UTF8.self)
                == "<h2 id=\"a\">A</h2><h3>B</h3><h6>F</h6><hr><header>x</header><code>&lt;h1&gt;</code>")
        let page = try #require(try build(chapters).file(PrintPage.name))
        #expect(page.components(separatedBy: "<h1").count == 2, "one h1")
        #expect(page.contains("<section class=\"print-chapter\" id=\"01-a\">\n<h2"))
    }

    @Test func printPageHasNoScripts() throws {
        let page = PrintPage([])
        #expect(page.withoutScripts("<p>a</p><script>x()</script><p>b</p><script src=\"y.js\" defer></script>") == "<p>a</p><p>b</p>")
    }

    @Test func indexPageIntroducesTheCourse() throws {
        let index = try #require(try build(chapters).file("index.html"))
        let intro = try #require(index.range(of: "<div class=\"intro\">"))
        #expect(intro.lowerBound < index.range(of: "<ol class=\"contents\">")!.lowerBound)
        #expect(index.contains("2 chapters"))
        #expect(index.contains("href=\"print.html\""))
    }

    @Test func readerFilesArePublished() throws {
        let site = try build(chapters)
        #expect(try #require(site.file("reader.js")).contains("MCHECK_SEARCH"))
        #expect(try #require(site.file("favicon.svg")).hasPrefix("<svg"))
        #expect(try #require(site.file("fonts/STIXMath-OFL.txt")).contains("SIL OPEN FONT LICENSE Version 1.1"))
        // The font compiled in as Base64 is a WOFF2 file; the stylesheet lists it first.
        let font = try #require(ReaderAssets.fontBytes(theme: "/nonexistent-theme"))
        #expect(font.prefix(4) == Data("wOF2".utf8))
        #expect(font.count > 100_000)
        let css = try #require(site.file("style.css"))
        #expect(css.contains("url(\"fonts/STIXMath-Regular.woff2\") format(\"woff2\")"))
        #expect(css.contains("math { font-family: \"STIX Math\","))
    }

    @Test func theTemplateLinksTheFaviconAndTheReaderScript() throws {
        let page = try #require(try build(chapters).file("01-a.html"))
        #expect(page.contains("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">"))
        #expect(page.contains("<script src=\"reader.js\" defer></script>"))
        // The theme is applied before the first paint: in <head>, before <body>.
        #expect(page.range(of: "localStorage.getItem(\"mcheck-theme\")")!.lowerBound < page.range(of: "<body>")!.lowerBound)
    }
}
