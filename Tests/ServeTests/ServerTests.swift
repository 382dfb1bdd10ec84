import FlyingFox
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import Serve
import Site

@Suite("The server on 127.0.0.1")
struct SiteServerTests {
    /// GET `path` from the server: status and body.
    func get(_ server: SiteServer, _ path: String) async throws -> (status: Int, body: String, type: String?) {
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)" + path))
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type"))
    }

    @Test func servesTheBuiltPagesWithTheScriptAndNothingElse() async throws {
        let course = try TestCourse()
        defer { course.remove() }
        var rebuilder = course.rebuilder
        guard case .built = rebuilder.build() else { Issue.record("the new course does not build"); return }
        let server = try await SiteServer.start(root: course.out, port: 0, channel: LiveChannel())
        #expect(server.port != 0)

        let index = try await get(server, "/")
        #expect(index.status == 200)
        #expect(index.type == "text/html; charset=utf-8")
        #expect(LiveReload.isInjected(index.body))
        #expect(index.body.contains("Serve test"))
        let chapter = try await get(server, "/01-derivatives.html")
        #expect(LiveReload.isInjected(chapter.body))
        // The file on disk stays as `mcheck build` writes it.
        #expect(!LiveReload.isInjected(try course.read(course.out + "/01-derivatives.html")))
        let style = try await get(server, "/style.css")
        #expect(style.status == 200)
        #expect(style.type == "text/css; charset=utf-8")
        #expect(!LiveReload.isInjected(style.body))

        // Nothing outside the folder, no hidden file; a missing page still carries the script.
        for path in ["/..%2F..%2Fetc/passwd", "/.mcheck-site", "/02-missing.html"] {
            let response = try await get(server, path)
            #expect(response.status == 404, "\(path)")
            #expect(!response.body.contains("01-derivatives.html"), "\(path)")
        }
        #expect(LiveReload.isInjected(try await get(server, "/02-missing.html").body))
        // A symbolic link inside the folder that leads out of it is not followed.
        let secret = course.root + "/secret.txt"
        try "only-for-the-owner".write(toFile: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: course.out + "/up", withDestinationPath: course.root)
        let linked = try await get(server, "/up/secret.txt")
        #expect(linked.status == 404)
        #expect(!linked.body.contains("only-for-the-owner"))
        await server.stop()
    }

    /// A served file loaded by another site's page (`<script src>`, `<img>`: no Origin) is refused by its
    /// `Sec-Fetch-Site`; the site's own pages, a typed address and clients that send no such header are answered.
    @Test func aRequestFromAnotherSitesPageIsRefused() async throws {
        let course = try TestCourse()
        defer { course.remove() }
        var rebuilder = course.rebuilder
        guard case .built = rebuilder.build() else { Issue.record("the new course does not build"); return }
        let server = try await SiteServer.start(root: course.out, port: 0, channel: LiveChannel())
        func get(_ path: String, fetchSite: String?) async throws -> (status: Int, body: String) {
            var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(server.port)" + path)))
            if let fetchSite { request.setValue(fetchSite, forHTTPHeaderField: "Sec-Fetch-Site") }
            let (data, response) = try await URLSession.shared.data(for: request)
            return (try #require(response as? HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
        }
        for path in ["/toc.js", "/01-derivatives.html", "/style.css"] {
            for refused in ["cross-site", "same-site"] {
                let response = try await get(path, fetchSite: refused)
                #expect(response.status == 403, "\(path) \(refused)")
                #expect(response.body == "mcheck serve answers only its own pages, links followed and addresses typed in the browser, not another site's page (its scripts, images, frames)\n", "\(path) \(refused)")
            }
            for answered in ["same-origin", "none", nil] {
                #expect(try await get(path, fetchSite: answered).status == 200, "\(path) \(answered ?? "no Sec-Fetch-Site")")
            }
        }
        await server.stop()
    }

    @Test func aBusyPortIsAClearError() async throws {
        let course = try TestCourse()
        defer { course.remove() }
        let first = try await SiteServer.start(root: course.root, port: 0, channel: LiveChannel())
        await #expect(throws: ServeError.portInUse(first.port)) {
            _ = try await SiteServer.start(root: course.root, port: first.port, channel: LiveChannel())
        }
        #expect(ServeError.portInUse(first.port).description.contains("--port 0"))
        await first.stop()
    }

    @Test func stopsListeningWhenStopped() async throws {
        let course = try TestCourse()
        defer { course.remove() }
        let first = try await SiteServer.start(root: course.root, port: 0, channel: LiveChannel())
        let port = first.port
        await first.stop()
        // The port is free again.
        let second = try await SiteServer.start(root: course.root, port: port, channel: LiveChannel())
        #expect(second.port == port)
        await second.stop()
    }
}

