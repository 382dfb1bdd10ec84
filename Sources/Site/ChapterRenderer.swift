import Markdown
import MathML

/// Writes one chapter's body as HTML: a `MarkupVisitor` over the parsed tree, using the math rendered in the
/// preprocess step and checking every link as it goes. Raw HTML is never passed through: comments are
/// dropped, anything else is escaped and shows as text.
struct ChapterRenderer: MarkupVisitor {
    let chapter: PreparedChapter
    let links: LinkResolver
    let renderer: MathMLRenderer
    let workbook: String
    /// Whether exercises get an answer box graded in the page.
    var inPage = false

    var out = ""
    var errors: [SiteError] = []
    /// Closing markup for each open node.
    var closers: [String] = []
    var tableBodyOpen = false
    /// A `<!-- where: … -->` read before a display equation (or inside a paragraph, before a span): shown with it.
    var pendingWhere: String?
    var pendingInlineWhere: String?
    /// Inside a heading, links render as their text (the heading is itself a link target, and the table of
    /// contents wraps it in a link).
    var headingStart: String.Index?
    /// Heading anchor → its rendered inner HTML, for the table of contents.
    var headingHTML: [String: String] = [:]
    var footnoteNumbers: [String: Int] = [:]

    init(chapter: PreparedChapter, links: LinkResolver, renderer: MathMLRenderer, workbook: String) {
        self.chapter = chapter
        self.links = links
        self.renderer = renderer
        self.workbook = workbook
        out.reserveCapacity(chapter.source.data.count * 6)
    }

    mutating func render() {
        chapter.document.root.accept(&self)
    }

    /// `for x > 0` next to the claim a `where:` narrows, so a narrowed claim never reads as a general one.
    mutating func conditionNote(_ condition: String, inline: Bool) {
        out += inline ? " <span class=\"equation-condition\">(for " : "<span class=\"equation-condition\">for "
        HTML.escape(condition, into: &out)
        out += inline ? ")</span>" : "</span>"
    }

    func error(_ node: Node, _ message: String) -> SiteError {
        SiteError(.render, file: chapter.file, line: node.range.start.line, column: chapter.columns.column(of: node.range.start), message)
    }

