// Single atoms: letters, numbers, ASCII operators, symbols, Unicode characters.

let normalAttr = #" mathvariant="normal""#

extension Parser {
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
        case .space(let width): return space(width, negative: width.hasPrefix("-"))
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
}
