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
    /// Joins the tokens of a declared Greek-prefixed name (`Delta`, `x`) into one identifier `Δx`. Where the Greek
    /// letter is declared as well, the two readings are an `ambiguousWord`. Texts without such a name are returned as
    /// they are.
    static func joinGreekPrefixedNames(_ tokens: [Token], scope: Scope) -> [Token] {
        var names: [(letter: String, rest: [Unicode.Scalar], name: String)] = []
        for name in scope.variables.keys {
            if let parts = GreekPrefixedNames.split(name) { names.append((parts.letter, Array(parts.rest.unicodeScalars), name)) }
        }
        guard !names.isEmpty else { return tokens }
        // The longest rest first: `Δxy` before `Δx`.
        names.sort { $0.rest.count > $1.rest.count }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        scan: while i < tokens.count {
            let t = tokens[i]
            let letter: String
            switch t.kind {
            case .identifier(let s), .command(let s): letter = s
            default: out.append(t); i += 1; continue scan
            }
            for (l, rest, name) in names where l == letter {
                guard let found = match(rest, in: tokens, after: i) else { continue }
                let end = found.end, remainder = found.remainder, bold = found.bold
                let variable = scope.lookup(name)!
                // `\Delta \mathbf{w}` is the vector Δw only when Δw is one.
                if bold && variable.shape.isScalar { continue }
                let last = tokens[end]
                let length = remainder == nil ? last.offset + last.length - t.offset : last.offset + last.length - remainder!.count - t.offset
                let kind: Token.Kind
                let symbol = String(name.unicodeScalars.first!)
                if scope.lookup(letter) != nil || scope.lookup(symbol) != nil {
                    kind = .ambiguousWord(name, message: "'\(name)' can be read as the name \(name) or as \(symbol) times \(String(String.UnicodeScalarView(rest))) in this question: both are declared; write \(symbol)·\(String(String.UnicodeScalarView(rest))) for the product")
                } else {
                    kind = .identifier(name)
                }
                out.append(Token(kind: kind, offset: t.offset, length: length, spaced: t.spaced))
                if let remainder {
                    out.append(Token(kind: .identifier(remainder), offset: t.offset + length, length: remainder.unicodeScalars.count, spaced: false))
                }
                i = end + 1
                continue scan
            }
            out.append(t)
            i += 1
        }
        return out
    }

    /// Whether the identifiers after token `start` spell `rest` (one of several letters in LaTeX, a run in ASCII,
    /// `{rest}` or `\mathbf{rest}`): the last token used, the letters of a run left after `rest`, and whether it was bold.
    static func match(_ rest: [Unicode.Scalar], in tokens: [Token], after start: Int) -> (end: Int, remainder: String?, bold: Bool)? {
        var j = start + 1
        // `\Delta\, x`: spacing after the letter is typography.
        while j < tokens.count, case .command(let c) = tokens[j].kind, Parser.thinSpacing.contains(c) { j += 1 }
        let first = j
        if j + 3 < tokens.count, case .command(let c) = tokens[j].kind, c == "mathbf" || c == "boldsymbol" || c == "bm",
           tokens[j + 1].kind == .symbol("{"), case .identifier(let s) = tokens[j + 2].kind, tokens[j + 3].kind == .symbol("}"),
           Array(s.unicodeScalars) == rest {
            return (j + 3, nil, true)
        }
        // `\Delta{x}`.
        if j + 2 < tokens.count, tokens[j].kind == .symbol("{"), case .identifier(let s) = tokens[j + 1].kind, tokens[j + 2].kind == .symbol("}"),
           Array(s.unicodeScalars) == rest {
            return (j + 2, nil, false)
        }
        var spelled: [Unicode.Scalar] = []
        while j < tokens.count, case .identifier(let s) = tokens[j].kind, j == first || !tokens[j].spaced {
            spelled += s.unicodeScalars
            if spelled.count >= rest.count { break }
            j += 1
        }
        guard spelled.count >= rest.count, Array(spelled[..<rest.count]) == rest, j < tokens.count else { return nil }
        let left = spelled.count > rest.count ? String(String.UnicodeScalarView(spelled[rest.count...])) : nil
        return (j, left, false)
    }
}