    mutating func enter(_ node: Node) -> WalkAction {
        var closer = ""
        defer { closers.append(closer) }
        switch node.kind {
        case .document:
            break
        case .heading(let level):
            let id = chapter.headingIDs[node.documentOrder] ?? ""
            out += "<h\(level) id=\""
            HTML.escape(id, into: &out)
            out += "\">"
            headingStart = out.endIndex
            closer = "</h\(level)>\n"
        case .paragraph:
            pendingInlineWhere = nil
            if let parent = node.parent, case .listItem = parent.kind, let list = parent.parent, isTight(list) {
                closer = "\n"
                break
            }
            if node.childCount == 1, let only = node.firstChild, case .image = only.kind {
                out += "<figure>"
                closer = "</figure>\n"
            } else {
                out += "<p>"
                closer = "</p>\n"
            }
        case .blockQuote:
            out += "<blockquote>\n"
            closer = "</blockquote>\n"
        case .bulletList:
            out += "<ul>\n"
            closer = "</ul>\n"
        case .orderedList(let start, _):
            out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            closer = "</ol>\n"
        case .listItem(let checked):
            if let checked {
                out += checked ? "<li class=\"task\"><input type=\"checkbox\" disabled checked> " : "<li class=\"task\"><input type=\"checkbox\" disabled> "
            } else {
                out += "<li>"
            }
            closer = "</li>\n"
        case .codeBlock(let block):
            codeBlock(node, block)
            return .skipChildren
        case .htmlBlock(let html):
            pendingWhere = HTML.whereCondition(html) ?? pendingWhere
            if !HTML.isOnlyComments(html) {
                out += "<p class=\"raw-html\">"
                HTML.escape(html.trimmingSpaces(), into: &out)
                out += "</p>\n"
            }
        case .thematicBreak:
            out += "<hr>\n"
        case .table:
            out += "<div class=\"table-wrap\"><table>\n"
            tableBodyOpen = false
        case .tableRow(let isHeader):
            if isHeader {
                out += "<thead><tr>"
                closer = "</tr></thead>\n"
            } else {
                if !tableBodyOpen {
                    out += "<tbody>\n"
                    tableBodyOpen = true
                }
                out += "<tr>"
                closer = "</tr>\n"
            }
        case .tableCell(_, let alignment, let isHeader):
            pendingInlineWhere = nil
            let tag = isHeader ? "th" : "td"
            out += alignment == .none ? "<\(tag)>" : "<\(tag) style=\"text-align:\(alignment.rawValue)\">"
            closer = "</\(tag)>"
        case .footnoteDefinition(let label):
            let id = "fn-" + Slug.make(label)
            let number = footnoteNumber(label)
            out += "<div class=\"footnote\" id=\"\(id)\"><span class=\"footnote-label\"><a href=\"#fnref-\(Slug.make(label))\">\(number)</a></span>\n"
            closer = "</div>\n"
        case .displayMath:
            let labels = chapter.equationLabels[node.documentOrder] ?? []
            let block = node.isBlock
            if block {
                out += "<div class=\"equation\""
                if let first = labels.first { HTML.attribute("id", first, into: &out) }
                out += ">"
                for extra in labels.dropFirst() { anchorSpan(extra) }
            } else {
                for label in labels { anchorSpan(label) }
            }
            out += chapter.math[node.documentOrder] ?? ""
            if block {
                if let condition = pendingWhere { conditionNote(condition, inline: false) }
                pendingWhere = nil
                out += "</div>\n"
            } else if let condition = pendingInlineWhere {
                conditionNote(condition, inline: true)
                pendingInlineWhere = nil
            }
            return .skipChildren
        case .inlineMath:
            out += chapter.math[node.documentOrder] ?? ""
            if let condition = pendingInlineWhere {
                conditionNote(condition, inline: true)
                pendingInlineWhere = nil
            }
            return .skipChildren
        case .text(let text):
            HTML.escape(chapter.trimmedText[node.documentOrder] ?? text, into: &out)
        case .emphasis:
            out += "<em>"
            closer = "</em>"
        case .strong:
            out += "<strong>"
            closer = "</strong>"
        case .strikethrough:
            out += "<del>"
            closer = "</del>"
        case .inlineCode(let code):
            out += "<code>"
            HTML.escape(code, into: &out)
            out += "</code>"
        case .link(let destination, let title):
            switch links.resolve(destination, from: chapter) {
            case .failure(let e):
                errors.append(error(node, e.message))
            case .success(let target):
                if headingStart != nil { break }
                out += "<a href=\""
                HTML.escape(target.href, into: &out)
                out += "\""
                HTML.attribute("title", title, into: &out)
                if LinkResolver.scheme(of: target.href) != nil || target.href.hasPrefix("//") { out += " rel=\"noopener\"" }
                out += ">"
                if node.childCount == 0 { HTML.escape(target.defaultText ?? destination, into: &out) }
                closer = "</a>"
            }
        case .image(let source, let title):
            switch links.resolve(source, from: chapter, isImage: true) {
            case .failure(let e):
                errors.append(error(node, e.message))
            case .success(let target):
                out += "<img src=\""
                HTML.escape(target.href, into: &out)
                out += "\" alt=\""
                HTML.escape(node.plainText, into: &out)
                out += "\""
                HTML.attribute("title", title, into: &out)
                out += " loading=\"lazy\">"
            }
            return .skipChildren
        case .inlineHTML(let html):
            pendingInlineWhere = HTML.whereCondition(html) ?? pendingInlineWhere
            if !HTML.isOnlyComments(html) { HTML.escape(html, into: &out) }
        case .softBreak:
            out += "\n"
        case .lineBreak:
            out += "<br>\n"
        case .footnoteReference(let label):
            let slug = Slug.make(label)
            let first = footnoteNumbers[label] == nil
            let number = footnoteNumber(label)
            out += "<sup class=\"footnote-ref\"><a href=\"#fn-\(slug)\"\(first ? " id=\"fnref-\(slug)\"" : "")>\(number)</a></sup>"
        }
        return .visitChildren
    }

    mutating func exit(_ node: Node) {
        let closer = closers.removeLast()
        switch node.kind {
        case .heading:
            if let start = headingStart, let id = chapter.headingIDs[node.documentOrder] {
                headingHTML[id] = String(out[start...])
                out += "<a class=\"anchor\" href=\"#"
                HTML.escape(id, into: &out)
                out += "\" aria-label=\"Link to this section\">#</a>"
            }
            headingStart = nil
        case .table:
            out += tableBodyOpen ? "</tbody>\n</table></div>\n" : "</table></div>\n"
            tableBodyOpen = false
            return
        default:
            break
        }
        out += closer
    }

    mutating func footnoteNumber(_ label: String) -> Int {
        if let n = footnoteNumbers[label] { return n }
        let n = footnoteNumbers.count + 1
        footnoteNumbers[label] = n
        return n
    }

    mutating func anchorSpan(_ id: String) {
        out += "<span class=\"eq-anchor\" id=\""
        HTML.escape(id, into: &out)
        out += "\"></span>"
    }

    func isTight(_ list: Node) -> Bool {
        switch list.kind {
        case .bulletList(let tight), .orderedList(_, let tight): return tight
        default: return false
        }
    }

    mutating func codeBlock(_ node: Node, _ block: CodeBlock) {
        let line = node.range.start.line
        switch block.isFenced ? block.language : "" {
        case "exercise":
            if let exercise = chapter.exercises[line] {
                ExerciseHTML.box(exercise, chapter: chapter.source.number, workbook: workbook, inPage: inPage, renderer: renderer, into: &out)
                return
            }
        case "solution":
            if chapter.attachedSolutions.contains(line) { return }
        case "mistake":
            if let m = chapter.mistakes[line] {
                ExerciseHTML.mistake(m, renderer: renderer, into: &out)
                return
            }
        case "answer-kept":
            return
        default:
            break
        }
        out += "<div class=\"code\"><pre><code"
        let language = block.language
        if !language.isEmpty {
            out += " class=\"language-"
            HTML.escape(language, into: &out)
            out += "\""
        }
        out += ">"
        HTML.escape(block.code, into: &out)
        out += "</code></pre></div>\n"
    }
}