@Suite("What the open pages are told")
struct LiveChannelTests {
    /// Connects a page to the channel and returns what it receives, as text.
    func connect(_ channel: LiveChannel) async -> AsyncStream<WSMessage>.Iterator {
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        _ = await channel.connect(continuation)
        return stream.makeAsyncIterator()
    }

    func text(_ message: WSMessage?) -> String? {
        if case .text(let s)? = message { return s }
        return nil
    }

    @Test func aPageIsToldTheBuildThenEachChange() async {
        let channel = LiveChannel()
        let first = await channel.build
        var page = await connect(channel)
        #expect(text(await page.next()) == LiveMessage.hello(build: first).json)
        await channel.built(changed: ["01-a.html"])
        let second = await channel.build
        #expect(second != first)
        #expect(text(await page.next()) == LiveMessage.built(build: second, changed: ["01-a.html"]).json)
        // A build that changed nothing keeps the id.
        await channel.built(changed: [])
        #expect(await channel.build == second)
    }

    @Test func aPageOpenedWhileTheBuildIsBrokenSeesTheErrorsAtOnce() async {
        let channel = LiveChannel()
        let failure = LiveMessage.errors(summary: "render failed with 1 error", errors: [SiteError(.render, file: "chapters/01-a.md", line: 2, column: 1, "broken")])
        await channel.failed(failure)
        var page = await connect(channel)
        #expect(text(await page.next()) == LiveMessage.hello(build: await channel.build).json)
        #expect(text(await page.next()) == failure.json)
        await channel.built(changed: [])
        var later = await connect(channel)
        _ = await later.next()
        await channel.closeAll()
        // After the fix a new page gets only the hello, then the socket closes.
        if case .close? = await later.next() {} else { Issue.record("no close after the hello") }
    }
}

@Suite("Requests from elsewhere")
struct LoopbackOnlyTests {
    @Test func thisMachinesNamesAtAnyPort() {
        for host in ["127.0.0.1:3000", "localhost:3000", "LOCALHOST:8080", "[::1]:3000", "127.0.0.1"] {
            #expect(LoopbackOnly.isAllowed(host: host, origin: nil), "\(host)")
        }
        #expect(LoopbackOnly.isAllowed(host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000"))
        #expect(LoopbackOnly.isAllowed(host: "localhost:3000", origin: "http://localhost:3000"))
        #expect(LoopbackOnly.isAllowed(host: "[::1]:3000", origin: "http://[::1]:3000"))
    }

    @Test func anotherNameOrAnotherSitesPageIsRefused() {
        // A DNS name pointed at 127.0.0.1 (rebinding), no Host at all, or a WebSocket opened by another site's page.
        #expect(!LoopbackOnly.isAllowed(host: "attacker.example:3000", origin: nil))
        #expect(!LoopbackOnly.isAllowed(host: "127.0.0.1.attacker.example", origin: nil))
        #expect(!LoopbackOnly.isAllowed(host: nil, origin: nil))
        #expect(!LoopbackOnly.isAllowed(host: "127.0.0.1:3000", origin: "https://attacker.example"))
        #expect(!LoopbackOnly.isAllowed(host: "127.0.0.1:3000", origin: "http://localhost.attacker.example"))
        #expect(!LoopbackOnly.isAllowed(host: "127.0.0.1:3000", origin: "null"))
    }

    @Test func onlyTheSitesOwnPagesAndTypedAddressesBySecFetchSite() {
        for answered in [nil, "same-origin", "none", "Same-Origin"] {
            #expect(LoopbackOnly.isAllowed(fetchSite: answered), "\(answered ?? "nil")")
        }
        // Another site's page, a page of 127.0.0.1 on another port (same-site: the port is not part of the site), and a
        // value this server does not know.
        for refused in ["cross-site", "same-site", "CROSS-SITE", "", "other"] {
            #expect(!LoopbackOnly.isAllowed(fetchSite: refused), "\(refused)")
        }
        // A link followed from another site's page opens the preview (that page cannot read it); the same site's
        // scripts, images, frames and fetches stay refused.
        #expect(LoopbackOnly.isAllowed(fetchSite: "cross-site", mode: "navigate", destination: "document"))
        #expect(LoopbackOnly.isAllowed(fetchSite: "same-site", mode: "navigate", destination: "document"))
        for (mode, destination) in [("no-cors", "script"), ("no-cors", "image"), ("navigate", "iframe"), ("cors", "empty"), ("navigate", nil)] {
            #expect(!LoopbackOnly.isAllowed(fetchSite: "cross-site", mode: mode, destination: destination), "\(mode) \(destination ?? "nil")")
        }
    }
}
