import CCMarkGFM
import CMarkMath

/// Turns cmark's C tree into a `Tree`, in one iterative pass, fixing up
/// source positions where cmark leaves them out or gets them wrong:
///
/// * soft and hard breaks have none: they get the byte after the previous node;
/// * a code span's range leaves out its backticks (and, over several lines,
///   ends at the wrong column): it is widened to the backtick runs;
/// * a footnote definition starts where its content starts: it starts at `[^`;
/// * a block ending on a blank line ends at "column 0" of the next line: it
///   ends at the end of its last line instead;
/// * math that spans lines: cmark's inline parser only counts the newlines it
///   consumes itself, so every later node of the paragraph would sit too high
///   (and, on the same line, too far right). The math node's end is found in
///   the source, and later nodes are shifted back into place;
/// * cmark reads a NUL as U+FFFD, three bytes, so its columns on a line with NULs lie two bytes to the right per NUL
///   before them: every column is mapped back to the file's bytes (`sourceColumn`) before it is stored. Inside
///   `inlineLocation`, `columnShift` and `enterMath`, columns are cmark's; `lastEnd` and stored ranges are the file's.
struct Converter {
    let source: UnsafeBufferPointer<UInt8>
    var builder: TreeBuilder
    /// Byte offsets of line starts, computed when first needed.
    var lineStarts: [Int] = []
    /// Whether the file holds a NUL (then cmark's columns need mapping back), found when the converter is made.
    let hasNUL: Bool

    // Inline position repair, reset at each block.
    /// Lines to add to cmark's inline line numbers (newlines inside earlier math).
    var lineShift = 0
    /// Columns to subtract from cmark's inline columns on the line where multi-line math ended.
    var columnShift = 0
    /// The end of the last node placed, for nodes cmark gives no position.
    var lastEnd = SourceLocation(line: 1, column: 0)

    // Table state.
    var alignments: [TableAlignment] = []
    var rowIsHeader = false
    var cellColumn = 0
    /// Whether the current paragraph is one cmark-gfm gave no positions (before a table that took its last line):
    /// its inlines follow each other, a line break moving them to the next line.
    var positionless = false
    /// For the header of a table that took a paragraph's last line: the lines and columns to move cmark's positions by.
    var headerShift: (lines: Int, columns: Int)?

    static func document(from bytes: UnsafeBufferPointer<UInt8>, file: String?) -> Document {
        let root = MarkdownParser.cmarkTree(bytes)
        defer { cmark_node_free(root) }
        var converter = Converter(source: bytes, builder: TreeBuilder(capacity: bytes.count / 8), hasNUL: bytes.contains(0))
        converter.convert(root)
        return Document(file: file, tree: converter.builder.build())
    }

    /// Depth-first over the C tree without recursion.
    mutating func convert(_ root: OpaquePointer) {
        var node = root
        descend: while true {
            enter(node)
            if let child = cmark_node_first_child(node) {
                node = child
                continue
            }
            while true {
                exit(node)
                if node == root { break descend }
                if let next = cmark_node_next(node) {
                    node = next
                    continue descend
                }
                guard let parent = cmark_node_parent(node) else { break descend }
                node = parent
            }
        }
    }

    // MARK: Nodes

