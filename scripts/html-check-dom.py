#!/usr/bin/env python3
"""The pages as readers get them, for vnu (scripts/html-check.sh): each built page opened in Debian's chromium
(Playwright), its scripts run, then saved as HTML.

usage: scripts/html-check-dom.py OUT_FOLDER SITE_FOLDER...

Each SITE_FOLDER is served on 127.0.0.1 and every .html file of it opened. Once the page has loaded and toc.js has
drawn the chapter list, the theme toggle is pressed once and a search typed ("derivative"), and the page waits for
its results; then the document (`<!DOCTYPE html>` and `document.documentElement.outerHTML`) is written to
OUT_FOLDER/<site folder's name>/<page>. So vnu also reads what the theme's scripts add: the chapter list, the
header's tools, the search results. Exits 3, writing nothing, when Playwright or chromium is missing. Waits on
conditions, never on sleeps.
"""
import os
import shutil
import sys

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None

from static_server import serve

WAIT_MS = 30_000
QUERY = "derivative"


def save_pages(browser, site, out):
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    saved = 0
    try:
        page = browser.new_page()
        for name in sorted(n for n in os.listdir(site) if n.endswith(".html")):
            page.goto(base + name)
            page.wait_for_load_state("load")
            # toc.js replaces the fallback link with the list wherever the page has the sidebar.
            page.wait_for_function("!document.querySelector('.chapters-fallback')", timeout=WAIT_MS)
            toggle = page.locator("#mc-theme")
            if toggle.count():
                toggle.click()
            if page.locator("#mc-search-input").count():
                page.fill("#mc-search-input", QUERY)
                page.wait_for_function("document.querySelectorAll('#mc-search-results li').length > 0", timeout=WAIT_MS)
            html = page.evaluate("'<!DOCTYPE html>\\n' + document.documentElement.outerHTML")
            with open(os.path.join(out, name), "w", encoding="utf-8") as f:
                f.write(html)
            saved += 1
        page.close()
    finally:
        server.shutdown()
    return saved


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    if sync_playwright is None or not shutil.which("chromium"):
        print("html-check-dom: no Playwright or no chromium (make deps installs them); pages not opened")
        sys.exit(3)
    out, sites = sys.argv[1], sys.argv[2:]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        for site in sites:
            folder = os.path.join(out, os.path.basename(os.path.normpath(site)))
            os.makedirs(folder, exist_ok=True)
            print(f"html-check-dom: {save_pages(browser, site, folder)} pages of {site} after their scripts ran")
        browser.close()


if __name__ == "__main__":
    main()
