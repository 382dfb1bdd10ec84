// The reader's tools, shared by every page: search, the chapter menu on small screens, the "On this page" list,
// scroll areas for wide math, the theme toggle, ←/→ between chapters, copying math as LaTeX, copy buttons.
// Progressive enhancement only: without JavaScript the pages read the same, minus these tools.
(function () {
  "use strict";
  var doc = document, root = doc.documentElement;

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function isTyping(target) {
    if (!target || !target.closest) return false;
    return !!target.closest("input, textarea, select, [contenteditable=''], [contenteditable='true']");
  }
  var tools = doc.getElementById("mc-header-tools");

  // ---- Theme: light, dark or the system's, remembered (the page's <head> applies it before the first paint) ----
  var themeKey = "mcheck-theme", themes = ["system", "light", "dark"];
  var themeNames = { system: "System", light: "Light", dark: "Dark" };
  function storedTheme() {
    try { var t = localStorage.getItem(themeKey); return themes.indexOf(t) >= 0 ? t : "system"; } catch (e) { return "system"; }
  }
  function applyTheme(t) {
    if (t === "system") root.removeAttribute("data-theme"); else root.setAttribute("data-theme", t);
  }
  var themeButton = el("button", "theme-toggle");
  themeButton.type = "button";
  themeButton.id = "mc-theme";
  function showTheme(t) {
    var next = themes[(themes.indexOf(t) + 1) % themes.length];
    themeButton.innerHTML = "";
    themeButton.appendChild(el("span", "theme-icon theme-icon-" + t));
    themeButton.appendChild(el("span", "theme-name", themeNames[t]));
    themeButton.setAttribute("aria-label", "Colour theme: " + themeNames[t] + " (switch to " + themeNames[next].toLowerCase() + ")");
    themeButton.title = "Colour theme: " + themeNames[t];
    themeButton.setAttribute("data-theme-choice", t);
  }
  var urlTheme = /[?&]theme=(dark|light)\b/.exec(location.search);
  showTheme(urlTheme ? urlTheme[1] : storedTheme());
  themeButton.addEventListener("click", function () {
    var t = themes[(themes.indexOf(themeButton.getAttribute("data-theme-choice")) + 1) % themes.length];
    try { localStorage.setItem(themeKey, t); } catch (e) { /* private mode: this page only */ }
    applyTheme(t);
    showTheme(t);
  });
  window.addEventListener("storage", function (ev) {
    if (ev.key === themeKey) { applyTheme(storedTheme()); showTheme(storedTheme()); }
  });

  // ---- The chapter menu: below 832 px the chapter list is a panel opened by a button ----
  var sidebar = doc.getElementById("mc-chapters");
  var menuButton = el("button", "menu-button");
  menuButton.type = "button";
  menuButton.id = "mc-menu";
  menuButton.setAttribute("aria-controls", "mc-chapters");
  menuButton.setAttribute("aria-expanded", "false");
  menuButton.appendChild(el("span", "menu-icon"));
  menuButton.appendChild(el("span", "menu-name", "Chapters"));
  var header = doc.querySelector(".site-header");
  function measureHeader() { if (header) root.style.setProperty("--header-height", header.getBoundingClientRect().height + "px"); }
  function setMenu(open) {
    if (open) measureHeader();
    root.classList.toggle("menu-open", open);
    menuButton.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) {
      var current = sidebar.querySelector("[aria-current='page']") || sidebar.querySelector("a");
      if (current) { current.scrollIntoView({ block: "nearest" }); current.focus({ preventScroll: true }); }
    }
  }
  menuButton.addEventListener("click", function () { setMenu(!root.classList.contains("menu-open")); });
  doc.addEventListener("click", function (ev) {
    if (sidebar && root.classList.contains("menu-open") && !sidebar.contains(ev.target) && !menuButton.contains(ev.target)) setMenu(false);
  });
  if (sidebar) {
    if (tools) { tools.appendChild(menuButton); tools.appendChild(themeButton); }
  } else if (tools) {
    tools.appendChild(themeButton);
  }

  // ---- "On this page": a collapsible list under the title when there is no room for the column ----
  var columnToc = doc.querySelector(".toc-column .toc");
  var title = doc.querySelector("main article h1");
  if (columnToc && title) {
    var box = el("details", "toc-inline");
    box.id = "mc-toc-inline";
    var summary = el("summary", null, "On this page");
    box.appendChild(summary);
    var list = columnToc.querySelector("ul").cloneNode(true);
    var nav = el("nav");
    nav.setAttribute("aria-label", "On this page (list)");
    nav.appendChild(list);
    box.appendChild(nav);
    title.insertAdjacentElement("afterend", box);
    list.addEventListener("click", function (ev) { if (ev.target.closest("a")) box.open = false; });
  }

  // ---- Wide math and tables: a labelled, focusable scroll area with a visible cue ----
  function markScrollArea(area, label) {
    var wide = area.scrollWidth > area.clientWidth + 1;
    area.classList.toggle("scrolls", wide);
    if (wide) {
      area.tabIndex = 0;
      area.setAttribute("role", "region");
      area.setAttribute("aria-label", label + ", wider than the page: scroll sideways");
    } else if (area.hasAttribute("role")) {
      area.removeAttribute("tabindex");
      area.removeAttribute("role");
      area.removeAttribute("aria-label");
    }
  }
  function wrapWideInlineMath() {
    doc.querySelectorAll("main math:not([display='block'])").forEach(function (m) {
      var wrapper = m.parentNode.classList && m.parentNode.classList.contains("math-scroll") ? m.parentNode : null;
      var container = (wrapper || m).parentNode;
      if (!container || !container.getBoundingClientRect) return;
      if (!wrapper) {
        if (m.getBoundingClientRect().width <= container.getBoundingClientRect().width) return;
        wrapper = el("span", "math-scroll");
        m.parentNode.insertBefore(wrapper, m);
        wrapper.appendChild(m);
      }
      markScrollArea(wrapper, "Formula");
    });
  }
  function markAll() {
    wrapWideInlineMath();
    doc.querySelectorAll(".equation, .exercise-ask, .table-wrap").forEach(function (area) {
      markScrollArea(area, area.classList.contains("table-wrap") ? "Table" : "Formula");
    });
  }
  markAll();
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    if (resizeTimer) cancelAnimationFrame(resizeTimer);
    resizeTimer = requestAnimationFrame(markAll);
  });
  if (doc.fonts && doc.fonts.ready) doc.fonts.ready.then(markAll);

  // ---- ← and → turn to the previous and next chapter (not while typing or in a scroll area) ----
  doc.addEventListener("keydown", function (ev) {
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    if (ev.key === "Escape" && root.classList.contains("menu-open")) { setMenu(false); menuButton.focus(); return; }
    if (ev.key !== "ArrowLeft" && ev.key !== "ArrowRight") return;
    var t = ev.target;
    if (isTyping(t) || (t.closest && t.closest(".scrolls, pre, .search-results"))) return;
    var link = doc.querySelector(ev.key === "ArrowLeft" ? ".pager a[rel='prev']" : ".pager a[rel='next']");
    if (link) { ev.preventDefault(); location.href = link.href; }
  });

  // ---- Copying math gives its LaTeX source ($…$ inline, $$…$$ displayed), from the MathML's TeX annotation ----
  function texOf(math) {
    var a = math.querySelector("annotation[encoding='application/x-tex']");
    if (!a) return null;
    return math.getAttribute("display") === "block" ? "$$" + a.textContent + "$$" : "$" + a.textContent + "$";
  }
  doc.addEventListener("copy", function (ev) {
    var sel = getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed || !ev.clipboardData) return;
    var range = sel.getRangeAt(0).cloneRange();
    var startMath = range.startContainer.parentElement && range.startContainer.parentElement.closest("math");
    var endMath = range.endContainer.parentElement && range.endContainer.parentElement.closest("math");
    if (range.startContainer.nodeType === 1 && range.startContainer.closest("math")) startMath = range.startContainer.closest("math");
    if (range.endContainer.nodeType === 1 && range.endContainer.closest("math")) endMath = range.endContainer.closest("math");
    if (startMath) range.setStartBefore(startMath);
    if (endMath) range.setEndAfter(endMath);
    var fragment = range.cloneContents();
    var maths = fragment.querySelectorAll("math");
    if (!maths.length) return;
    var holder = el("div");
    holder.appendChild(fragment);
    holder.querySelectorAll("math").forEach(function (m) {
      var tex = texOf(m);
      m.replaceWith(doc.createTextNode(tex === null ? m.textContent : tex));
    });
    holder.querySelectorAll("button.copy").forEach(function (b) { b.remove(); });
    ev.clipboardData.setData("text/plain", holder.textContent);
    ev.preventDefault();
  });

  // ---- A copy button on code blocks and answers ----
  doc.querySelectorAll("div.code > pre, pre.answer").forEach(function (pre) {
    var b = el("button", "copy", "Copy");
    b.type = "button";
    b.setAttribute("aria-label", "Copy the code");
    b.addEventListener("click", function () {
      var text = pre.querySelector("code").textContent;
      function done(msg) { b.textContent = msg; setTimeout(function () { b.textContent = "Copy"; }, 1500); }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done("Copied"); }, function () { done("Select and copy"); });
      } else {
        var r = doc.createRange();
        r.selectNodeContents(pre.querySelector("code"));
        var s = getSelection(); s.removeAllRanges(); s.addRange(r);
        done(doc.execCommand("copy") ? "Copied" : "Press Ctrl-C");
      }
    });
    pre.classList.add("has-copy");
    pre.appendChild(b);
  });

  // ---- Printing shows the solutions and mistakes ----
  window.addEventListener("beforeprint", function () {
    doc.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });

  // ---- Search over search-index.js (window.MCHECK_SEARCH: one entry per section), offline, as you type ----
  var searchBox = doc.getElementById("mc-search");
  var input = doc.getElementById("mc-search-input");
  var results = doc.getElementById("mc-search-results");
  var words = null; // per entry: its distinct words (lower case), made on the first search

  /// The optimal string alignment distance of a and b (an adjacent swap counts 1), or limit + 1 once above limit.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur.push(d);
        if (d < best) best = d;
      }
      if (best > limit) return limit + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }
  /// How many typos a query word may have: none below 5 letters, 1 up to 7, 2 from 8.
  function typoLimit(w) { return w.length < 5 ? 0 : w.length < 8 ? 1 : 2; }
  function wordsOf(text) { return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []; }
  function entryWords(index) {
    if (words) return words;
    words = index.map(function (e) {
      var seen = Object.create(null), list = [];
      wordsOf(e.t + " " + e.x).forEach(function (w) { if (!seen[w]) { seen[w] = true; list.push(w); } });
      return list;
    });
    return words;
  }
  /// The entry's words close to w (within its typo limit), best first.
  function nearWords(w, list) {
    var limit = typoLimit(w), found = [];
    if (!limit) return found;
    for (var k = 0; k < list.length; k++) {
      var d = distance(w, list[k], limit);
      if (d <= limit) found.push({ w: list[k], d: d });
    }
    found.sort(function (a, b) { return a.d - b.d; });
    return found.map(function (f) { return f.w; });
  }
  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  /// `text` with the terms marked, as nodes appended to `into`.
  function appendMarked(into, text, terms) {
    if (!terms.length) { into.appendChild(doc.createTextNode(text)); return; }
    var re = new RegExp("(" + terms.map(escapeRegExp).join("|") + ")", "giu"), last = 0, m;
    while ((m = re.exec(text))) {
      if (m[0] === "") { re.lastIndex++; continue; }
      into.appendChild(doc.createTextNode(text.slice(last, m.index)));
      into.appendChild(el("mark", null, m[0]));
      last = m.index + m[0].length;
    }
    into.appendChild(doc.createTextNode(text.slice(last)));
  }
  function snippet(x, term) {
    var i = term ? x.toLowerCase().indexOf(term) : -1;
    if (i < 0) return x.slice(0, 120) + (x.length > 120 ? "…" : "");
    var s = Math.max(0, i - 50);
    while (s > 0 && s < i && !/\s/.test(x[s - 1])) s++;
    return (s > 0 ? "…" : "") + x.slice(s, i + 90) + (i + 90 < x.length ? "…" : "");
  }
  function closeResults() {
    if (!results) return;
    results.hidden = true;
  }
  function search() {
    var q = input.value.toLowerCase().trim();
    results.textContent = "";
    var index = window.MCHECK_SEARCH;
    if (!q || !index) { closeResults(); return; }
    var queryWords = q.split(/\s+/), hits = [], all = entryWords(index);
    for (var k = 0; k < index.length; k++) {
      var e = index[k], t = e.t.toLowerCase(), x = e.x.toLowerCase(), score = 0, terms = [];
      for (var j = 0; j < queryWords.length; j++) {
        var w = queryWords[j];
        if (t.indexOf(w) >= 0) { score += 10; terms.push(w); continue; }
        if (x.indexOf(w) >= 0) { score += 2; terms.push(w); continue; }
        var near = nearWords(w, all[k]);
        if (near.length) {
          score += t.indexOf(near[0]) >= 0 ? 5 : 1;
          terms = terms.concat(near);
          continue;
        }
        score = 0; break;
      }
      if (score > 0) hits.push({ score: score, k: k, e: e, terms: terms });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.k - b.k; });
    hits.slice(0, 12).forEach(function (h) {
      var li = el("li"), a = el("a"), titleSpan = el("span", "result-title"), text = el("span", "result-text");
      var parts = h.e.u.split("#");
      a.href = parts[0] + "?highlight=" + encodeURIComponent(h.terms.join(" ")) + (parts[1] ? "#" + parts[1] : "");
      appendMarked(titleSpan, h.e.t, h.terms);
      a.appendChild(titleSpan);
      a.appendChild(el("span", "result-chapter", h.e.c));
      appendMarked(text, snippet(h.e.x, h.terms[0]), h.terms);
      a.appendChild(text);
      li.appendChild(a);
      results.appendChild(li);
    });
    if (!hits.length) results.appendChild(el("li", "no-results", "No section mentions “" + input.value.trim() + "”."));
    results.hidden = false;
  }
  function resultLinks() { return Array.prototype.slice.call(results.querySelectorAll("a")); }
  function moveInResults(from, step) {
    var links = resultLinks();
    if (!links.length) return;
    var i = links.indexOf(from), next = i + step;
    if (i < 0) next = step > 0 ? 0 : links.length - 1;
    if (next < 0) { input.focus(); return; }
    if (next >= links.length) next = links.length - 1;
    links[next].focus();
  }
  if (searchBox && input && results) {
    searchBox.hidden = false;
    input.setAttribute("aria-controls", "mc-search-results");
    input.addEventListener("input", search);
    input.addEventListener("focus", function () { if (input.value.trim() && results.hidden) search(); });
    searchBox.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        if (results.hidden) return;
        ev.preventDefault();
        moveInResults(ev.target === input ? null : ev.target.closest("a"), ev.key === "ArrowDown" ? 1 : -1);
      } else if (ev.key === "Escape") {
        ev.preventDefault();
        if (!results.hidden) closeResults(); else { input.value = ""; search(); }
        input.focus();
      } else if (ev.key === "Enter" && ev.target === input) {
        var a = results.hidden ? null : results.querySelector("a");
        if (a) { ev.preventDefault(); location.href = a.href; }
      }
    });
    doc.addEventListener("click", function (ev) { if (!searchBox.contains(ev.target)) closeResults(); });
    doc.addEventListener("focusin", function (ev) { if (!searchBox.contains(ev.target)) closeResults(); });
    doc.addEventListener("keydown", function (ev) {
      if (ev.key === "/" && !isTyping(ev.target)) { ev.preventDefault(); input.focus(); }
    });
  }

  // ---- A search result opened: its words marked in the text (?highlight=…) ----
  var wanted = /[?&]highlight=([^&#]*)/.exec(location.search);
  if (wanted) {
    var terms = decodeURIComponent(wanted[1].replace(/\+/g, " ")).toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var article = doc.querySelector("main article");
    if (terms.length && article) {
      var re = new RegExp("(" + terms.map(escapeRegExp).join("|") + ")", "iu");
      var walker = doc.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) {
          var p = n.parentElement;
          if (!p || p.closest("math, script, style, textarea, button, .toc-inline")) return NodeFilter.FILTER_REJECT;
          return re.test(n.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
        }
      });
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (n) {
        var frag = doc.createDocumentFragment();
        appendMarked(frag, n.nodeValue, terms);
        frag.querySelectorAll("mark").forEach(function (m) { m.className = "search-hit"; });
        n.parentNode.replaceChild(frag, n);
      });
      var first = article.querySelector("mark.search-hit");
      if (first && !location.hash) first.scrollIntoView({ block: "center" });
      if (first) {
        var clear = el("button", "clear-hits", "Clear highlights");
        clear.type = "button";
        clear.addEventListener("click", function () {
          article.querySelectorAll("mark.search-hit").forEach(function (m) { m.replaceWith(doc.createTextNode(m.textContent)); });
          article.normalize();
          clear.remove();
        });
        doc.body.appendChild(clear);
      }
    }
  }
})();
