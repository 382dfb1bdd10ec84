/// The chapter list of the sidebar, written once for the whole site (`toc.js`, as mdBook does) instead of into every
/// page, so that a page's size does not grow with the number of chapters. Each page carries only a link to the
/// contents page (what readers without JavaScript get) and the script, which replaces the link with the list and marks
/// the page's own chapter.
enum ChapterList {
    static let scriptName = "toc.js"

    /// The page's part: the fallback link and the script, told which page it is on (nil on the index page).
    static func placeholder(current page: String?, index: String) -> String {
        var s = "<p class=\"chapters-fallback\"><a href=\"\(HTML.escaped(index))\">All chapters</a></p>\n"
        s += "<script src=\"\(scriptName)\""
        if let page { HTML.attribute("data-current", page, into: &s) }
        s += "></script>"
        return s
    }

    /// toc.js: the chapters (page, number, title), and the code that draws them in place of the fallback link.
    static func script(_ chapters: [PreparedChapter]) -> String {
        var s = "// The chapter list of the sidebar, shared by every page (written by mcheck build).\n(function () {\n  var chapters = [\n"
        for c in chapters {
            s += "    ["
            HTML.json(c.pageName, into: &s)
            s += ", \(c.source.number), "
            HTML.json(c.title, into: &s)
            s += "],\n"
        }
        s += """
              ];
              var script = document.currentScript;
              if (!script) return;
              var current = script.getAttribute("data-current");
              var list = document.createElement("ol");
              list.className = "chapters";
              chapters.forEach(function (c) {
                var li = document.createElement("li"), a = document.createElement("a"), n = document.createElement("span");
                a.href = c[0];
                if (c[0] === current) a.setAttribute("aria-current", "page");
                n.className = "number";
                n.textContent = c[1];
                a.appendChild(n);
                a.appendChild(document.createTextNode(" " + c[2]));
                li.appendChild(a);
                list.appendChild(li);
              });
              var fallback = script.previousElementSibling;
              if (fallback && fallback.className === "chapters-fallback") fallback.remove();
              script.parentNode.insertBefore(list, script);
            })();

            """
        return s
    }
}
