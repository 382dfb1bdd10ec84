import Calculus

extension Grader {
    /// An answer's notes to itself: lines starting with `#`, and LaTeX comments from an unescaped `%` to the end of
    /// the line, blanked with spaces so that every offset of the rest stays where it was (errors point at the
    /// student's own text). One pass over the UTF-8 bytes, a comment's rest of line at once.
    static func withoutComments(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "%") }) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            /// The spaces and tabs that start the current line (`indent..<k`), held until it is known whether a `#` follows.
            var indent = 0
            var atLineStart = true, inComment = false, afterBackslash = false
            var k = 0
            while k < bytes.count {
                let b = bytes[k]
                defer { k += 1 }
                if inComment && b != UInt8(ascii: "\n") {
                    // The rest of a comment line at once: one space per scalar.
                    var end = k
                    var scalars = 0
                    while end < bytes.count && bytes[end] != UInt8(ascii: "\n") {
                        if bytes[end] & 0xC0 != 0x80 { scalars += 1 }
                        end += 1
                    }
                    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: scalars))
                    k = end - 1
                    continue
                }
                // A continuation byte belongs to the scalar before it (kept with it: comments are blanked above).
                if b & 0xC0 == 0x80 { out.append(b); continue }
                defer { afterBackslash = b == UInt8(ascii: "\\") }
                if b == UInt8(ascii: "\n") {
                    if atLineStart { out.append(contentsOf: bytes[indent..<k]) }
                    out.append(b)
                    atLineStart = true
                    inComment = false
                    indent = k + 1
                    continue
                }
                if atLineStart {
                    if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { continue }
                    atLineStart = false
                    if b == UInt8(ascii: "#") {
                        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: k - indent))
                        inComment = true
                    } else {
                        out.append(contentsOf: bytes[indent..<k])
                    }
                }
                if !inComment && b == UInt8(ascii: "%") && !afterBackslash { inComment = true }
                out.append(inComment ? UInt8(ascii: " ") : b)
            }
            if atLineStart { out.append(contentsOf: bytes[indent...]) }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The text without its leading lines that hold only ASCII white space (blanked notes, empty lines), and the
    /// offset in scalars where the rest starts: those lines are ASCII, so their bytes are their scalars. The first
    /// line of the rest keeps its indentation, so columns in messages stay the student's.
    static func withoutLeadingBlankLines(_ text: String) -> (text: String, offset: Int) {
        var copy = text
        let cut = copy.withUTF8 { bytes -> Int in
            var lineStart = 0
            for (k, b) in bytes.enumerated() {
                if b == 0x0A { lineStart = k + 1; continue }
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) { continue }
                return lineStart
            }
            return lineStart
        }
        if cut == 0 { return (text, 0) }
        return (String(text[text.utf8.index(text.utf8.startIndex, offsetBy: cut)...]), cut)
    }

    /// The first `offset` scalars of the text as blanks: a line feed for a line feed, a space for anything else, so
    /// that text read after them keeps the line, column and offset it has in the whole. One pass over the bytes.
    static func blankedPrefix(of text: String, scalars offset: Int) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(Swift.min(offset, bytes.count))
            for b in bytes where b & 0xC0 != 0x80 {
                if out.count == offset { break }
                out.append(b == 0x0A ? 0x0A : 0x20)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether the text is only white space, as `allSatisfy(\.isWhitespace)` says, without reading the leading ASCII
    /// white space (a blanked comment) a character at a time.
    static func isBlank(_ text: String) -> Bool {
        var copy = text
        let end = copy.withUTF8 { bytes in bytes.firstIndex { !($0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D)) } }
        guard let end else { return true }
        // From the white space before it, so a combining mark stays with the character it joins.
        let from = text.utf8.index(text.utf8.startIndex, offsetBy: Swift.max(0, end - 1))
        return text[from...].allSatisfy(CharacterClasses.isWhiteSpace)
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var s = self
        while let last = s.last, CharacterClasses.isWhiteSpace(last) { s.removeLast() }
        return s
    }
}
