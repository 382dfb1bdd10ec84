/// Declared names that start with a Greek letter and go on, such as an increment `Δx` or a variation `δw`
/// (`let: Δx: scalar`, or `let: \Delta x: scalar`). Written `Δx`, `Δ x`, `Delta x` (ASCII) or `\Delta x` (LaTeX;
/// `\Delta \mathbf{w}` for a vector), such a name is one name; printed, it is `Δx` in Unicode, `\Delta x` in LaTeX and
/// `Delta x` in ASCII, which read back as the same name. Undeclared, `Δx` stays what it was: Δ times x.
enum GreekPrefixedNames {
    /// A declared name split into its Greek letter's name (`Delta`) and the rest (`x`); nil for any other name.
    static func split(_ name: String) -> (letter: String, rest: String)? {
        guard let first = name.unicodeScalars.first, let letter = UnicodeNotation.greek[first] else { return nil }
        let rest = String(String.UnicodeScalarView(name.unicodeScalars.dropFirst()))
        guard let next = rest.unicodeScalars.first, CharacterClasses.isLetter(next), UnicodeNotation.greek[next] == nil else { return nil }
        return (letter, rest)
    }

    /// A name as a `let:` line may write it: `\Delta x` and `\Delta{x}` are `Δx`; any other text is returned as it is.
    static func declared(_ text: String) -> String {
        guard text.hasPrefix("\\") else { return text }
        let scalars = Array(text.unicodeScalars.dropFirst())
        var k = 0
        while k < scalars.count && scalars[k].isASCII && CharacterClasses.isLetter(scalars[k]) { k += 1 }
        let command = String(String.UnicodeScalarView(scalars[..<k]))
        guard let symbol = UnicodeNotation.greek.first(where: { $0.value == command })?.key else { return text }
        var rest = String(String.UnicodeScalarView(scalars[k...])).trimmingSpaces
        if rest.hasPrefix("{") && rest.hasSuffix("}") { rest = String(rest.dropFirst().dropLast()).trimmingSpaces }
        let name = String(symbol) + rest
        return split(name) != nil && Scope.isName(name) ? name : text
    }

    /// The name in LaTeX: `\Delta x`; nil when the name does not start with a Greek letter.
    static func latex(_ name: String, bold: Bool) -> String? {
        guard let parts = split(name) else { return nil }
        return "\\" + parts.letter + " " + (bold ? "\\mathbf{\(parts.rest)}" : parts.rest)
    }

    /// The name in ASCII: `Delta x`.
    static func ascii(_ name: String) -> String? {
        guard let parts = split(name) else { return nil }
        return parts.letter + " " + parts.rest
    }
}

extension Parser {
    /// Joins the tokens of a declared Greek-prefixed name (`Delta`, `x`) into one identifier `Δx`, the longest such
    /// name where several fit. Where the Greek letter is declared as well, the two readings are an `ambiguousWord`.
    /// Texts of a scope without such a name are returned as they are.
    static func joinGreekPrefixedNames(_ tokens: [Token], scope: Scope) -> [Token] {
        let names = scope.variables.keys.filter { GreekPrefixedNames.split($0) != nil }
        guard !names.isEmpty else { return tokens }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            var letter = ""
            if case .identifier(let s) = t.kind { letter = s } else if case .command(let s) = t.kind { letter = s }
            var best: (name: String, rest: String, end: Int, remainder: String)? = nil
            for name in names {
                let parts = GreekPrefixedNames.split(name)!
                guard parts.letter == letter, let found = match(parts.rest, in: tokens, after: i) else { continue }
                // `\Delta \mathbf{w}` is the vector Δw only when Δw is one.
                if found.bold && scope.lookup(name)!.shape.isScalar { continue }
                if let b = best, b.rest.count >= parts.rest.count { continue }
                best = (name, parts.rest, found.end, found.remainder)
            }
            guard let best else { out.append(t); i += 1; continue }
            let last = tokens[best.end]
            let length = last.offset + last.length - best.remainder.unicodeScalars.count - t.offset
            let symbol = String(best.name.unicodeScalars.first!)
            let kind: Token.Kind = scope.lookup(letter) != nil || scope.lookup(symbol) != nil
                ? .ambiguousWord(best.name, message: "'\(best.name)' can be read as the name \(best.name) or as \(symbol) times \(best.rest) in this question: both are declared; write \(symbol)·\(best.rest) for the product")
                : .identifier(best.name)
            out.append(Token(kind: kind, offset: t.offset, length: length, spaced: t.spaced))
            if !best.remainder.isEmpty {
                out.append(Token(kind: .identifier(best.remainder), offset: t.offset + length, length: best.remainder.unicodeScalars.count, spaced: false))
            }
            i = best.end + 1
        }
        return out
    }

    /// Whether the tokens after token `start` spell `rest`: letters in LaTeX, a run in ASCII (whose letters after `rest`
    /// are the remainder), `{rest}`, or `\mathbf{rest}` (bold); and the last token they take.
    static func match(_ rest: String, in tokens: [Token], after start: Int) -> (end: Int, remainder: String, bold: Bool)? {
        var j = start + 1
        // `\Delta\, x`: thin spacing after the letter is typography (wider spacing may separate entries of a row).
        while j < tokens.count, case .command(let c) = tokens[j].kind, Parser.thinSpacing.contains(c) { j += 1 }
        guard j + 1 < tokens.count else { return nil }
        let braced = tokens[j].kind == .symbol("{") ? j : tokens[j + 1].kind == .symbol("{") ? j + 1 : nil
        if let b = braced, b + 2 < tokens.count, tokens[b + 1].kind == .identifier(rest), tokens[b + 2].kind == .symbol("}") {
            if b == j { return (b + 2, "", false) }
            if case .command(let c) = tokens[j].kind, c == "mathbf" || c == "boldsymbol" || c == "bm" { return (b + 2, "", true) }
        }
        var spelled = ""
        let first = j
        while j < tokens.count, case .identifier(let s) = tokens[j].kind, j == first || !tokens[j].spaced {
            spelled += s
            if spelled.count >= rest.count { break }
            j += 1
        }
        guard j < tokens.count, spelled.hasPrefix(rest) else { return nil }
        return (j, String(spelled.dropFirst(rest.count)), false)
    }
}