    mutating func enter(_ node: OpaquePointer) {
        let type = cmark_node_get_type(node)
        let extensionKind = mcheck_extension_kind(node)
        switch extensionKind {
        case MCHECK_EXT_MATH_INLINE, MCHECK_EXT_MATH_DISPLAY:
            enterMath(node, display: extensionKind == MCHECK_EXT_MATH_DISPLAY)
            return
        case MCHECK_EXT_TABLE:
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            let raw = cmark_gfm_extensions_get_table_alignments(node)
            alignments = (0..<columns).map { column in
                switch raw?[column] {
                case UInt8(ascii: "l"): .left
                case UInt8(ascii: "c"): .center
                case UInt8(ascii: "r"): .right
                default: .none
                }
            }
            let range = tableRange(node)
            headerShift = nil
            let cmarkLine = Int(cmark_node_get_start_line(node))
            if range.start.line > cmarkLine, let header = cmark_node_first_child(node) {
                // cmark-gfm's header cells sit on the paragraph's first line, as if the paragraph were one line.
                let cmarkEnd = Int(cmark_node_get_end_column(header))
                let lineEnd = cmarkLocation(SourceLocation(line: range.start.line, column: lineLength(range.start.line) + 1)).column - 1
                headerShift = (range.start.line - Int(cmark_node_get_start_line(header)), max(0, cmarkEnd - lineEnd))
            }
            enterBlock(node, .table(alignments: alignments), range: range)
            return
        case MCHECK_EXT_TABLE_ROW:
            rowIsHeader = cmark_gfm_extensions_get_table_row_is_header(node) != 0
            cellColumn = 0
            var range = blockRange(node)
            if rowIsHeader, headerShift != nil, let parent = cmark_node_parent(node) {
                let line = tableRange(parent).start.line
                range = SourceRange(start: SourceLocation(line: line, column: range.start.column), end: SourceLocation(line: line, column: max(1, lineLength(line))))
            }
            enterBlock(node, .tableRow(isHeader: rowIsHeader), range: range)
            return
        case MCHECK_EXT_TABLE_CELL:
            let alignment = cellColumn < alignments.count ? alignments[cellColumn] : .none
            var range = blockRange(node)
            let shift = rowIsHeader ? headerShift : nil
            if let shift {
                func moved(_ l: SourceLocation) -> SourceLocation {
                    sourceLocation(SourceLocation(line: Int(l.line) + shift.lines, column: max(1, Int(l.column) - shift.columns)))
                }
                let raw = SourceRange(
                    start: SourceLocation(line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))),
                    end: SourceLocation(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node))))
                range = SourceRange(start: moved(raw.start), end: max(moved(raw.start), moved(raw.end)))
            }
            enterBlock(node, .tableCell(column: cellColumn, alignment: alignment, isHeader: rowIsHeader), range: range)
            if let shift {
                lineShift = shift.lines
                columnShift = shift.columns
            }
            cellColumn += 1
            return
        case MCHECK_EXT_STRIKETHROUGH:
            enterInline(node, .strikethrough)
            return
        default:
            break
        }

        switch type {
        case CMARK_NODE_DOCUMENT:
            enterBlock(node, .document)
        case CMARK_NODE_BLOCK_QUOTE:
            enterBlock(node, .blockQuote)
        case CMARK_NODE_LIST:
            let tight = cmark_node_get_list_tight(node) != 0
            if cmark_node_get_list_type(node) == CMARK_ORDERED_LIST {
                enterBlock(node, .orderedList(start: Int(cmark_node_get_list_start(node)), tight: tight))
            } else {
                enterBlock(node, .bulletList(tight: tight))
            }
        case CMARK_NODE_ITEM:
            let checked: Bool? =
                extensionKind == MCHECK_EXT_TASKLIST_ITEM ? cmark_gfm_extensions_get_tasklist_item_checked(node) : nil
            enterBlock(node, .listItem(checked: checked))
        case CMARK_NODE_CODE_BLOCK:
            enterCodeBlock(node)
        case CMARK_NODE_HTML_BLOCK:
            let html = literal(node)
            enterBlock(node, .htmlBlock(html), range: htmlBlockRange(node, html))
        case CMARK_NODE_PARAGRAPH:
            enterBlock(node, .paragraph, range: paragraphRange(node))
            positionless = cmark_node_get_start_line(node) <= 0
        case CMARK_NODE_HEADING:
            enterBlock(node, .heading(level: Int(cmark_node_get_heading_level(node))))
        case CMARK_NODE_THEMATIC_BREAK:
            enterBlock(node, .thematicBreak)
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            enterBlock(node, .footnoteDefinition(label: footnoteLabel(node)))
            builder.ranges[Int(builder.open.last!)].start.column = max(1, Int(mcheck_footnote_definition_column(node)))
        case CMARK_NODE_TEXT:
            enterInline(node, .text(literal(node)))
        case CMARK_NODE_SOFTBREAK:
            enterInline(node, .softBreak)
            columnShift = 0
        case CMARK_NODE_LINEBREAK:
            enterInline(node, .lineBreak)
            columnShift = 0
        case CMARK_NODE_CODE:
            enterInline(node, .inlineCode(literal(node)))
        case CMARK_NODE_HTML_INLINE:
            enterInline(node, .inlineHTML(literal(node)))
        case CMARK_NODE_EMPH:
            enterInline(node, .emphasis)
        case CMARK_NODE_STRONG:
            enterInline(node, .strong)
        case CMARK_NODE_LINK:
            enterInline(node, .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node))))
        case CMARK_NODE_IMAGE:
            enterInline(node, .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node))))
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            enterInline(node, .footnoteReference(label: footnoteLabel(node)))
        default:
            // A node type this layer does not know (a future extension): keep its text, if any.
            if cmark_node_get_start_line(node) > 0, (Int32(truncatingIfNeeded: type.rawValue) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK {
                enterBlock(node, .paragraph)
            } else {
                enterInline(node, .text(literal(node)))
            }
        }
    }

    mutating func exit(_ node: OpaquePointer) {
        let index = builder.open.last!
        let i = Int(index)
        if builder.kinds[i].isBlockKind {
            if case .paragraph = builder.kinds[i] { promoteLoneDisplayMath(paragraph: i) }
        } else if cmark_node_first_child(node) != nil {
            // An inline container (emphasis, link, …): its end is known now.
            if cmark_node_get_start_line(node) > 0, !positionless {
                builder.ranges[i].end = sourceLocation(inlineLocation(
                    line: cmark_node_get_end_line(node), column: cmark_node_get_end_column(node)))
            } else {
                builder.ranges[i].end = lastEnd
            }
            lastEnd = builder.ranges[i].end
        }
        builder.exit()
    }

    // MARK: Blocks

    mutating func enterBlock(_ node: OpaquePointer, _ kind: NodeKind, range given: SourceRange? = nil) {
        positionless = false
        lineShift = 0
        columnShift = 0
        var range = given ?? blockRange(node)
        // Blocks that follow each other do not overlap: cmark-gfm ends a setext heading whose text a table failed to
        // take (a delimiter row with NULs) on the next block's line (found by fuzzing the workbook merge, which kept
        // that line twice).
        if let next = cmark_node_next(node), cmark_node_get_start_line(next) > 0, cmark_node_get_type(next) != CMARK_NODE_FOOTNOTE_DEFINITION {
            let nextLine = Int(cmark_node_get_start_line(next))
            if case .tableCell = kind {} else if nextLine > range.start.line, nextLine <= range.end.line {
                range.end = SourceLocation(line: nextLine - 1, column: max(1, lineLength(nextLine - 1)))
            }
        }
        builder.enter(kind, range)
        lastEnd = range.start
        lastEnd.column -= 1
    }

    mutating func enterCodeBlock(_ node: OpaquePointer) {
        var range = blockRange(node)
        // cmark ends a fenced block that its container closes (a quote ended by a line without `>`) on that next line:
        // it ends with its container (found by fuzzing the workbook merge, which took the next line for an answer).
        if let parent = cmark_node_parent(node), cmark_node_get_type(parent) != CMARK_NODE_DOCUMENT {
            let outer = blockRange(parent)
            if outer.end < range.end { range.end = max(range.start, outer.end) }
        }
        let info = string(cmark_node_get_fence_info(node))
        let code = literal(node)
        var fenceLength: Int32 = 0, fenceOffset: Int32 = 0
        var fenceChar: CChar = 0
        let fenced = cmark_node_get_fenced(node, &fenceLength, &fenceOffset, &fenceChar) != 0
        let contentStart = SourceLocation(line: range.start.line + (fenced ? 1 : 0), column: range.start.column)
        let block = CodeBlock(info: info, code: code, isFenced: fenced, contentStartLine: contentStart.line)
        // A fence left open at the end of the file ends at its last content line, blank or not (cmark's end is "column 0"
        // of it, which `blockRange` takes for the line before; found by fuzzing the workbook merge).
        if let last = block.contentLines?.upperBound, last > range.end.line {
            range.end = SourceLocation(line: last, column: max(1, lineLength(last)))
        }
        let index = builder.enter(fenced && block.language == "math" ? .displayMath(code) : .codeBlock(block), range)
        builder.contentStarts[index] = contentStart
        lineShift = 0
        columnShift = 0
    }

    /// A paragraph that holds nothing but one `$$…$$` becomes that display math, as a block
    /// with the paragraph's range.
    mutating func promoteLoneDisplayMath(paragraph i: Int) {
        guard builder.kinds.count == i + 2, case .displayMath = builder.kinds[i + 1] else { return }
        let math = builder.kinds[i + 1]
        let contentStart = builder.contentStarts[Int32(i + 1)]
        builder.removeLast()
        builder.kinds[i] = math
        builder.contentStarts[Int32(i)] = contentStart
    }

    /// cmark ends an HTML block closed by its end condition (`-->`, `?>`, `</pre>` …) on the line before the one that
    /// holds it (a one-line block at 1:1): the block ends at the end of the last line of its literal (found by fuzzing the workbook merge, which kept a note
    /// `<!--` … `-->` without its last line).
    mutating func htmlBlockRange(_ node: OpaquePointer, _ html: String) -> SourceRange {
        var range = blockRange(node)
        let bytes = Array(html.utf8)
        // Line endings as cmark counts them: LF, CRLF, a lone CR.
        let endings = bytes.indices.filter { bytes[$0] == 0x0A || (bytes[$0] == 0x0D && (($0 + 1) == bytes.count || bytes[$0 + 1] != 0x0A)) }.count
        let last = range.start.line + endings - (endings > 0 && (bytes.last == 0x0A || bytes.last == 0x0D) ? 1 : 0)
        range.end = SourceLocation(line: last, column: max(1, lineLength(last)))
        return range
    }

    /// cmark-gfm starts a table whose header was the last line of a paragraph where the paragraph starts: it starts on
    /// the line after the paragraph (found by fuzzing the workbook merge, which copied the paragraph twice). Its rows
    /// and cells keep cmark-gfm's positions.
    ///
    /// Its lines are its header, its delimiter row and one line for each body row: it starts that many lines before its
    /// end (cmark-gfm starts it, and its header row, where the paragraph started; found by fuzzing the workbook merge).
    mutating func tableRange(_ node: OpaquePointer) -> SourceRange {
        var range = blockRange(node)
        var rows = 0
        var child = cmark_node_first_child(node)
        while let row = child {
            rows += 1
            child = cmark_node_next(row)
        }
        let header = range.end.line - max(0, rows - 1) - 1
        // Not from the block before: its end can be wrong too (a setext heading cmark-gfm ends on the table's header
        // line; found by fuzzing markdown).
        if header > range.start.line { range.start = SourceLocation(line: header, column: range.start.column) }
        return range
    }

    /// cmark-gfm gives no position to the paragraph before a table that took its last line as the header: it starts
    /// where cmark-gfm starts the table, and ends on the line before the table's header.
    mutating func paragraphRange(_ node: OpaquePointer) -> SourceRange {
        guard cmark_node_get_start_line(node) <= 0, let next = cmark_node_next(node),
              mcheck_extension_kind(next) == MCHECK_EXT_TABLE else { return blockRange(node) }
        let start = sourceLocation(SourceLocation(
            line: max(1, Int(cmark_node_get_start_line(next))), column: max(1, Int(cmark_node_get_start_column(next)))))
        let last = max(start.line, tableRange(next).start.line - 1)
        return SourceRange(start: start, end: SourceLocation(line: last, column: max(1, lineLength(last))))
    }

    /// cmark's block range, except that a block ending at "column 0" (after a blank line) ends
    /// at the end of the line before, and an empty document is 1:1-1:1.
    mutating func blockRange(_ node: OpaquePointer) -> SourceRange {
        let start = sourceLocation(SourceLocation(
            line: max(1, Int(cmark_node_get_start_line(node))), column: max(1, Int(cmark_node_get_start_column(node)))))
        var end = SourceLocation(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
        if end.column > 0 { end = sourceLocation(end) }
        if end.column <= 0, end.line > start.line {
            end = SourceLocation(line: end.line - 1, column: max(1, lineLength(end.line - 1)))
        }
        if end < start { end = start }
        return SourceRange(start: start, end: end)
    }

    // MARK: Inlines

    mutating func enterInline(_ node: OpaquePointer, _ kind: NodeKind) {
        // In a paragraph cmark-gfm gave no position, its inlines' positions (some have one) are on the wrong line.
        let startLine = positionless ? 0 : cmark_node_get_start_line(node)
        var range: SourceRange
        if startLine > 0 {
            let start = sourceLocation(inlineLocation(line: startLine, column: cmark_node_get_start_column(node)))
            let endLine = cmark_node_get_end_line(node)
            if endLine > startLine {
                // A code span or raw HTML over several lines: cmark counted those newlines itself and knows the new
                // line's start again, so its end column is not shifted (found by fuzzing: after two-line math, a code
                // span over two lines ended left of column 1).
                columnShift = 0
            }
            let end = sourceLocation(inlineLocation(line: endLine, column: cmark_node_get_end_column(node)))
            range = SourceRange(start: start, end: max(start, end))
        } else {
            let at = SourceLocation(line: lastEnd.line, column: lastEnd.column + 1)
            range = SourceRange(start: at, end: at)
        }
        if case .inlineCode = kind, startLine > 0 { range = widenCodeSpan(range) }
        builder.enter(kind, range)
        if cmark_node_first_child(node) == nil { lastEnd = range.end }
        if positionless, startLine <= 0, kind == .softBreak || kind == .lineBreak {
            lastEnd = SourceLocation(line: range.end.line + 1, column: 0)
        }
    }

    /// cmark's range of a code span covers what is between the backtick runs; widen it to the runs,
    /// and find the real end of a span over several lines (cmark leaves out the container markup).
    mutating func widenCodeSpan(_ range: SourceRange) -> SourceRange {
        let tick = UInt8(ascii: "`")
        guard let (lineStart, lineEnd) = lineBounds(range.start.line) else { return range }
        var ticks = 0
        // The range is in the file's bytes (`sourceColumn`); the bounds check is a second guard.
        var i = lineStart + range.start.column - 2
        while i >= lineStart, i < lineEnd, source[i] == tick {
            ticks += 1
            i -= 1
        }
        guard ticks > 0 else { return range }
        var widened = range
        widened.start.column -= ticks
        if range.start.line == range.end.line {
            widened.end.column += ticks
            return widened
        }
        // The closing run is the first run of exactly `ticks` backticks on the last line.
        guard let (endStart, endEnd) = lineBounds(range.end.line) else { return widened }
        var j = endStart
        while j < endEnd {
            guard source[j] == tick else { j += 1; continue }
            var k = j
            while k < endEnd, source[k] == tick { k += 1 }
            if k - j == ticks {
                widened.end.column = k - endStart
                return widened
            }
            j = k
        }
        return widened
    }

    /// A cmark inline position moved past the newlines of earlier math in the same block.
    func inlineLocation(line: Int32, column: Int32) -> SourceLocation {
        SourceLocation(line: Int(line) + lineShift, column: Int(column) - columnShift)
    }

    mutating func enterMath(_ node: OpaquePointer, display: Bool) {
        let tex = literal(node)
        let delimiter = display ? 2 : 1
        let spanLength = tex.utf8.count + 2 * delimiter
        let rawColumn = cmark_node_get_start_column(node)
        let rawLine = positionless ? 0 : cmark_node_get_start_line(node)
        // cmark-gfm gives no position to the inlines of a paragraph whose last line became a table's header: they
        // follow the node before, as other inlines without one do.
        // In cmark's columns (a NUL is three bytes), then in the file's.
        let cmarkStart = rawLine > 0
            ? inlineLocation(line: rawLine, column: rawColumn)
            : cmarkLocation(SourceLocation(line: lastEnd.line, column: lastEnd.column + 1))
        let start = sourceLocation(cmarkStart)
        var end = sourceLocation(SourceLocation(line: cmarkStart.line, column: cmarkStart.column + spanLength - 1))

        // Newlines in the TeX (`\n`, `\r\n` or a lone `\r`, as cmark counts lines) and where its last line starts.
        let bytes = Array(tex.utf8)
        var newlines = 0
        var tailStart = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\r"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
            if bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") {
                newlines += 1
                tailStart = i + 1
            }
            i += 1
        }

        if newlines > 0 {
            end.line = start.line + newlines
            var needle = Array(bytes[tailStart...])
            needle.append(contentsOf: repeatElement(UInt8(ascii: "$"), count: delimiter))
            end.column = findLineSuffix(needle, onLine: end.line) ?? needle.count
            lineShift += newlines
            // cmark's column of the span's end, on the line it thinks the span is on, less the end's real (cmark) column.
            columnShift = Int(rawColumn) + spanLength - 1 - cmarkLocation(end).column
        }

        let index = builder.enter(display ? .displayMath(tex) : .inlineMath(tex), SourceRange(start: start, end: end))
        builder.contentStarts[index] = SourceLocation(line: start.line, column: start.column + delimiter)
        if display { builder.inlineDisplayMath.insert(index) }
        lastEnd = end
    }

    // MARK: Source lines

    /// A location in cmark's columns (a NUL counts three bytes, as the U+FFFD cmark reads it as) in the file's bytes.
    /// A column inside a NUL's three is the NUL's; one past the end of the line stays past it by as much.
    mutating func sourceLocation(_ location: SourceLocation) -> SourceLocation {
        guard hasNUL, location.column >= 1, let (start, end) = lineBounds(location.line) else { return location }
        var cmark = 1
        var i = start
        while i < end {
            let width = source[i] == 0 ? 3 : 1
            if location.column < cmark + width { break }
            cmark += width
            i += 1
        }
        return SourceLocation(line: location.line, column: i - start + 1 + max(0, location.column - cmark) * (i == end ? 1 : 0))
    }

    /// A location in the file's bytes in cmark's columns (the inverse of `sourceLocation`).
    mutating func cmarkLocation(_ location: SourceLocation) -> SourceLocation {
        guard hasNUL, let (start, end) = lineBounds(location.line) else { return location }
        var cmark = location.column
        var i = start
        while i < min(end, start + location.column - 1) {
            if source[i] == 0 { cmark += 2 }
            i += 1
        }
        return SourceLocation(line: location.line, column: cmark)
    }

    /// Where `needle` (the last line of a math span with its closing delimiter) ends on `line`:
    /// the first place it occurs after nothing but container markup (spaces, tabs, `>`).
    mutating func findLineSuffix(_ needle: [UInt8], onLine line: Int) -> Int? {
        guard let (start, end) = lineBounds(line), !needle.isEmpty else { return nil }
        var i = start
        while i + needle.count <= end {
            if source[i] == needle[0] && zip(needle.indices, i...).allSatisfy({ source[$1] == needle[$0] }) {
                return i - start + needle.count
            }
            let byte = source[i]
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ">") else { return nil }
            i += 1
        }
        return nil
    }

    /// The byte length of `line`, without its line ending.
    mutating func lineLength(_ line: Int) -> Int {
        guard let (start, end) = lineBounds(line) else { return 0 }
        return end - start
    }

    /// Byte offsets of the start and end (before the line ending) of a 1-based line.
    mutating func lineBounds(_ line: Int) -> (Int, Int)? {
        if lineStarts.isEmpty { lineStarts = Converter.lineStarts(source) }
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : source.count
        if end > start, source[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > start, source[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return (start, end)
    }

    /// Line starts, with lines ending at `\n`, `\r\n` or a lone `\r` as in cmark.
    static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\n") {
                starts.append(i + 1)
            } else if byte == UInt8(ascii: "\r") {
                if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        return starts
    }

    // MARK: Strings

    func literal(_ node: OpaquePointer) -> String { string(cmark_node_get_literal(node)) }

    func footnoteLabel(_ node: OpaquePointer) -> String {
        var length = 0
        let pointer = mcheck_footnote_label(node, &length)!
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
