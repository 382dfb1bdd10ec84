import FlyingFox
import Foundation

/// Answers only requests meant for this machine's server: a `Host` of 127.0.0.1, localhost or [::1] (any port), and,
/// when the browser sends an `Origin` (it does for the WebSocket), one of those too. Listening on 127.0.0.1 keeps
/// other machines out; this keeps out web pages from elsewhere that reach it through the browser, by a DNS name
/// made to point at 127.0.0.1 (DNS rebinding) or a WebSocket opened from another site, which would read the
/// chapters and their errors.
///
/// A page of another site can also load a served file without any `Origin` (`<script src="http://127.0.0.1:3000/toc.js">`,
/// an `<img>`, a `<link>`): the browser then says where the request comes from in `Sec-Fetch-Site`. Only `same-origin`
/// (the site's own pages) and `none` (an address typed, a bookmark) are answered, and a link followed from elsewhere;
/// anything else `cross-site`, or `same-site`, which is also what a page of 127.0.0.1 on another port gets, is refused.
/// A request without the header (curl, an old browser) is judged by its `Host` and `Origin` alone.
struct LoopbackOnly: HTTPHandler {
    let handler: any HTTPHandler

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard LoopbackOnly.isAllowed(host: request.headers[.host], origin: request.headers[HTTPHeader("Origin")]) else {
            return LoopbackOnly.refusal("mcheck serve answers only http://127.0.0.1 and http://localhost\n")
        }
        guard LoopbackOnly.isAllowed(fetchSite: request.headers[HTTPHeader("Sec-Fetch-Site")], mode: request.headers[HTTPHeader("Sec-Fetch-Mode")],
                                     destination: request.headers[HTTPHeader("Sec-Fetch-Dest")]) else {
            return LoopbackOnly.refusal("mcheck serve answers only its own pages, links followed and addresses typed in the browser, not another site's page (its scripts, images, frames)\n")
        }
        return try await handler.handleRequest(request)
    }

    static func refusal(_ text: String) -> HTTPResponse {
        HTTPResponse(statusCode: .forbidden, headers: HTTPHeaders([.contentType: "text/plain; charset=utf-8"]), body: Data(text.utf8))
    }

    /// Whether a request whose `Sec-Fetch-Site`, `Sec-Fetch-Mode` and `Sec-Fetch-Dest` are these (nil: not sent) may
    /// be answered. A link followed from another site's page (a top-level navigation: mode `navigate`, destination
    /// `document`) is answered too: the page that had the link cannot read what it opens.
    static func isAllowed(fetchSite: String?, mode: String? = nil, destination: String? = nil) -> Bool {
        guard let fetchSite else { return true }
        func normal(_ s: String?) -> String? { s?.trimmingCharacters(in: .whitespaces).lowercased() }
        if ["same-origin", "none"].contains(normal(fetchSite)!) { return true }
        return normal(mode) == "navigate" && normal(destination) == "document"
    }

    static let names: Set<String> = ["127.0.0.1", "localhost", "[::1]"]

    /// Whether a request with these headers comes from a page of this server (or a client such as curl).
    static func isAllowed(host: String?, origin: String?) -> Bool {
        guard let host, names.contains(hostName(host)) else { return false }
        guard let origin else { return true }
        guard let components = URLComponents(string: origin), components.scheme == "http", let name = components.host else { return false }
        return names.contains(name) || names.contains("[\(name)]")
    }

    /// `127.0.0.1:3000` → `127.0.0.1`, `[::1]:3000` → `[::1]`, lower-cased.
    static func hostName(_ host: String) -> String {
        let host = host.lowercased()
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") { return String(host[...end]) }
        return String(host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
