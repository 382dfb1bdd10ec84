// Superscripts, subscripts, primes, and limits placement (`\limits`, `\nolimits`).

extension Parser {
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
}
