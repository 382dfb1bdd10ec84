/// Run-together names, read by `WordReadings` before parsing: ASCII words (`3xy`, `sinx`, `x1`) and LaTeX runs
/// of letters (`asin(x)` beside braces), each read one way or refused with both readings.
extension Parser {
    /// Longer runs of letters are not read: no answer has one, and a message about them would not help.
    static let longestRun = 256

    /// Whether `word` names a function here (not shadowed by a declared name).
    static func isFunction(_ word: String, _ scope: Scope) -> Bool {
        Vocabulary.functions.contains(word) && scope.lookup(word) == nil && scope.definitions[word] == nil
    }

    /// The message for a word with two readings: both readings, and how to write each that can be written apart.
    static func twoReadingsMessage(_ word: String, _ a: WordReadings.Reading, _ b: WordReadings.Reading, scope: Scope, latex: Bool) -> String {
        func describe(_ r: WordReadings.Reading) -> String {
            if r.count == 1 && r[0].trailingDigits == nil {
                return isFunction(r[0].text, scope) ? "the function \(r[0].text)" : "the name \(r[0].text)"
            }
            var out = ""
            for (k, p) in r.enumerated() {
                if k > 0 { out += isFunction(r[k - 1].text, scope) ? " " : "·" }
                out += p.spelled
            }
            return out
        }
        var hints: [String] = []
        for r in [a, b] {
            if r.count > 1 { hints.append("'\(r.map({ $0.spelled }).joined(separator: " "))' (with spaces) for \(describe(r))") }
            else if latex && !isFunction(r[0].text, scope) { hints.append("'\\mathrm{\(r[0].text)}' for the name") }
        }
        let how = hints.isEmpty ? "" : ": write " + hints.joined(separator: " or ")
        return "'\(word)' can be read as \(describe(a)) or as \(describe(b)) in this question\(how)"
    }

