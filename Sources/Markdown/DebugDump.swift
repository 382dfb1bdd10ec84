extension NodeKind {
    /// One line for `debugDump`: the kind's name and data, without children.
    public var dumpDescription: String {
        func q(_ s: String) -> String { s.debugDescription }
        switch self {
        case .document: return "Document"
        case .heading(let level): return "Heading level: \(level)"
        case .paragraph: return "Paragraph"
        case .blockQuote: return "BlockQuote"
        case .bulletList(let tight): return "BulletList \(tight ? "tight" : "loose")"
        case .orderedList(let start, let tight): return "OrderedList start: \(start) \(tight ? "tight" : "loose")"
        case .listItem(let checked):
            switch checked {
            case nil: return "ListItem"
            case true?: return "ListItem [x]"
            case false?: return "ListItem [ ]"
            }
        case .codeBlock(let block):
            let lines = block.contentLines.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "none"
            return "CodeBlock \(block.isFenced ? "fenced" : "indented") info: \(q(block.info)) lines: \(lines) \(q(block.code))"
        case .htmlBlock(let html): return "HTMLBlock \(q(html))"
        case .thematicBreak: return "ThematicBreak"
        case .table(let alignments): return "Table alignments: [\(alignments.map(\.rawValue).joined(separator: ", "))]"
        case .tableRow(let isHeader): return isHeader ? "TableRow header" : "TableRow"
        case .tableCell(let column, let alignment, let isHeader):
            return "TableCell column: \(column) align: \(alignment.rawValue)\(isHeader ? " header" : "")"
        case .footnoteDefinition(let label): return "FootnoteDefinition label: \(q(label))"
        case .displayMath(let tex): return "DisplayMath \(q(tex))"
        case .inlineMath(let tex): return "InlineMath \(q(tex))"
        case .text(let text): return "Text \(q(text))"
        case .emphasis: return "Emphasis"
        case .strong: return "Strong"
        case .strikethrough: return "Strikethrough"
        case .inlineCode(let code): return "InlineCode \(q(code))"
        case .link(let destination, let title):
            return "Link destination: \(q(destination))" + (title.isEmpty ? "" : " title: \(q(title))")
        case .image(let source, let title):
            return "Image source: \(q(source))" + (title.isEmpty ? "" : " title: \(q(title))")
        case .inlineHTML(let html): return "InlineHTML \(q(html))"
        case .softBreak: return "SoftBreak"
        case .lineBreak: return "LineBreak"
        case .footnoteReference(let label): return "FootnoteReference label: \(q(label))"
        }
    }
}

extension Node {
    /// An indented tree, one node a line: `Kind @line:col-line:col data`, e.g.
    ///
    ///     Document @1:1-2:5
    ///     └─ Paragraph @1:1-2:5
    ///        ├─ Text @1:1-1:5 "Hello"
    ///        ...
    ///
    /// Inline `.displayMath` is marked `(inline)`. Iterative, but the output is quadratic in the depth.
    public func debugDump() -> String {
        var out = ""
        // For each open ancestor below the dumped node: its subtree end and whether it is a last child.
        var open: [(end: Int, isLast: Bool)] = []
        let end = Int(tree.subtreeEnds[index])
        for i in index..<end {
            while let last = open.last, i >= last.end { open.removeLast() }
            let isLast: Bool
            if i == index {
                isLast = true
            } else {
                let parent = Int(tree.parents[i])
                isLast = tree.subtreeEnds[i] == tree.subtreeEnds[parent]
                for ancestor in open.dropFirst() { out += ancestor.isLast ? "   " : "│  " }
                out += isLast ? "└─ " : "├─ "
            }
            let description = tree.kinds[i].dumpDescription
            let space = description.firstIndex(of: " ") ?? description.endIndex
            out += description[..<space]
            out += " @\(tree.ranges[i])"
            if tree.inlineDisplayMath.contains(Int32(i)) { out += " (inline)" }
            out += description[space...]
            out += "\n"
            open.append((Int(tree.subtreeEnds[i]), isLast))
        }
        return out
    }
}

extension Document {
    /// `root.debugDump()`: the whole tree with `@line:col-line:col` ranges, for tests and debugging.
    public func debugDump() -> String { root.debugDump() }
}
