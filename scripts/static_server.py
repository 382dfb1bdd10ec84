"""The built site served on 127.0.0.1 for the browser tests (scripts/browser-test.py, scripts/site-browser-test.py):
Python's http.server in a thread, with the MIME types a real server must send (application/wasm for streaming
compilation, font/woff2, image/svg+xml), and the page of a chapter found by its number."""
import functools
import http.server
import os
import threading


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript",
                      ".woff2": "font/woff2", ".svg": "image/svg+xml"}

    def log_message(self, *args):
        pass


def serve(folder):
    """Serves `folder` on a free port of 127.0.0.1 until the process ends (or `shutdown()`)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def page_name(site, prefix, tool):
    """The one page of `site` whose name starts with `prefix` (`04-` → 04-jacobian.html); exits, naming `tool`, if not one."""
    names = [n for n in os.listdir(site) if n.startswith(prefix) and n.endswith(".html")]
    if len(names) != 1:
        raise SystemExit(f"{tool}: expected one page {prefix}*.html in {site}, found {names}")
    return names[0]
