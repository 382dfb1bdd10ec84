// The MathML tree, kept in one array (no allocation per node) and written out in one pass.

/// The element a node becomes.
enum Kind: UInt8 {
    // Tokens: `text` is their (already escaped) content.
    case mi, mn, mo, mtext
    /// `<mspace …/>` (attributes only).
    case mspace
    /// A group: written as its only child, or as `<mrow>` when it has none or several.
    case row
    /// An `<mrow>` that is always written (fenced groups).
    case mrow
    // Elements whose content is an inferred row (children written directly).
    case mstyle, msqrt, mphantom, mtd
    // Elements with a fixed number of children, each one element (groups collapse or become `<mrow>`).
    case mfrac, mroot, msub, msup, msubsup, munder, mover, munderover
    // Tables.
    case mtable, mtr
}

/// What a node means to the parser around it (how scripts attach, whether `&#x2061;` follows).
struct NodeFlags: OptionSet {
    let rawValue: UInt8
    /// Scripts become limits (under/over) in display style: `\sum`, `\max`, `\operatorname*`.
    static let movableLimits = NodeFlags(rawValue: 1)
    /// Scripts are always limits: `\underbrace`, `\overbrace`.
    static let alwaysLimits = NodeFlags(rawValue: 2)
    /// A function name: followed by `&#x2061;` when an argument follows.
    static let function = NodeFlags(rawValue: 4)
    /// A large operator or limit-taking name: `\limits` and `\nolimits` may follow.
    static let operatorLike = NodeFlags(rawValue: 8)
    /// Already has scripts (a second `^` is a double superscript).
    static let scripted = NodeFlags(rawValue: 16)
    /// `\limits` was given.
    static let forceLimits = NodeFlags(rawValue: 32)
    /// `\nolimits` was given.
    static let forceNoLimits = NodeFlags(rawValue: 64)
}

/// A run of bytes in `Arena.pool`.
struct Span {
    var start: Int32 = 0
    var count: Int32 = 0
}

/// A node: plain data (no references), so building and copying the tree costs no reference counting.
struct Node {
    var kind: Kind
    var flags: NodeFlags = []
    /// Escaped content of a token element.
    var text = Span()
    /// Attributes, each with a leading space.
    var attrs = Span()
    var first: Int32 = -1
    var last: Int32 = -1
    var next: Int32 = -1
}

struct Arena {
    var nodes: [Node] = []
    /// Text and attributes of all nodes.
    var pool: [UInt8] = []

    subscript(i: Int32) -> Node {
        get { nodes[Int(i)] }
        _modify { yield &nodes[Int(i)] }
    }

    mutating func store(_ s: String) -> Span {
        let start = Int32(pool.count)
        pool.append(contentsOf: s.utf8)
        return Span(start: start, count: Int32(pool.count) - start)
    }

    mutating func add(_ kind: Kind, _ text: String = "", attrs: String = "", flags: NodeFlags = []) -> Int32 {
        let textSpan = text.isEmpty ? Span() : store(text)
        let attrsSpan = attrs.isEmpty ? Span() : store(attrs)
        nodes.append(Node(kind: kind, flags: flags, text: textSpan, attrs: attrsSpan))
        return Int32(nodes.count - 1)
    }

    func bytes(_ span: Span) -> ArraySlice<UInt8> {
        pool[Int(span.start)..<Int(span.start + span.count)]
    }

    /// Adds attributes after the ones `i` has.
    mutating func appendAttrs(_ extra: String, to i: Int32) {
        let old = self[i].attrs
        let start = Int32(pool.count)
        pool.append(contentsOf: bytes(old))
        pool.append(contentsOf: extra.utf8)
        self[i].attrs = Span(start: start, count: Int32(pool.count) - start)
    }

