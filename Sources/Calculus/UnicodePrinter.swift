/// The Unicode style's own forms: what a student types with Unicode (`x²`, `xᵀ`, `X⁻¹`, `x₁`, `λ`, `σ(z)`, `√(x)`,
/// `‖x‖`, `∑`), each one the ASCII parser reads back through `UnicodeNotation`.
extension Printer {
    /// `σ(z)` for the sigmoid and `√(x)` for the square root; nil for a function printed by its ASCII name.
    func unicodeApply(_ fn: ElementwiseFunction, _ x: Expr) -> Piece? {
        let argument = render(x).text
        switch fn {
        case .sigmoid: return Piece(text: "σ(" + argument + ")", precedence: 5)
        // `√(x)²` would read as √((x)²): as the base of a power, the root is wrapped.
        case .sqrt: return Piece(text: "√(" + argument + ")", precedence: 4)
        default: return nil
        }
    }

    /// A name in Unicode: Greek letters as their symbols, a subscript in subscript digits or letters (`lambda_1` → `λ₁`).
    static func unicodeName(_ name: String) -> String {
        var base = name, sub: String? = nil
        if let u = name.firstIndex(of: "_") { base = String(name[..<u]); sub = String(name[name.index(after: u)...]) }
        let symbol = greekSymbols[base] ?? base
        guard let sub else { return symbol }
        let index = sub.hasPrefix("{") && sub.hasSuffix("}") ? String(sub.dropFirst().dropLast()) : sub
        return symbol + (subscripted(index) ?? "_" + sub)
    }

    /// An exponent in superscript characters: a whole number (`x⁻²`, `x¹⁰`) or a one-letter scalar name that has one
    /// (`xⁿ`, `3ˣ`); nil for any other exponent, which keeps `^`.
    static func superscriptExponent(_ x: Expr) -> String? {
        switch x {
        case .number(.rational(let k, 1)): return superscripted(String(k))
        case .variable(let v) where v.shape.isScalar && v.name.count == 1: return superscripted(v.name)
        default: return nil
        }
    }

    /// The text in superscript characters (`-12` → `⁻¹²`); nil when a character has none.
    static func superscripted(_ text: String) -> String? { mapped(text, superscriptCharacters) }

    /// The text in subscript characters (`12` → `₁₂`, `i` → `ᵢ`): digits, or one letter that has a subscript; nil otherwise.
    static func subscripted(_ text: String) -> String? {
        guard text.allSatisfy(CharacterClasses.isNumeral) || text.count == 1 else { return nil }
        return mapped(text, subscriptCharacters)
    }

    static func mapped(_ text: String, _ table: [String: String]) -> String? {
        guard !text.isEmpty else { return nil }
        var out = ""
        for c in text {
            guard let small = table[String(c)] else { return nil }
            out += small
        }
        return out
    }

    /// What the lexer reads, backwards: a digit or sign to its superscript, and so on. Where two characters
    /// read as one name (`ε` and `ϵ`), the first in code-point order is printed.
    @inline(never)
    static func reversed(_ table: [Unicode.Scalar: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (c, text) in table.sorted(by: { $0.key.value < $1.key.value }) where out[text] == nil { out[text] = String(c) }
        return out
    }

    /// Digits, the minus sign and the letters of exponents; not `ᵀ`, the transpose, nor the parentheses and `⁺`.
    static let superscriptCharacters = reversed(UnicodeNotation.superscripts.filter { $0.value.count == 1 && "0123456789-nxyikm".contains(Character($0.value)) })
    static let subscriptCharacters = reversed(UnicodeNotation.subscripts)
    static let greekSymbols = reversed(UnicodeNotation.greek)
}
