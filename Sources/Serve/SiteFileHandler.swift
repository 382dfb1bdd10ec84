import FlyingFox
import Foundation
import Site

/// Serves the files of the output folder: `/` and folders as their index.html, HTML pages with the live-reload
/// script added (`LiveReload.inject`), nothing outside the folder and no hidden file (the build's manifest).
/// A missing page gets a small 404 page that carries the script too, so that a page of a chapter being renamed
/// comes back by itself once it exists again.
struct SiteFileHandler: HTTPHandler {
    let root: String
    let channel: LiveChannel

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([HTTPHeader("Allow"): "GET, HEAD"]))
        }
        let build = await channel.build
        guard let relative = SiteFileHandler.relativePath(request.path) else { return notFound(request.path, build: build) }
        var path = relative.isEmpty ? root : root + "/" + relative
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            // A folder's URL without its slash would resolve the page's relative links one level up.
            guard request.path.hasSuffix("/") else {
                return HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: request.path + "/"]))
            }
            path += "/index.html"
        }
        // A symbolic link inside the folder that leads out of it is not served.
        guard SiteFileHandler.isInside(path, root: root), let data = FileManager.default.contents(atPath: path) else {
            return notFound(request.path, build: build)
        }
        let type = SiteFileHandler.contentType(of: path)
        var headers: HTTPHeaders = [.contentType: type, .cacheControl: "no-store"]
        var body = data
        if type.hasPrefix("text/html") {
            body = Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self), build: build).utf8)
        }
        headers[.contentLength] = String(body.count)
        return HTTPResponse(statusCode: .ok, headers: headers, body: request.method == .HEAD ? Data() : body)
    }

    func notFound(_ requestPath: String, build: String) -> HTTPResponse {
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
            <body><h1>Not found</h1><p>The site has no page <code>\(escaped(requestPath))</code> (yet). <a href="/">Contents</a></p></body></html>
            """
        return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                            body: Data(LiveReload.inject(into: page, build: build).utf8))
    }

    func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Whether `path`, its links resolved, is inside `root` (its links resolved).
    static func isInside(_ path: String, root: String) -> Bool {
        guard let real = SiteBuilder.realPath(path), let realRoot = SiteBuilder.realPath(root) else { return false }
        return real == realRoot || SiteBuilder.lies(real, inside: realRoot)
    }

    /// The request's path (percent-encoded, as the request line has it) as a path inside the folder, "" for the folder
    /// itself; nil when it would leave the folder (`..`) or names a hidden file.
    static func relativePath(_ requestPath: String) -> String? {
        guard let decoded = requestPath.removingPercentEncoding, !decoded.contains("\0") else { return nil }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") || $0.contains("\\") }) else { return nil }
        return parts.joined(separator: "/")
    }

    /// The Content-Type of the files a site has.
    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "wasm": "application/wasm"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        case "otf": "font/otf"
        case "ttf": "font/ttf"
        case "txt", "md": "text/plain; charset=utf-8"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }
}
