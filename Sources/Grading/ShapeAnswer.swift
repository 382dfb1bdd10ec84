import Calculus

/// The answer to a shape question (`ask: shape(jacobian(W x, x))`) as students write it: `m×n`, `m x n`, `m by n`,
/// `m * n`, `(m, n)`, `m \times n`, `\mathbb{R}^{m \times n}`, `3×2`, and `scalar` for 1×1. Read on its own, not by the
/// expression parser: `m x n` is no product here.
enum ShapeAnswer {
    /// A piece of the answer: a size (a name or a number), or a separator, with its offset in Unicode scalars.
    struct Token {
        enum Kind: Equatable { case size(Dimension), by, open, close, comma }
        var kind: Kind
        var offset: Int
        var length: Int
    }

    static let example = "write a shape as rows×columns, such as m×n, n×1 or 1×1 (or scalar)"

    /// The shape written in `text`; an error at the spot that cannot be read. `known`: the question's sizes, so that
    /// `mxn` (no spaces) reads as m×n.
    static func read(_ text: String, known: Set<String> = []) throws(CalculusError) -> Shape {
        let scalars = Array(text.unicodeScalars)
        var words: [(text: String, offset: Int)] = []
        var k = 0
        // Words of letters, digits and `_`; other characters are words of one (spaces and braces dropped).
        while k < scalars.count {
            let c = scalars[k]
            if isWordScalar(c) {
                let start = k
                while k < scalars.count && isWordScalar(scalars[k]) { k += 1 }
                words.append((String(String.UnicodeScalarView(scalars[start..<k])), start))
                continue
            }
            if c == "\\" {
                let start = k
                k += 1
                while k < scalars.count && CharacterClasses.isLetter(scalars[k]) && scalars[k].isASCII { k += 1 }
                words.append((String(String.UnicodeScalarView(scalars[start..<k])), start))
                continue
            }
            // White space of any kind (a no-break space pasted from a page too), braces, dollars and a full stop
            // that ends the answer are left out.
            let finalStop = c == "." && scalars[(k + 1)...].allSatisfy(CharacterClasses.isWhiteSpace)
            if !(CharacterClasses.isWhiteSpace(c) || c == "{" || c == "}" || c == "$" || finalStop) { words.append((String(c), k)) }
            k += 1
        }
        // `\mathbb{R}^{…}`, `R^…`, `ℝ^…`: the space of the values, whose exponent is the shape.
        if words.count >= 2, ["\\mathbb R", "R", "ℝ", "\\R", "\\Re", "\\real", "\\reals"].contains(lead(words)), let caret = words.firstIndex(where: { $0.text == "^" }) {
            words.removeSubrange(0...caret)
        }
        if words.count == 1, lowercased(words[0].text) == "scalar" { return .scalar }
        var tokens: [Token] = []
        for w in words {
            switch w.text {
            case "×", "*", "⋅", "·", "\\times", "\\cdot", "by", "x", "X":
                // A size named x or by (`matrix(x, y)`) is a size except right after a size, where it separates: `x x y`, `m by by`.
                var kind = Token.Kind.by
                if known.contains(w.text) { if case .size = tokens.last?.kind {} else { kind = .size(.named(w.text)) } }
                tokens.append(Token(kind: kind, offset: w.offset, length: w.text.unicodeScalars.count))
            case "(", "[": tokens.append(Token(kind: .open, offset: w.offset, length: 1))
            case ")", "]": tokens.append(Token(kind: .close, offset: w.offset, length: 1))
            case ",": tokens.append(Token(kind: .comma, offset: w.offset, length: 1))
            default:
                guard let first = w.text.unicodeScalars.first, isWordScalar(first) else {
                    throw CalculusError(.syntax, "'\(w.text)' is not part of a shape; \(example)", at: w.offset, length: w.text.unicodeScalars.count)
                }
                tokens += try sizes(in: w.text, at: w.offset, known: known)
            }
        }
        // `(m, n)` and `[m, n]`: the brackets around a pair.
        if let first = tokens.first, first.kind == .open {
            guard let last = tokens.last, last.kind == .close, tokens.count > 1 else {
                throw CalculusError(.syntax, "expected ')' to close the shape", at: scalars.count)
            }
            tokens = Array(tokens.dropFirst().dropLast())
        }
        // size, separator, size: the first token out of that pattern is where the reading stops.
        func fits(_ t: Token, at position: Int) -> Bool {
            if case .size = t.kind { return position != 1 }
            return position == 1 && (t.kind == .by || t.kind == .comma)
        }
        if let bad = tokens.indices.first(where: { $0 > 2 || !fits(tokens[$0], at: $0) }) {
            throw CalculusError(.syntax, "cannot read a shape here; \(example)", at: tokens[bad].offset, length: tokens[bad].length)
        }
        guard tokens.count == 3, case .size(let rows) = tokens[0].kind, case .size(let cols) = tokens[2].kind else {
            throw CalculusError(.syntax, "a shape has rows and columns; \(example)", at: scalars.count)
        }
        return Shape(rows, cols)
    }

