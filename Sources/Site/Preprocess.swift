import Course
import Grading
import Foundation
import Markdown
import MathML

/// A section of a chapter: a heading with its anchor.
struct Section: Sendable {
    var level: Int
    var id: String
    /// The heading as plain text (for the search index and empty links).
    var text: String
    var line: Int
}

/// An exercise of a chapter with its number ("Exercise 4.3" is number 3 of chapter 4).
struct NumberedExercise: Sendable {
    var block: ExerciseBlock
    /// The exercise as the grader reads it.
    var question: Question
    var number: Int
}

/// A mistake block and the question of the exercise it belongs to.
struct AttachedMistake: Sendable {
    var mistake: Mistake
    var question: Question
}

/// A chapter after the preprocess step: parsed, its math rendered, its anchors known.
struct PreparedChapter: Sendable {
    var source: ChapterSource
    /// The chapter as the grader's workbook reader sees it (its exercise blocks); made by the one parse.
    var workbook: Workbook
    var document: Document { workbook.document }
    /// Turns the document's byte columns into the Characters messages count.
    var columns: CharacterColumns
    var title: String
    var sections: [Section] = []
    /// Heading node (document order) → anchor.
    var headingIDs: [Int: String] = [:]
    /// Text nodes whose trailing `{#id}` is cut off (document order → the text left).
    var trimmedText: [Int: String] = [:]
    /// Every anchor of the page → the line defining it.
    var anchors: [String: Int] = [:]
    /// Math node (document order) → its MathML.
    var math: [Int: String] = [:]
    /// Display math node (document order) → its labels.
    var equationLabels: [Int: [String]] = [:]
    /// Equation label → its number as shown, e.g. `4.2`.
    var equationNumbers: [String: String] = [:]
    /// Exercise fence line → the exercise.
    var exercises: [Int: NumberedExercise] = [:]
    /// Fence lines of solution blocks shown inside their exercise's box.
    var attachedSolutions: Set<Int> = []
    /// Fence line → a mistake block and the exercise it belongs to.
    var mistakes: [Int: AttachedMistake] = [:]

    var file: String { source.path }
    var pageName: String { source.pageName }
    /// "4. The Jacobian Matrix" style label for navigation.
    var navTitle: String { "\(source.number). \(title)" }
}

