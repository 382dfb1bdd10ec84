import Course
import Foundation
import Grading

/// The grader in the page (README, "Grading in the page"): with `mcheck.wasm` (made by `make wasm`) the site gets an
/// answer box in every exercise, which grades in the browser with the same engine as `mcheck`, keeps the answers in
/// the browser and downloads them as the chapter's workbook. Without the module, or with JavaScript off, the pages
/// read as before.
enum InPageGrading {
    /// The theme's scripts for it: the module's loader, the progress (the storage keys, and the counts of answered and
    /// correct exercises), and the answer boxes. The index page gets only progress.js.
    static let scripts = ["mcheck-grader.js", "progress.js", "exercises.js"]

    /// The answer box of an exercise, hidden until exercises.js shows it.
    static func box(_ exercise: NumberedExercise, into out: inout String) {
        // One box per question: the parts of an exercise each have theirs, named by key (`chain-sin.b`).
        guard let id = exercise.block.key else { return }
        out += "<div class=\"exercise-try\" hidden"
        HTML.attribute("data-id", id, into: &out)
        HTML.attribute("data-fence-line", String(exercise.block.line), into: &out)
        HTML.attribute("data-code", exercise.block.code, into: &out)
        out += ">\n<label class=\"answer-label\">Your answer<textarea class=\"answer-input\" rows=\"2\" spellcheck=\"false\" autocapitalize=\"off\" autocomplete=\"off\""
        HTML.attribute("aria-describedby", id + "-result", into: &out)
        out += "></textarea></label>\n<p class=\"answer-preview\" aria-live=\"polite\"></p>\n"
        out += "<p class=\"answer-actions\"><button type=\"button\" class=\"answer-check\">Check</button> <span class=\"answer-hint\">or Ctrl+Enter</span></p>\n"
        out += "<div class=\"answer-result\" role=\"status\""
        HTML.attribute("id", id + "-result", into: &out)
        out += "></div>\n</div>\n"
    }

    /// The chapter's workbook as `mcheck workbook` writes it, cut where the answers go: a JSON script the page fills
    /// in to download the workbook with the student's answers.
    static func workbookScript(_ chapter: PreparedChapter, workbook path: String) -> String {
        let fresh = WorkbookWriter.make(chapter: chapter.workbook, chapterPath: chapter.source.path, existing: nil)
        let bytes = Array(fresh.text.utf8)
        // {"path": …, "pieces": [text, {"answer": key}, text, …]}; HTML.json writes `<` as \u003c, so no `</` ends the
        // script element early.
        var json = "{\"path\":"
        HTML.json(path, into: &json)
        json += ",\"pieces\":["
        var next = 0
        for (key, offset) in fresh.answerSlots {
            // Up to and including the answer's opening fence line, then the (empty) answer, then on from its closing fence.
            guard let fenceEnd = bytes[offset...].firstIndex(of: 0x0A) else { break }
            HTML.json(String(decoding: bytes[next...fenceEnd], as: UTF8.self), into: &json)
            json += ",{\"answer\":"
            HTML.json(key, into: &json)
            json += "},"
            next = fenceEnd + 1
        }
        HTML.json(String(decoding: bytes[next...], as: UTF8.self), into: &json)
        json += "]}"
        return "<script type=\"application/json\" id=\"mcheck-workbook\">" + json + "</script>\n"
    }

    /// The index page's progress: every chapter's page and exercise ids (those with an answer box), in a JSON script
    /// progress.js reads with the answers and verdicts the browser keeps, so it needs no module.
    static func progressScript(_ chapters: [PreparedChapter]) -> String {
        // {"chapters": [{"ids": [...], "page": "…"}, …]}, keys in order; HTML.json writes `<` as \u003c.
        var json = "{\"chapters\":["
        var first = true
        for c in chapters {
            let ids = c.exercises.values.sorted { $0.block.line < $1.block.line }.compactMap { $0.block.key }
            guard !ids.isEmpty else { continue }
            if !first { json += "," }
            first = false
            json += "{\"ids\":["
            for (k, id) in ids.enumerated() {
                if k > 0 { json += "," }
                HTML.json(id, into: &json)
            }
            json += "],\"page\":"
            HTML.json(c.pageName, into: &json)
            json += "}"
        }
        json += "]}"
        return "<script type=\"application/json\" id=\"mcheck-progress\">" + json + "</script>\n<script src=\"progress.js\" defer></script>\n"
    }

    /// The files the site gets: the module (copied), the module as a script (for pages opened from disk, where
    /// fetch() cannot read it), and the theme's scripts. nil without the module or the scripts.
    static func assets(module: String, theme: String) -> (files: [(String, String)], copies: [(String, String)])? {
        guard let bytes = FileManager.default.contents(atPath: module) else { return nil }
        var files: [(String, String)] = [("mcheck-wasm.js", "// mcheck.wasm for pages opened from disk (made by make wasm).\nwindow.MCHECK_WASM_BASE64 = \"" + bytes.base64EncodedString() + "\";\n")]
        for name in scripts {
            guard let text = Theme.text(name, in: theme) else { return nil }
            files.append((name, text))
        }
        return (files, [("mcheck.wasm", module)])
    }
}
