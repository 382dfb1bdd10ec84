import Markdown
import MathML

/// The search index: one entry per section of every chapter (its title, address and prose), written as
/// a script (`search-index.js`, setting `window.MCHECK_SEARCH`) so that search works from `file://` too,
/// where pages cannot fetch JSON.
enum SearchIndex {
    static func script(_ chapters: [PreparedChapter]) -> String {
        script(entries: chapters.map(entries))
    }

    /// The script from each chapter's entries (`entries(_:)`, worked out beside the chapter's page).
    static func script(entries: [String]) -> String {
        var s = "window.MCHECK_SEARCH=["
        s += entries.joined(separator: ",\n")
        s += "];\n"
        return s
    }

    /// One chapter's entries, one per section (at least one: the chapter's top), separated by `,\n`.
    static func entries(_ chapter: PreparedChapter) -> String {
        var s = ""
        var first = true
        var section = (title: chapter.title, id: "")
        var text = ""
        func flush() {
            if !first { s += ",\n" }
            first = false
            s += "{\"c\":"
            HTML.json(chapter.navTitle, into: &s)
            s += ",\"t\":"
            HTML.json(section.title, into: &s)
            s += ",\"u\":"
            HTML.json(chapter.pageName + (section.id.isEmpty ? "" : "#" + section.id), into: &s)
            s += ",\"x\":"
            HTML.json(singleSpaced(text), into: &s)
            s += "}"
            text = ""
        }
        var headingIndex = 0
        for block in chapter.document.blocks {
            if case .heading = block.kind {
                if headingIndex > 0 || !text.isEmpty { flush() }
                let id = chapter.headingIDs[block.documentOrder] ?? ""
                let title = chapter.sections.first { $0.id == id }?.text ?? block.plainText
                section = (title, headingIndex == 0 ? "" : id)
                headingIndex += 1
                continue
            }
            if case .codeBlock = block.kind { continue }
            if case .htmlBlock = block.kind { continue }
            proseText(block, into: &text)
        }
        flush()
        return s
    }

    /// Text and inline code of a block, with its math as plain text (`\mathbf{x}` → `x`, `\alpha` → `α`: search finds
    /// it and snippets have no holes), without markup.
    static func proseText(_ node: Node, into text: inout String) {
        node.walk { n in
            switch n.kind {
            case .text(let t), .inlineCode(let t):
                text += t
            case .softBreak, .lineBreak, .paragraph, .listItem, .tableCell:
                if let last = text.utf8.last, last != 0x20 { text += " " }
            case .inlineMath(let tex), .displayMath(let tex):
                let math = MathPlainText.of(tex)
                if let last = text.utf8.last, last != 0x20, !math.isEmpty { text += " " }
                text += math
                if !math.isEmpty { text += " " }
            default:
                break
            }
        }
    }

    /// The text with runs of spaces made one and none at the ends; a space before `,` `.` `;` `:` `)` dropped (a
    /// formula's text is followed by a space, the sentence's punctuation after it).
    static func singleSpaced(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var space = false
        for c in text.utf8 {
            if c == 0x20 { space = !out.isEmpty; continue }
            // `,` `.` `;` `:` `)` `?` `!`: no space before them.
            if space, !(c == 0x2C || c == 0x2E || c == 0x3B || c == 0x3A || c == 0x29 || c == 0x3F || c == 0x21) { out.append(0x20) }
            space = false
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
