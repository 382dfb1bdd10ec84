/// Declared names that start with a Greek letter and go on, such as an increment `Δx` or a variation `δw`
/// (`let: Δx: scalar`, or `let: \Delta x: scalar`). Written `Δx`, `Δ x`, `Delta x` (ASCII) or `\Delta x` (LaTeX;
/// `\Delta \mathbf{w}` for a vector), such a name is one name; printed, it is `Δx` in Unicode, `\Delta x` in LaTeX and
/// `Delta x` in ASCII, which read back as the same name (`Parser.greekPrefixedName`). Undeclared, `Δx` stays what it
/// was: Δ times x.
enum GreekPrefixedNames {
    /// A declared name split into its Greek letter's name (`Delta`) and the rest (`x`); nil for any other name.
    static func split(_ name: String) -> (letter: String, rest: String)? {
        guard let first = name.unicodeScalars.first, let letter = UnicodeNotation.greek[first] else { return nil }
        let rest = String(name[name.index(after: name.startIndex)...])
        guard let next = rest.unicodeScalars.first, CharacterClasses.isLetter(next), UnicodeNotation.greek[next] == nil else { return nil }
        return (letter, rest)
    }

    #if !hasFeature(Embedded)
    /// A name as a `let:` line may write it: `\Delta x` and `\Delta{x}` are `Δx`; any other text is returned as it is.
    /// (Not in the page's grader, which prints no LaTeX and has no room: there a `let:` line writes `Δx`.)
    static func declared(_ text: String) -> String {
        guard text.hasPrefix("\\"), let end = text.firstIndex(of: " ") ?? text.firstIndex(of: "{"),
              let symbol = Printer.greekSymbols[String(text[text.index(after: text.startIndex)..<end])] else { return text }
        var rest = String(text[end...]).trimmingSpaces
        if rest.hasPrefix("{") && rest.hasSuffix("}") { rest = String(rest.dropFirst().dropLast()) }
        let name = symbol + rest
        return split(name) != nil && Scope.isName(name) ? name : text
    }

    /// The name in LaTeX: `\Delta x`; nil when the name does not start with a Greek letter.
    static func latex(_ name: String, bold: Bool) -> String? {
        guard let parts = split(name) else { return nil }
        return "\\" + parts.letter + " " + (bold ? "\\mathbf{\(parts.rest)}" : parts.rest)
    }

    #endif

    /// The name in ASCII: `Delta x`.
    static func ascii(_ name: String) -> String? {
        guard let parts = split(name) else { return nil }
        return parts.letter + " " + parts.rest
    }
}

extension Parser {
    /// After a Greek letter (`Delta`, from `Δ`, `Delta` or `\Delta`), the declared name it begins with the letter that
    /// follows: `Δ x`, `\Delta{x}`, and `\Delta \mathbf{w}` for a vector; nil (nothing read) where none is declared. With
    /// the letter declared as well (`Delta` and `Δx`), the two readings are an error.
    mutating func greekPrefixedName(_ letter: String, at t: Token) throws(CalculusError) -> Expr? {
        guard let symbol = Printer.greekSymbols[letter] else { return nil }
        var k = 0
        if latex && (isCommand("mathbf") || isCommand("boldsymbol") || isCommand("bm")) && isSymbol("{", peek(1)) { k = 2 }
        else if latex && isSymbol("{") { k = 1 }
        guard case .identifier(let rest) = peek(k).kind, let v = scope.lookup(symbol + rest), k == 0 || isSymbol("}", peek(k + 1)) else { return nil }
        // A bold letter after the Greek one is a vector.
        if k == 2 && v.shape.isScalar { return nil }
        // The letter declared as a name of its own, in either spelling (`Delta` or `Δ`).
        if scope.lookup(letter) != nil || scope.lookup(symbol) != nil {
            throw error("'\(v.name)' can be read as the name \(v.name) or as \(symbol) times \(rest) in this question: both are declared; write \(symbol)·\(rest) for the product", t, kind: .unknownName)
        }
        for _ in 0..<(k == 0 ? 1 : k + 2) { _ = advance() }
        return .variable(v)
    }
}
