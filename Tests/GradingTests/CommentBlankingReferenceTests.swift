import Testing
@testable import Grading

/// The byte-level comment blanking and blank test agree with the character-level definitions they replaced.
@Suite struct CommentBlankingReferenceTests {
    /// The definition: one pass over the Unicode scalars.
    static func reference(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "%") }) else { return text }
        var out = String.UnicodeScalarView()
        var indent = String.UnicodeScalarView()
        var atLineStart = true, inComment = false
        var previous: Unicode.Scalar? = nil
        for s in text.unicodeScalars {
            defer { previous = s }
            if s == "\n" {
                out.append(contentsOf: indent); indent = String.UnicodeScalarView(); out.append(s)
                atLineStart = true; inComment = false
                continue
            }
            if atLineStart {
                if s == " " || s == "\t" { indent.append(s); continue }
                atLineStart = false
                if s == "#" {
                    out.append(contentsOf: repeatElement(" " as Unicode.Scalar, count: indent.count)); inComment = true
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

    @Test func randomTextsAgree() {
        let alphabet: [String] = ["#", "%", "\\", " ", "\t", "\n", "x", "2", "é", "∂", "😀", "e\u{301}", " \u{301}", "=", "\r\n", "\u{00A0}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3_000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for _ in 0..<Int(state >> 60) + 1 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += alphabet[Int(state >> 33) % alphabet.count]
            }
            #expect(Grader.withoutComments(text) == Self.reference(text), "\(text.debugDescription)")
            #expect(Grader.isBlank(text) == text.allSatisfy(\.isWhitespace), "\(text.debugDescription)")
        }
    }
}
