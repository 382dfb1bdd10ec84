import Foundation
import Testing
@testable import Serve
import Site

@Suite("The script served pages get")
struct LiveReloadTests {
    @Test func goesBeforeTheLastClosingBodyTag() {
        let page = "<html><body><p>text</p><pre>&lt;/body&gt;</pre></body>\n</html>\n"
        let served = LiveReload.inject(into: page, build: "abc-1")
        #expect(served.hasPrefix("<html><body><p>text</p><pre>&lt;/body&gt;</pre><script data-mcheck-serve>"))
        #expect(served.hasSuffix("</script>\n</body>\n</html>\n"))
        #expect(served.components(separatedBy: "<script").count == 2)
        #expect(served.contains(#"var build = "abc-1";"#))
        #expect(served.contains(LiveReload.socketPath))
        #expect(LiveReload.isInjected(served))
        #expect(!LiveReload.isInjected(page))
    }

    @Test func goesAtTheEndOfAPageWithoutBody() {
        let served = LiveReload.inject(into: "<p>fragment</p>", build: "b")
        #expect(served.hasPrefix("<p>fragment</p><script data-mcheck-serve>"))
        #expect(served.hasSuffix("</script>\n"))
    }

    @Test func aBuildIdCannotEndTheScript() {
        let served = LiveReload.inject(into: "<body></body>", build: "</script><script>alert(1)</script>")
        #expect(served.components(separatedBy: "</script>").count == 2)
    }

    @Test func mcheckBuildOutputHasNoScript() throws {
        let course = try TestCourse()
        defer { course.remove() }
        try SiteBuilder.build(course.options)
        let pages = try FileManager.default.contentsOfDirectory(atPath: course.out).filter { $0.hasSuffix(".html") }
        // The chapter, the contents and the whole-course print page.
        #expect(Set(pages) == ["01-derivatives.html", "index.html", "print.html"])
        for name in pages {
            let page = try course.read(course.out + "/" + name)
            #expect(!LiveReload.isInjected(page), "\(name) carries the serve script")
        }
    }

    @Test func messagesAsThePageReadsThem() throws {
        #expect(LiveMessage.hello(build: "s-2").json == #"{"build":"s-2","kind":"hello"}"#)
        #expect(LiveMessage.built(build: "s-3", changed: ["01-a.html", "style.css"]).json == #"{"build":"s-3","changed":["01-a.html","style.css"],"kind":"built"}"#)
        let error = SiteError(.render, file: "chapters/01-a.md", line: 3, column: 7, "link to '02-b.md': no such chapter")
        let failure = SiteFailure([error])
        let json = LiveMessage.errors(summary: LiveMessage.summary(of: failure), errors: failure.errors).json
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(decoded["kind"] as? String == "errors")
        #expect(decoded["summary"] as? String == "render failed with 1 error")
        let first = try #require((decoded["errors"] as? [[String: Any]])?.first)
        #expect(first["line"] as? String == "chapters/01-a.md:3:7: error: link to '02-b.md': no such chapter [render]")
        #expect(first["location"] as? String == "chapters/01-a.md:3:7")
    }
}
