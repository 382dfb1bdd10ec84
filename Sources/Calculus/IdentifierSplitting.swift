/// Run-together ASCII names, split before parsing.
extension Parser {
    /// Splits run-together ASCII names: `xy` → x y, `sinx` → sin x, `x1` → x_1; declared and known words stay whole.
    static func splitIdentifiers(_ tokens: [Token], scope: Scope) -> [Token] {
        // One-letter names stay themselves: most texts have nothing to split, and are not copied.
        guard tokens.contains(where: { if case .identifier = $0.kind { return $0.length > 1 }; return false }) else { return tokens }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        // No known word is longer than this: looking for longer ones in a long run of letters would be quadratic.
        var longest = Vocabulary.longestWord
        for name in scope.variables.keys { longest = Swift.max(longest, name.unicodeScalars.count) }
        for name in scope.definitions.keys { longest = Swift.max(longest, name.unicodeScalars.count) }
        for (index, t) in tokens.enumerated() {
            guard case .identifier(let word) = t.kind else { out.append(t); continue }
            // One letter stays itself whatever it names (the common case, read without building anything).
            if t.length == 1 { out.append(t); continue }
            let scalars = Array(word.unicodeScalars)
            func known(_ s: String) -> Bool {
                scope.lookup(s) != nil || scope.definitions[s] != nil || Vocabulary.functions.contains(s)
                    || Vocabulary.greek.contains(s) || Vocabulary.constants.contains(s)
            }
            // `and` joins conditions (`x > 0 and x < 1`) unless it is declared.
            if known(word) || word == "and" { out.append(t); continue }
            // Split greedily into known words and single letters (digits after a name are its subscript).
            var pieces: [(text: String, start: Int, length: Int, subscript: (String, Int, Int)?)] = []
            var i = 0
            while i < scalars.count {
                var taken = 1
                var j = Swift.min(scalars.count, i + longest)
                while j > i + 1 {
                    if known(String(String.UnicodeScalarView(scalars[i..<j]))) { taken = j - i; break }
                    j -= 1
                }
                let piece = String(String.UnicodeScalarView(scalars[i..<(i + taken)]))
                let start = i
                i += taken
                var d = i
                while d < scalars.count && ("0"..."9").contains(scalars[d]) { d += 1 }
                var sub: (String, Int, Int)? = nil
                if d > i { sub = (String(String.UnicodeScalarView(scalars[i..<d])), i, d - i); i = d }
                pieces.append((piece, start, taken, sub))
            }
            let allLetters = pieces.allSatisfy { $0.length == 1 && $0.subscript == nil }
            let calledLikeFunction = index + 1 < tokens.count && tokens[index + 1].kind == .symbol("(") && !tokens[index + 1].spaced
            let lastIsFunction = pieces.last.map { Vocabulary.functions.contains($0.text) || scope.definitions[$0.text] != nil } ?? false
            // `cosine(x)`: a word of three or more letters called like a function, whose last piece is no function.
            if calledLikeFunction && scalars.count >= 3 && !lastIsFunction && pieces.allSatisfy({ $0.subscript == nil }) {
                out.append(Token(kind: .unknownFunction(word), offset: t.offset, length: t.length, spaced: t.spaced))
                continue
            }
            // `qwerty`, `softmax`, `transpose`: a long run of letters that is mostly no known word is an unknown name,
            // not a product (`xyz`, `xsin x`, `2xcos(x)` stay products).
            let singles = pieces.filter { $0.length == 1 && $0.subscript == nil }.count
            let functionThenWord = pieces.indices.contains { k in Vocabulary.functions.contains(pieces[k].text) && pieces.count - k - 1 >= 3 }
            if (allLetters && pieces.count >= 4) || (scalars.count >= 5 && singles >= 4) || functionThenWord {
                out.append(Token(kind: .unknownWord(word), offset: t.offset, length: t.length, spaced: t.spaced))
                continue
            }
            for (k, p) in pieces.enumerated() {
                out.append(Token(kind: .identifier(p.text), offset: t.offset + p.start, length: p.length, spaced: k == 0 ? t.spaced : false))
                if let (digits, at, length) = p.subscript {
                    out.append(Token(kind: .symbol("_"), offset: t.offset + at, length: 0, spaced: false))
                    out.append(Token(kind: .number(digits), offset: t.offset + at, length: length, spaced: false))
                }
            }
        }
        return out
    }
}

extension Parser {
    /// Functions a LaTeX text spells in plain letters (`log_{10}(x)`, `sin(x)` beside braces): in LaTeX every
    /// letter is a name of its own, but letters that together spell a function of the table, written together
    /// and none of them declared, are that function, never the product of its letters.
    static func joinFunctionLetters(_ tokens: [Token], scope: Scope) -> [Token] {
        func letter(_ k: Int) -> String? {
            guard k < tokens.count, case .identifier(let s) = tokens[k].kind, s.unicodeScalars.count == 1, s.unicodeScalars.first!.isASCII else { return nil }
            return s
        }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var k = 0
        while k < tokens.count {
            guard letter(k) != nil else { out.append(tokens[k]); k += 1; continue }
            // The longest run of adjacent letters from k that spells a function.
            var word = "", best: (end: Int, name: String)? = nil
            var j = k
            while let s = letter(j), j == k || !tokens[j].spaced, word.count < Vocabulary.longestWord {
                word += s
                j += 1
                if word.count >= 2, let entry = FunctionTable.entry(named: word), !entry.isSpecialForm,
                   (k..<j).allSatisfy({ scope.lookup(letter($0)!) == nil }) {
                    best = (j, word)
                }
            }
            guard let best else { out.append(tokens[k]); k += 1; continue }
            let first = tokens[k], last = tokens[best.end - 1]
            out.append(Token(kind: .identifier(best.name), offset: first.offset, length: last.offset + last.length - first.offset, spaced: first.spaced))
            k = best.end
        }
        return out
    }
}
