/// Unicode math as students paste or type it, read as the ASCII it stands for: superscripts are exponents and
/// transposes (`x²`, `xᵀ`, `X⁻¹`, `X⁻ᵀ`, `xⁿ`), subscripts are indices (`x₁`), Greek letters are the names
/// they spell (`λ` is `lambda`, so `σ(z)` is the sigmoid as `sigma(z)` is, and `σ` alone is a name), `‖` is the
/// norm's bar and `½` a half.
enum UnicodeNotation {
    /// Superscript characters and what they stand for in an exponent.
    static let superscripts: [Unicode.Scalar: String] = WordTable.scalarMap("""
        ⁰0|¹1|²2|³3|⁴4|⁵5|⁶6|⁷7|⁸8|⁹9|⁻-|⁺+|ⁿn|ˣx|ʸy|ⁱi|ᵏk|ᵐm|ᵀT|⁽(|⁾)
        """)
    /// Subscript characters and what they stand for in an index.
    static let subscripts: [Unicode.Scalar: String] = WordTable.scalarMap("""
        ₀0|₁1|₂2|₃3|₄4|₅5|₆6|₇7|₈8|₉9|ᵢi|ⱼj|ₖk|ₙn|ₘm
        """)
    /// Greek letters by the names they spell (the names `Vocabulary.greek` lists).
    static let greek: [Unicode.Scalar: String] = WordTable.scalarMap("""
        αalpha|βbeta|γgamma|δdelta|εepsilon|ϵepsilon|ζzeta|ηeta|θtheta|ϑvartheta|ιiota|κkappa|\
        λlambda|μmu|νnu|ξxi|ρrho|σsigma|τtau|υupsilon|φphi|ϕphi|χchi|ψpsi|ωomega|ΓGamma|ΔDelta|\
        ΘTheta|ΛLambda|ΞXi|ΠPi|ΣSigma|ΥUpsilon|ΦPhi|ΨPsi|ΩOmega
        """)
}

extension Lexer {
    /// Reads a run of superscripts at byte `i` as `^` and its exponent (`⁻ᵀ` as `^-T`, the inverse transpose;
    /// a lone `ᵀ` stays the transpose symbol); false when there is none.
    mutating func superscriptRun() -> Bool {
        var run: [(text: String, offset: Int)] = []
        var j = i, at = scalar
        while j < bytes.count {
            let (c, n) = decode(j)
            guard let s = UnicodeNotation.superscripts[c] else { break }
            run.append((s, at)); j += n; at += 1
        }
        guard !run.isEmpty else { return false }
        if run.count == 1 && run[0].text == "T" { return false }
        let start = scalar
        tokens.append(Token(kind: .symbol("^"), offset: start, length: 0, spaced: spaced))
        spaced = false
        let texts = run.map({ $0.text })
        let simple = texts == ["-", "T"] || run.count == 1 || (texts.first == "-" && texts.dropFirst().allSatisfy { $0.allSatisfy(CharacterClasses.isNumeral) })
        if !simple { tokens.append(Token(kind: .symbol("("), offset: start, length: 0, spaced: false)) }
        var k = 0
        while k < run.count {
            let piece = run[k]
            if piece.text.allSatisfy(CharacterClasses.isNumeral) {
                // Consecutive digits are one number: x¹⁰.
                var digits = piece.text, m = k + 1
                while m < run.count && run[m].text.allSatisfy(CharacterClasses.isNumeral) { digits += run[m].text; m += 1 }
                tokens.append(Token(kind: .number(digits), offset: piece.offset, length: m - k, spaced: false))
                k = m
                continue
            }
            let kind: Token.Kind = ["+", "-", "(", ")"].contains(piece.text) ? .symbol(piece.text) : .identifier(piece.text)
            tokens.append(Token(kind: kind, offset: piece.offset, length: 1, spaced: false))
            k += 1
        }
        if !simple { tokens.append(Token(kind: .symbol(")"), offset: at, length: 0, spaced: false)) }
        i = j; scalar = at
        return true
    }

    /// Reads a run of subscripts at byte `i` as `_` and its index (`x₁₂` is `x_12`); false when there is none.
    mutating func subscriptRun() -> Bool {
        var text = "", j = i, at = scalar
        while j < bytes.count {
            let (c, n) = decode(j)
            guard let s = UnicodeNotation.subscripts[c] else { break }
            text += s; j += n; at += 1
        }
        guard !text.isEmpty else { return false }
        tokens.append(Token(kind: .symbol("_"), offset: scalar, length: 0, spaced: false))
        let kind: Token.Kind = text.allSatisfy(CharacterClasses.isNumeral) ? .number(text) : .identifier(text)
        tokens.append(Token(kind: kind, offset: scalar, length: at - scalar, spaced: false))
        spaced = false
        i = j; scalar = at
        return true
    }
}
