// Lists of atoms (the body of a group, a cell, a whole formula) and the arguments of commands.

/// Written after a function name when an argument follows (`\sin x`).
let applyFunction = "&#x2061;"

extension Parser {
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
                let isFunction = arena[pending].flags.contains(.function)
                // Spacing.swift: thin spaces around function names, unary signs.
                if isFunction && endsWithOrdinary(row) { arena.append(arena.add(.mspace, attrs: thinSpace), to: row) }
                if isSign(pending) && makesUnary(row) { arena.appendAttrs(#" form="prefix""#, to: pending) }
                arena.append(pending, to: row)
                if isFunction && nextStartsArgument() {
                    arena.append(arena.add(.mo, applyFunction), to: row)
                    if !nextOpensBracket() { arena.append(arena.add(.mspace, attrs: thinSpace), to: row) }
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
                if let command = Parser.commands[name], case .list(let act) = command.action {
                    let call = Command.ListCall(name: name, start: start, row: row, stop: stop, opener: opener)
                    if let end = try act(&self, call) { return end }
                } else if !macros.isEmpty, let macro = macros[name] {
                    let expansion = try expandMacro(name, macro, at: start)
                    pending = arena.removeLast(of: expansion)
                    arena.splice(childrenOf: expansion, to: row)
                } else if let v = Symbols.fontSwitches[name] {
                    variant = v
                } else {
                    pos = start
                    pending = try parseAtom(single: false)
                }
            default:
                pending = try parseAtom(single: false)
            }
        }
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
            if let name = peekCommandName(), Parser.commands[name]?.onlyInLists == true || Symbols.fontSwitches[name] != nil {
                throw missingArgument(owner, at: start)
            }
        default:
            break
        }
        try enter()
        defer { depth -= 1 }
        return try parseAtom(single: true)
    }

    mutating func parseGroup() throws(MathError) -> Int32 {
        let open = pos
        pos += 1
        let row = arena.add(.row)
        try parseList(into: row, stop: .brace, opener: .brace(open))
        return row
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
            return Parser.commands[name]?.startsArgument ?? false
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
