#!/usr/bin/env python3
"""The site for readers, in a real browser: Debian's chromium driven by Playwright, the site served on 127.0.0.1.

usage: scripts/site-browser-test.py SITE_FOLDER [SCREENSHOT_FOLDER]

SITE_FOLDER is a built site (`mcheck build`, with or without --grader). On every page, at 390 px (a phone) and
1280 px (a desktop): no page scrolls sideways, no exercise box has a scrollbar (every scroll area in a box is as
high as its content), no console error, no failed request (the favicon included), axe-core reports no serious or
critical violation (light and dark). Then: the phone's chapter menu opens and closes; "On this page" shows at
1024 px and its links work; search marks its hits, ↑/↓/Enter move through the results, Escape and an outside click
close them, a typo ("jacobain") still finds the Jacobian, snippets have the math as text, an opened result marks
its words on the page; ←/→ turn the chapters (not while typing); the theme toggle cycles system → light → dark and
is remembered; copying a formula gives its LaTeX; the math font loads; a linked exercise box keeps its colours in
the dark theme; copy buttons have 4.5:1 contrast and leave the answer text uncovered on a phone. It waits on
conditions, never on sleeps. With a second argument it saves screenshots of a chapter page at 390 and 1280 px,
light and dark (site-390-light.png …).
"""
import os
import re
import shutil
import sys

from playwright.sync_api import expect, sync_playwright
from static_server import page_name as find_page, serve

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # axe-core is optional: the test says it did not run it.
    Axe = None

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1024, "height": 768}
DESKTOP = {"width": 1280, "height": 800}
# The chapter the focused checks use (it has exercises, matrices and sections), and the one after it.
CHAPTER, NEXT_CHAPTER = "04-", "05-"

failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message, file=sys.stderr)


def ok(condition, message):
    if not condition:
        fail(message)
    return condition


def page_name(site, prefix):
    return find_page(site, prefix, "site-browser-test")


class Watch:
    """Console errors, uncaught exceptions and failed requests of a page, with the page they happened on."""

    def __init__(self, page):
        self.problems = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"{page.url}: console error: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"{page.url}: script error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"{page.url}: request failed: {r.url}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{page.url}: HTTP {r.status} for {r.url}"))


def open_page(page, url):
    page.goto(url)
    # reader.js has run (its theme toggle is in the header) and the fonts are in.
    page.wait_for_selector("#mc-theme", state="attached")
    page.wait_for_function("document.fonts.status === 'loaded'")


SCROLL_CHECK = """() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) out.push(`the page scrolls sideways: ${root.scrollWidth} px wide in ${innerWidth} px`);
  document.querySelectorAll('.exercise').forEach((box) => {
    [box, ...box.querySelectorAll('*')].forEach((e) => {
      const s = getComputedStyle(e);
      const scrolls = ['auto', 'scroll'].includes(s.overflowY) || ['auto', 'scroll'].includes(s.overflowX);
      if (scrolls && e.scrollHeight > e.clientHeight && e.tagName !== 'TEXTAREA')
        out.push(`exercise ${box.id}: <${e.tagName.toLowerCase()} class="${e.className}"> scrolls vertically (${e.scrollHeight} > ${e.clientHeight})`);
    });
  });
  return out;
}"""

