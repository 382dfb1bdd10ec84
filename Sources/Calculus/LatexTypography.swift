/// KaTeX commands that only change how math looks, and KaTeX's other names for commands the parser reads, settled
/// before parsing: sizing (`\big(`, `\Biggr]`), size and style switches (`\Large`, `\displaystyle`), colour, class
/// wrappers (`\mathord{…}`, `\boxed{…}`) and spacing (`\,`, `\quad`, `\hspace{1em}`, `\kern2mu`, `\phantom{x}`, `~`),
/// and aliases (`\lvert` is `|`, `\lbrack` is `[`, `\cosec` is `\csc`, `\tg` is `\tan`).
///
/// Spacing stays in the text as one spacing token (`Parser.spacingCommands`): it is left out between factors,
/// but between the entries of a row or a column it is a separator, never a product.
extension Parser {
    /// Sizing commands only change how big a delimiter is drawn (`\big(`, `\Bigr]`): they are left out.
    static let sizingCommands: Set<String> = WordTable.set("""
        big|Big|bigg|Bigg|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|bigm|Bigm|biggm|Biggm
        """)
    /// Switches and marks that change only size, style or line breaking: left out.
    static let switchCommands: Set<String> = WordTable.set("""
        Huge|huge|LARGE|Large|large|normalsize|small|footnotesize|scriptsize|tiny|displaystyle|textstyle|\
        scriptstyle|scriptscriptstyle|limits|nolimits|nobreak|allowbreak|relax|hline|hdashline
        """)
    /// Wrappers whose braced argument is math drawn another way (a class, a box): the argument stays, as a group.
    static let groupWrappers: Set<String> = WordTable.set("""
        mathord|mathop|mathbin|mathrel|mathopen|mathclose|mathpunct|mathinner|boxed|smash
        """)
    /// Spacing, as one token each after normalizing (`\hspace{1em}` and `\phantom{x}` take their argument with them).
    static let spacingCommands: Set<String> = WordTable.set("""
        ,|:|;|!| |>|~|quad|qquad|thinspace|medspace|thickspace|enspace|negthinspace|negmedspace|negthickspace|space|\
        nobreakspace|mathstrut|hspace|kern|mkern|mskip|hskip|phantom|hphantom|vphantom
        """)
    /// Spacing commands that take a width (`\hspace{1em}`, `\kern1em`) or content (`\phantom{x}`) as their argument.
    static let spacingWithArgument: Set<String> = WordTable.set("""
        hspace|kern|mkern|mskip|hskip|phantom|hphantom|vphantom
        """)

    /// KaTeX's other names for what the parser reads under one name.
    static let commandAliases: [String: Token.Kind] = [
        "lvert": .symbol("|"), "rvert": .symbol("|"), "vert": .symbol("|"), "lbrack": .symbol("["), "rbrack": .symbol("]"),
        "lparen": .symbol("("), "rparen": .symbol(")"), "lang": .command("langle"), "rang": .command("rangle"),
        "varepsilon": .command("epsilon"), "varphi": .command("phi"),
        "cosec": .command("csc"), "tg": .command("tan"), "ctg": .command("cot"), "cotg": .command("cot"), "arctg": .command("arctan"),
        "sh": .command("sinh"), "ch": .command("cosh"), "th": .command("tanh"), "cth": .command("coth"),
        "cdotp": .command("cdot"), "centerdot": .command("cdot"), "sdot": .command("cdot"), "leqq": .command("le"), "geqq": .command("ge"),
        "cr": .symbol("\\\\"),
    ]

    /// The tokens with typography settled: see the type's comment.
    static func withoutTypography(_ tokens: [Token]) -> [Token] {
        guard tokens.contains(where: { if case .command = $0.kind { return true }; return false }) else { return tokens }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        /// The index after the braced group that starts at `k` (or `k` when none starts there).
        func afterGroup(_ k: Int) -> Int {
            guard k < tokens.count, tokens[k].kind == .symbol("{") else { return k }
            var level = 0, j = k
            while j < tokens.count {
                if tokens[j].kind == .symbol("{") { level += 1 }
                if tokens[j].kind == .symbol("}") { level -= 1; if level == 0 { return j + 1 } }
                if tokens[j].kind == .end { return j }
                j += 1
            }
            return j
        }
        /// The index after an optional `[…]` argument at `k`.
        func afterOptional(_ k: Int) -> Int {
            guard k < tokens.count, tokens[k].kind == .symbol("[") else { return k }
            var j = k
            while j < tokens.count, tokens[j].kind != .symbol("]"), tokens[j].kind != .end { j += 1 }
            return j < tokens.count && tokens[j].kind == .symbol("]") ? j + 1 : k
        }
        var k = 0
        while k < tokens.count {
            let t = tokens[k]
            guard case .command(let c) = t.kind else { out.append(t); k += 1; continue }
            if sizingCommands.contains(c) || switchCommands.contains(c) { k += 1; continue }
            if c == "color" { k = afterGroup(k + 1); continue }
            if c == "textcolor" { k = afterGroup(k + 1); continue }
            if groupWrappers.contains(c), afterOptional(k + 1) < tokens.count, tokens[afterOptional(k + 1)].kind == .symbol("{") {
                k = afterOptional(k + 1)
                continue
            }
            if spacingWithArgument.contains(c) {
                var j = k + 1
                if j < tokens.count, tokens[j].kind == .symbol("*") { j += 1 }
                if j < tokens.count, tokens[j].kind == .symbol("{") { j = afterGroup(j) }
                else {
                    // `\kern1em`, `\mkern-3mu`: a signed number and a two-letter unit.
                    if j < tokens.count, tokens[j].kind == .symbol("-") { j += 1 }
                    if j < tokens.count, case .number = tokens[j].kind { j += 1 }
                    var letters = 0
                    while letters < 2, j < tokens.count, case .identifier = tokens[j].kind, !tokens[j].spaced { j += 1; letters += 1 }
                }
                let last = tokens[j - 1]
                out.append(Token(kind: .command(c), offset: t.offset, length: last.offset + last.length - t.offset, spaced: t.spaced))
                k = j
                continue
            }
            if let alias = commandAliases[c] {
                out.append(Token(kind: alias, offset: t.offset, length: t.length, spaced: t.spaced))
                k += 1
                continue
            }
            out.append(t)
            k += 1
        }
        return out
    }
}
