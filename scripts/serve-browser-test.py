#!/usr/bin/env python3
"""`mcheck serve` in a real browser (README, "mcheck serve"): Debian's chromium driven by Playwright.

usage: scripts/serve-browser-test.py MCHECK [COURSE_FOLDER]

Copies the course (COURSE_FOLDER, default the current folder: chapters/, mcheck.toml, site/ and exercises/ when there)
into a temporary folder and starts `MCHECK serve --port 0` there. It opens a chapter and the contents page, then:
edits the chapter's Markdown and waits until the open page shows the new text, while the contents page is not
reloaded but finds the sentence in its search; breaks the chapter with a link to a chapter that does not exist and waits for the error overlay, whose line
must be the one the terminal printed (file:line:column) while the page keeps the last good text; opens another page
while the build is broken and finds the overlay there at once; fixes the chapter and waits for the overlay to go;
changes mcheck.toml's title and waits for the contents page to show it. A page of another server (127.0.0.1 on another
port, and localhost) that includes the served toc.js and favicon.svg must fail to load them, each answered 403. A second `mcheck serve` on the same port must
exit 2 saying the port is in use, and Ctrl-C (SIGINT) must stop the server with status 0 and remove its temporary
folder. No page may log a script error. Every wait is on a condition, never a sleep.
"""
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from playwright.sync_api import expect, sync_playwright

from static_server import serve

CHAPTER = "04-jacobian"
OVERLAY = "#mcheck-serve-errors"
# Seconds to wait for a rebuild to reach the page (a debug build on a busy 2-core machine is slow).
WAIT = 60


