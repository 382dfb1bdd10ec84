import Foundation
import Site

/// The script `mcheck serve` adds to every HTML page it serves (and only there: `mcheck build` never writes it).
///
/// The page opens a WebSocket to `LiveReload.socketPath` and is told, after each build, which output files changed:
/// it reloads when its own page or a shared file (style.css, toc.js, a figure) did, and keeps its scroll position;
/// when only the search index changed it loads that script again in place. When a build
/// fails it shows the errors over the page, one `file:line:column: error: message [step]` line each, as the terminal
/// prints them, and keeps the last good page below; the next good build takes the overlay away. When the server goes
/// away the page tries again every second, and reloads if it finds a different build.
public enum LiveReload {
    /// The WebSocket's path on the server (no file of a site can have it: the builder writes no folder named so).
    public static let socketPath = "/__mcheck/live"

    /// The id of the error overlay's element, for tests.
    public static let overlayID = "mcheck-serve-errors"

    /// `html` with the script before its last `</body>` (at the end when it has none). `build` names the build the page
    /// comes from: the page reloads when the server reports another one.
    public static func inject(into html: String, build: String) -> String {
        let tag = "<script data-mcheck-serve>\n" + script(build: build) + "\n</script>\n"
        guard let body = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) else { return html + tag }
        var result = html
        result.insert(contentsOf: tag, at: body.lowerBound)
        return result
    }

    /// Whether a page carries the script (tests; `mcheck build` output must not).
    public static func isInjected(_ html: String) -> Bool {
        html.contains("data-mcheck-serve") || html.contains(socketPath)
    }

    static func script(build: String) -> String {
        // The build id is a JSON string (quoted, escaped), so it cannot end the script.
        let buildLiteral = String(decoding: (try? JSONEncoder().encode(build)) ?? Data("\"\"".utf8), as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
        return """
            (function () {
              "use strict";
              var build = \(buildLiteral);
              var overlayID = "\(overlayID)";
              var page = decodeURIComponent(location.pathname.split("/").pop() || "") || "index.html";
              var scrollKey = "mcheck-serve-scroll:" + location.pathname;
              var saved = sessionStorage.getItem(scrollKey);
              if (saved !== null) {
                sessionStorage.removeItem(scrollKey);
                addEventListener("load", function () { scrollTo(0, Number(saved)); });
              }
              function reload() {
                sessionStorage.setItem(scrollKey, String(scrollY));
                location.reload();
              }
              function hideErrors() {
                var old = document.getElementById(overlayID);
                if (old) old.remove();
              }
              function showErrors(message) {
                hideErrors();
                var box = document.createElement("div");
                box.id = overlayID;
                box.setAttribute("role", "alert");
                box.style.cssText = "all:initial;position:fixed;z-index:2147483647;left:0;right:0;top:0;max-height:60vh;overflow:auto;" +
                  "background:#fff5f5;color:#1a1a1a;border-bottom:3px solid #c62828;padding:12px 16px;box-shadow:0 2px 12px rgba(0,0,0,.3);" +
                  "font:14px/1.45 system-ui,sans-serif;box-sizing:border-box";
                var title = document.createElement("strong");
                title.textContent = message.summary + " \\u2014 the page shows the last good build";
                title.style.cssText = "display:block;color:#b71c1c;margin-bottom:6px";
                var close = document.createElement("button");
                close.type = "button";
                close.textContent = "\\u00d7";
                close.setAttribute("aria-label", "Hide the build errors");
                close.style.cssText = "float:right;font:20px/1 system-ui,sans-serif;border:0;background:none;color:#1a1a1a;cursor:pointer";
                close.onclick = hideErrors;
                var list = document.createElement("pre");
                list.style.cssText = "margin:0;white-space:pre-wrap;font:13px/1.5 ui-monospace,monospace;color:#1a1a1a";
                list.textContent = message.errors.map(function (e) { return e.line; }).join("\\n");
                box.append(close, title, list);
                (document.body || document.documentElement).append(box);
              }
              // Data scripts that only set a global the page reads when used: loaded again in place, not the page.
              var inPlace = ["search-index.js"];
              function apply(changed) {
                var reloadPage = changed.some(function (path) {
                  return path === page || (!/\\.html$/.test(path) && inPlace.indexOf(path) < 0);
                });
                if (reloadPage) { reload(); return; }
                hideErrors();
                changed.filter(function (path) { return inPlace.indexOf(path) >= 0; }).forEach(function (path) {
                  var script = document.createElement("script");
                  script.src = "/" + path + "?build=" + encodeURIComponent(build);
                  script.onload = function () { script.remove(); };
                  document.head.append(script);
                });
              }
              function connect() {
                var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "\(socketPath)");
                socket.onmessage = function (event) {
                  var message = JSON.parse(event.data);
                  if (message.kind === "errors") {
                    showErrors(message);
                  } else if (message.kind === "hello") {
                    if (message.build !== build) reload();
                  } else if (message.kind === "built") {
                    build = message.build;
                    apply(message.changed);
                  }
                };
                socket.onclose = function () { setTimeout(connect, 1000); };
              }
              connect();
            })();
            """
    }
}

/// What the server tells the open pages, as JSON over the WebSocket.
public enum LiveMessage: Sendable, Equatable {
    /// Sent on connecting: the build now served; a page from another build reloads.
    case hello(build: String)
    /// A build succeeded; `changed` are the output paths it wrote or removed.
    case built(build: String, changed: [String])
    /// A build failed: its errors, each as the terminal prints it.
    case errors(summary: String, errors: [SiteError])

    private struct Wire: Encodable {
        var kind: String
        var build: String?
        var changed: [String]?
        var summary: String?
        var errors: [WireError]?
    }

    private struct WireError: Encodable {
        /// `file:line:column: error: message [step]`, the terminal's line.
        var line: String
        var file: String
        var location: String
        var message: String
        var step: String
    }

    public var json: String {
        let wire: Wire
        switch self {
        case .hello(let build): wire = Wire(kind: "hello", build: build)
        case .built(let build, let changed): wire = Wire(kind: "built", build: build, changed: changed)
        case .errors(let summary, let errors):
            wire = Wire(kind: "errors", summary: summary, errors: errors.map {
                WireError(line: $0.description, file: $0.file, location: $0.location, message: $0.message, step: $0.step.rawValue)
            })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(wire)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The line under which a failed build's errors are listed, as `mcheck build` ends them: `render failed with 2 errors`.
    public static func summary(of failure: SiteFailure) -> String {
        let count = failure.errors.count
        return "\(failure.step?.rawValue ?? "build") failed with \(count) error\(count == 1 ? "" : "s")"
    }
}
