// Recursive-descent LaTeX parser that builds the MathML tree directly.
//
// Works on UTF-8 bytes; every construct is consumed once (linear time). Nesting is bounded by
// `Parser.maxDepth`, so deep input is an error, never a stack overflow.

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

enum Env {
    case matrix(open: String, close: String, small: Bool)
    case cases
    case align
    case gather
    case array

    init?(_ name: String) {
        switch name {
        case "matrix": self = .matrix(open: "", close: "", small: false)
        case "pmatrix": self = .matrix(open: "(", close: ")", small: false)
        case "bmatrix": self = .matrix(open: "[", close: "]", small: false)
        case "Bmatrix": self = .matrix(open: "{", close: "}", small: false)
        case "vmatrix": self = .matrix(open: "|", close: "|", small: false)
        case "Vmatrix": self = .matrix(open: "‖", close: "‖", small: false)
        case "smallmatrix": self = .matrix(open: "", close: "", small: true)
        case "cases": self = .cases
        case "aligned", "align", "align*", "split", "alignedat", "flalign", "flalign*": self = .align
        case "gathered", "gather", "gather*", "multline", "multline*": self = .gather
        case "array": self = .array
        default: return nil
        }
    }
}

struct Column {
    var align: UInt8 = UInt8(ascii: "c")
    var lineBefore = false
}

private let A = UInt8(ascii: "A"), Z = UInt8(ascii: "Z"), a = UInt8(ascii: "a"), z = UInt8(ascii: "z")
private let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
private let backslash = UInt8(ascii: "\\"), lbrace = UInt8(ascii: "{"), rbrace = UInt8(ascii: "}")

@inline(__always) private func isLetter(_ c: UInt8) -> Bool { (c >= a && c <= z) || (c >= A && c <= Z) }
@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c >= zero && c <= nine }

private let normalAttr = #" mathvariant="normal""#
private let applyFunction = "&#x2061;"