class Server:
    """`mcheck serve --port 0` in `folder`, its standard output and error read line by line into queues."""

    def __init__(self, mcheck, folder, port=0):
        self.process = subprocess.Popen([mcheck, "serve", "--port", str(port)], cwd=folder, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        self.out, self.err = queue.Queue(), queue.Queue()
        self.out_lines, self.err_lines = [], []
        for stream, q in ((self.process.stdout, self.out), (self.process.stderr, self.err)):
            threading.Thread(target=self._pump, args=(stream, q), daemon=True).start()

    @staticmethod
    def _pump(stream, q):
        for line in stream:
            q.put(line.rstrip("\n"))
        q.put(None)

    def wait_for(self, stream, pattern, timeout=WAIT):
        """The first line of stdout or stderr (from now on) matching `pattern`; fails at the end of the stream."""
        q, seen = (self.out, self.out_lines) if stream == "out" else (self.err, self.err_lines)
        while True:
            line = q.get(timeout=timeout)
            if line is None:
                raise AssertionError(f"mcheck serve ended before printing /{pattern}/; it printed: {seen}")
            seen.append(line)
            match = re.search(pattern, line)
            if match:
                return match


def edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, f"{old!r} not in {path}"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def copy_course(source, target):
    for name in ("chapters", "site", "exercises"):
        if os.path.isdir(os.path.join(source, name)):
            shutil.copytree(os.path.join(source, name), os.path.join(target, name))
    if os.path.isfile(os.path.join(source, "mcheck.toml")):
        shutil.copy(os.path.join(source, "mcheck.toml"), target)


def refuses_other_sites(browser, base):
    """A page of another server includes a script and an image of `mcheck serve` (no Origin is sent for these): from
    127.0.0.1 on another port (Sec-Fetch-Site: same-site) and from localhost (cross-site), both must fail to load,
    answered 403 by mcheck serve."""
    probe_folder = tempfile.mkdtemp(prefix="mcheck-other-site-")
    with open(os.path.join(probe_folder, "probe.html"), "w", encoding="utf-8") as f:
        f.write(f"""<!doctype html><html lang="en"><meta charset="utf-8"><title>Another site</title>
<script>window.outcome = {{}};</script>
<script src="{base}toc.js" onload="outcome.script = 'loaded'" onerror="outcome.script = 'failed'"></script>
<img alt="" src="{base}favicon.svg" onload="outcome.image = 'loaded'" onerror="outcome.image = 'failed'">
</html>""")
    other = serve(probe_folder)
    try:
        for host in ("127.0.0.1", "localhost"):
            page = browser.new_page()
            statuses = {}
            page.on("response", lambda r: statuses.__setitem__(r.url, r.status) if r.url.startswith(base) else None)
            page.goto(f"http://{host}:{other.server_address[1]}/probe.html")
            page.wait_for_function("outcome.script && outcome.image", timeout=WAIT * 1000)
            outcome = page.evaluate("outcome")
            assert outcome == {"script": "failed", "image": "failed"}, f"from {host}: {outcome}"
            assert statuses == {base + "toc.js": 403, base + "favicon.svg": 403}, f"from {host}: {statuses}"
            page.close()
            print(f"another site's page ({host}, another port): the served toc.js and favicon.svg were refused, 403")
    finally:
        other.shutdown()
        shutil.rmtree(probe_folder, ignore_errors=True)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    mcheck = os.path.abspath(sys.argv[1])
    if not shutil.which("chromium"):
        sys.exit("serve-browser-test: no chromium (make deps installs Debian's); not run")
    if not os.access(os.path.join(os.path.dirname(mcheck), "mcheck-serve"), os.X_OK):
        sys.exit(f"serve-browser-test: no mcheck-serve beside {mcheck} (swift build --product mcheck-serve)")
    source = sys.argv[2] if len(sys.argv) == 3 else "."
    course = tempfile.mkdtemp(prefix="mcheck-serve-course-")
    try:
        copy_course(source, course)
        run(mcheck, course)
    finally:
        shutil.rmtree(course, ignore_errors=True)


def run(mcheck, course):
    chapter_file = os.path.join(course, "chapters", CHAPTER + ".md")
    with open(chapter_file, encoding="utf-8") as f:
        heading = f.readline()
    assert heading.startswith("# "), heading
    server = Server(mcheck, course)
    try:
        built = server.wait_for("out", r"^built \d+ pages .* into (\S+)/ in ")
        site = built.group(1)
        assert os.path.isfile(os.path.join(site, CHAPTER + ".html")), site
        url = server.wait_for("out", r"^serving (http://127\.0\.0\.1:(\d+)/) \(Ctrl-C to stop\)$")
        base, port = url.group(1), url.group(2)
        print(f"mcheck serve: {base} (site in {site})")

        # The same port again: a clear error, status 2.
        second = subprocess.run([mcheck, "serve", "--port", port], cwd=course, capture_output=True, text=True, timeout=WAIT)
        assert second.returncode == 2, (second.returncode, second.stdout, second.stderr)
        assert f"port {port} on 127.0.0.1 is in use" in second.stderr, second.stderr
        print("a busy port: exit 2,", second.stderr.strip())

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            errors = []
            chapter = browser.new_page()
            chapter.on("pageerror", lambda e: errors.append(f"{CHAPTER}: {e}"))
            chapter.goto(base + CHAPTER + ".html")
            expect(chapter.locator("h1").first).to_contain_text(heading[2:].strip())
            expect(chapter.locator(OVERLAY)).to_have_count(0)
            contents = browser.new_page()
            contents.on("pageerror", lambda e: errors.append(f"index: {e}"))
            contents.goto(base)
            # A mark that only survives while the contents page is not reloaded.
            contents.evaluate("window.notReloaded = true")

            # An edit reaches the open page.
            sentence = "This sentence was added while mcheck serve was watching."
            saved = time.monotonic()
            edit(chapter_file, heading, heading + "\n" + sentence + "\n")
            expect(chapter.get_by_text(sentence)).to_be_visible(timeout=WAIT * 1000)
            shown = time.monotonic() - saved
            server.wait_for("out", r"^built \d+ pages")
            print(f"edit: the open chapter reloaded with the new sentence, {shown * 1000:.0f} ms after the save")
            # The contents page did not change: it is not reloaded, but its search index is, in place.
            contents.wait_for_function("(window.MCHECK_SEARCH || []).some(function (e) { return JSON.stringify(e).indexOf('mcheck serve was watching') >= 0; })",
                                       timeout=WAIT * 1000)
            assert contents.evaluate("window.notReloaded === true"), "the contents page reloaded for a change to one chapter's text"
            contents.fill("#mc-search-input", "serve was watching")
            expect(contents.locator("#mc-search-results")).to_contain_text("mcheck serve was watching")
            print("edit: the contents page kept its state and searches the new sentence")

            # A broken chapter: the overlay says what the terminal says, over the last good page.
            edit(chapter_file, sentence, sentence + " See [a chapter that does not exist](99-missing.md).")
            overlay = chapter.locator(OVERLAY)
            expect(overlay).to_be_visible(timeout=WAIT * 1000)
            terminal = server.wait_for("err", r"^(\S+" + re.escape(CHAPTER) + r"\.md:(\d+):(\d+)): error: .*99-missing\.md.*$")
            line = terminal.group(0)
            print("broken: the terminal says", line)
            expect(overlay).to_contain_text(line)
            expect(overlay).to_contain_text("failed with 1 error")
            expect(overlay).to_have_attribute("role", "alert")
            assert int(terminal.group(2)) == 3, f"the error is on line {terminal.group(2)}, the broken link on 3"
            expect(chapter.get_by_text(sentence)).to_be_visible()
            expect(chapter.get_by_text("does not exist")).to_have_count(0)
            # A page opened while the build is broken shows the errors at once.
            late = browser.new_page()
            late.on("pageerror", lambda e: errors.append(f"late: {e}"))
            late.goto(base + "index.html")
            expect(late.locator(OVERLAY)).to_contain_text(line)
            print("broken: the overlay shows that line on the open page and on a page opened since")

            # Fixed: the overlay goes everywhere.
            edit(chapter_file, " See [a chapter that does not exist](99-missing.md).", "")
            expect(overlay).to_have_count(0, timeout=WAIT * 1000)
            expect(late.locator(OVERLAY)).to_have_count(0, timeout=WAIT * 1000)
            expect(chapter.get_by_text(sentence)).to_be_visible()
            print("fixed: the overlay is gone")

            # mcheck.toml is watched: a new title reaches the contents page.
            config = os.path.join(course, "mcheck.toml")
            title = "A course renamed while served"
            if os.path.isfile(config):
                with open(config, encoding="utf-8") as f:
                    text = f.read()
                text, count = re.subn(r'(?m)^title\s*=.*$', f'title = "{title}"', text, count=1)
                assert count == 1, "mcheck.toml has no title line"
            else:
                text = f'[course]\ntitle = "{title}"\n'
            with open(config, "w", encoding="utf-8") as f:
                f.write(text)
            expect(contents.locator("h1").first).to_contain_text(title, timeout=WAIT * 1000)
            print("mcheck.toml: the contents page shows the new title")

            refuses_other_sites(browser, base)

            assert not errors, errors
            browser.close()

        # Ctrl-C: a clean stop, the temporary site removed.
        server.process.send_signal(signal.SIGINT)
        status = server.process.wait(timeout=WAIT)
        assert status == 0, f"mcheck serve exited {status} on SIGINT"
        server.wait_for("out", r"^stopped$")
        assert not os.path.exists(site), f"{site} is still there after Ctrl-C"
        print("Ctrl-C: stopped with status 0, temporary site removed")
        print("serve browser test: passed")
    finally:
        # On a failure: stopped as Ctrl-C would (it removes its temporary site), killed if it does not stop.
        if server.process.poll() is None:
            server.process.send_signal(signal.SIGINT)
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()


if __name__ == "__main__":
    main()
