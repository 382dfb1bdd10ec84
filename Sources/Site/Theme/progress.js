// The student's progress (README, "Grading in the page"), from what the browser keeps: no module needed.
// Storage, per course (the folder the pages are in) and exercise id:
//   mcheck:<folder>:<id>          the answer as typed (exercises.js saves it on every keystroke)
//   mcheck-verdict:<folder>:<id>  {"answer": …, "verdict": …}: the last Check's verdict and the answer it judged
// An exercise counts as answered when its answer is not blank, and as correct when its last verdict was "correct" for
// the answer it holds now (an answer edited since its Check is answered, not correct). On a chapter page exercises.js
// shows the chapter's line; on the contents page (index.html) this script adds each chapter's from the page's
// <script type="application/json" id="mcheck-progress"> (the chapters' pages and exercise ids).
(function () {
  "use strict";
  const folder = location.pathname.replace(/[^/]*$/, "");
  function get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function put(key, value) { try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) {} }

  const P = {
    answerKey: (id) => "mcheck:" + folder + ":" + id,
    verdictKey: (id) => "mcheck-verdict:" + folder + ":" + id,
    answer: (id) => get(P.answerKey(id)) || "",
    saveAnswer: (id, text) => put(P.answerKey(id), text ? text : null),
    /// The last verdict, when it was given to the answer stored now; else null.
    verdict(id) {
      let v = null;
      try { v = JSON.parse(get(P.verdictKey(id)) || "null"); } catch (e) { v = null; }
      return v && typeof v.verdict === "string" && v.answer === P.answer(id) ? v.verdict : null;
    },
    saveVerdict: (id, answer, verdict) => put(P.verdictKey(id), verdict ? JSON.stringify({ answer: answer, verdict: verdict }) : null),
    /// { answered, correct, total } over the exercise ids.
    count(ids) {
      let answered = 0, correct = 0;
      for (const id of ids) {
        if (P.answer(id).trim()) answered++;
        if (P.verdict(id) === "correct") correct++;
      }
      return { answered: answered, correct: correct, total: ids.length };
    },
    text: (c) => "answered " + c.answered + " / correct " + c.correct + " of " + c.total,
  };
  window.McheckProgress = P;

  // The contents page: a line under each chapter that has exercises.
  const data = document.getElementById("mcheck-progress");
  if (!data) return;
  let chapters = [];
  try { chapters = JSON.parse(data.textContent).chapters || []; } catch (e) { return; }
  for (const chapter of chapters) {
    const link = Array.from(document.querySelectorAll("ol.contents > li > a")).find((a) => a.getAttribute("href") === chapter.page);
    if (!link) continue;
    const line = document.createElement("span");
    line.className = "chapter-progress";
    line.dataset.page = chapter.page;
    const c = P.count(chapter.ids);
    line.textContent = P.text(c);
    if (c.total && c.correct === c.total) line.classList.add("chapter-progress-done");
    link.insertAdjacentElement("afterend", line);
  }
})();
