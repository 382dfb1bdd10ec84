// Text mode: `\text{…}` and its relatives, with `$…$` math inside.

/// A command inside `\text{…}`.
enum TextCommand {
    /// Stands for this text (`\%`, `\quad`, `\ldots`).
    case insert(String)
    /// A nested text command (`\text{a \textbf{b}}`): its braces just group.
    case group
}

extension Parser {
    /// The commands text mode knows, one entry each.
    static let textCommands: [String: TextCommand] = {
        var t: [String: TextCommand] = [:]
        for name in ["{", "}", "$", "&", "%", "#", "_"] { t[name] = .insert(name) }
        for (names, text) in [
            ([" ", "\t", "\n", "\r"], " "), ([",", "thinspace"], "\u{2009}"), ([":", ";", ">"], "\u{2005}"),
            (["quad"], "\u{2003}"), (["qquad"], "\u{2003}\u{2003}"), (["!"], ""), (["textbackslash"], "\\"),
            (["ldots", "dots", "textellipsis"], "…"), (["textendash"], "–"), (["textemdash"], "—"),
        ] {
            for name in names { t[name] = .insert(text) }
        }
        for name in ["text", "textrm", "textnormal", "textup", "mbox", "textbf", "textit", "emph", "texttt", "textsf"] {
            t[name] = .group
        }
        return t
    }()

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
                switch Parser.textCommands[name] {
                case .insert(let text):
                    buffer.append(contentsOf: text.utf8)
                case .group:
                    // Nested text commands: their braces just group.
                    while pos < src.count && src[pos] == UInt8(ascii: " ") { pos += 1 }
                    guard pos < src.count, src[pos] == lbrace else { throw error("\\\(name) needs an argument", at: commandStart) }
                    pos += 1
                    nesting += 1
                case nil:
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
}
