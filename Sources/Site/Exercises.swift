import Calculus
import Course
import MathML

/// Exercise boxes, solutions and common-mistake notes.
///
/// The question and the solution are shown as math when mcheck's own parser reads them (the same
/// parser that grades answers), with the text a student types below; as code otherwise.
enum ExerciseHTML {
    static func box(_ exercise: NumberedExercise, chapter: Int, workbook: String, renderer: MathMLRenderer, into out: inout String) {
        let block = exercise.block
        let label = "Exercise \(chapter).\(exercise.number)"
        out += "<section class=\"exercise\""
        if let id = block.id {
            out += " id=\""
            HTML.escape(id, into: &out)
            out += "\""
        }
        out += " aria-label=\"\(label)\">\n<p class=\"exercise-title\"><a href=\"#"
        HTML.escape(block.id ?? "", into: &out)
        out += "\">\(label)</a></p>\n"

        let scope = (try? Scope(declarations: block.field("let")?.value ?? "")) ?? Scope()
        let layout = block.field("layout").flatMap { Layout(rawValue: $0.value) } ?? .numerator
        if let ask = block.field("ask")?.value {
            if let tex = askLaTeX(ask, scope: scope, layout: layout), let math = try? renderer.render(tex, display: true) {
                out += "<div class=\"exercise-ask\">"
                if ask.hasPrefix("equal(") { out += "<p>Evaluate</p>" }
                out += math
                out += "</div>\n"
            }
            out += "<p class=\"exercise-code\"><span>ask:</span> <code>"
            HTML.escape(ask, into: &out)
            out += "</code>"
            for key in ["let", "where", "layout"] {
                if let f = block.field(key) {
                    out += " <span>\(key):</span> <code>"
                    HTML.escape(f.value, into: &out)
                    out += "</code>"
                }
            }
            out += "</p>\n"
        }
        out += "<p class=\"exercise-check\">Check your answer: <code>mcheck "
        HTML.escape(workbook, into: &out)
        out += "</code></p>\n"
        if let solution = block.solution {
            out += "<details class=\"solution\"><summary>Show solution</summary>\n"
            answer(solution.text, scope: scope, layout: layout, renderer: renderer, into: &out)
            out += "</details>\n"
        }
        out += "</section>\n"
    }

    static func mistake(_ m: AttachedMistake, renderer: MathMLRenderer, into out: inout String) {
        let block = m.exercise
        let scope = (try? Scope(declarations: block.field("let")?.value ?? "")) ?? Scope()
        let layout = block.field("layout").flatMap { Layout(rawValue: $0.value) } ?? .numerator
        out += "<details class=\"mistake\"><summary>Common mistake</summary>\n"
        answer(m.mistake.answer, scope: scope, layout: layout, renderer: renderer, into: &out)
        out += "<p class=\"mistake-feedback\">"
        HTML.escape(feedbackText(m.mistake.feedback), into: &out)
        out += "</p>\n</details>\n"
    }

    /// An answer as math when it parses, and as the text typed.
    static func answer(_ text: String, scope: Scope, layout: Layout, renderer: MathMLRenderer, into out: inout String) {
        let trimmed = text.trimmingSpaces()
        if let e = try? Parser.parse(trimmed, scope: scope, syntax: Syntax.detect(trimmed), layout: layout),
           let math = try? renderer.render(Printer.latex(e), display: true) {
            out += math
        }
        out += "<pre class=\"answer\"><code>"
        HTML.escape(trimmed, into: &out)
        out += "</code></pre>\n"
    }

    static func askLaTeX(_ ask: String, scope: Scope, layout: Layout) -> String? {
        if ask.hasPrefix("equal("), ask.hasSuffix(")") {
            let inner = String(ask.dropFirst(6).dropLast())
            guard let e = try? Parser.parse(inner, scope: scope, layout: layout) else { return nil }
            return Printer.latex(e)
        }
        guard let e = try? Parser.parse(ask, scope: scope, syntax: Syntax.detect(ask), layout: layout) else { return nil }
        return Printer.latex(e)
    }

    /// The grader's feedback kinds, in words.
    static func feedbackText(_ kind: String) -> String {
        switch kind {
        case "transposed": return "This is the transpose of the answer: the layout is mixed up (rows and columns swapped)."
        case "entries": return "Some entries of the matrix are wrong; the others are right."
        case "shape": return "The answer has the wrong shape."
        case "sign": return "The sign is wrong."
        case "factor": return "The answer is off by a constant factor."
        case "kink": return "The answer is wrong where the function has a kink (check the conditions of max/min)."
        case "readAs": return "The answer is read differently from what was meant (check the parentheses)."
        case "value": return "The value is wrong."
        default: return "mcheck's feedback: \(kind)."
        }
    }
}