    /// Splits run-together ASCII names: `xy` → x y, `sinx` → sin x, `x1` → x_1; declared and known words stay whole,
    /// and a word with two plausible readings is an `ambiguousWord`.
    static func splitIdentifiers(_ tokens: [Token], scope: Scope) -> [Token] {
        // One-letter names stay themselves: most texts have nothing to split, and are not copied.
        guard tokens.contains(where: { if case .identifier = $0.kind { return $0.length > 1 }; return false }) else { return tokens }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var longest = Vocabulary.longestWord
        for name in scope.variables.keys { longest = Swift.max(longest, name.unicodeScalars.count) }
        for name in scope.definitions.keys { longest = Swift.max(longest, name.unicodeScalars.count) }
        func known(_ s: String) -> Bool {
            scope.lookup(s) != nil || scope.definitions[s] != nil || Vocabulary.functions.contains(s)
                || Vocabulary.greek.contains(s) || Vocabulary.constants.contains(s)
        }
        let words = WordReadings(isWord: known, isDeclaredLetter: { scope.lookup($0) != nil || scope.definitions[$0] != nil || Vocabulary.constants.contains($0) },
                                 unsplittable: .ascii, declared: Array(scope.variables.keys) + Array(scope.definitions.keys), longest: longest)
        for (index, t) in tokens.enumerated() {
            guard case .identifier(let word) = t.kind else { out.append(t); continue }
            // One letter stays itself whatever it names (the common case, read without building anything).
            if t.length == 1 { out.append(t); continue }
            // `and` joins conditions (`x > 0 and x < 1`) unless it is declared.
            if word == "and" && !known(word) { out.append(t); continue }
            let scalars = Array(word.unicodeScalars)
            guard scalars.count <= longestRun, let outcome = words.readings(of: scalars) else {
                out.append(Token(kind: .unknownWord(word), offset: t.offset, length: t.length, spaced: t.spaced))
                continue
            }
            let pieces: WordReadings.Reading, second: WordReadings.Reading?
            switch outcome {
            case .one(let r): pieces = r; second = nil
            case .two(let a, let b): pieces = a; second = b
            }
            let ambiguous = second.map { Token(kind: .ambiguousWord(word, message: twoReadingsMessage(word, pieces, $0, scope: scope, latex: false)),
                                               offset: t.offset, length: t.length, spaced: t.spaced) }
            // Where a word of the question is one of the readings, or no reading needs an undeclared letter,
            // two readings are the answer's to settle.
            let undeclared = pieces.filter { $0.isSingleLetter && !known($0.text) }.count
            if let ambiguous, pieces.count == 1 || second!.count == 1 || undeclared == 0 { out.append(ambiguous); continue }
            if pieces.count == 1 {
                let p = pieces[0]
                if p.trailingDigits == nil { out.append(t); continue }
            }
            let allLetters = pieces.allSatisfy { $0.length == 1 && $0.trailingDigits == nil }
            let calledLikeFunction = index + 1 < tokens.count && tokens[index + 1].kind == .symbol("(") && !tokens[index + 1].spaced
            let lastIsFunction = pieces.last.map { Vocabulary.functions.contains($0.text) || scope.definitions[$0.text] != nil } ?? false
            // `cosine(x)`: a word of three or more letters called like a function, whose last piece is no function.
            if calledLikeFunction && scalars.count >= 3 && !lastIsFunction && pieces.allSatisfy({ $0.trailingDigits == nil }) {
                out.append(Token(kind: .unknownFunction(word), offset: t.offset, length: t.length, spaced: t.spaced))
                continue
            }
            // `qwerty`, `transpos`: a long run of letters that is mostly no known word is an unknown name,
            // not a product (`xyz`, `xsin x`, `2xcos(x)` stay products).
            let singles = pieces.filter { $0.length == 1 && $0.trailingDigits == nil }.count
            // A function followed by three or more pieces before the next function (`sinxcosx` is sin x · cos x).
            let functionThenWord = pieces.indices.contains { k in
                guard Vocabulary.functions.contains(pieces[k].text) else { return false }
                var m = k + 1
                while m < pieces.count && !Vocabulary.functions.contains(pieces[m].text) { m += 1 }
                return m - k - 1 >= 3
            }
            // Letters the question uses are known here (`abcd` for `derivative(a b c d x, x)` is a product).
            let unfamiliar = pieces.filter { $0.length == 1 && $0.trailingDigits == nil && !known($0.text) && !scope.questionNames.contains($0.text) }.count
            if (unfamiliar > 0 && ((allLetters && pieces.count >= 4) || (scalars.count >= 5 && singles >= 4))) || functionThenWord {
                out.append(Token(kind: .unknownWord(word), offset: t.offset, length: t.length, spaced: t.spaced))
                continue
            }
            if let ambiguous { out.append(ambiguous); continue }
            // In a word, a function of the table takes what follows it up to the next function as its argument
            // (`sinxcosx` is sin(x)·cos(x)), and digits after it begin that argument (`cos2x` is cos(2x); a
            // logarithm's digits stay its base, `log2x`).
            func isTableFunction(_ p: WordReadings.Piece) -> Bool { Vocabulary.functions.contains(p.text) && scope.lookup(p.text) == nil && scope.definitions[p.text] == nil }
            var closeBefore = -1
            for (k, p) in pieces.enumerated() {
                if k == closeBefore {
                    out.append(Token(kind: .symbol(")"), offset: t.offset + p.start, length: 0, spaced: false))
                    closeBefore = -1
                }
                out.append(Token(kind: .identifier(p.text), offset: t.offset + p.start, length: p.length, spaced: k == 0 ? t.spaced : false))
                let function = isTableFunction(p)
                if function {
                    var m = k + 1
                    while m < pieces.count && !isTableFunction(pieces[m]) { m += 1 }
                    if m < pieces.count && (m > k + 1 || (p.trailingDigits != nil && p.text != "log")) {
                        out.append(Token(kind: .symbol("("), offset: t.offset + p.start + p.length, length: 0, spaced: false))
                        closeBefore = m
                    }
                }
                if let (digits, at, length) = p.trailingDigits {
                    if !(function && p.text != "log") {
                        out.append(Token(kind: .symbol("_"), offset: t.offset + at, length: 0, spaced: false))
                    }
                    out.append(Token(kind: .number(digits), offset: t.offset + at, length: length, spaced: false))
                }
            }
        }
        return out
    }
}