    /// A word as sizes: `3`, `n`, `N_1`, or `3x2` / `mxn` (an x between two sizes) split at the x; an error where it
    /// splits at two of its x's.
    static func sizes(in word: String, at offset: Int, known: Set<String>) throws(CalculusError) -> [Token] {
        let scalars = Array(word.unicodeScalars)
        if !known.contains(word) {
            var split: [Token] = []
            for (k, c) in scalars.enumerated() where (c == "x" || c == "X") && k > 0 && k < scalars.count - 1 {
                let a = String(String.UnicodeScalarView(scalars[..<k])), b = String(String.UnicodeScalarView(scalars[(k + 1)...]))
                func size(_ s: String) -> Dimension? { known.contains(s) ? .named(s) : Int(s.prefix(9)).map { .fixed($0) } }
                if let ra = size(a), let rb = size(b) {
                    // Two places to split (`xxxy` with sizes x, xy, xx and y): refused rather than read one way.
                    if !split.isEmpty {
                        throw CalculusError(.syntax, "'\(word)' splits into two sizes at more than one x; write the sizes apart, such as \(a)×\(b)", at: offset, length: scalars.count)
                    }
                    split = [Token(kind: .size(ra), offset: offset, length: k), Token(kind: .by, offset: offset + k, length: 1),
                             Token(kind: .size(rb), offset: offset + k + 1, length: scalars.count - k - 1)]
                }
            }
            if !split.isEmpty { return split }
        }
        if scalars.allSatisfy({ ("0"..."9").contains($0) }) {
            return [Token(kind: .size(.fixed(Int(word.prefix(9)) ?? 0)), offset: offset, length: scalars.count)]
        }
        return [Token(kind: .size(.named(word)), offset: offset, length: scalars.count)]
    }

    /// `m×n` as an answer prints it.
    static func say(_ shape: Shape) -> String { "\(shape.rows)×\(shape.cols)" }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || CharacterClasses.isLetter(c) || ("0"..."9").contains(c)
    }

    static func lowercased(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 }))
    }

    /// The words before `^`, run together: `\mathbb R`, `R`.
    static func lead(_ words: [(text: String, offset: Int)]) -> String {
        var out: [String] = []
        for w in words { if w.text == "^" { break }; out.append(w.text) }
        return out.joined(separator: " ")
    }
}

/// The answer to a find-the-error question: the number of a step, as `3`, `step 3`, `Step 3.` or `(3)`.
enum StepAnswer {
    static func read(_ text: String) throws(CalculusError) -> Int {
        let scalars = Array(text.unicodeScalars)
        var digits: [Unicode.Scalar] = []
        var start = -1
        var k = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { CharacterClasses.isWhiteSpace(c) }
        // An optional word `step`, then the number, in brackets or not, a full stop after it.
        while k < scalars.count && isSpace(scalars[k]) { k += 1 }
        let word = Array("step".unicodeScalars)
        if k + word.count <= scalars.count, zip(scalars[k..<(k + word.count)], word).allSatisfy({ ShapeAnswer.lowercased(String($0.0)) == String($0.1) }) {
            k += word.count
        }
        while k < scalars.count && (isSpace(scalars[k]) || scalars[k] == "(" || scalars[k] == "#") { k += 1 }
        start = k
        while k < scalars.count && ("0"..."9").contains(scalars[k]) { digits.append(scalars[k]); k += 1 }
        while k < scalars.count && (isSpace(scalars[k]) || scalars[k] == ")" || scalars[k] == ".") { k += 1 }
        guard !digits.isEmpty, digits.count < 4 else {
            throw CalculusError(.syntax, "expected the number of a step, such as 2", at: Swift.min(start, scalars.count), length: 1)
        }
        guard k == scalars.count else {
            throw CalculusError(.syntax, "expected only the number of a step, such as 2", at: k, length: scalars.count - k)
        }
        return Int(String(String.UnicodeScalarView(digits))) ?? 0
    }
}
