/// What a traversal does after entering a node.
public enum WalkAction: Sendable {
    /// Go on into the node's children.
    case visitChildren
    /// Leave the node's children out (its `exit` still comes).
    case skipChildren
    /// End the whole traversal at once (no more `exit` calls).
    case stop
}

/// A visitor with enter/exit hooks, for renderers that open and close elements.
public protocol MarkupVisitor {
    mutating func enter(_ node: Node) -> WalkAction
    mutating func exit(_ node: Node)
}

extension MarkupVisitor {
    public mutating func exit(_ node: Node) {}
}

extension Node {
    /// Calls `visit` on this node and every descendant, in document order.
    /// Iterative: safe on arbitrarily deep trees.
    public func walk(_ visit: (Node) throws -> Void) rethrows {
        for i in index..<Int(tree.subtreeEnds[index]) {
            try visit(Node(tree, i))
        }
    }

    /// Depth-first traversal with enter and exit events, in document order. Iterative.
    public func traverse(enter: (Node) throws -> WalkAction, exit: (Node) throws -> Void = { _ in }) rethrows {
        let end = Int(tree.subtreeEnds[index])
        var open: [Int] = []
        var i = index
        while true {
            while let last = open.last, i >= Int(tree.subtreeEnds[last]) {
                open.removeLast()
                try exit(Node(tree, last))
            }
            if i >= end { return }
            let node = Node(tree, i)
            switch try enter(node) {
            case .visitChildren:
                open.append(i)
                i += 1
            case .skipChildren:
                try exit(node)
                i = Int(tree.subtreeEnds[i])
            case .stop:
                return
            }
        }
    }

    /// Runs `visitor` over this subtree.
    public func accept<V: MarkupVisitor>(_ visitor: inout V) {
        traverse(enter: { visitor.enter($0) }, exit: { visitor.exit($0) })
    }

    /// The nodes of this subtree (this one included) that satisfy `predicate`, in document order.
    public func nodes(where predicate: (Node) throws -> Bool) rethrows -> [Node] {
        var result: [Node] = []
        try walk { if try predicate($0) { result.append($0) } }
        return result
    }

    /// The first node of this subtree (this one included), in document order, satisfying `predicate`.
    public func first(where predicate: (Node) throws -> Bool) rethrows -> Node? {
        for i in index..<Int(tree.subtreeEnds[index]) where try predicate(Node(tree, i)) {
            return Node(tree, i)
        }
        return nil
    }
}