CONTRAST = """(e) => {
  function rgb(c) { const m = c.match(/[\\d.]+/g).map(Number); return m.length > 3 && m[3] === 0 ? null : m.slice(0, 3); }
  function lum(c) { return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]); }
  function ch(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
  function background(node) {
    for (let n = node; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor); if (c) return c; }
    return [255, 255, 255];
  }
  const fg = rgb(getComputedStyle(e).color), bg = background(e);
  const a = lum(fg), b = lum(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


def check_every_page(browser, base, pages):
    """Sideways scrolling, exercise-box scrollbars, console errors and axe-core on every page, phone and desktop."""
    axe = Axe() if Axe else None
    for viewport in (PHONE, DESKTOP):
        for theme in ("light", "dark"):
            context = browser.new_context(viewport=viewport, color_scheme=theme)
            page = context.new_page()
            watch = Watch(page)
            for name in pages:
                open_page(page, f"{base}/{name}")
                for problem in page.evaluate(SCROLL_CHECK):
                    fail(f"{name} at {viewport['width']} px ({theme}): {problem}")
                if axe and viewport is DESKTOP or axe and name.startswith(CHAPTER):
                    results = axe.run(page)
                    for v in results.response["violations"]:
                        if v["impact"] in ("serious", "critical"):
                            where = ", ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"][0]) for n in v["nodes"][:3])
                            fail(f"{name} at {viewport['width']} px ({theme}): axe {v['impact']} {v['id']}: {v['help']} ({where})")
            for problem in watch.problems:
                fail(problem)
            context.close()
    print(f"site-browser-test: {len(pages)} pages at 390 and 1280 px, light and dark: no sideways scrolling, no scrollbar in an exercise box, no console error"
          + (", axe-core clean of serious violations" if axe else "; axe-core not installed (pip install axe-playwright-python): not run"))


def check_phone_menu(browser, base, chapter):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    open_page(page, f"{base}/{chapter}")
    sidebar, button = page.locator("#mc-chapters"), page.locator("#mc-menu")
    expect(button).to_be_visible()
    expect(sidebar).to_be_hidden()
    button.click()
    expect(sidebar).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    current = sidebar.locator("a[aria-current='page']")
    expect(current).to_be_in_viewport()
    page.keyboard.press("Escape")
    expect(sidebar).to_be_hidden()
    button.click()
    expect(sidebar).to_be_visible()
    page.mouse.click(380, 600)  # outside the panel
    expect(sidebar).to_be_hidden()
    button.click()
    sidebar.locator("a").nth(4).click()
    page.wait_for_url(re.compile(r"/05-[^/]*\.html$"))
    context.close()
    print("site-browser-test: the phone's chapter menu opens, closes (Escape, outside click) and leads to a chapter")


def check_contents_list(browser, base, chapter):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    open_page(page, f"{base}/{chapter}")
    box = page.locator("#mc-toc-inline")
    expect(box).to_be_visible()
    expect(page.locator(".toc-column")).to_be_hidden()
    box.locator("summary").click()
    link = box.locator("a").nth(1)
    expect(link).to_be_visible()
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("(h) => location.hash === h", arg=target)
    expect(box).not_to_have_attribute("open", "")
    page.set_viewport_size(DESKTOP)
    expect(page.locator(".toc-column .toc")).to_be_visible()
    expect(box).to_be_hidden()
    context.close()
    print("site-browser-test: \"On this page\" shows at 1024 px (collapsible, its links work) and in the column at 1280 px")


def check_search(browser, base, chapter):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_page(page, f"{base}/{chapter}")
    page.wait_for_function("Array.isArray(window.MCHECK_SEARCH)")
    search, results = page.locator("#mc-search-input"), page.locator("#mc-search-results")
    links = results.locator("a")

    search.fill("jacobian")
    expect(results).to_be_visible()
    expect(links.first).to_be_visible()
    ok(links.count() >= 2, "search: fewer than two results for 'jacobian'")
    expect(links.first.locator("mark").first).to_have_text(re.compile("jacobian", re.I))
    page.keyboard.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(search).to_be_focused()
    page.keyboard.press("Escape")
    expect(results).to_be_hidden()
    search.fill("jacobian matrix")
    expect(results).to_be_visible()
    page.mouse.click(600, 500)  # outside the search box
    expect(results).to_be_hidden()

    # A typo still finds the Jacobian.
    search.fill("jacobain")
    expect(results).to_be_visible()
    expect(links.first).to_be_visible()
    ok(re.search("jacobian", links.first.inner_text(), re.I) is not None, "search: 'jacobain' does not find the Jacobian")
    expect(links.first.locator("mark").first).to_have_text(re.compile("jacobian", re.I))

    # Snippets hold the math as text: no holes where a formula was ("an input vector $\\mathbf{x}$ with $n$ entries").
    search.fill("input vector")
    expect(links.first).to_be_visible()
    snippets = results.locator(".result-text").all_inner_texts()
    ok(any(re.search(r"input vector x with n entries", t) for t in snippets), f"search: the math of 'input vector x with n entries' is missing: {snippets[:3]!r}")
    for text in snippets:
        ok(re.search(r"\S  +\S|\( *\)", text) is None, f"search: a snippet has a hole where math was: {text!r}")
    # A formula's text is searchable: "cos" finds the polar coordinates written [r cos t, r sin t].
    search.fill("r cos t")
    expect(links.first).to_be_visible()

    # Opening a result (Enter) marks its words on the page.
    search.fill("chain rule")
    expect(links.first).to_be_visible()
    search.press("Enter")
    page.wait_for_url(re.compile(r"highlight="))
    page.wait_for_selector("#mc-theme", state="attached")
    hits = page.locator("main mark.search-hit")
    expect(hits.first).to_be_visible()
    ok(all(re.fullmatch(r"(?i)chain|rule", t.strip()) for t in hits.all_inner_texts()[:20]), "search: marked words on the page are not the query's")
    page.locator(".clear-hits").click()
    expect(hits).to_have_count(0)
    context.close()
    print("site-browser-test: search marks its hits, ↑/↓/Enter move through and open them, Escape and an outside click close the list, 'jacobain' finds the Jacobian")


def check_keys_theme_copy(browser, base, chapter, next_chapter):
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    open_page(page, f"{base}/{chapter}")

    # ←/→ between chapters, not while typing.
    page.locator("#mc-search-input").focus()
    page.keyboard.press("ArrowRight")
    page.locator("#mc-search-input").blur()
    ok(page.url.endswith(chapter), "→ in the search field left the page")
    page.keyboard.press("ArrowRight")
    page.wait_for_url(f"**/{next_chapter}")
    page.wait_for_selector("#mc-theme", state="attached")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(f"**/{chapter}")
    open_page(page, page.url)

    # The theme toggle: system → light → dark → system, remembered across pages.
    root, toggle = page.locator("html"), page.locator("#mc-theme")
    expect(toggle).to_be_visible()
    ok(root.get_attribute("data-theme") is None, "theme: a first visit does not follow the system")
    toggle.click()
    expect(root).to_have_attribute("data-theme", "light")
    toggle.click()
    expect(root).to_have_attribute("data-theme", "dark")
    page.reload()
    # Applied in <head>, before the first paint: already there when the document is parsed.
    ok(page.evaluate("document.documentElement.getAttribute('data-theme')") == "dark", "theme: dark is not remembered")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    ok(background == "rgb(22, 24, 28)", f"theme: the dark page's background is {background}")

    # In the dark theme a box reached through a link keeps its colours; its grey text keeps 4.5:1.
    box_id = page.locator("section.exercise").first.get_attribute("id")
    page.goto(f"{base}/{chapter}#{box_id}")
    page.wait_for_selector("#mc-theme", state="attached")
    box = page.locator(f"#{box_id}")
    ok(box.evaluate("e => e.matches(':target')"), "dark theme: the linked box is not the target")
    bg = box.evaluate("e => getComputedStyle(e).backgroundColor")
    ok(bg == "rgb(26, 35, 50)", f"dark theme: a linked exercise box turns {bg}")
    for selector in (".exercise-code", ".exercise-check"):
        grey = box.locator(selector)
        if grey.count():
            ratio = grey.first.evaluate(CONTRAST)
            ok(ratio >= 4.5, f"dark theme: {selector} in a linked box has contrast {ratio:.2f}")
    toggle.click()
    expect(root).not_to_have_attribute("data-theme", re.compile("."))

    # Copying a formula gives its LaTeX.
    copied = page.evaluate("""() => {
      const math = document.querySelector('.equation math');
      const r = document.createRange(); r.selectNode(math);
      const s = getSelection(); s.removeAllRanges(); s.addRange(r);
      const dt = new DataTransfer();
      document.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
      return [dt.getData('text/plain'), math.querySelector('annotation').textContent];
    }""")
    ok(copied[0].strip() == f"$${copied[1]}$$", f"copy: a formula copies as {copied[0]!r}, not its LaTeX")

    # The math font is the theme's and it loaded.
    ok(page.evaluate("[...document.fonts].some(f => f.family.replace(/\"/g, '') === 'STIX Math' && f.status === 'loaded')"),
       "the math font (STIX Math) did not load")
    context.close()
    print("site-browser-test: ←/→ turn the chapters (not while typing), the theme toggle cycles and is remembered, a linked box keeps its colours in the dark, a formula copies as LaTeX, the math font loads")


def check_copy_buttons(browser, base, chapter):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    open_page(page, f"{base}/{chapter}")
    answers = page.locator("pre.answer")
    count = 0
    for k in range(answers.count()):
        pre = answers.nth(k)
        details = pre.locator("xpath=ancestor::details[1]")
        if details.count():
            details.evaluate("d => d.open = true")
        button = pre.locator("button.copy")
        expect(button).to_be_visible()
        ratio = button.evaluate(CONTRAST)
        ok(ratio >= 4.5, f"copy button contrast {ratio:.2f} < 4.5")
        overlap = pre.evaluate("""(pre) => {
          const b = pre.querySelector('button.copy').getBoundingClientRect();
          const r = document.createRange(); r.selectNodeContents(pre.querySelector('code'));
          return [...r.getClientRects()].some((t) => t.right > b.left && t.left < b.right && t.bottom > b.top && t.top < b.bottom);
        }""")
        ok(not overlap, f"a copy button covers the answer text at 390 px: {pre.inner_text()[:40]!r}")
        count += 1
    ok(count > 0, f"{chapter} has no answer with a copy button")
    context.close()
    print(f"site-browser-test: {count} copy buttons with 4.5:1 contrast, none covering its answer at 390 px")


def screenshots(browser, base, chapter, folder):
    os.makedirs(folder, exist_ok=True)
    for viewport in (PHONE, DESKTOP):
        for theme in ("light", "dark"):
            context = browser.new_context(viewport=viewport, color_scheme=theme, device_scale_factor=1)
            page = context.new_page()
            open_page(page, f"{base}/{chapter}")
            path = os.path.join(folder, f"site-{viewport['width']}-{theme}.png")
            page.screenshot(path=path)
            context.close()
    print(f"site-browser-test: screenshots in {folder}")


def run(site, shots):
    pages = sorted(n for n in os.listdir(site) if n.endswith(".html"))
    chapter, next_chapter = page_name(site, CHAPTER), page_name(site, NEXT_CHAPTER)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            expect.set_options(timeout=10_000)
            check_every_page(browser, base, pages)
            check_phone_menu(browser, base, chapter)
            check_contents_list(browser, base, chapter)
            check_search(browser, base, chapter)
            check_keys_theme_copy(browser, base, chapter, next_chapter)
            check_copy_buttons(browser, base, chapter)
            if shots:
                screenshots(browser, base, chapter, shots)
            browser.close()
    finally:
        server.shutdown()
    if failures:
        raise SystemExit(f"site-browser-test: {len(failures)} failures")
    print("site-browser-test: all passed")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    run(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