enum Preprocessor {
    /// Parses a chapter, renders its math, collects anchors; returns every error found.
    static func prepare(_ source: ChapterSource, renderer: MathMLRenderer) -> Result<PreparedChapter, SiteFailure> {
        var errors: [SiteError] = []
        let file = source.path
        // One parse, shared with the exercise reader (the grader's own view of the exercise blocks).
        let workbook: Workbook
        do { workbook = try Workbook.parse(data: source.data, file: file) } catch {
            return .failure(SiteFailure(SiteError(.preprocess, file: file, line: error.line, column: error.column, error.message)))
        }
        let document = workbook.document
        var chapter = PreparedChapter(source: source, workbook: workbook, columns: CharacterColumns(workbook.text), title: "")
        let columns = chapter.columns
        /// cmark's byte column as the Characters every mcheck message counts.
        func column(_ location: SourceLocation) -> Int { columns.column(of: location) }

        func anchor(_ id: String, line: Int, column: Int?) {
            if id.isEmpty {
                errors.append(SiteError(.preprocess, file: file, line: line, column: column, "empty anchor"))
            } else if let first = chapter.anchors[id] {
                errors.append(SiteError(.preprocess, file: file, line: line, column: column, "duplicate anchor '#\(id)' (first defined on line \(first))"))
            } else {
                chapter.anchors[id] = line
            }
        }

        var labelled = 0
        document.walk { node in
            switch node.kind {
            case .heading(let level):
                var text = node.plainText
                var id: String
                if let (explicit, trimmed, textNode) = explicitID(node) {
                    id = explicit
                    chapter.trimmedText[textNode] = trimmed
                    text = text.replacingOccurrences(of: "{#\(explicit)}", with: "").trimmingSpaces()
                } else {
                    id = Slug.make(text)
                    if id.isEmpty { id = "section" }
                }
                if level == 1 && chapter.title.isEmpty {
                    chapter.title = text
                }
                chapter.headingIDs[node.documentOrder] = id
                chapter.sections.append(Section(level: level, id: id, text: text, line: node.range.start.line))
                anchor(id, line: node.range.start.line, column: column(node.range.start))
            case .inlineMath(let tex), .displayMath(let tex):
                let display: Bool
                if case .displayMath = node.kind { display = true } else { display = false }
                do throws(MathError) {
                    var rendered = try renderer.renderDetailed(tex, display: display)
                    if display, !rendered.labels.isEmpty {
                        // As in LaTeX, only an equation numbered automatically takes the next number: one with its
                        // own \tag, or with \notag, does not.
                        var number = rendered.tag
                        if number == nil && !rendered.unnumbered {
                            labelled += 1
                            let auto = "\(source.number).\(labelled)"
                            if let tagged = try? renderer.unmemoized.renderDetailed(tex + " \\tag{\(auto)}", display: true) {
                                rendered = tagged
                                number = auto
                            }
                        }
                        chapter.equationLabels[node.documentOrder] = rendered.labels
                        for label in rendered.labels {
                            anchor(label, line: node.range.start.line, column: column(node.range.start))
                            chapter.equationNumbers[label] = number ?? label
                        }
                    } else if !rendered.labels.isEmpty {
                        errors.append(SiteError(.preprocess, file: file, line: node.range.start.line, column: column(node.range.start), "\\label is only allowed in display math ($$…$$)"))
                    }
                    chapter.math[node.documentOrder] = rendered.mathml
                } catch {
                    let at = node.location(ofTeXOffset: error.offset)
                    errors.append(SiteError(.preprocess, file: file, line: at.line, column: column(at), kind: .latex, "cannot render LaTeX: \(error.message)"))
                }
            case .footnoteDefinition(let label):
                anchor("fn-" + Slug.make(label), line: node.range.start.line, column: column(node.range.start))
            default:
                break
            }
        }
        if chapter.title.isEmpty {
            errors.append(SiteError(.preprocess, file: file, line: 1, "the chapter has no title (a first-level heading such as '# The Jacobian')"))
            chapter.title = source.name
        }

        // Exercises, read the way the grader reads them: into the grader's own Question.
        let checked = workbook
        func report(_ e: SourceError) { errors.append(SiteError(.preprocess, file: file, line: e.line, column: e.column, kind: .exercise, e.message)) }
        checked.errors.forEach(report)
        // A multi-part exercise is one exercise: one number, one anchor (its part a's); its parts are boxes of their own.
        var number = 0
        for exercise in checked.exercises {
            if exercise.part == nil || exercise.part == "a" { number += 1 }
            guard let id = exercise.id else { continue }
            if exercise.part == nil || exercise.part == "a" { anchor(id, line: exercise.field("id")?.line ?? exercise.line, column: nil) }
            let question: Question
            do { question = try Question(exercise, file: file) } catch {
                report(error)
                continue
            }
            chapter.exercises[exercise.line] = NumberedExercise(block: exercise, question: question, number: number)
            if let s = exercise.solution { chapter.attachedSolutions.insert(s.fenceLine) }
            for m in exercise.mistakes { chapter.mistakes[m.fenceLine] = AttachedMistake(mistake: m, question: question) }
        }

        return errors.isEmpty ? .success(chapter) : .failure(SiteFailure(errors))
    }

    /// A heading ending in `{#id}`: the id, the text of its last text node without it, and that node.
    static func explicitID(_ heading: Node) -> (String, String, Int)? {
        guard let last = heading.children.last, case .text(let text) = last.kind, text.hasSuffix("}"),
              let open = text.range(of: "{#", options: .backwards)
        else { return nil }
        let id = String(text[open.upperBound..<text.index(before: text.endIndex)])
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }) else { return nil }
        var rest = String(text[..<open.lowerBound])
        while rest.hasSuffix(" ") { rest.removeLast() }
        return (id, rest, last.documentOrder)
    }
}
