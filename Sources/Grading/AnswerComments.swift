extension Grader {
    /// An answer's notes to itself: lines starting with `#`, and LaTeX comments from an unescaped `%` to the end of
    /// the line, blanked with spaces so that every offset of the rest stays where it was (errors point at the
    /// student's own text). One pass over the Unicode scalars.
    static func withoutComments(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "%") }) else { return text }
        var out = String.UnicodeScalarView()
        /// The spaces and tabs that start the current line, held until it is known whether a `#` follows.
        var indent = String.UnicodeScalarView()
        var atLineStart = true, inComment = false
        var previous: Unicode.Scalar? = nil
        for s in text.unicodeScalars {
            defer { previous = s }
            if s == "\n" {
                out.append(contentsOf: indent)
                indent = String.UnicodeScalarView()
                out.append(s)
                atLineStart = true
                inComment = false
                continue
            }
            if atLineStart {
                if s == " " || s == "\t" { indent.append(s); continue }
                atLineStart = false
                if s == "#" {
                    out.append(contentsOf: repeatElement(" " as Unicode.Scalar, count: indent.count))
                    inComment = true
                } else {
                    out.append(contentsOf: indent)
                }
                indent = String.UnicodeScalarView()
            }
            if !inComment && s == "%" && previous != "\\" { inComment = true }
            out.append(inComment ? " " : s)
        }
        out.append(contentsOf: indent)
        return String(out)
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var s = self
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}
