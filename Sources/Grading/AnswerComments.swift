extension Grader {
    /// An answer's notes to itself: lines starting with `#`, and LaTeX comments from an unescaped `%` to the end of
    /// the line, blanked with spaces so that every offset of the rest stays where it was (errors point at the
    /// student's own text). One pass over the Unicode scalars.
    static func withoutComments(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "%") }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        /// The spaces and tabs that start the current line (`indent..<k`), held until it is known whether a `#` follows.
        var indent = bytes.startIndex
        var atLineStart = true, inComment = false, afterBackslash = false
        var k = bytes.startIndex
        while k < bytes.endIndex {
            let b = bytes[k]
            defer { bytes.formIndex(after: &k) }
            // A continuation byte belongs to the scalar before it: blanked with it, or kept with it.
            if b & 0xC0 == 0x80 { if !inComment { out.append(b) }; continue }
            defer { afterBackslash = b == UInt8(ascii: "\\") }
            if b == UInt8(ascii: "\n") {
                if atLineStart { out.append(contentsOf: bytes[indent..<k]) }
                out.append(b)
                atLineStart = true
                inComment = false
                indent = bytes.index(after: k)
                continue
            }
            if atLineStart {
                if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { continue }
                atLineStart = false
                if b == UInt8(ascii: "#") {
                    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: bytes.distance(from: indent, to: k)))
                    inComment = true
                } else {
                    out.append(contentsOf: bytes[indent..<k])
                }
            }
            if !inComment && b == UInt8(ascii: "%") && !afterBackslash { inComment = true }
            out.append(inComment ? UInt8(ascii: " ") : b)
        }
        if atLineStart { out.append(contentsOf: bytes[indent..<bytes.endIndex]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the text is only white space, as `allSatisfy(\.isWhitespace)` says, without reading the leading ASCII
    /// white space (a blanked comment) a character at a time.
    static func isBlank(_ text: String) -> Bool {
        let bytes = text.utf8
        func ascii(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        guard let end = bytes.firstIndex(where: { !ascii($0) }) else { return true }
        // From the white space before it, so a combining mark stays with the character it joins.
        let from = end == bytes.startIndex ? end : bytes.index(before: end)
        return text[from...].allSatisfy(\.isWhitespace)
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var s = self
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}