    /// Adds a class to `i` (merging with a `class` attribute it already has, which must come last).
    mutating func addClass(_ name: String, to i: Int32) {
        let old = self[i].attrs
        let start = Int32(pool.count)
        if old.count == 0 {
            pool.append(contentsOf: #" class=""#.utf8)
            pool.append(contentsOf: name.utf8)
        } else {
            pool.append(contentsOf: bytes(Span(start: old.start, count: old.count - 1)))
            pool.append(UInt8(ascii: " "))
            pool.append(contentsOf: name.utf8)
        }
        pool.append(UInt8(ascii: "\""))
        self[i].attrs = Span(start: start, count: Int32(pool.count) - start)
    }

    /// Surrounds the text of token `i`.
    mutating func wrapText(of i: Int32, _ prefix: String, _ suffix: String) {
        let old = self[i].text
        let start = Int32(pool.count)
        pool.append(contentsOf: prefix.utf8)
        pool.append(contentsOf: bytes(old))
        pool.append(contentsOf: suffix.utf8)
        self[i].text = Span(start: start, count: Int32(pool.count) - start)
    }

    /// Makes `child` the last child of `parent`.
    mutating func append(_ child: Int32, to parent: Int32) {
        let last = self[parent].last
        if last < 0 { self[parent].first = child } else { self[last].next = child }
        self[parent].last = child
        self[child].next = -1
    }

    /// Moves all children of `source` to the end of `parent`'s children (O(1)).
    mutating func splice(childrenOf source: Int32, to parent: Int32) {
        let first = self[source].first
        guard first >= 0 else { return }
        let last = self[parent].last
        if last < 0 { self[parent].first = first } else { self[last].next = first }
        self[parent].last = self[source].last
        self[source].first = -1
        self[source].last = -1
    }

    /// Removes and returns the last child of `parent` (walks the children; used once per macro expansion).
    mutating func removeLast(of parent: Int32) -> Int32 {
        let last = self[parent].last
        guard last >= 0 else { return -1 }
        var prev: Int32 = -1
        var i = self[parent].first
        while i != last { prev = i; i = self[i].next }
        if prev < 0 { self[parent].first = -1 } else { self[prev].next = -1 }
        self[parent].last = prev
        return last
    }

    /// A node with exactly these children (each a `row` slot or element).
    mutating func make(_ kind: Kind, _ child: Int32, attrs: String = "", flags: NodeFlags = []) -> Int32 {
        let n = add(kind, attrs: attrs, flags: flags)
        append(child, to: n)
        return n
    }

    mutating func make(_ kind: Kind, _ a: Int32, _ b: Int32, attrs: String = "", flags: NodeFlags = []) -> Int32 {
        let n = make(kind, a, attrs: attrs, flags: flags)
        append(b, to: n)
        return n
    }

    mutating func make(_ kind: Kind, _ a: Int32, _ b: Int32, _ c: Int32, attrs: String = "") -> Int32 {
        let n = make(kind, a, b, attrs: attrs)
        append(c, to: n)
        return n
    }

    // MARK: Writing

    func write(_ root: Int32, into out: inout [UInt8]) {
        nodes.withUnsafeBufferPointer { nodes in
            pool.withUnsafeBufferPointer { pool in
                var writer = Writer(nodes: nodes, pool: pool, out: out)
                out = []
                writer.write(root)
                out = writer.out
            }
        }
    }
}

/// Writes a tree without reference counting: nodes and pool through buffer pointers, tags from static strings.
private struct Writer {
    let nodes: UnsafeBufferPointer<Node>
    let pool: UnsafeBufferPointer<UInt8>
    var out: [UInt8]

    mutating func put(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func put(_ span: Span) {
        guard span.count > 0 else { return }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: pool[Int(span.start)..<Int(span.start + span.count)]))
    }

    mutating func write(_ i: Int32) {
        let node = nodes[Int(i)]
        switch node.kind {
        case .mi, .mn, .mo, .mtext:
            put(node.kind.openTag)
            put(node.attrs)
            out.append(UInt8(ascii: ">"))
            put(node.text)
            put(node.kind.closeTag)
        case .mspace:
            put("<mspace")
            put(node.attrs)
            put("/>")
        case .row:
            if node.first >= 0 && node.first == node.last {
                write(node.first)
            } else {
                put("<mrow>")
                children(of: node, inferred: false)
                put("</mrow>")
            }
        case .mstyle, .msqrt, .mphantom, .mtd, .mrow:
            put(node.kind.openTag)
            put(node.attrs)
            out.append(UInt8(ascii: ">"))
            children(of: node, inferred: true)  // inferred row: a group child is written as its children
            put(node.kind.closeTag)
        default:
            put(node.kind.openTag)
            put(node.attrs)
            out.append(UInt8(ascii: ">"))
            children(of: node, inferred: false)
            put(node.kind.closeTag)
        }
    }

    mutating func children(of node: Node, inferred: Bool) {
        var c = node.first
        while c >= 0 {
            let child = nodes[Int(c)]
            if inferred && child.kind == .row { children(of: child, inferred: false) } else { write(c) }
            c = child.next
        }
    }
}

extension Kind {
    var openTag: StaticString {
        switch self {
        case .mi: "<mi"
        case .mn: "<mn"
        case .mo: "<mo"
        case .mtext: "<mtext"
        case .mspace: "<mspace"
        case .row, .mrow: "<mrow"
        case .mstyle: "<mstyle"
        case .msqrt: "<msqrt"
        case .mphantom: "<mphantom"
        case .mtd: "<mtd"
        case .mfrac: "<mfrac"
        case .mroot: "<mroot"
        case .msub: "<msub"
        case .msup: "<msup"
        case .msubsup: "<msubsup"
        case .munder: "<munder"
        case .mover: "<mover"
        case .munderover: "<munderover"
        case .mtable: "<mtable"
        case .mtr: "<mtr"
        }
    }

    var closeTag: StaticString {
        switch self {
        case .mi: "</mi>"
        case .mn: "</mn>"
        case .mo: "</mo>"
        case .mtext: "</mtext>"
        case .mspace: "</mspace>"
        case .row, .mrow: "</mrow>"
        case .mstyle: "</mstyle>"
        case .msqrt: "</msqrt>"
        case .mphantom: "</mphantom>"
        case .mtd: "</mtd>"
        case .mfrac: "</mfrac>"
        case .mroot: "</mroot>"
        case .msub: "</msub>"
        case .msup: "</msup>"
        case .msubsup: "</msubsup>"
        case .munder: "</munder>"
        case .mover: "</mover>"
        case .munderover: "</munderover>"
        case .mtable: "</mtable>"
        case .mtr: "</mtr>"
        }
    }
}
