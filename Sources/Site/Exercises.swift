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
        // A part of a multi-part exercise: `Exercise 3.2 (b)`; part a holds the exercise's anchor, the others their key.
        let label = "Exercise \(chapter).\(exercise.number)" + (block.part.map { " (\($0))" } ?? "")
        let anchor = block.part == nil || block.part == "a" ? block.id : block.key
        out += "<section class=\"exercise\(block.part == nil ? "" : " exercise-part")\""
        if let anchor { HTML.attribute("id", anchor, into: &out) }
        out += " aria-label=\"\(label)\">\n<p class=\"exercise-title\"><a href=\"#"
        HTML.escape(anchor ?? "", into: &out)
        out += "\">\(label)</a></p>\n"

        let question = exercise.question
        if let ask = block.field("ask")?.value {
            if question.kind == .step {
                steps(question, renderer: renderer, into: &out)
            } else if let math = try? renderer.render(Printer.latex(question.ask), display: true) {
                out += "<div class=\"exercise-ask\">"
                if question.isEquality { out += "<p>Evaluate</p>" }
                if question.kind == .shape { out += "<p>The shape (rows×columns) of</p>" }
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

    /// A find-the-error derivation, its steps numbered: the first line `f = side 1 (1)`, then `= side k (k)`.
    static func steps(_ question: Question, renderer: MathMLRenderer, into out: inout String) {
        out += "<div class=\"exercise-ask exercise-steps\"><p>Which step is wrong?</p>\n<ol>\n"
        for k in 1..<question.steps.count {
            let tex = (k == 1 ? Printer.latex(question.steps[0]) + " " : "") + "= " + Printer.latex(question.steps[k])
            out += "<li>"
            if let math = try? renderer.render(tex, display: true) { out += math } else { HTML.escape(tex, into: &out) }
            out += "</li>\n"
        }
        out += "</ol>\n</div>\n"
    }

    /// An answer as math when it parses (a solution that does not is `mcheck verify`'s to report), and as the text typed.
    /// A shape (`m×n`) or a step number is shown as typed.
    static func answer(_ text: String, question: Question, renderer: MathMLRenderer, into out: inout String) {
        let trimmed = text.trimmingSpaces()
        if question.kind == .derivative || question.kind == .equality, let e = try? Parser.parse(trimmed, scope: question.scope, syntax: Syntax.detect(trimmed), layout: question.layout),
           let math = try? renderer.render(Printer.latex(e), display: true) {
            out += math
        }
        out += "<pre class=\"answer\"><code>"
        HTML.escape(trimmed, into: &out)
        out += "</code></pre>\n"
    }
}
