// Commands: `\name` and what it builds.

extension Parser {
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
}