struct Parser {
    /// The deepest nesting accepted (groups, arguments, environments, `\left…\right`, macros).
    static let maxDepth = 500
    /// The nesting parsed on the caller's stack; deeper input is parsed again on a thread with a large stack
    /// (a debug build uses up to ~25 KB of stack per level).
    static let callerStackDepth = 64
    /// Commands that begin something a function name applies to (`\sin \frac{…}` gets `&#x2061;`).
    static let argumentCommands: Set<String> = [
        "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom", "sqrt", "left", "big", "Big", "bigg",
        "Bigg", "bigl", "Bigl", "biggl", "Biggl", "text", "textrm", "textnormal", "mbox", "operatorname",
        "begin", "overset", "underset", "stackrel", "underbrace", "overbrace", "textcolor",
    ]
    /// Commands that only make sense in a list, not as the argument of something.
    static let listCommands: Set<String> = [
        "\\", "right", "end", "middle", "label", "tag", "nonumber", "notag", "displaystyle", "textstyle",
        "scriptstyle", "scriptscriptstyle", "color", "limits", "nolimits", "hline", "hdashline",
    ]

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
        if tagNode >= 0 {
            let row = arena.make(
                .mtr, arena.add(.mtd, attrs: #" class="mml-tag-pad""#), arena.make(.mtd, content),
                arena.make(.mtd, tagNode, attrs: #" class="mml-tag""#))
            content = arena.make(.mtable, row, attrs: #" class="mml-tagged" displaystyle="true""#)
        }
        return content
    }

    // MARK: Lists

    /// Parses atoms into `row` until one of `stop` (consumed, except `\right` and `\end`).
    @discardableResult
    mutating func parseList(into row: Int32, stop: Stop, opener: Opener) throws(MathError) -> Stop {
        try enter()
        defer { depth -= 1 }
        let savedVariant = variant
        let savedDisplay = display
        defer {
            variant = savedVariant
            display = savedDisplay
        }
        var pending: Int32 = -1
        while true {
            skipSpace()
            if pos < src.count {
                let c = src[pos]
                if c == UInt8(ascii: "^") || c == UInt8(ascii: "_") || c == UInt8(ascii: "'") {
                    pending = try parseScripts(base: pending)
                    continue
                }
                if c == backslash, let (force, length) = peekLimits() {
                    guard pending >= 0, arena[pending].flags.contains(.operatorLike) else {
                        throw error("\\limits and \\nolimits must follow a large operator", at: pos)
                    }
                    arena[pending].flags.subtract([.forceLimits, .forceNoLimits])
                    arena[pending].flags.insert(force ? .forceLimits : .forceNoLimits)
                    pos += length
                    continue
                }
            }
            if pending >= 0 {
                arena.append(pending, to: row)
                if arena[pending].flags.contains(.function) && nextStartsArgument() {
                    arena.append(arena.add(.mo, applyFunction), to: row)
                }
                pending = -1
            }
            guard pos < src.count else {
                if stop.contains(.eof) { return .eof }
                throw unclosed(opener)
            }
            let start = pos
            switch src[pos] {
            case rbrace:
                guard stop.contains(.brace) else { throw misplaced("}", at: start, opener) }
                pos += 1
                return .brace
            case UInt8(ascii: "&"):
                guard stop.contains(.amp) else { throw misplaced("&", at: start, opener) }
                pos += 1
                return .amp
            case UInt8(ascii: "]") where stop.contains(.bracket):
                pos += 1
                return .bracket
            case UInt8(ascii: "$") where stop.contains(.dollar):
                pos += 1
                return .dollar
            case backslash:
                let name = try readCommandName()
                switch name {
                case "\\":
                    guard stop.contains(.newline) else { throw misplaced("\\\\", at: start, opener) }
                    try skipRowSpacing()
                    return .newline
                case "right":
                    guard stop.contains(.right) else { throw misplaced("\\right", at: start, opener) }
                    pos = start
                    return .right
                case "end":
                    guard stop.contains(.end) else {
                        if case .left = opener { throw misplaced("\\end", at: start, opener) }
                        let name = (try? readEnvName(command: "end", at: start)) ?? ""
                        throw misplaced("\\end{\(name)}", at: start, opener)
                    }
                    pos = start
                    return .end
                case "middle":
                    guard stop.contains(.right) else { throw error("\\middle without \\left", at: start) }
                    let (d, _) = try readDelimiter(command: "middle", at: start)
                    if !d.isEmpty { arena.append(arena.add(.mo, d, attrs: #" stretchy="true""#), to: row) }
                case "label":
                    try parseLabel(at: start)
                case "tag":
                    try parseTag(at: start)
                case "nonumber", "notag":
                    break
                case "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle":
                    let attrs: String
                    switch name {
                    case "displaystyle": attrs = #" displaystyle="true" scriptlevel="0""#
                    case "textstyle": attrs = #" displaystyle="false" scriptlevel="0""#
                    case "scriptstyle": attrs = #" displaystyle="false" scriptlevel="1""#
                    default: attrs = #" displaystyle="false" scriptlevel="2""#
                    }
                    display = name == "displaystyle"
                    let style = arena.add(.mstyle, attrs: attrs)
                    arena.append(style, to: row)
                    return try parseList(into: style, stop: stop, opener: opener)
                case "color":
                    let color = try readColor(command: "color", at: start)
                    let style = arena.add(.mstyle, attrs: #" mathcolor=""# + color + "\"")
                    arena.append(style, to: row)
                    return try parseList(into: style, stop: stop, opener: opener)
                case "hline", "hdashline":
                    throw error("\\\(name) is only allowed at the start of a table row", at: start)
                default:
                    if !macros.isEmpty, let macro = macros[name] {
                        let expansion = try expandMacro(name, macro, at: start)
                        pending = arena.removeLast(of: expansion)
                        arena.splice(childrenOf: expansion, to: row)
                    } else if let v = Symbols.fontSwitches[name] {
                        variant = v
                    } else {
                        pos = start
                        pending = try parseAtom(single: false)
                    }
                }
            default:
                pending = try parseAtom(single: false)
            }
        }
    }

    /// Attaches `^`, `_`, primes (and `\limits`) at `pos` to `base` (-1: an empty base).
    mutating func parseScripts(base given: Int32) throws(MathError) -> Int32 {
        let base = given >= 0 ? given : arena.add(.row)
        var flags = arena[base].flags
        if flags.contains(.scripted) {
            throw error(src[pos] == UInt8(ascii: "_") ? "double subscript" : "double superscript", at: pos)
        }
        var sub: Int32 = -1
        var sup: Int32 = -1
        var caret = false
        let savedDisplay = display
        while true {
            skipSpace()
            guard pos < src.count else { break }
            let c = src[pos]
            if c == UInt8(ascii: "'") {
                if sup >= 0 { throw error("double superscript", at: pos) }
                var n = 0
                while pos < src.count && src[pos] == UInt8(ascii: "'") { n += 1; pos += 1 }
                let primes = switch n {
                case 1: "′"
                case 2: "″"
                case 3: "‴"
                default: String(repeating: "′", count: n)
                }
                sup = arena.add(.row)
                arena.append(arena.add(.mo, primes), to: sup)
            } else if c == UInt8(ascii: "^") {
                if caret { throw error("double superscript", at: pos) }
                let at = pos
                pos += 1
                display = false
                let arg = try parseArg(.superscript, at: at)
                display = savedDisplay
                if sup < 0 {
                    sup = arg
                } else if arena[arg].kind == .row {
                    arena.splice(childrenOf: arg, to: sup)
                } else {
                    arena.append(arg, to: sup)
                }
                caret = true
            } else if c == UInt8(ascii: "_") {
                if sub >= 0 { throw error("double subscript", at: pos) }
                let at = pos
                pos += 1
                display = false
                sub = try parseArg(.subscript, at: at)
                display = savedDisplay
            } else if c == backslash, let (force, length) = peekLimits() {
                guard flags.contains(.operatorLike) else {
                    throw error("\\limits and \\nolimits must follow a large operator", at: pos)
                }
                flags.subtract([.forceLimits, .forceNoLimits])
                flags.insert(force ? .forceLimits : .forceNoLimits)
                pos += length
            } else {
                break
            }
        }
        let limits = flags.contains(.forceLimits) || flags.contains(.alwaysLimits)
            || (flags.contains(.movableLimits) && display && !flags.contains(.forceNoLimits))
        if limits && !display && arena[base].kind == .mo {
            arena.appendAttrs(#" movablelimits="false""#, to: base)
        }
        let node: Int32
        switch (sub >= 0, sup >= 0) {
        case (true, true): node = arena.make(limits ? .munderover : .msubsup, base, sub, sup)
        case (true, false): node = arena.make(limits ? .munder : .msub, base, sub)
        default: node = arena.make(limits ? .mover : .msup, base, sup)
        }
        arena[node].flags = flags.intersection(.function).union(.scripted)
        return node
    }

    // MARK: Arguments

    /// One argument: a `{group}` or a single token (one digit, letter, or command with its arguments).
    mutating func parseArg(_ owner: ArgOwner, at start: Int) throws(MathError) -> Int32 {
        skipSpace()
        guard pos < src.count else { throw missingArgument(owner, at: start) }
        switch src[pos] {
        case lbrace:
            return try parseGroup()
        case rbrace, UInt8(ascii: "&"), UInt8(ascii: "^"), UInt8(ascii: "_"):
            throw missingArgument(owner, at: start)
        case backslash:
            if let name = peekCommandName(), Parser.listCommands.contains(name) || Symbols.fontSwitches[name] != nil {
                throw missingArgument(owner, at: start)
            }
        default:
            break
        }
        try enter()
        defer { depth -= 1 }
        return try parseAtom(single: true)
    }

    func missingArgument(_ owner: ArgOwner, at offset: Int) -> MathError {
        switch owner {
        case .superscript: error("missing superscript after ^", at: offset)
        case .subscript: error("missing subscript after _", at: offset)
        case .command(let name, 1): error("\\\(name) needs an argument", at: offset)
        case .command(let name, let n): error("\\\(name) needs \(n) arguments", at: offset)
        }
    }

    mutating func parseGroup() throws(MathError) -> Int32 {
        let open = pos
        pos += 1
        let row = arena.add(.row)
        try parseList(into: row, stop: .brace, opener: .brace(open))
        return row
    }

    // MARK: Atoms

    /// One atom at `pos` (not a terminator). `single`: as an argument, so a number is one digit.
    mutating func parseAtom(single: Bool) throws(MathError) -> Int32 {
        let start = pos
        let c = src[pos]
        if isLetter(c) { return letters(single: single) }
        if isDigit(c) || (c == UInt8(ascii: ".") && pos + 1 < src.count && isDigit(src[pos + 1]) && !single) {
            return number(single: single)
        }
        if c == lbrace { return try parseGroup() }
        if c == backslash { return try parseCommand() }
        if c >= 0x80 { return try parseUnicode() }
        pos += 1
        switch c {
        case UInt8(ascii: "+"): return arena.add(.mo, "+")
        case UInt8(ascii: "-"): return arena.add(.mo, "−")
        case UInt8(ascii: "="): return arena.add(.mo, "=")
        case UInt8(ascii: "<"): return arena.add(.mo, "&lt;")
        case UInt8(ascii: ">"): return arena.add(.mo, "&gt;")
        case UInt8(ascii: ","): return arena.add(.mo, ",")
        case UInt8(ascii: ";"): return arena.add(.mo, ";")
        case UInt8(ascii: ":"): return arena.add(.mo, ":")
        case UInt8(ascii: "!"): return arena.add(.mo, "!")
        case UInt8(ascii: "?"): return arena.add(.mo, "?")
        case UInt8(ascii: "."): return arena.add(.mo, ".", attrs: #" lspace="0em" rspace="0em""#)
        case UInt8(ascii: "/"): return arena.add(.mo, "/")
        case UInt8(ascii: "*"): return arena.add(.mo, "∗")
        case UInt8(ascii: "'"): return arena.add(.mo, "′")
        case UInt8(ascii: "@"): return arena.add(.mi, "@")
        case UInt8(ascii: "|"): return arena.add(.mo, "|", attrs: #" stretchy="false""#)
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"):
            return arena.add(.mo, String(UnicodeScalar(c)), attrs: #" stretchy="false""#)
        case UInt8(ascii: "~"): return arena.add(.mspace, attrs: #" width="0.3333em""#)
        case UInt8(ascii: "$"): throw error("$ is not allowed inside math", at: start)
        case UInt8(ascii: "#"): throw error("# is only allowed in macro definitions", at: start)
        case 0..<0x20, 0x7F: throw error("control character \(hex(UInt32(c))) is not allowed", at: start)
        default: throw error("unsupported character \(String(UnicodeScalar(c)))", at: start)
        }
    }

    mutating func letters(single: Bool) -> Int32 {
        let start = pos
        if variant == .math {
            pos += 1
            return arena.add(.mi, String(UnicodeScalar(src[start])))
        }
        pos += 1
        if !single { while pos < src.count && isLetter(src[pos]) { pos += 1 } }
        if variant == .upright {
            let text = String(decoding: src[start..<pos], as: UTF8.self)
            return arena.add(.mi, text, attrs: pos - start == 1 ? normalAttr : "")
        }
        var text = ""
        for b in src[start..<pos] { variant.append(b, to: &text) }
        return arena.add(.mi, text)
    }

    mutating func number(single: Bool) -> Int32 {
        let start = pos
        if single {
            pos += 1
        } else {
            while pos < src.count && isDigit(src[pos]) { pos += 1 }
            if pos + 1 < src.count && src[pos] == UInt8(ascii: ".") && isDigit(src[pos + 1]) {
                pos += 1
                while pos < src.count && isDigit(src[pos]) { pos += 1 }
            }
        }
        switch variant {
        case .bold, .boldItalic, .doubleStruck, .sansSerif, .monospace:
            var text = ""
            for b in src[start..<pos] {
                if b == UInt8(ascii: ".") { text.append(".") } else { variant.append(b, to: &text) }
            }
            return arena.add(.mn, text)
        default:
            return arena.add(.mn, String(decoding: src[start..<pos], as: UTF8.self))
        }
    }

    mutating func symbol(_ symbol: Symbol) -> Int32 {
        switch symbol {
        case .ident(let s): return arena.add(.mi, s)
        case .greek(let scalar):
            let (text, normal) = variant.greek(scalar)
            return arena.add(.mi, text, attrs: normal ? normalAttr : "")
        case .op(let s, let attrs): return arena.add(.mo, s, attrs: attrs)
        case .fence(let s, _): return arena.add(.mo, s, attrs: #" stretchy="false""#)
        case .largeOp(let s, let limits):
            return arena.add(.mo, s, flags: limits ? [.operatorLike, .movableLimits] : .operatorLike)
        case .function(let name, let limits):
            return arena.add(.mi, name, flags: limits ? [.function, .operatorLike, .movableLimits] : [.function, .operatorLike])
        case .space(let width):
            if width.hasPrefix("-") { return arena.add(.mspace, attrs: #" style="margin-left:"# + width + "\"") }
            return arena.add(.mspace, attrs: #" width=""# + width + "\"")
        }
    }

    mutating func parseUnicode() throws(MathError) -> Int32 {
        let start = pos
        let scalar = decodeScalar()
        if let s = Symbols.unicode[scalar.value] { return symbol(s) }
        if Variant.greekSlot(scalar.value) != nil { return symbol(.greek(scalar.value)) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .otherLetter, .modifierLetter:
            return arena.add(.mi, String(scalar))
        case .decimalNumber, .otherNumber, .letterNumber:
            return arena.add(.mn, String(scalar))
        case .mathSymbol, .otherSymbol, .dashPunctuation, .otherPunctuation, .openPunctuation,
            .closePunctuation, .initialPunctuation, .finalPunctuation, .connectorPunctuation:
            return arena.add(.mo, String(scalar))
        case .spaceSeparator:
            return arena.add(.mspace, attrs: #" width="0.3333em""#)
        case .control:
            throw error("control character \(hex(scalar.value)) is not allowed", at: start)
        default:
            throw error("unsupported character \(hex(scalar.value))", at: start)
        }
    }

    // MARK: Commands

    mutating func parseCommand() throws(MathError) -> Int32 {
        let start = pos
        let name = try readCommandName()
        if !macros.isEmpty, let macro = macros[name] { return try expandMacro(name, macro, at: start) }
        if let s = Symbols.table[name] { return symbol(s) }
        if let v = Symbols.fontCommands[name] {
            let saved = variant
            variant = v
            let arg = try parseArg(.command(name, 1), at: start)
            variant = saved
            if v == .upright && isWord(arg) { arena[arg].flags.insert(.function) }
            return arg
        }
        if let accent = Symbols.accents[name] {
            let base = try parseArg(.command(name, 1), at: start)
            let mark = arena.add(.mo, accent.mark, attrs: accent.stretchy ? #" stretchy="true""# : #" stretchy="false""#)
            return accent.under
                ? arena.make(.munder, base, mark, attrs: #" accentunder="true""#)
                : arena.make(.mover, base, mark, attrs: #" accent="true""#)
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom":
            let saved = display
            display = false
            let numerator = try parseArg(.command(name, 2), at: start)
            let denominator = try parseArg(.command(name, 2), at: start)
            display = saved
            let isBinom = name.hasSuffix("binom")
            var node = arena.make(.mfrac, numerator, denominator, attrs: isBinom ? #" linethickness="0""# : "")
            if isBinom {
                node = arena.make(
                    .mrow, arena.add(.mo, "(", attrs: #" form="prefix" stretchy="true""#), node,
                    arena.add(.mo, ")", attrs: #" form="postfix" stretchy="true""#))
            }
            switch name {
            case "dfrac", "cfrac", "dbinom": return arena.make(.mstyle, node, attrs: #" displaystyle="true" scriptlevel="0""#)
            case "tfrac", "tbinom": return arena.make(.mstyle, node, attrs: #" displaystyle="false" scriptlevel="0""#)
            default: return node
            }
        case "sqrt":
            skipSpace()
            if pos < src.count && src[pos] == UInt8(ascii: "[") {
                let open = pos
                pos += 1
                let index = arena.add(.row)
                let saved = display
                display = false
                try parseList(into: index, stop: .bracket, opener: .bracket(open))
                display = saved
                let body = try parseArg(.command(name, 1), at: start)
                return arena.make(.mroot, body, index)
            }
            return arena.make(.msqrt, try parseArg(.command(name, 1), at: start))
        case "text", "textrm", "textnormal", "textup", "mbox", "hbox":
            return try parseText(command: name, at: start, attrs: "")
        case "textbf":
            return try parseText(command: name, at: start, attrs: #" style="font-weight:bold""#)
        case "textit", "emph":
            return try parseText(command: name, at: start, attrs: #" style="font-style:italic""#)
        case "texttt":
            return try parseText(command: name, at: start, attrs: #" style="font-family:monospace""#)
        case "textsf":
            return try parseText(command: name, at: start, attrs: #" style="font-family:sans-serif""#)
        case "operatorname":
            var star = false
            if pos < src.count && src[pos] == UInt8(ascii: "*") { star = true; pos += 1 }
            let saved = variant
            variant = .upright
            let arg = try parseArg(.command(name, 1), at: start)
            variant = saved
            arena[arg].flags.insert(star ? [.function, .operatorLike, .movableLimits] : [.function, .operatorLike])
            return arg
        case "left":
            return try parseLeftRight(at: start)
        case "big", "Big", "bigg", "Bigg", "bigl", "Bigl", "biggl", "Biggl", "bigr", "Bigr", "biggr", "Biggr",
            "bigm", "Bigm", "biggm", "Biggm":
            let (d, _) = try readDelimiter(command: name, at: start)
            guard !d.isEmpty else { return arena.add(.row) }
            let size = switch name.prefix(while: { $0 != "l" && $0 != "r" && $0 != "m" }) {
            case "big": "1.2em"
            case "Big": "1.8em"
            case "bigg": "2.4em"
            default: "3em"
            }
            let form = switch name.last {
            case "l": #" form="prefix""#
            case "r": #" form="postfix""#
            case "m": #" form="infix""#
            default: ""
            }
            return arena.add(.mo, d, attrs: form + #" stretchy="true" symmetric="true" minsize=""# + size + #"" maxsize=""# + size + "\"")
        case "begin":
            return try parseEnvironment(at: start)
        case "overset", "underset", "stackrel":
            let saved = display
            display = false
            let script = try parseArg(.command(name, 2), at: start)
            display = saved
            let base = try parseArg(.command(name, 2), at: start)
            return arena.make(name == "underset" ? .munder : .mover, base, script)
        case "underbrace", "overbrace":
            let base = try parseArg(.command(name, 1), at: start)
            let brace = arena.add(.mo, name == "underbrace" ? "⏟" : "⏞", attrs: #" stretchy="true""#)
            return name == "underbrace"
                ? arena.make(.munder, base, brace, flags: .alwaysLimits)
                : arena.make(.mover, base, brace, flags: .alwaysLimits)
        case "phantom":
            return arena.make(.mphantom, try parseArg(.command(name, 1), at: start))
        case "textcolor":
            let color = try readColor(command: name, at: start)
            return arena.make(.mstyle, try parseArg(.command(name, 2), at: start), attrs: #" mathcolor=""# + color + "\"")
        case "hspace":
            if pos < src.count && src[pos] == UInt8(ascii: "*") { pos += 1 }
            return try parseHSpace(at: start)
        default:
            if Parser.listCommands.contains(name) || Symbols.fontSwitches[name] != nil {
                throw error("\\\(name) cannot be used as an argument", at: start)
            }
            throw error("unknown command \\\(name)", at: start)
        }
    }

    /// A single multi-letter identifier (`\mathrm{softmax}`): a function name when an argument follows.
    func isWord(_ node: Int32) -> Bool {
        var n = node
        if arena[n].kind == .row {
            guard arena[n].first >= 0 && arena[n].first == arena[n].last else { return false }
            n = arena[n].first
        }
        return arena[n].kind == .mi && arena[n].attrs.count == 0 && arena[n].text.count > 1
    }

    mutating func parseLeftRight(at start: Int) throws(MathError) -> Int32 {
        let (open, openRaw) = try readDelimiter(command: "left", at: start)
        let inner = arena.add(.row)
        try parseList(into: inner, stop: .right, opener: .left(openRaw, start))
        let rightStart = pos
        _ = try readCommandName()
        let (close, _) = try readDelimiter(command: "right", at: rightStart)
        let node = arena.add(.mrow)
        if !open.isEmpty { arena.append(arena.add(.mo, open, attrs: #" form="prefix" stretchy="true""#), to: node) }
        arena.splice(childrenOf: inner, to: node)
        if !close.isEmpty { arena.append(arena.add(.mo, close, attrs: #" form="postfix" stretchy="true""#), to: node) }
        return node
    }

    /// The delimiter after `\left`, `\right`, `\middle`, `\big…`: its text ("" for `.`) and how it was written.
    mutating func readDelimiter(command: String, at start: Int) throws(MathError) -> (String, String) {
        skipSpace()
        guard pos < src.count else { throw error("missing delimiter after \\\(command)", at: start) }
        let tokenStart = pos
        let key: String
        if src[pos] == backslash {
            _ = try readCommandName()
            key = String(decoding: src[tokenStart..<pos], as: UTF8.self)
        } else if src[pos] < 0x80 {
            pos += 1
            key = String(UnicodeScalar(src[tokenStart]))
        } else {
            key = String(decodeScalar())
        }
        if key == "." { return ("", key) }
        guard let text = Symbols.delimiters[key] else {
            throw error("\(key) is not a delimiter (after \\\(command))", at: tokenStart)
        }
        return (text, key)
    }

    // MARK: Environments

    mutating func parseEnvironment(at start: Int) throws(MathError) -> Int32 {
        let name = try readEnvName(command: "begin", at: start)
        guard let env = Env(name) else { throw error("unknown environment \(name)", at: start) }
        var columns: [Column] = []
        var lineAfterLast = false
        if case .array = env { (columns, lineAfterLast) = try readColumnSpec(at: start) }
        if name == "alignedat" {  // \begin{alignedat}{n}: the pair count does not change the markup.
            skipSpace()
            guard pos < src.count, src[pos] == lbrace else { throw error("\\begin{alignedat} needs a column count", at: start) }
            while pos < src.count && src[pos] != rbrace { pos += 1 }
            pos += 1
        }
        let maxColumns: Int? = switch env {
        case .array: columns.count
        case .cases: 2
        case .gather: 1
        default: nil
        }
        let cellDisplay: Bool = switch env {
        case .align, .gather: true
        default: false
        }
        envDepth += 1
        let savedDisplay = display
        let table = arena.add(.mtable)
        var widest = 0
        var rows = 0
        var previousRow: Int32 = -1
        while true {
            var lineAbove = false
            skipSpace()
            while let word = peekCommandName(), word == "hline" || word == "hdashline" {
                pos += word.utf8.count + 1
                lineAbove = true
                skipSpace()
            }
            let tr = arena.add(.mtr)
            var column = 0
            var stop: Stop
            var cell: Int32
            repeat {
                cell = arena.add(.row)
                display = cellDisplay
                stop = try parseList(into: cell, stop: [.amp, .newline, .end], opener: .env(name, start))
                var classes = ""
                if case .array = env, column < columns.count {
                    if columns[column].align == UInt8(ascii: "l") { classes += " mml-l" }
                    if columns[column].align == UInt8(ascii: "r") { classes += " mml-r" }
                    if columns[column].lineBefore && column > 0 { classes += " mml-bl" }
                    if column == 0 && columns[0].lineBefore { classes += " mml-bl" }
                    if column == columns.count - 1 && lineAfterLast { classes += " mml-br" }
                }
                if lineAbove { classes += " mml-bt" }
                let attrs = classes.isEmpty ? "" : #" class=""# + classes.dropFirst() + "\""
                arena.append(arena.make(.mtd, cell, attrs: attrs), to: tr)
                column += 1
                if stop == .amp, let maxColumns, column >= maxColumns {
                    throw error("too many columns in \\begin{\(name)} (at most \(maxColumns))", at: pos - 1)
                }
            } while stop == .amp
            // A final `\\` (optionally followed by \hline) leaves an empty row: drop it.
            if stop == .end && column == 1 && arena[cell].first < 0 && rows > 0 {
                if lineAbove { addBottomLine(to: previousRow) }
                break
            }
            widest = max(widest, column)
            arena.append(tr, to: table)
            rows += 1
            previousRow = tr
            if stop == .end { break }
        }
        display = savedDisplay
        envDepth -= 1
        let endStart = pos
        _ = try readCommandName()
        let endName = try readEnvName(command: "end", at: endStart)
        guard endName == name else {
            throw error("\\end{\(endName)} does not match \\begin{\(name)}", at: endStart)
        }
        switch env {
        case .matrix(let open, let close, let small):
            if small { arena[table].attrs = arena.store(#" scriptlevel="1""#) }
            return fenced(table, open: open, close: close)
        case .cases:
            arena[table].attrs = arena.store(#" class="mml-cases" columnalign="left left""#)
            return fenced(table, open: "{", close: "")
        case .align:
            var align = ""
            for i in 0..<max(widest, 1) { align += i % 2 == 0 ? (i == 0 ? "right" : " right") : " left" }
            arena[table].attrs = arena.store(#" class="mml-align" displaystyle="true" columnalign=""# + align + "\"")
            return table
        case .gather:
            arena[table].attrs = arena.store(#" displaystyle="true""#)
            return table
        case .array:
            var align = ""
            for c in columns {
                if !align.isEmpty { align += " " }
                align += c.align == UInt8(ascii: "l") ? "left" : c.align == UInt8(ascii: "r") ? "right" : "center"
            }
            arena[table].attrs = arena.store(#" columnalign=""# + align + "\"")
            return table
        }
    }

    mutating func fenced(_ table: Int32, open: String, close: String) -> Int32 {
        if open.isEmpty && close.isEmpty { return table }
        let node = arena.add(.mrow)
        if !open.isEmpty { arena.append(arena.add(.mo, open, attrs: #" form="prefix" stretchy="true""#), to: node) }
        arena.append(table, to: node)
        if !close.isEmpty { arena.append(arena.add(.mo, close, attrs: #" form="postfix" stretchy="true""#), to: node) }
        return node
    }

    mutating func addBottomLine(to row: Int32) {
        var cell = arena[row].first
        while cell >= 0 {
            arena.addClass("mml-bb", to: cell)
            cell = arena[cell].next
        }
    }

    /// `{name}` after `\begin` / `\end`.
    mutating func readEnvName(command: String, at start: Int) throws(MathError) -> String {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\\(command) needs an environment name", at: start) }
        let nameStart = pos + 1
        var i = nameStart
        while i < src.count && (isLetter(src[i]) || src[i] == UInt8(ascii: "*")) { i += 1 }
        guard i < src.count, src[i] == rbrace, i > nameStart else {
            throw error("\\\(command) needs an environment name", at: start)
        }
        pos = i + 1
        return String(decoding: src[nameStart..<i], as: UTF8.self)
    }

    mutating func readColumnSpec(at start: Int) throws(MathError) -> ([Column], Bool) {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\begin{array} needs a column spec", at: start) }
        pos += 1
        var columns: [Column] = []
        var line = false
        while true {
            guard pos < src.count else { throw error("missing } to close the column spec of \\begin{array}", at: pos) }
            let c = src[pos]
            pos += 1
            switch c {
            case rbrace:
                guard !columns.isEmpty else { throw error("\\begin{array} needs a column spec", at: start) }
                return (columns, line)
            case UInt8(ascii: "l"), UInt8(ascii: "c"), UInt8(ascii: "r"):
                columns.append(Column(align: c, lineBefore: line))
                line = false
            case UInt8(ascii: "|"):
                line = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                break
            default:
                throw error("unsupported column type \(String(UnicodeScalar(c))) in \\begin{array} (use l, c, r, |)", at: pos - 1)
            }
        }
    }

    /// After `\\` in a table: an optional `[length]`, ignored.
    mutating func skipRowSpacing() throws(MathError) {
        var i = pos
        while i < src.count && (src[i] == UInt8(ascii: " ") || src[i] == UInt8(ascii: "\n")) { i += 1 }
        guard i < src.count, src[i] == UInt8(ascii: "[") else { return }
        let open = i
        while i < src.count && src[i] != UInt8(ascii: "]") { i += 1 }
        guard i < src.count else { throw error("missing ] to close [ at offset \(open)", at: src.count) }
        pos = i + 1
    }

    // MARK: Text

    /// `\text{…}`: text with `$…$` math inside; spaces kept (leading/trailing ones as no-break spaces).
    mutating func parseText(command: String, at start: Int, attrs: String) throws(MathError) -> Int32 {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else {
            if pos < src.count, isLetter(src[pos]) || isDigit(src[pos]) {
                pos += 1
                return arena.add(.mtext, String(UnicodeScalar(src[pos - 1])), attrs: attrs)
            }
            throw error("\\\(command) needs an argument", at: start)
        }
        let open = pos
        pos += 1
        try enter()
        defer { depth -= 1 }
        let row = arena.add(.row)
        var buffer: [UInt8] = []
        var nesting = 0
        loop: while true {
            guard pos < src.count else { throw error("missing } to close { at offset \(open)", at: src.count) }
            let c = src[pos]
            switch c {
            case rbrace:
                pos += 1
                if nesting == 0 { break loop }
                nesting -= 1
            case lbrace:
                pos += 1
                nesting += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                pos += 1
                if buffer.last != UInt8(ascii: " ") { buffer.append(UInt8(ascii: " ")) }
            case UInt8(ascii: "~"):
                pos += 1
                buffer.append(contentsOf: "\u{A0}".utf8)
            case UInt8(ascii: "%"):
                while pos < src.count && src[pos] != UInt8(ascii: "\n") { pos += 1 }
            case UInt8(ascii: "$"):
                flushText(&buffer, into: row, attrs: attrs)
                let dollar = pos
                pos += 1
                let math = arena.add(.row)
                let saved = variant
                variant = .math
                try parseList(into: math, stop: .dollar, opener: .dollar(dollar))
                variant = saved
                arena.append(math, to: row)
            case UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "_"):
                throw error("\(String(UnicodeScalar(c))) is not allowed in text (write \\\(String(UnicodeScalar(c))))", at: pos)
            case backslash:
                let commandStart = pos
                let name = try readCommandName()
                switch name {
                case "{", "}", "$", "&", "%", "#", "_":
                    buffer.append(contentsOf: name.utf8)
                case " ", "\t", "\n", "\r":
                    buffer.append(UInt8(ascii: " "))
                case ",", "thinspace":
                    buffer.append(contentsOf: "\u{2009}".utf8)
                case ":", ";", ">":
                    buffer.append(contentsOf: "\u{2005}".utf8)
                case "quad":
                    buffer.append(contentsOf: "\u{2003}".utf8)
                case "qquad":
                    buffer.append(contentsOf: "\u{2003}\u{2003}".utf8)
                case "!":
                    break
                case "textbackslash":
                    buffer.append(backslash)
                case "ldots", "dots", "textellipsis":
                    buffer.append(contentsOf: "…".utf8)
                case "textendash":
                    buffer.append(contentsOf: "–".utf8)
                case "textemdash":
                    buffer.append(contentsOf: "—".utf8)
                case "text", "textrm", "textnormal", "textup", "mbox", "textbf", "textit", "emph", "texttt", "textsf":
                    // Nested text commands: their braces just group.
                    while pos < src.count && src[pos] == UInt8(ascii: " ") { pos += 1 }
                    guard pos < src.count, src[pos] == lbrace else { throw error("\\\(name) needs an argument", at: commandStart) }
                    pos += 1
                    nesting += 1
                default:
                    throw error("unknown command \\\(name) in text", at: commandStart)
                }
                if isLetter(name.utf8.first ?? 0) {
                    while pos < src.count && src[pos] == UInt8(ascii: " ") { pos += 1 }
                }
            case 0..<0x20, 0x7F:
                throw error("control character \(hex(UInt32(c))) is not allowed", at: pos)
            default:
                if c >= 0x80 {
                    let scalarStart = pos
                    let scalar = decodeScalar()
                    if scalar.properties.generalCategory == .control {
                        throw error("control character \(hex(scalar.value)) is not allowed", at: scalarStart)
                    }
                    buffer.append(contentsOf: src[scalarStart..<pos])
                } else {
                    buffer.append(c)
                    pos += 1
                }
            }
        }
        flushText(&buffer, into: row, attrs: attrs)
        if arena[row].first < 0 { arena.append(arena.add(.mtext, attrs: attrs), to: row) }
        return row
    }

    mutating func flushText(_ buffer: inout [UInt8], into row: Int32, attrs: String) {
        guard !buffer.isEmpty else { return }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(buffer.count + 8)
        for (i, b) in buffer.enumerated() {
            if b == UInt8(ascii: " ") && (i == 0 || i == buffer.count - 1) {
                escaped.append(contentsOf: "&#xA0;".utf8)
            } else {
                appendEscaped(CollectionOfOne(b), into: &escaped)
            }
        }
        arena.append(arena.add(.mtext, String(decoding: escaped, as: UTF8.self), attrs: attrs), to: row)
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: Labels, tags, colors, spaces

    mutating func parseLabel(at start: Int) throws(MathError) {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\label needs an argument", at: start) }
        let open = pos
        var i = pos + 1
        while i < src.count && src[i] != rbrace {
            if src[i] < 0x20 || src[i] == lbrace || src[i] == 0x7F || src[i] == backslash {
                throw error("invalid character in \\label", at: i)
            }
            i += 1
        }
        guard i < src.count else { throw error("missing } to close { at offset \(open)", at: src.count) }
        let label = String(decoding: src[(open + 1)..<i], as: UTF8.self).trimmingSpaces()
        guard !label.isEmpty else { throw error("\\label needs a name", at: start) }
        labels.append(label)
        pos = i + 1
    }

    mutating func parseTag(at start: Int) throws(MathError) {
        guard topDisplay else { throw error("\\tag is only allowed in display math", at: start) }
        guard tagNode < 0 else { throw error("only one \\tag is allowed per equation", at: start) }
        var star = false
        if pos < src.count && src[pos] == UInt8(ascii: "*") { star = true; pos += 1 }
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\tag needs an argument", at: start) }
        let open = pos
        let row = try parseText(command: "tag", at: start, attrs: "")
        tagText = String(decoding: src[(open + 1)..<(pos - 1)], as: UTF8.self).trimmingSpaces()
        if !star {
            let only = arena[row].first
            if only == arena[row].last && arena[only].kind == .mtext {
                arena.wrapText(of: only, "(", ")")
            } else {
                let tagged = arena.add(.row)
                arena.append(arena.add(.mtext, "("), to: tagged)
                arena.splice(childrenOf: row, to: tagged)
                arena.append(arena.add(.mtext, ")"), to: tagged)
                tagNode = tagged
                return
            }
        }
        tagNode = row
    }

    mutating func readColor(command: String, at start: Int) throws(MathError) -> String {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\\(command) needs a color", at: start) }
        var i = pos + 1
        while i < src.count && src[i] != rbrace { i += 1 }
        guard i < src.count else { throw error("missing } to close { at offset \(pos)", at: src.count) }
        let bytes = src[(pos + 1)..<i]
        let valid: Bool
        if bytes.first == UInt8(ascii: "#") {
            let digits = bytes.dropFirst()
            valid = (digits.count == 3 || digits.count == 6)
                && digits.allSatisfy { isDigit($0) || ($0 | 0x20 >= a && $0 | 0x20 <= UInt8(ascii: "f")) }
        } else {
            valid = !bytes.isEmpty && bytes.allSatisfy(isLetter)
        }
        guard valid else { throw error("invalid color (use a name like red or #rrggbb)", at: pos) }
        pos = i + 1
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func parseHSpace(at start: Int) throws(MathError) -> Int32 {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\hspace needs a length", at: start) }
        var i = pos + 1
        while i < src.count && src[i] != rbrace { i += 1 }
        guard i < src.count else { throw error("missing } to close { at offset \(pos)", at: src.count) }
        let text = String(decoding: src[(pos + 1)..<i], as: UTF8.self).filter { $0 != " " }
        let number = text.prefix { $0 == "-" || $0 == "." || $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(number.count)
        guard let value = Double(number), ["em", "ex", "pt", "px", "mu", "cm", "mm", "in"].contains(unit) else {
            throw error("invalid length \(text) (use a number and em, ex, pt, px, mu, cm, mm or in)", at: pos)
        }
        pos = i + 1
        let width = unit == "mu" ? "\(formatted(value / 18))em" : "\(number)\(unit)"
        if value < 0 { return arena.add(.mspace, attrs: #" style="margin-left:"# + width + "\"") }
        return arena.add(.mspace, attrs: #" width=""# + width + "\"")
    }

    // MARK: Macros

    mutating func expandMacro(_ name: String, _ macro: Macro, at start: Int) throws(MathError) -> Int32 {
        expansions += 1
        guard expansions <= 10_000 else { throw error("too many macro expansions (is \\\(name) recursive?)", at: start) }
        var args: [ArraySlice<UInt8>] = []
        for _ in 0..<macro.arity {
            skipSpace()
            guard pos < src.count, src[pos] != rbrace, src[pos] != UInt8(ascii: "&") else {
                throw missingArgument(.command(name, macro.arity), at: start)
            }
            let argStart = pos
            if src[pos] == lbrace {
                var nesting = 0
                var i = pos
                while i < src.count {
                    if src[i] == backslash { i += 2; continue }
                    if src[i] == lbrace { nesting += 1 }
                    if src[i] == rbrace { nesting -= 1; if nesting == 0 { break } }
                    i += 1
                }
                guard i < src.count else { throw error("missing } to close { at offset \(argStart)", at: src.count) }
                args.append(src[(argStart + 1)..<i])
                pos = i + 1
            } else if src[pos] == backslash {
                _ = try readCommandName()
                args.append(src[argStart..<pos])
            } else {
                _ = decodeScalar()
                args.append(src[argStart..<pos])
            }
        }
        var body: [UInt8] = []
        body.reserveCapacity(macro.body.count)
        var i = 0
        while i < macro.body.count {
            let b = macro.body[i]
            if b == UInt8(ascii: "#") && i + 1 < macro.body.count {
                let d = macro.body[i + 1]
                if d >= UInt8(ascii: "1") && d <= UInt8(ascii: "9") {
                    body.append(contentsOf: args[Int(d - UInt8(ascii: "1"))])
                    i += 2
                    continue
                }
                if d == UInt8(ascii: "#") { body.append(b); i += 2; continue }
            }
            body.append(b)
            i += 1
        }
        expandedBytes += body.count
        guard expandedBytes <= 100_000 + 20 * sourceSize else {
            throw error("macro expansion too large (is \\\(name) recursive?)", at: start)
        }
        let savedSource = src
        let savedPos = pos
        let savedContext = macroContext
        src = body
        pos = 0
        if macroContext == nil { macroContext = (name, start) }
        let row = arena.add(.row)
        try parseList(into: row, stop: .eof, opener: .macro)
        src = savedSource
        pos = savedPos
        macroContext = savedContext
        return row
    }

    // MARK: Lexing

    /// Skips spaces and `%` comments.
    mutating func skipSpace() {
        while pos < src.count {
            switch src[pos] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                pos += 1
            case UInt8(ascii: "%"):
                while pos < src.count && src[pos] != UInt8(ascii: "\n") { pos += 1 }
            default:
                return
            }
        }
    }

    /// Reads `\name` (letters), `\c` (one character) at `pos`.
    mutating func readCommandName() throws(MathError) -> String {
        let start = pos
        pos += 1
        guard pos < src.count else { throw error("\\ at end of input", at: start) }
        let nameStart = pos
        if isLetter(src[pos]) {
            while pos < src.count && isLetter(src[pos]) { pos += 1 }
        } else if src[pos] < 0x80 {
            pos += 1
        } else {
            _ = decodeScalar()
        }
        return String(decoding: src[nameStart..<pos], as: UTF8.self)
    }

    func peekCommandName() -> String? {
        guard pos + 1 < src.count, src[pos] == backslash else { return nil }
        var i = pos + 1
        if isLetter(src[i]) {
            while i < src.count && isLetter(src[i]) { i += 1 }
        } else {
            i += 1
        }
        return String(decoding: src[(pos + 1)..<min(i, src.count)], as: UTF8.self)
    }

    /// `\limits` (true) or `\nolimits` (false) at `pos`, and its length.
    func peekLimits() -> (Bool, Int)? {
        func matches(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard pos + n < src.count else { return false }
            for k in 0..<n where src[pos + 1 + k] != word.utf8Start[k] { return false }
            return pos + 1 + n == src.count || !isLetter(src[pos + 1 + n])
        }
        guard pos + 1 < src.count, src[pos] == backslash else { return nil }
        if src[pos + 1] == UInt8(ascii: "l") && matches("limits") { return (true, 7) }
        if src[pos + 1] == UInt8(ascii: "n") && matches("nolimits") { return (false, 9) }
        return nil
    }

    /// Decodes the UTF-8 scalar at `pos` (input comes from a String, so it is valid) and moves past it.
    mutating func decodeScalar() -> Unicode.Scalar {
        let (scalar, length) = peekScalar()
        pos += length
        return scalar
    }

    /// The UTF-8 scalar at `pos` and its length in bytes.
    func peekScalar() -> (Unicode.Scalar, Int) {
        let b0 = UInt32(src[pos])
        var length = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
        length = min(length, src.count - pos)
        var value: UInt32 = length == 1 ? b0 : length == 2 ? b0 & 0x1F : length == 3 ? b0 & 0x0F : b0 & 0x07
        var k = 1
        while k < length { value = value << 6 | UInt32(src[pos + k] & 0x3F); k += 1 }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Whether the token at `pos` starts something a function name applies to.
    func nextStartsArgument() -> Bool {
        guard pos < src.count else { return false }
        let c = src[pos]
        if isLetter(c) || isDigit(c) { return true }
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: "["), lbrace, UInt8(ascii: "|"):
            return true
        case backslash:
            guard let name = peekCommandName() else { return false }
            if !macros.isEmpty && macros[name] != nil { return true }
            if let s = Symbols.table[name] {
                switch s {
                case .ident, .greek, .function: return true
                case .fence(_, let opening): return opening
                default: return false
                }
            }
            return Parser.argumentCommands.contains(name) || Symbols.fontCommands[name] != nil
                || Symbols.accents[name] != nil
        default:
            guard c >= 0x80 else { return false }
            let scalar = peekScalar().0
            if Variant.greekSlot(scalar.value) != nil { return true }
            if let s = Symbols.unicode[scalar.value] {
                if case .fence(_, let opening) = s { return opening }
                if case .ident = s { return true }
                return false
            }
            return scalar.properties.isAlphabetic
        }
    }
}

func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

func formatted(_ value: Double) -> String {
    let rounded = (value * 10000).rounded() / 10000
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
