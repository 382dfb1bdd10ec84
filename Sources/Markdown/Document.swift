/// A parsed Markdown file: an immutable tree of `Node`s with a source range on each.
///
/// Two documents are equal when they have the same file name and the same
/// tree (kinds, ranges, shape), even if they come from different parses.
public struct Document: Equatable, Sendable {
    /// The file name given to the parser, for messages.
    public let file: String?
    let tree: Tree

    init(file: String?, tree: Tree) {
        self.file = file
        self.tree = tree
    }

    public static func == (a: Document, b: Document) -> Bool {
        a.file == b.file && a.tree.hasSameContent(as: b.tree)
    }

    /// The `.document` node.
    public var root: Node { Node(tree, 0) }

    /// The top-level blocks.
    public var blocks: [Node] { root.children }

    /// Whether there are no blocks at all.
    public var isEmpty: Bool { tree.count == 1 }

    /// The number of nodes, the root included.
    public var nodeCount: Int { tree.count }

    /// Calls `visit` on every node, in document order (the root first).
    public func walk(_ visit: (Node) throws -> Void) rethrows { try root.walk(visit) }

    /// Every node satisfying `predicate`, in document order.
    public func nodes(where predicate: (Node) throws -> Bool) rethrows -> [Node] { try root.nodes(where: predicate) }

    /// All code blocks (fenced and indented), in document order. ```` ```math ```` blocks are `.displayMath` instead.
    public func codeBlocks() -> [Node] {
        nodes { if case .codeBlock = $0.kind { true } else { false } }
    }

    /// Fenced code blocks whose info string's first word is `info` (```` ```exercise id=2 ```` matches
    /// `"exercise"`), in document order. Each node's `range` spans the fences; `codeBlock.contentLines`
    /// gives the answer's own lines.
    public func codeBlocks(info: String) -> [Node] {
        nodes { node in
            if case .codeBlock(let block) = node.kind { block.isFenced && block.language == info } else { false }
        }
    }

    /// Every `.inlineMath` and `.displayMath` node, in document order.
    public var mathNodes: [Node] {
        nodes { node in
            switch node.kind {
            case .inlineMath, .displayMath: true
            default: false
            }
        }
    }

    /// The node at a document-order position (`Node.documentOrder`).
    public func node(atDocumentOrder index: Int) -> Node {
        precondition(index >= 0 && index < tree.count, "node index out of range")
        return Node(tree, index)
    }
}
