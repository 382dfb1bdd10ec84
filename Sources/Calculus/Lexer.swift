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
        /// A run of letters with two plausible readings (`ab` with a, b and ab declared), and the message that shows both.
        case ambiguousWord(String, message: String)
        case end
    }
    var kind: Kind
    var offset: Int
    var length: Int
    /// Whether white space came before the token (tells a spaced `w . x` from `3.5`).
    var spaced: Bool
}

/// Splits text into tokens. `latex` selects LaTeX rules: one-letter names, commands, braces.
///
/// One pass over the UTF-8 bytes, counting Unicode scalars for the offsets; a token's text is cut from the
/// bytes once (short names and operators fit in a String without allocating), nothing is built per character.
struct Lexer {
    /// The longest expression read, in Unicode scalars (checked before anything else looks at the text).
    static let maxLength = 1_000_000

    /// The limit error for a text longer than `maxLength`, or nil; costs one look at the byte count for most texts.
    static func lengthError(_ text: String) -> CalculusError? {
        guard text.utf8.count > maxLength else { return nil }
        let count = text.unicodeScalars.count
        guard count > maxLength else { return nil }
        return CalculusError(.limit, "the expression is too long (\(count) characters; the limit is \(maxLength))", at: 0)
    }

    static func tokenize(_ text: String, latex: Bool) throws(CalculusError) -> [Token] {
        if let e = lengthError(text) { throw e }
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(CalculusError) -> [Token] in
                var lexer = Lexer(bytes: bytes, latex: latex)
                return try lexer.run()
            }
        }
        return try result.get()
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let latex: Bool
    /// The byte read next, and its offset in Unicode scalars.
    var i = 0
    var scalar = 0
    var spaced = false
    var tokens: [Token] = []

    init(bytes: UnsafeBufferPointer<UInt8>, latex: Bool) {
        self.bytes = bytes
        self.latex = latex
    }

    /// Operators and punctuation of one ASCII character, by byte.
    static let singles: [String?] = (0..<128).map { b in
        let c = Character(Unicode.Scalar(UInt8(b)))
        return "+-*/^()[]{},;'_|&<>=.!:".contains(c) ? String(c) : nil
    }
    static let unicode: [Unicode.Scalar: String] = WordTable.scalarMap("""
        ⊗⊗|⊙⊗|∘⊗|⊘⊘|··|⋅·|×*|≤<=|≥>=|−-|∂∂|∇∇|⊤T|ᵀᵀ|πpi|∑∑|√√|÷/|‖‖|∥‖|≠!=|⩽<=|⩾>=|𝟙𝟙
        """)

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// The scalar starting at byte `k` and its length in bytes (the text is valid UTF-8).
    func decode(_ k: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[k])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        func cont(_ n: Int) -> UInt32 { UInt32(bytes[k + n]) & 0x3F }
        let (value, length): (UInt32, Int)
        if b0 < 0xE0 { (value, length) = ((b0 & 0x1F) << 6 | cont(1), 2) }
        else if b0 < 0xF0 { (value, length) = ((b0 & 0x0F) << 12 | cont(1) << 6 | cont(2), 3) }
        else { (value, length) = ((b0 & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Whether the scalar at byte `k` is a letter (`∂ ∇ π` are symbols); its length in bytes if so.
    func letter(at k: Int) -> Int? {
        let b = bytes[k]
        if b < 0x80 { return Lexer.isASCIILetter(b) ? 1 : nil }
        let (c, n) = decode(k)
        return CharacterClasses.isLetter(c) && c != "∂" && c != "∇" && c != "π" ? n : nil
    }

    /// Letters that stand for notation, not for part of a name: Greek letters, super- and subscripts.
    func isNotationLetter(at k: Int) -> Bool {
        guard bytes[k] >= 0x80 else { return false }
        let c = decode(k).0
        return UnicodeNotation.greek[c] != nil || UnicodeNotation.superscripts[c] != nil || UnicodeNotation.subscripts[c] != nil
    }

    func digit(at k: Int) -> Bool { k < bytes.count && Lexer.isDigit(bytes[k]) }

    /// Every ASCII character as a String, so one-letter names and digits cost no decoding.
    static let oneByte: [String] = (0..<128).map { String(Character(Unicode.Scalar(UInt8($0)))) }

    /// The text of bytes `start..<i`.
    func text(from start: Int) -> String {
        if i == start + 1 && bytes[start] < 0x80 { return Lexer.oneByte[Int(bytes[start])] }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    /// Moves past `n` bytes that are one scalar.
    mutating func step(_ n: Int = 1) { i += n; scalar += 1 }

    mutating func add(_ kind: Token.Kind, _ start: Int) {
        tokens.append(Token(kind: kind, offset: start, length: scalar - start, spaced: spaced))
        spaced = false
    }

    mutating func run() throws(CalculusError) -> [Token] {
        tokens.reserveCapacity(bytes.count / 2 + 1)
        let singles = Lexer.singles
        while i < bytes.count {
            let b = bytes[i]
            let start = scalar, startByte = i
            if Lexer.isSpace(b) {
                // A run of white space at once (answers can be mostly blanked comments).
                var j = i + 1
                while j < bytes.count && Lexer.isSpace(bytes[j]) { j += 1 }
                scalar += j - i
                i = j
                spaced = true
                continue
            }
            // Punctuation first (brackets and operators are most of some texts); `.` may start a number.
            if b != UInt8(ascii: "."), b < 0x80, let single = singles[Int(b)] {
                if i + 1 < bytes.count, let pair = Lexer.pair(b, bytes[i + 1]) {
                    step(); step()
                    add(.symbol(pair), start)
                } else {
                    step()
                    add(.symbol(single), start)
                }
                continue
            }
            if Lexer.isDigit(b) || (b == UInt8(ascii: ".") && digit(at: i + 1)) {
                while digit(at: i) { step() }
                if i < bytes.count && bytes[i] == UInt8(ascii: ".") && digit(at: i + 1) {
                    step()
                    while digit(at: i) { step() }
                }
                add(.number(text(from: startByte)), start)
                continue
            }
            if b >= 0x80 {
                if superscriptRun() || subscriptRun() { continue }
                let (c, n) = decode(i)
                if let name = UnicodeNotation.greek[c] {
                    step(n)
                    add(.identifier(name), start)
                    continue
                }
                if c == "ᵀ" { step(n); add(.symbol("ᵀ"), start); continue }
                if c == "½" {
                    // ½ is (1/2).
                    step(n)
                    for (kind, length) in [(Token.Kind.symbol("("), 0), (.number("1"), 1), (.symbol("/"), 0), (.number("2"), 0), (.symbol(")"), 0)] {
                        tokens.append(Token(kind: kind, offset: start, length: length, spaced: kind == .symbol("(") ? spaced : false))
                    }
                    spaced = false
                    continue
                }
            }
            if let n = letter(at: i) {
                step(n)
                if !latex {
                    while i < bytes.count {
                        if Lexer.isDigit(bytes[i]) { step(); continue }
                        guard let m = letter(at: i), !isNotationLetter(at: i) else { break }
                        step(m)
                    }
                }
                add(.identifier(text(from: startByte)), start)
                continue
            }
            if b == UInt8(ascii: "\\") {
                step()
                guard i < bytes.count else { throw CalculusError(.syntax, "a backslash must start a command such as \\frac", at: start) }
                let nameStart = i
                if letter(at: i) != nil {
                    while i < bytes.count && Lexer.isASCIILetter(bytes[i]) { step() }
                } else {
                    step(decode(i).1)  // \\ \, \; \{ \| …
                }
                let name = text(from: nameStart)
                add(name == "\\" ? .symbol("\\\\") : .command(name), start)
                continue
            }
            if latex && b == UInt8(ascii: "~") {
                // TeX's non-breaking space.
                step()
                add(.command("~"), start)
                continue
            }
            if b < 32 || b == 127 {
                throw CalculusError(.syntax, "unexpected control character U+\(String(b, radix: 16, uppercase: true).leftPadded(4))", at: start)
            }
            if b < 0x80 {
                // Two-character operators first.
                if i + 1 < bytes.count, let pair = Lexer.pair(b, bytes[i + 1]) {
                    step(); step()
                    add(.symbol(pair), start)
                    continue
                }
                if let single = singles[Int(b)] { step(); add(.symbol(single), start); continue }
                throw CalculusError(.syntax, "unexpected character '\(Unicode.Scalar(b))'", at: start)
            }
            let (c, n) = decode(i)
            if c == "\u{00A0}" { spaced = true; step(n); continue }
            if c == "⟨" || c == "⟩" { step(n); add(.command(c == "⟨" ? "langle" : "rangle"), start); continue }
            if let mapped = Lexer.unicode[c] {
                step(n)
                if mapped == "pi" { add(.identifier("pi"), start) } else { add(.symbol(mapped), start) }
                continue
            }
            if c == "\u{FFFD}" {
                throw CalculusError(.syntax, "the text is not valid UTF-8 here", at: start)
            }
            throw CalculusError(.syntax, "unexpected character '\(c)'", at: start)
        }
        tokens.append(Token(kind: .end, offset: scalar, length: 0, spaced: spaced))
        return tokens
    }

    /// `<= >= .* ./ .^ ** !=` (`**` reads as `^`).
    static func pair(_ a: UInt8, _ b: UInt8) -> String? {
        switch (a, b) {
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): return "<="
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): return ">="
        case (UInt8(ascii: "."), UInt8(ascii: "*")): return ".*"
        case (UInt8(ascii: "."), UInt8(ascii: "/")): return "./"
        case (UInt8(ascii: "."), UInt8(ascii: "^")): return ".^"
        case (UInt8(ascii: "*"), UInt8(ascii: "*")): return "^"
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): return "!="
        // `||x||`: the norm's bars, never two absolute values.
        case (UInt8(ascii: "|"), UInt8(ascii: "|")): return "‖"
        default: return nil
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
