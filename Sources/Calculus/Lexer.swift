/// A token of either surface syntax, with its place in the text (Unicode-scalar offsets).
struct Token: Equatable {
    enum Kind: Equatable {
        case number(String)
        /// ASCII: a run of letters and digits; LaTeX: one letter (multi-letter names come from commands).
        case identifier(String)
        /// A LaTeX command, without its backslash: `frac`, `mathbf`, `,`.
        case command(String)
        /// Punctuation and operators: `+ - * / ^ ( ) [ ] { } , ; ' _ | & < <= > >= = .* ./ .^ . \\` and ⊗ ⊘ ⊙ ∘ · × ≤ ≥ ∂ ∇.
        case symbol(String)
        /// A run-together word called like a function that names none (`cosine(x)`), found by word splitting.
        case unknownFunction(String)
        /// A run of letters that is mostly no known word (`qwerty`), found by word splitting: not a product.
        case unknownWord(String)
        case end
    }
    var kind: Kind
    var offset: Int
    var length: Int
    /// Whether white space came before the token (tells a spaced `w . x` from `3.5`).
    var spaced: Bool
}

/// Splits text into tokens. `latex` selects LaTeX rules: one-letter names, commands, braces.
struct Lexer {
    static let maxLength = 200_000

    static func tokenize(_ text: String, latex: Bool) throws(CalculusError) -> [Token] {
        let s = Array(text.unicodeScalars)
        guard s.count <= maxLength else {
            throw CalculusError(.limit, "the expression is too long (\(s.count) characters; the limit is \(maxLength))", at: 0)
        }
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 2 + 1)
        var i = 0
        var spaced = false
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic && !"∂∇π".unicodeScalars.contains(c) }
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        func add(_ kind: Token.Kind, _ start: Int) {
            tokens.append(Token(kind: kind, offset: start, length: i - start, spaced: spaced))
            spaced = false
        }
        while i < s.count {
            let c = s[i]
            let start = i
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{00A0}" { spaced = true; i += 1; continue }
            if isDigit(c) || (c == "." && i + 1 < s.count && isDigit(s[i + 1])) {
                while i < s.count && isDigit(s[i]) { i += 1 }
                if i < s.count && s[i] == "." && i + 1 < s.count && isDigit(s[i + 1]) {
                    i += 1
                    while i < s.count && isDigit(s[i]) { i += 1 }
                }
                add(.number(String(String.UnicodeScalarView(s[start..<i]))), start)
                continue
            }
            if isLetter(c) {
                if latex {
                    i += 1
                } else {
                    while i < s.count && (isLetter(s[i]) || isDigit(s[i])) { i += 1 }
                }
                add(.identifier(String(String.UnicodeScalarView(s[start..<i]))), start)
                continue
            }
            if c == "\\" {
                i += 1
                guard i < s.count else { throw CalculusError(.syntax, "a backslash must start a command such as \\frac", at: start) }
                if isLetter(s[i]) {
                    while i < s.count && s[i].properties.isAlphabetic && s[i].isASCII { i += 1 }
                } else {
                    i += 1  // \\ \, \; \{ \| …
                }
                let name = String(String.UnicodeScalarView(s[(start + 1)..<i]))
                add(name == "\\" ? .symbol("\\\\") : .command(name), start)
                continue
            }
            if c.value < 32 || c.value == 127 {
                throw CalculusError(.syntax, "unexpected control character U+\(String(c.value, radix: 16, uppercase: true).leftPadded(4))", at: start)
            }
            // Two-character operators first.
            if i + 1 < s.count {
                let pair = String(String.UnicodeScalarView([c, s[i + 1]]))
                if ["<=", ">=", ".*", "./", ".^", "**", "!="].contains(pair) {
                    i += 2
                    add(.symbol(pair == "**" ? "^" : pair), start)
                    continue
                }
            }
            let single = "+-*/^()[]{},;'_|&<>=.!:"
            if single.unicodeScalars.contains(c) {
                i += 1; add(.symbol(String(c)), start); continue
            }
            let unicode: [Unicode.Scalar: String] = [
                "⊗": "⊗", "⊙": "⊗", "∘": "⊗", "⊘": "⊘", "·": "·", "⋅": "·", "×": "*", "≤": "<=", "≥": ">=",
                "−": "-", "∂": "∂", "∇": "∇", "⊤": "T", "ᵀ": "ᵀ", "π": "pi", "∑": "∑", "√": "√",
            ]
            if let mapped = unicode[c] {
                i += 1
                if mapped == "pi" { add(.identifier("pi"), start) } else { add(.symbol(mapped), start) }
                continue
            }
            if c == "\u{FFFD}" {
                throw CalculusError(.syntax, "the text is not valid UTF-8 here", at: start)
            }
            throw CalculusError(.syntax, "unexpected character '\(c)'", at: start)
        }
        tokens.append(Token(kind: .end, offset: s.count, length: 0, spaced: spaced))
        return tokens
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
