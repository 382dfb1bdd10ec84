// Answer boxes graded in the page (README, "Grading in the page"): every exercise box the site built with
// `mcheck.wasm` gets a field for the answer (ASCII, LaTeX or Unicode, as in a workbook), a preview of how it is
// read, a Check button (and Ctrl/⌘+Enter) and the verdict with every line of feedback `mcheck` gives. Answers are
// kept in the browser as they are typed; "Download workbook" writes the chapter's exercises/chN.md with them.
// Without JavaScript the boxes stay hidden and the page reads as before.
(function () {
  "use strict";
  const boxes = Array.from(document.querySelectorAll(".exercise-try"));
  if (!boxes.length || !window.McheckGrader) return;
  const workbookData = document.getElementById("mcheck-workbook");
  const workbook = workbookData ? JSON.parse(workbookData.textContent) : null;
  // Per course (the folder the pages are in) and exercise id.
  const storageKey = (id) => "mcheck:" + location.pathname.replace(/[^/]*$/, "") + ":" + id;

  function load(id) { try { return localStorage.getItem(storageKey(id)) || ""; } catch (e) { return ""; } }
  function save(id, text) { try { if (text) localStorage.setItem(storageKey(id), text); else localStorage.removeItem(storageKey(id)); } catch (e) {} }

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
      clearTimeout(timer);
      timer = setTimeout(async () => {
        if (!input.value.trim()) { preview(box, null); return; }
        preview(box, await grade(box, input.value));
      }, 250);
    });
    const run = async () => {
      check.disabled = true;
      try {
        const result = await grade(box, input.value);
        preview(box, result);
        show(box, result);
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

  // "Download workbook": the chapter's workbook as `mcheck workbook` writes it, with the answers typed here.
  if (workbook) {
    const bar = document.createElement("p");
    bar.className = "workbook-download";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Download workbook (" + workbook.path + ")";
    button.addEventListener("click", () => {
      const text = workbook.pieces.map((p) => {
        if (typeof p === "string") return p;
        const answer = load(p.answer).replace(/\r\n?/g, "\n");
        return answer ? answer.replace(/\n*$/, "\n") : "";
      }).join("");
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
      link.download = workbook.path.split("/").pop();
      document.body.appendChild(link);
      link.click();
      setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    });
    bar.appendChild(button);
    const first = boxes[0].closest("section.exercise");
    first.parentNode.insertBefore(bar, first);
  }
})();
