/// What a node is, with the data that belongs to it. Children are not part of
/// the kind; they live in the tree (`Node.children`).
public enum NodeKind: Hashable, Sendable {
    // MARK: Blocks

    /// The root. Its children are the top-level blocks.
    case document
    /// An ATX (`#`) or setext heading, level 1...6. Children: inlines.
    case heading(level: Int)
    /// Children: inlines.
    case paragraph
    /// Children: blocks.
    case blockQuote
    /// `-`, `*` or `+` items. Children: `.listItem`.
    case bulletList(tight: Bool)
    /// `1.` or `1)` items numbered from `start`. Children: `.listItem`.
    case orderedList(start: Int, tight: Bool)
    /// A list item; `checked` is nil unless it is a GFM task item (`- [ ]`, `- [x]`). Children: blocks.
    case listItem(checked: Bool?)
    /// A fenced or indented code block (a fenced block whose language is `math` becomes `.displayMath`).
    case codeBlock(CodeBlock)
    /// Raw HTML, verbatim (render it escaped or filtered: it is untrusted).
    case htmlBlock(String)
    case thematicBreak
    /// A GFM table; one alignment per column. Children: `.tableRow`, the first being the header.
    case table(alignments: [TableAlignment])
    /// Children: `.tableCell`.
    case tableRow(isHeader: Bool)
    /// A cell in 0-based `column`. Children: inlines.
    case tableCell(column: Int, alignment: TableAlignment, isHeader: Bool)
    /// `[^label]: …`. Children: blocks.
    case footnoteDefinition(label: String)

    // MARK: Math (block or inline)

    /// Display math: the TeX between `$$` and `$$`, or the content of a ```` ```math ```` block, byte for byte.
    ///
    /// It is a block when it stood alone in its paragraph, or came from a fence; otherwise it is an inline
    /// inside its paragraph, between the surrounding text. The range covers the delimiters (or fences).
    case displayMath(String)
    /// Inline math: the TeX between `$` and `$`, byte for byte.
    case inlineMath(String)

    // MARK: Inlines

    /// Text after backslash escapes and entities are resolved.
    case text(String)
    case emphasis
    case strong
    /// GFM `~~…~~`.
    case strikethrough
    /// A backtick code span's content.
    case inlineCode(String)
    /// Children: the link text.
    case link(destination: String, title: String)
    /// Children: the alt text.
    case image(source: String, title: String)
    /// Raw inline HTML, verbatim.
    case inlineHTML(String)
    case softBreak
    /// A hard line break (two trailing spaces or a backslash).
    case lineBreak
    /// `[^label]`.
    case footnoteReference(label: String)

    /// Whether the kind is a block (a container or leaf block) rather than an inline.
    /// `.displayMath` counts as a block; `Node.isBlock` tells the two uses apart.
    public var isBlockKind: Bool {
        switch self {
        case .document, .heading, .paragraph, .blockQuote, .bulletList, .orderedList, .listItem, .codeBlock,
             .htmlBlock, .thematicBreak, .table, .tableRow, .tableCell, .footnoteDefinition, .displayMath:
            return true
        case .inlineMath, .text, .emphasis, .strong, .strikethrough, .inlineCode, .link, .image, .inlineHTML,
             .softBreak, .lineBreak, .footnoteReference:
            return false
        }
    }
}

/// A code block's data.
public struct CodeBlock: Hashable, Sendable {
    /// The whole info string after the opening fence (escapes resolved, trimmed); "" if none or indented.
    public var info: String
    /// The literal content, with a trailing newline per line as cmark gives it.
    public var code: String
    /// Fenced (```` ``` ```` or `~~~`) rather than indented.
    public var isFenced: Bool
    /// The source line of the first content line (the line after the opening fence when fenced).
    public var contentStartLine: Int

    public init(info: String, code: String, isFenced: Bool, contentStartLine: Int) {
        self.info = info
        self.code = code
        self.isFenced = isFenced
        self.contentStartLine = contentStartLine
    }

    /// The first word of the info string, e.g. `exercise` for ```` ```exercise id=3 ````.
    public var language: String {
        String(info.prefix { $0 != " " && $0 != "\t" })
    }

    /// The source lines holding the content; nil for an empty block.
    public var contentLines: ClosedRange<Int>? {
        let count = code.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lines = code.isEmpty ? 0 : (code.utf8.last == UInt8(ascii: "\n") ? count : count + 1)
        return lines == 0 ? nil : contentStartLine...(contentStartLine + lines - 1)
    }
}

/// A table column's alignment.
public enum TableAlignment: String, Hashable, Sendable {
    case none, left, center, right
}
