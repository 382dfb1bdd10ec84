import Calculus
import Grading
import MathML

/// Exercise boxes, solutions and common-mistake notes.
///
/// The question and the solution are shown as math when mcheck's own parser reads them (the same
/// parser that grades answers), with the text a student types below; as code otherwise.
enum ExerciseHTML {
    static func box(_ exercise: NumberedExercise, chapter: Int, workbook: String, inPage: Bool = false, renderer: MathMLRenderer, into out: inout String) {
        let block = exercise.block
        let label = "Exercise \(chapter).\(exercise.number)"
        out += "<section class=\"exercise\""
        if let id = block.id { HTML.attribute("id", id, into: &out) }
        out += " aria-label=\"\(label)\">\n<p class=\"exercise-title\"><a href=\"#"
        HTML.escape(block.id ?? "", into: &out)
        out += "\">\(label)</a></p>\n"

        let question = exercise.question
        if let ask = block.field("ask")?.value {
            if let math = try? renderer.render(Printer.latex(question.ask), display: true) {
                out += "<div class=\"exercise-ask\">"
                if question.isEquality { out += "<p>Evaluate</p>" }
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
        if inPage { InPageGrading.box(exercise, into: &out) }
        out += "<p class=\"exercise-check\">Check your answer: <code>mcheck "
        HTML.escape(workbook, into: &out)
        out += "</code></p>\n"
        if let solution = block.solution {
            out += "<details class=\"solution\"><summary>Show solution</summary>\n"
            answer(solution.text, question: question, renderer: renderer, into: &out)
            out += "</details>\n"
        }
        out += "</section>\n"
    }

    static func mistake(_ m: AttachedMistake, renderer: MathMLRenderer, into out: inout String) {
        out += "<details class=\"mistake\"><summary>Common mistake</summary>\n"
        answer(m.mistake.answer, question: m.question, renderer: renderer, into: &out)
        out += "<p class=\"mistake-feedback\">"
        HTML.escape(m.mistake.feedback.summary, into: &out)
        out += "</p>\n</details>\n"
    }

    /// An answer as math when it parses (a solution that does not is `mcheck verify`'s to report), and as the text typed.
    static func answer(_ text: String, question: Question, renderer: MathMLRenderer, into out: inout String) {
        let trimmed = text.trimmingSpaces()
        if let e = try? Parser.parse(trimmed, scope: question.scope, syntax: Syntax.detect(trimmed), layout: question.layout),
           let math = try? renderer.render(Printer.latex(e), display: true) {
            out += math
        }
        out += "<pre class=\"answer\"><code>"
        HTML.escape(trimmed, into: &out)
        out += "</code></pre>\n"
    }
}
