// Delimiters: `\left…\right` and the delimiter after `\left`, `\right`, `\middle`, `\big…`.

extension Parser {
    mutating func parseLeftRight(at start: Int) throws(MathError) -> Int32 {
        let (open, openRaw) = try readDelimiter(command: "left", at: start)
        let inner = arena.add(.row)
        try parseList(into: inner, stop: .right, opener: .left(openRaw, start))
        let rightStart = pos
        _ = try readCommandName()
        let (close, _) = try readDelimiter(command: "right", at: rightStart)
        let node = arena.add(.mrow)
        if !open.isEmpty { arena.append(arena.add(.mo, open, attrs: #" form="prefix" stretchy="true""#), to: node) }
        // A sign right after the opening delimiter is unary (Spacing.swift).
        if !open.isEmpty, arena[inner].first >= 0, isSign(arena[inner].first) { arena.appendAttrs(#" form="prefix""#, to: arena[inner].first) }
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

    /// `\big(`, `\Bigl[`, …: a delimiter of a fixed `size`; `form` for the `l`, `r`, `m` variants.
    mutating func sizedDelimiter(_ call: Command.Call, size: String, form: String) throws(MathError) -> Int32 {
        let (d, _) = try readDelimiter(command: call.name, at: call.start)
        guard !d.isEmpty else { return arena.add(.row) }
        return arena.add(.mo, d, attrs: form + #" stretchy="true" symmetric="true" minsize=""# + size + #"" maxsize=""# + size + "\"")
    }

    /// `\middle|` inside `\left…\right`.
    mutating func middleDelimiter(_ call: Command.ListCall) throws(MathError) {
        guard call.stop.contains(.right) else { throw error("\\middle without \\left", at: call.start) }
        let (d, _) = try readDelimiter(command: "middle", at: call.start)
        if !d.isEmpty { arena.append(arena.add(.mo, d, attrs: #" stretchy="true""#), to: call.row) }
    }
}
