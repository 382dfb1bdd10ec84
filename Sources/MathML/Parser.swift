// Recursive-descent LaTeX parser that builds the MathML tree directly.
//
// Works on UTF-8 bytes; every construct is consumed once (linear time). Nesting is bounded by
// `Parser.maxDepth`, so deep input is an error, never a stack overflow.
//
// One type over several files, one concept each: this file (state, errors, the document), Lexer (bytes,
// spaces, command names), Lists (lists of atoms, arguments, function application), Atoms, Scripts,
// Commands (the registry of `\name`s), Layout (fractions, roots, over/under, accents), Delimiters,
// Environments, TextMode, Styles (fonts, styles, colors, space), Labels (`\label`, `\tag`), Macros.

/// What ends a list of atoms.
struct Stop: OptionSet {
    let rawValue: UInt8
    static let eof = Stop(rawValue: 1)
    static let brace = Stop(rawValue: 2)
    static let right = Stop(rawValue: 4)
    static let end = Stop(rawValue: 8)
    static let amp = Stop(rawValue: 16)
    static let newline = Stop(rawValue: 32)
    static let bracket = Stop(rawValue: 64)
    static let dollar = Stop(rawValue: 128)
}

/// The construct a list belongs to, for error messages.
enum Opener {
    case top
    case macro
    case brace(Int)
    case left(String, Int)
    case env(String, Int)
    case bracket(Int)
    case dollar(Int)
}

/// Who needs an argument, for the "missing argument" message.
enum ArgOwner {
    case superscript, `subscript`
    case command(String, Int)
}

struct Parser {
    /// The deepest nesting accepted (groups, arguments, environments, `\left…\right`, macros).
    static let maxDepth = 500
    /// The nesting parsed on the caller's stack; deeper input is parsed again on a thread with a large stack
    /// (a debug build uses up to ~25 KB of stack per level).
    static let callerStackDepth = 64

    var src: [UInt8]
    var pos = 0
    var arena = Arena()
    var depth = 0
    /// Display style of the current position (limits placement).
    var display: Bool
    let topDisplay: Bool
    var variant: Variant = .math
    var labels: [String] = []
    var tagText: String?
    /// `\notag` / `\nonumber` was seen.
    var unnumbered = false
    var tagNode: Int32 = -1
    let macros: [String: Macro]
    var expansions = 0
    var expandedBytes = 0
    let sourceSize: Int
    /// The outermost macro being expanded: errors inside point at its invocation.
    var macroContext: (name: String, offset: Int)?
    var envDepth = 0
    let depthLimit: Int
    /// Set when `depthLimit` (below `maxDepth`) was exceeded: parse again with a larger stack.
    var needsLargeStack = false

    init(source: [UInt8], display: Bool, macros: [String: Macro], depthLimit: Int) {
        self.depthLimit = depthLimit
        self.src = source
        self.display = display
        self.topDisplay = display
        self.macros = macros
        self.sourceSize = source.count
        arena.nodes.reserveCapacity(source.count + 8)
    }

    // MARK: Errors

    func error(_ message: String, at offset: Int) -> MathError {
        if let context = macroContext {
            return MathError(message: "in macro \\\(context.name): \(message)", offset: context.offset)
        }
        return MathError(message: message, offset: offset)
    }

    mutating func enter() throws(MathError) {
        depth += 1
        if depth > depthLimit {
            if depthLimit < Parser.maxDepth { needsLargeStack = true }
            throw error("nesting too deep (more than \(Parser.maxDepth) levels)", at: min(pos, src.count))
        }
    }

    func unclosed(_ opener: Opener) -> MathError {
        switch opener {
        case .top, .macro: error("unexpected end of input", at: src.count)
        case .brace(let o): error("missing } to close { at offset \(o)", at: src.count)
        case .left(let d, let o): error("unbalanced \\left\(d) without \\right", at: o)
        case .env(let name, let o): error("missing \\end{\(name)} to close \\begin{\(name)} at offset \(o)", at: src.count)
        case .bracket(let o): error("missing ] to close [ at offset \(o)", at: src.count)
        case .dollar(let o): error("missing $ to close $ at offset \(o)", at: src.count)
        }
    }

    /// A terminator (`}`, `&`, `\\`, `\right`, `\end`) where the current list cannot end.
    func misplaced(_ token: String, at offset: Int, _ opener: Opener) -> MathError {
        switch opener {
        case .left(let d, let o): return error("unbalanced \\left\(d) without \\right", at: o)
        case .brace(let o) where token != "}": return error("missing } to close { at offset \(o)", at: offset)
        case .bracket(let o): return error("missing ] to close [ at offset \(o)", at: offset)
        case .dollar(let o): return error("missing $ to close $ at offset \(o)", at: offset)
        default: break
        }
        switch token {
        case "}": return error("unexpected } without matching {", at: offset)
        case "&": return error(envDepth > 0 ? "misplaced &" : "& outside an environment", at: offset)
        case "\\\\":
            return error(envDepth > 0 || topDisplay ? "misplaced \\\\" : "\\\\ outside an environment (inline math has one line)", at: offset)
        case "\\right": return error("\\right without matching \\left", at: offset)
        default:
            let name = token.dropFirst(4)  // "\\end{name}" → "{name}"
            return error("\(token) without matching \\begin\(name)", at: offset)
        }
    }

    func missingArgument(_ owner: ArgOwner, at offset: Int) -> MathError {
        switch owner {
        case .superscript: error("missing superscript after ^", at: offset)
        case .subscript: error("missing subscript after _", at: offset)
        case .command(let name, 1): error("\\\(name) needs an argument", at: offset)
        case .command(let name, let n): error("\\\(name) needs \(n) arguments", at: offset)
        }
    }

    // MARK: Document

    mutating func parseDocument() throws(MathError) -> Int32 {
        var lines: [Int32] = []
        while true {
            let line = arena.add(.row)
            let stop = try parseList(into: line, stop: topDisplay ? [.eof, .newline] : [.eof], opener: .top)
            lines.append(line)
            if stop == .eof { break }
        }
        var content = lines[0]
        if lines.count > 1 {
            // Top-level `\\` in display math: one centered line per row.
            if arena[lines[lines.count - 1]].first < 0 { lines.removeLast() }
            content = arena.add(.mtable, attrs: #" displaystyle="true""#)
            for line in lines {
                let cell = arena.make(.mtd, line)
                arena.append(arena.make(.mtr, cell), to: content)
            }
        }
        // An equation number (`tagNode`) is not part of the content: the renderer puts the content and the number in
        // the cells of a table that spans the line (MathMLRenderer.render).
        return content
    }
}
