/// A node of a parsed document: a cheap handle (the shared immutable tree and
/// an index). Nodes compare equal when they are the same node of the same parse.
public struct Node: Hashable, Sendable {
    let tree: Tree
    let index: Int

    init(_ tree: Tree, _ index: Int) {
        self.tree = tree
        self.index = index
    }

    public static func == (a: Node, b: Node) -> Bool { a.tree === b.tree && a.index == b.index }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(tree))
        hasher.combine(index)
    }

    /// What the node is, with its data.
    public var kind: NodeKind { tree.kinds[index] }

    /// Where the node is in the source, delimiters and fences included.
    public var range: SourceRange { tree.ranges[index] }

    /// Where the node's literal content starts: the first content line of a code block or
    /// ```` ```math ```` block (column of the fence), the byte after the opening `$`/`$$` of math;
    /// `range.start` for every other node.
    public var contentStart: SourceLocation { tree.contentStarts[Int32(index)] ?? range.start }

    /// Whether the node is a block. `.displayMath` inside a paragraph (with text around it) is an inline.
    public var isBlock: Bool {
        kind.isBlockKind && !tree.inlineDisplayMath.contains(Int32(index))
    }

    /// The node's position in document order (0 is the document).
    public var documentOrder: Int { index }

    // MARK: Navigation

    /// The direct children, in order.
    public var children: [Node] {
        var result: [Node] = []
        var child = index + 1
        let end = Int(tree.subtreeEnds[index])
        while child < end {
            result.append(Node(tree, child))
            child = Int(tree.subtreeEnds[child])
        }
        return result
    }

    /// The number of direct children.
    public var childCount: Int {
        var count = 0
        var child = index + 1
        let end = Int(tree.subtreeEnds[index])
        while child < end {
            count += 1
            child = Int(tree.subtreeEnds[child])
        }
        return count
    }

    public var firstChild: Node? {
        index + 1 < Int(tree.subtreeEnds[index]) ? Node(tree, index + 1) : nil
    }

    public var nextSibling: Node? {
        let parent = Int(tree.parents[index])
        guard parent >= 0 else { return nil }
        let next = Int(tree.subtreeEnds[index])
        return next < Int(tree.subtreeEnds[parent]) ? Node(tree, next) : nil
    }

    public var parent: Node? {
        let parent = Int(tree.parents[index])
        return parent >= 0 ? Node(tree, parent) : nil
    }

    /// The enclosing nodes, innermost first.
    public var ancestors: [Node] {
        var result: [Node] = []
        var current = Int(tree.parents[index])
        while current >= 0 {
            result.append(Node(tree, current))
            current = Int(tree.parents[current])
        }
        return result
    }

    /// Every node below this one, in document order (not including this one).
    public var descendants: [Node] {
        (index + 1..<Int(tree.subtreeEnds[index])).map { Node(tree, $0) }
    }

    /// The number of nodes in this subtree, this one included.
    public var subtreeSize: Int { Int(tree.subtreeEnds[index]) - index }

    // MARK: Payload accessors

    /// The code block's data, for `.codeBlock`.
    public var codeBlock: CodeBlock? {
        if case .codeBlock(let block) = kind { return block }
        return nil
    }

    /// The TeX of `.inlineMath` / `.displayMath`, byte for byte.
    public var tex: String? {
        switch kind {
        case .inlineMath(let tex), .displayMath(let tex): return tex
        default: return nil
        }
    }

    /// The text content: text, code and math content concatenated; a soft break gives a space,
    /// a hard break and the boundary between blocks a newline.
    public var plainText: String {
        var result = ""
        let end = Int(tree.subtreeEnds[index])
        for i in index..<end {
            switch tree.kinds[i] {
            case .text(let s), .inlineCode(let s), .inlineMath(let s): result += s
            case .displayMath(let s), .htmlBlock(let s):
                if i != index && !result.isEmpty && !result.hasSuffix("\n") { result += "\n" }
                result += s
            case .codeBlock(let block):
                if i != index && !result.isEmpty && !result.hasSuffix("\n") { result += "\n" }
                result += block.code
            case .softBreak: result += " "
            case .lineBreak: result += "\n"
            case let kind where kind.isBlockKind:
                if i != index && !result.isEmpty && !result.hasSuffix("\n") { result += "\n" }
            default: break
            }
        }
        return result
    }
}