extension Parser {
    /// Commands whose braced argument is a word, not math (`\text{if}`, `\begin{cases}`, `\operatorname{diag}`):
    /// its letters are read as the word, never as names.
    static let wordArgumentCommands: Set<String> = WordTable.set("""
        text|textrm|textit|textbf|textsf|texttt|mbox|mathrm|mathit|mathsf|mathtt|mathbf|boldsymbol|bm|vec|mathbfit|\
        pmb|operatorname|begin|end|mathbb|mathcal|mathfrak|mathscr
        """)

    /// Letters written together in LaTeX (`asin(x)`, `ab`): each letter is a name of its own in TeX, but letters
    /// that spell a function of the table are that function, a run that spells a declared name of several letters
    /// is that name, and a run with two plausible readings is an `ambiguousWord` (the rule of `WordReadings`).
    static func joinFunctionLetters(_ tokens: [Token], scope: Scope) -> [Token] {
        func letter(_ k: Int) -> String? {
            guard k < tokens.count, case .identifier(let s) = tokens[k].kind, s.unicodeScalars.count == 1, s.unicodeScalars.first!.isASCII else { return nil }
            return s
        }
        // Most LaTeX has no two letters together: nothing to read.
        guard tokens.indices.contains(where: { letter($0) != nil && letter($0 + 1) != nil && !tokens[$0 + 1].spaced }) else { return tokens }
        let functions = WordReadings.Unsplittable.latex.words
        var longest = Vocabulary.longestWord
        for name in scope.variables.keys { longest = Swift.max(longest, name.unicodeScalars.count) }
        for name in scope.definitions.keys { longest = Swift.max(longest, name.unicodeScalars.count) }
        let declared: (String) -> Bool = { scope.lookup($0) != nil || scope.definitions[$0] != nil }
        let words = WordReadings(isWord: { declared($0) || functions.contains($0) }, isDeclaredLetter: { declared($0) || $0 == "e" },
                                 unsplittable: .latex, declared: Array(scope.variables.keys) + Array(scope.definitions.keys), longest: longest)
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var k = 0
        while k < tokens.count {
            // The argument of `\text{…}` and its kin is copied as it is.
            if case .command(let c) = tokens[k].kind, wordArgumentCommands.contains(c), k + 1 < tokens.count, tokens[k + 1].kind == .symbol("{") {
                var j = k + 2
                while j < tokens.count, tokens[j].kind != .symbol("}"), tokens[j].kind != .end { j += 1 }
                out.append(contentsOf: tokens[k..<Swift.min(j, tokens.count)])
                k = j
                continue
            }
            guard letter(k) != nil else { out.append(tokens[k]); k += 1; continue }
            var j = k + 1
            while letter(j) != nil, !tokens[j].spaced, j - k < longestRun { j += 1 }
            if j - k == 1 { out.append(tokens[k]); k += 1; continue }
            let run = tokens[k..<j]
            let text = (k..<j).map { letter($0)! }.joined()
            guard let outcome = words.readings(of: Array(text.unicodeScalars)) else { out.append(contentsOf: run); k = j; continue }
            switch outcome {
            case .two(let a, let b):
                let first = tokens[k], last = tokens[j - 1]
                let message = twoReadingsMessage(text, a, b, scope: scope, latex: true)
                out.append(Token(kind: .ambiguousWord(text, message: message), offset: first.offset, length: last.offset + last.length - first.offset, spaced: first.spaced))
            case .one(let pieces):
                for p in pieces {
                    let first = tokens[k + p.start], last = tokens[k + p.start + p.length - 1]
                    out.append(Token(kind: .identifier(p.text), offset: first.offset, length: last.offset + last.length - first.offset, spaced: first.spaced))
                }
            }
            k = j
        }
        return out
    }
}
