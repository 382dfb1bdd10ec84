// Answer boxes graded in the page (README, "Grading in the page"): every exercise box the site built with
// `mcheck.wasm` gets a field for the answer (ASCII, LaTeX or Unicode, as in a workbook), a preview of how it is
// read, a Check button (and Ctrl/⌘+Enter) and the verdict with every line of feedback `mcheck` gives. Answers are
// kept in the browser as they are typed, with the last Check's verdict (progress.js: the keys, and the counts shown
// in the chapter's "answered n / correct m of k" line); "Download workbook" writes the chapter's exercises/chN.md
// with them, and "Open workbook" reads such a file back into the fields. Without JavaScript the boxes stay hidden
// and the page reads as before.
(function () {
  "use strict";
  const boxes = Array.from(document.querySelectorAll(".exercise-try"));
  if (!boxes.length || !window.McheckGrader || !window.McheckProgress) return;
  const progress = window.McheckProgress;
  const workbookData = document.getElementById("mcheck-workbook");
  const workbook = workbookData ? JSON.parse(workbookData.textContent) : null;
  const load = progress.answer;
  const save = progress.saveAnswer;

  // The module, loaded once, on first use: from mcheck-wasm.js (a script, so pages opened from disk work) or, over
  // http, compiled while it streams (the server must send mcheck.wasm as application/wasm).
  let grader = null;
  function scriptNextToThisOne(name) {
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = name;
      s.onload = resolve;
      s.onerror = () => reject(new Error("cannot load " + name));
      document.head.appendChild(s);
    });
  }
  async function start() {
    if (location.protocol === "file:") {
      if (!window.MCHECK_WASM_BASE64) await scriptNextToThisOne("mcheck-wasm.js");
      const text = atob(window.MCHECK_WASM_BASE64);
      const bytes = new Uint8Array(text.length);
      for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
      return window.McheckGrader.instantiate(bytes);
    }
    const response = await fetch("mcheck.wasm");
    if (!response.ok) throw new Error("cannot load mcheck.wasm (" + response.status + ")");
    if ((response.headers.get("Content-Type") || "").startsWith("application/wasm")) return window.McheckGrader.instantiate(response);
    return window.McheckGrader.instantiate(await response.arrayBuffer());
  }
  function graderReady() {
    if (!grader) grader = start();
    return grader;
  }

  /// Grades `answer` for a box; a trap (a bug of mcheck's) starts a fresh instance next time and says so.
  async function grade(box, answer) {
    const g = await graderReady();
    try {
      return g.grade({ file: "answer", fenceLine: Number(box.dataset.fenceLine), code: box.dataset.code, answer: answer, answerLine: 1 });
    } catch (e) {
      grader = null;
      return { trapped: true, message: "the grader stopped on this answer (a fault in mcheck, not in your answer); it has been restarted: try again, or check with mcheck" };
    }
  }

  const verdictText = { correct: "Correct", incorrect: "Not quite", invalid: "Cannot read this answer", unanswered: "No answer yet" };

  function show(box, result) {
    const out = box.querySelector(".answer-result");
    out.textContent = "";
    out.className = "answer-result";
    if (result.trapped || result.errors) {
      out.classList.add("answer-invalid");
      out.textContent = result.trapped ? result.message : result.errors.map((e) => e.message).join("\n");
      return;
    }
    out.classList.add("answer-" + result.verdict);
    const head = document.createElement("p");
    head.className = "answer-verdict";
    head.textContent = verdictText[result.verdict] || result.verdict;
    if (result.verdict === "incorrect" && result.score > 0) head.textContent += " (partial credit " + Math.round(result.score * 100) + "%)";
    out.appendChild(head);
    const list = document.createElement("ul");
    list.className = "answer-feedback";
    const lines = result.feedback.length ? result.feedback : [{ kind: "message", message: result.message }];
    for (const f of lines) {
      const item = document.createElement("li");
      item.dataset.kind = f.kind;
      // A syntax error's excerpt keeps its caret under the spot.
      if (f.kind === "syntax") {
        const message = document.createElement("span");
        message.textContent = result.message;
        const pre = document.createElement("pre");
        pre.textContent = f.message;
        item.append(message, pre);
      } else {
        item.textContent = f.message;
      }
      list.appendChild(item);
    }
    out.appendChild(list);
  }

  function preview(box, result) {
    const p = box.querySelector(".answer-preview");
    const readAs = result && result.feedback ? result.feedback.find((f) => f.kind === "readAs") : null;
    p.textContent = readAs ? readAs.message : "";
  }

  // The chapter's progress line, kept up to date as answers are typed, checked and opened.
  const ids = boxes.map((box) => box.dataset.id);
  const bar = document.createElement("div");
  bar.className = "workbook-bar";
  const progressLine = document.createElement("p");
  progressLine.className = "workbook-progress";
  const showProgress = () => { progressLine.textContent = "Progress: " + progress.text(progress.count(ids)); };

  function clearResult(box) {
    const out = box.querySelector(".answer-result");
    out.textContent = "";
    out.className = "answer-result";
    preview(box, null);
  }

  for (const box of boxes) {
    const id = box.dataset.id;
    const input = box.querySelector(".answer-input");
    const check = box.querySelector(".answer-check");
    box.hidden = false;
    input.value = load(id);
    let timer = null;
    input.addEventListener("focus", () => { graderReady().catch(() => {}); }, { once: true });
    input.addEventListener("input", () => {
      save(id, input.value);
      showProgress();
      clearTimeout(timer);
      timer = setTimeout(async () => {
        if (!input.value.trim()) { preview(box, null); return; }
        preview(box, await grade(box, input.value));
      }, 250);
    });
    const run = async () => {
      check.disabled = true;
      try {
        const answer = input.value;
        const result = await grade(box, answer);
        preview(box, result);
        show(box, result);
        // The verdict is kept with the answer it judged: a trap judges nothing.
        if (!result.trapped) progress.saveVerdict(id, answer, result.errors ? "invalid" : result.verdict === "unanswered" ? null : result.verdict);
        showProgress();
      } catch (e) {
        show(box, { trapped: true, message: "the grader could not be loaded (" + e.message + "): check with mcheck instead" });
      } finally {
        check.disabled = false;
      }
    };
    check.addEventListener("click", run);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
    });
  }

  // "Open workbook" reads a workbook back with a small line scanner — not a Markdown parser — that knows only the
  // format `mcheck workbook` (and "Download workbook") writes: a fenced block whose info string is `exercise` and
  // whose content has an `id:` line (and, for a part of a multi-part exercise, a `part:` line: the answer's key is then
  // `id.part`, as the boxes' data-id), then the first fenced block with the info string `answer` after it (before the
  // next exercise block); the answer is that block's content, up to its closing fence (the same character, backtick
  // or tilde, at least as long as the opening fence, at most three spaces before it and nothing but spaces after).
  // Other fenced blocks are skipped whole, so a fence inside them is not read. Line endings are read as the download
  // writes them (CRLF and CR become LF), and the answer is its lines joined by LF, without the last line's end: what
  // "Download workbook" wrote, byte for byte. Returns { answers: [{ id, text }], problems: [message] }.
  function readWorkbook(text) {
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    const answers = [];
    const problems = [];
    let pending = null; // the id of the last exercise block, until its answer block
    for (let k = 0; k < lines.length; k++) {
      const open = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(lines[k]);
      if (!open) continue;
      const indent = open[1].length, fence = open[2], info = open[3].trim();
      if (fence[0] === "`" && info.includes("`")) continue; // not a fence: a backtick info string has no backtick
      const word = info.split(/\s+/)[0];
      const body = [];
      let end = -1;
      for (let j = k + 1; j < lines.length; j++) {
        const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[j]);
        if (close && close[1][0] === fence[0] && close[1].length >= fence.length) { end = j; break; }
        // The content loses as many leading spaces as the opening fence had (CommonMark).
        let cut = 0;
        while (cut < indent && lines[j][cut] === " ") cut++;
        body.push(lines[j].slice(cut));
      }
      if (word === "exercise") {
        if (pending !== null) problems.push("exercise '" + pending + "' of the file has no answer block");
        const idLine = body.find((l) => /^\s*id:/.test(l));
        const partLine = body.find((l) => /^\s*part:/.test(l));
        pending = idLine ? idLine.replace(/^\s*id:/, "").trim() : null;
        if (pending === "") pending = null;
        const part = partLine ? partLine.replace(/^\s*part:/, "").trim() : "";
        if (pending !== null && part) pending += "." + part;
      } else if (word === "answer" && pending !== null) {
        if (end < 0) problems.push("the answer block of exercise '" + pending + "' has no closing fence: not loaded");
        else answers.push({ id: pending, text: body.join("\n") });
        pending = null;
      }
      if (end < 0) break; // an unclosed block runs to the end of the file
      k = end;
    }
    if (pending !== null) problems.push("exercise '" + pending + "' of the file has no answer block");
    return { answers: answers, problems: problems };
  }

  // Loads the answers of a workbook into the fields, and says what it did. Nothing typed here is lost without asking:
  // a field that is empty gets the file's answer; one that holds a different answer is replaced only if the student
  // says so (one question for all of them; Cancel keeps the typed ones and loads the others); a blank answer in the
  // file never clears a field.
  function openWorkbook(name, text) {
    const { answers, problems } = readWorkbook(text);
    const byId = new Map(boxes.map((box) => [box.dataset.id, box]));
    const seen = new Set();
    const notHere = [], blankKept = [], toLoad = [], differ = [];
    let same = 0;
    for (const a of answers) {
      const box = byId.get(a.id);
      if (!box) { notHere.push(a.id); continue; }
      if (seen.has(a.id)) { problems.push("exercise '" + a.id + "' has a second answer block in the file: not loaded"); continue; }
      seen.add(a.id);
      const current = box.querySelector(".answer-input").value;
      if (!a.text.trim()) { if (current.trim()) blankKept.push(a.id); continue; }
      if (current === a.text) same++;
      else if (!current.trim()) toLoad.push([box, a.text]);
      else differ.push([box, a.text]);
    }
    let kept = [];
    if (differ.length) {
      const list = differ.map(([box]) => "'" + box.dataset.id + "'").join(", ");
      const replace = window.confirm(differ.length + (differ.length === 1 ? " answer" : " answers") + " of " + name + " differ from the ones typed here (exercise " + list
        + "). Replace them with the file's?\n\nOK replaces them; Cancel keeps the answers typed here and loads only the others.");
      if (replace) toLoad.push(...differ);
      else kept = differ.map(([box]) => box.dataset.id);
    }
    for (const [box, answer] of toLoad) {
      box.querySelector(".answer-input").value = answer;
      save(box.dataset.id, answer);
      clearResult(box);
    }
    showProgress();
    const parts = [toLoad.length + (toLoad.length === 1 ? " answer" : " answers") + " loaded from " + name];
    if (same) parts.push(same + " already the same");
    if (kept.length) parts.push("kept as typed here: " + kept.map((i) => "'" + i + "'").join(", "));
    if (blankKept.length) parts.push("blank in the file, kept as typed here: " + blankKept.map((i) => "'" + i + "'").join(", "));
    for (const id of notHere) parts.push("exercise '" + id + "' of the file is not on this page");
    const missing = ids.filter((id) => !seen.has(id));
    if (answers.length && missing.length) parts.push("no answer read from the file for " + missing.map((i) => "'" + i + "'").join(", "));
    if (!answers.length) parts.push("no exercise with an id and an answer block found: is it a workbook written by mcheck workbook or by Download workbook?");
    return parts.concat(problems).join("; ");
  }

  // "Download workbook": the chapter's workbook as `mcheck workbook` writes it, with the answers typed here.
  const actions = document.createElement("p");
  actions.className = "workbook-actions";
  const status = document.createElement("p");
  status.className = "workbook-status";
  status.setAttribute("role", "status");
  if (workbook) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "workbook-download";
    button.textContent = "Download workbook (" + workbook.path + ")";
    button.addEventListener("click", () => {
      const pieces = workbook.pieces.slice();
      for (let k = 0; k < pieces.length; k++) {
        if (typeof pieces[k] === "string") continue;
        const raw = load(pieces[k].answer).replace(/\r\n?/g, "\n");
        const answer = raw ? raw.replace(/\n*$/, "\n") : "";
        // An answer with a line of three or more backticks would close the block early: its fences get one backtick
        // more than the longest such line (as CommonMark allows), so mcheck and Open workbook read the whole answer.
        let longest = 0;
        for (const m of answer.matchAll(/^ {0,3}(`{3,})/gm)) longest = Math.max(longest, m[1].length);
        const before = pieces[k - 1], after = pieces[k + 1];
        if (longest && typeof before === "string" && typeof after === "string" && before.endsWith("```answer\n") && after.startsWith("```")) {
          const fence = "`".repeat(longest + 1);
          pieces[k - 1] = before.slice(0, -"```answer\n".length) + fence + "answer\n";
          pieces[k + 1] = fence + after.slice(3);
        }
        pieces[k] = answer;
      }
      const text = pieces.join("");
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
      link.download = workbook.path.split("/").pop();
      document.body.appendChild(link);
      link.click();
      setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    });
    // "Open workbook": a filled chN.md back into the fields (and the browser's storage).
    const picker = document.createElement("input");
    picker.type = "file";
    picker.accept = ".md,.markdown,text/markdown,text/plain";
    picker.hidden = true;
    picker.className = "workbook-file";
    picker.addEventListener("change", async () => {
      const file = picker.files && picker.files[0];
      if (!file) return;
      try {
        status.textContent = openWorkbook(file.name, await file.text());
      } catch (e) {
        status.textContent = "cannot read " + file.name + ": " + e.message;
      }
      picker.value = "";
    });
    const opener = document.createElement("button");
    opener.type = "button";
    opener.className = "workbook-open";
    opener.textContent = "Open workbook";
    opener.addEventListener("click", () => picker.click());
    actions.append(button, " ", opener, picker);
    bar.appendChild(actions);
  }
  bar.append(progressLine, status);
  showProgress();
  const first = boxes[0].closest("section.exercise");
  first.parentNode.insertBefore(bar, first);
})();
