#!/usr/bin/env python3
"""The grader in the page, in a real browser (README, "Grading in the page"): Debian's chromium driven by Playwright.

usage: scripts/browser-test.py SITE_FOLDER MCHECK [SCREENSHOT_FOLDER]
       scripts/browser-test.py --bench SITE_FOLDER   (time to interactive; the median decision in the browser)

SITE_FOLDER is a site built with mcheck.wasm (`mcheck build --grader .build/wasm/mcheck.wasm`). Served on 127.0.0.1,
and opened from file://, the pages of chapters 4, 9 and 10 get a right answer, a transposed one and a syntax error;
the test checks the verdict and feedback shown and the chapter's progress line, reloads and finds the answers
restored, downloads each chapter's workbook and grades it with MCHECK: the same verdicts. Then it clears the browser's
storage, opens the downloaded workbook (Open workbook; an answer typed meanwhile is kept on Cancel, replaced on OK),
finds the answers back and a second download identical byte for byte, checks again, and reads the progress of every
chapter on index.html; from file:// another chapter's workbook loads nothing and says which exercises are not there. It waits on conditions, never on sleeps. With a third
argument it also saves screenshots of an exercise box with feedback, light and dark.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from playwright.sync_api import expect, sync_playwright
from static_server import page_name as find_page, serve

# Chapter page prefix → exercise id → (answer, verdict shown, a feedback kind that must be among the lines).
CASES = {
    "04-": {
        "jacobian-fg": ("[[6x y, 3x^2], [2, 8y^7]]", "Correct", "readAs"),
        "jacobian-fg-denominator": ("[[6x y, 3x^2], [2, 8y^7]]", "Not quite", "transposed"),
    },
    "09-": {
        "sin-linear": ("A^T diag(cos(A x))", "Not quite", "transposed"),
    },
    "10-": {
        "dot-w": ("x^T", "Correct", "readAs"),
        "affine-x": ("w^T + (", "Cannot read this answer", "syntax"),
    },
}
VERDICTS = {"Correct": "correct", "Not quite": "incorrect", "Cannot read this answer": "invalid"}


def page_name(site, prefix):
    return find_page(site, prefix, "browser-test")


def answer_box(page, exercise_id):
    return page.locator(f"section.exercise#{exercise_id} .exercise-try")


def check(page, exercise_id, answer, verdict, kind):
    box = answer_box(page, exercise_id)
    expect(box).to_be_visible()
    field = box.locator("textarea")
    field.fill(answer)
    box.locator("button.answer-check").click()
    shown = box.locator(".answer-verdict")
    expect(shown).to_have_text(verdict, timeout=20000)
    expect(box.locator(f'.answer-feedback li[data-kind="{kind}"]')).to_have_count(1)
    if verdict != "Cannot read this answer":
        expect(box.locator(".answer-preview")).to_contain_text("read as:")


def download(page, folder):
    with page.expect_download() as info:
        page.locator("button.workbook-download").click()
    path = os.path.join(folder, info.value.suggested_filename)
    info.value.save_as(path)
    return path


def open_workbook(page, path):
    """Open workbook with the file picker; waits until the page says what it loaded."""
    page.evaluate("() => { document.querySelector('.workbook-status').textContent = ''; }")
    with page.expect_file_chooser() as chooser:
        page.locator("button.workbook-open").click()
    chooser.value.set_files(path)
    expect(page.locator(".workbook-status")).not_to_be_empty()


def run(site, mcheck, shots):
    failures = []
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        downloads = tempfile.mkdtemp(prefix="mcheck-browser-")
        saved = {}
        with_boxes = [n for n in sorted(os.listdir(site)) if n[:2].isdigit() and n.endswith(".html")
                      and 'class="exercise-try"' in open(os.path.join(site, n), encoding="utf-8").read()]
        for prefix, cases in CASES.items():
            name = page_name(site, prefix)
            page.goto(base + name)
            for exercise_id, (answer, verdict, kind) in cases.items():
                check(page, exercise_id, answer, verdict, kind)
            total = page.locator(".exercise-try").count()
            correct = sum(1 for (_, verdict, _) in cases.values() if verdict == "Correct")
            expect(page.locator(".workbook-progress")).to_have_text(f"Progress: answered {len(cases)} / correct {correct} of {total}")
            # Reload: the answers come back from the browser's storage.
            page.reload()
            for exercise_id, (answer, _, _) in cases.items():
                expect(answer_box(page, exercise_id).locator("textarea")).to_have_value(answer)
            expect(page.locator(".workbook-progress")).to_have_text(f"Progress: answered {len(cases)} / correct {correct} of {total}")
            # Download the workbook and grade it with mcheck: the verdicts the page showed.
            path = download(page, downloads)
            saved[prefix] = path
            graded = subprocess.run([mcheck, path, "--format", "json"], capture_output=True, text=True)
            results = {r["id"]: r["verdict"] for f in json.loads(graded.stdout)["files"] for r in f["results"]}
            for exercise_id, (_, verdict, _) in cases.items():
                if results.get(exercise_id) != VERDICTS[verdict]:
                    failures.append(f"{name}: {exercise_id}: the page said {VERDICTS[verdict]}, mcheck {path} says {results.get(exercise_id)}")
            unanswered = [i for i, v in results.items() if i not in cases and v != "unanswered"]
            if unanswered:
                failures.append(f"{name}: exercises not answered in the page are graded in the download: {unanswered}")
            # Storage cleared: the fields are empty; Open workbook brings the answers back, and a second download
            # is the first one byte for byte.
            page.evaluate("() => localStorage.clear()")
            page.reload()
            for exercise_id in cases:
                expect(answer_box(page, exercise_id).locator("textarea")).to_have_value("")
            expect(page.locator(".workbook-progress")).to_have_text(f"Progress: answered 0 / correct 0 of {total}")
            ids = list(cases)
            if len(ids) > 1:
                # An answer typed here that differs from the file's is kept when the student says Cancel ...
                answer_box(page, ids[0]).locator("textarea").fill("q")
                page.once("dialog", lambda d: d.dismiss())
                open_workbook(page, path)
                expect(page.locator(".workbook-status")).to_contain_text(f"{len(ids) - 1} answer")
                expect(page.locator(".workbook-status")).to_contain_text(f"kept as typed here: '{ids[0]}'")
                expect(answer_box(page, ids[0]).locator("textarea")).to_have_value("q")
                # ... and replaced when they say OK.
                page.once("dialog", lambda d: d.accept())
                open_workbook(page, path)
                expect(page.locator(".workbook-status")).to_contain_text(f"1 answer loaded from {os.path.basename(path)}; {len(ids) - 1} already the same")
            else:
                open_workbook(page, path)
                expect(page.locator(".workbook-status")).to_contain_text(f"{len(ids)} answer")
            for exercise_id, (answer, _, _) in cases.items():
                expect(answer_box(page, exercise_id).locator("textarea")).to_have_value(answer)
            expect(page.locator(".workbook-progress")).to_have_text(f"Progress: answered {len(cases)} / correct 0 of {total}")
            page.reload()
            for exercise_id, (answer, _, _) in cases.items():
                expect(answer_box(page, exercise_id).locator("textarea")).to_have_value(answer)
            again = download(page, tempfile.mkdtemp(prefix="mcheck-browser-"))
            if open(again, "rb").read() != open(path, "rb").read():
                failures.append(f"{name}: download, open, download: {again} differs from {path}")
            # Checked again: the verdicts are kept, and the progress counts them.
            for exercise_id, (answer, verdict, kind) in cases.items():
                check(page, exercise_id, answer, verdict, kind)
            expect(page.locator(".workbook-progress")).to_have_text(f"Progress: answered {len(cases)} / correct {correct} of {total}")
            # The contents page: this chapter's progress, and none in the others (the storage was cleared).
            page.goto(base + "index.html")
            expect(page.locator(f'.chapter-progress[data-page="{name}"]')).to_have_text(f"answered {len(cases)} / correct {correct} of {total}")
            others = [n for n in with_boxes if n != name]
            for other in others:
                expect(page.locator(f'.chapter-progress[data-page="{other}"]')).to_contain_text("answered 0 / correct 0 of ")
            expect(page.locator(".chapter-progress")).to_have_count(len(with_boxes))
            print(f"browser-test: {name} over http: {len(cases)} answers checked, restored, graded alike by mcheck, opened back from the"
                  f" download; its progress on the page and on index.html (and {len(others)} other chapters at 0)")
        if shots:
            os.makedirs(shots, exist_ok=True)
            page.goto(base + page_name(site, "04-"))
            box = page.locator("section.exercise#jacobian-fg-denominator")
            check(page, "jacobian-fg-denominator", "[[6x y, 3x^2], [2, 8y^7]]", "Not quite", "transposed")
            for scheme in ["light", "dark"]:
                page.emulate_media(color_scheme=scheme)
                box.screenshot(path=os.path.join(shots, f"exercise-feedback-{scheme}.png"))
        # From disk: the module comes as a script.
        local = context.new_page()
        local.on("pageerror", lambda e: errors.append(str(e)))
        local.goto("file://" + os.path.abspath(os.path.join(site, page_name(site, "10-"))))
        check(local, "dot-w", "x", "Not quite", "shape")
        check(local, "affine-x", "w^T", "Correct", "readAs")
        print("browser-test: opened from file://: checked")
        # Another chapter's workbook: nothing loaded, and the page says why.
        open_workbook(local, saved["04-"])
        expect(local.locator(".workbook-status")).to_contain_text("0 answers loaded")
        expect(local.locator(".workbook-status")).to_contain_text("exercise 'jacobian-fg' of the file is not on this page")
        expect(answer_box(local, "affine-x").locator("textarea")).to_have_value("w^T")
        # An answer with a line of backticks: the download lengthens its fences, and it opens back whole.
        fenced = "x^T\n```\ny"
        answer_box(local, "affine-b").locator("textarea").fill(fenced)
        path = download(local, downloads)
        if "````answer\n" + fenced + "\n````\n" not in open(path, encoding="utf-8").read():
            failures.append(f"{path}: the answer with a line of backticks is not in a longer fence")
        local.evaluate("() => localStorage.clear()")
        local.reload()
        open_workbook(local, path)
        expect(local.locator(".workbook-status")).to_contain_text("3 answers loaded")
        expect(answer_box(local, "affine-b").locator("textarea")).to_have_value(fenced)
        expect(answer_box(local, "dot-w").locator("textarea")).to_have_value("x")
        # A workbook as a student's editor may leave it: CRLF, tildes, longer fences, a fence inside another block,
        # an exercise of another page, a block never closed. What is read is loaded; the rest is named.
        hand = os.path.join(downloads, "hand.md")
        with open(hand, "w", encoding="utf-8", newline="") as f:
            f.write("\r\n".join([
                "# ch10", "", "~~~~exercise", "id: dot-w", "ask: gradient(w . x, w)", "~~~~", "",
                "```python", "```answer", "not this", "```", "",
                "~~~answer", "x^T + 0", "```", "~~~", "",
                "```exercise", "id: elsewhere", "```", "````answer", "z", "````", "",
                "```exercise", "id: affine-b", "```", "```answer", "1", ""]))
        local.evaluate("() => localStorage.clear()")
        local.reload()
        open_workbook(local, hand)
        status = local.locator(".workbook-status")
        expect(status).to_contain_text("1 answer loaded from hand.md")
        expect(status).to_contain_text("exercise 'elsewhere' of the file is not on this page")
        expect(status).to_contain_text("the answer block of exercise 'affine-b' has no closing fence: not loaded")
        expect(answer_box(local, "dot-w").locator("textarea")).to_have_value("x^T + 0\n```")
        expect(answer_box(local, "affine-b").locator("textarea")).to_have_value("")
        print("browser-test: opened from file://: another chapter's workbook, fences of backticks in an answer, a hand-edited workbook")
        failures += [f"a script error in the page: {e}" for e in errors]
        browser.close()
    server.shutdown()
    for f in failures:
        print("browser-test: FAIL: " + f)
    return 1 if failures else 0


BENCH = """async () => {
  const t0 = performance.now();
  const grader = await window.McheckGrader.instantiate(await fetch("mcheck.wasm"));
  const ready = performance.now() - t0;
  const requests = [];
  for (const box of document.querySelectorAll(".exercise-try")) {
    const solution = box.closest("section.exercise").querySelector(".solution pre.answer code");
    if (solution) requests.push({ file: "answer", fenceLine: Number(box.dataset.fenceLine), code: box.dataset.code, answer: solution.textContent, answerLine: 1 });
  }
  // The browser's clock is coarse (100 µs without cross-origin isolation), so each sample is one answer graded
  // REPEAT times in a row, divided by REPEAT: the statistic `mcheck-bench page` computes natively.
  const REPEAT = 8, perAnswer = [];
  let wrong = 0;
  for (let round = 0; round < 10; round++) {
    for (const r of requests) {
      const t = performance.now();
      for (let k = 0; k < REPEAT; k++) if (grader.grade(r).verdict !== "correct" && k === 0) wrong++;
      perAnswer.push((performance.now() - t) * 1000 / REPEAT);
    }
  }
  return { ready, count: requests.length, perAnswer, wrong };
}"""


def bench(site):
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    interactive, per_answer, ready, count, wrong = [], [], [], 0, 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page()
        for name in sorted(n for n in os.listdir(site) if n[:2].isdigit() and n.endswith(".html")):
            page.goto(base + name)
            box = page.locator(".exercise-try").first
            if box.count() == 0:
                continue
            # From navigation to the first answer graded: the page, the module fetched and compiled, one grade.
            box.locator("textarea").fill("x")
            box.locator("button.answer-check").click()
            expect(box.locator(".answer-verdict")).to_be_visible(timeout=20000)
            interactive.append(page.evaluate("() => performance.now()"))
            timing = page.evaluate(BENCH)
            ready.append(timing["ready"])
            per_answer += timing["perAnswer"]
            count += timing["count"]
            wrong += timing["wrong"]
        browser.close()
    server.shutdown()
    median = lambda xs: sorted(xs)[len(xs) // 2]
    print(f"browser-test --bench: navigation to the first answer graded: median {median(interactive):.0f} ms over {len(interactive)} pages"
          f" (min {min(interactive):.0f}, max {max(interactive):.0f}); module fetched and instantiated again: median {median(ready):.0f} ms")
    mean = sum(per_answer) / len(per_answer)
    print(f"browser-test --bench: {count} solutions, 10 rounds of 8 gradings each: median {median(per_answer):.1f} µs per answer,"
          f" mean {mean:.1f} µs" + (f" — {wrong} NOT correct" if wrong else ""))
    return 1 if wrong else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--bench":
        sys.exit(bench(sys.argv[2]))
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(run(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
