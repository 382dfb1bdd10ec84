/// The storage behind a `Document`: every node in document (pre-)order in flat
/// arrays. A node's descendants are the indices after it up to its
/// `subtreeEnd`, so walking, searching and freeing never recurse, however
/// deep the nesting.
final class Tree: Sendable {
    let kinds: [NodeKind]
    let ranges: [SourceRange]
    /// One past the last index of the node's subtree.
    let subtreeEnds: [Int32]
    /// The parent's index; -1 for the root.
    let parents: [Int32]
    /// Where a math node's TeX or a code block's content starts, for the nodes where it differs from `range.start`.
    let contentStarts: [Int32: SourceLocation]
    /// Whether `.displayMath` at the index is inline in its paragraph (the others are blocks).
    let inlineDisplayMath: Set<Int32>

    init(kinds: [NodeKind], ranges: [SourceRange], subtreeEnds: [Int32], parents: [Int32],
         contentStarts: [Int32: SourceLocation], inlineDisplayMath: Set<Int32>) {
        self.kinds = kinds
        self.ranges = ranges
        self.subtreeEnds = subtreeEnds
        self.parents = parents
        self.contentStarts = contentStarts
        self.inlineDisplayMath = inlineDisplayMath
    }

    var count: Int { kinds.count }

    func hasSameContent(as other: Tree) -> Bool {
        self === other
            || (kinds == other.kinds && ranges == other.ranges && subtreeEnds == other.subtreeEnds
                && contentStarts == other.contentStarts && inlineDisplayMath == other.inlineDisplayMath)
    }
}

/// Builds a `Tree` in document order: `enter` a node, add its children, `exit` it.
struct TreeBuilder {
    var kinds: [NodeKind] = []
    var ranges: [SourceRange] = []
    var subtreeEnds: [Int32] = []
    var parents: [Int32] = []
    var contentStarts: [Int32: SourceLocation] = [:]
    var inlineDisplayMath: Set<Int32> = []
    /// The open nodes, innermost last.
    var open: [Int32] = []

    init(capacity: Int = 0) {
        kinds.reserveCapacity(capacity)
        ranges.reserveCapacity(capacity)
        subtreeEnds.reserveCapacity(capacity)
        parents.reserveCapacity(capacity)
    }

    /// Adds a node as the last child of the innermost open node and opens it. Returns its index.
    @discardableResult
    mutating func enter(_ kind: NodeKind, _ range: SourceRange) -> Int32 {
        let index = Int32(kinds.count)
        kinds.append(kind)
        ranges.append(range)
        subtreeEnds.append(index + 1)
        parents.append(open.last ?? -1)
        open.append(index)
        return index
    }

    /// Closes the innermost open node.
    mutating func exit() {
        let index = open.removeLast()
        subtreeEnds[Int(index)] = Int32(kinds.count)
    }

    /// Removes the last node added, which must be a closed leaf.
    mutating func removeLast() {
        let index = Int32(kinds.count - 1)
        kinds.removeLast()
        ranges.removeLast()
        subtreeEnds.removeLast()
        parents.removeLast()
        contentStarts[index] = nil
        inlineDisplayMath.remove(index)
    }

    func build() -> Tree {
        precondition(open.isEmpty, "unbalanced tree")
        return Tree(kinds: kinds, ranges: ranges, subtreeEnds: subtreeEnds, parents: parents,
                    contentStarts: contentStarts, inlineDisplayMath: inlineDisplayMath)
    }
}
