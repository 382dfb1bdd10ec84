/// Prints expressions back as people write them: ASCII (`6x^2 cos(x^3)/sin(x^3)`), ASCII with every
/// multiplication explicit (`3*x^2*y`, the grader's "read as"), LaTeX, and Unicode (`6x²·cos(x³)/sin(x³)`, what a
/// student types with Unicode; `UnicodePrinter.swift`).
public struct Printer {
    public enum Style: Sendable, CaseIterable { case ascii, explicit, latex, unicode }
    let style: Style

    public init(style: Style) { self.style = style }

    public static func ascii(_ e: Expr) -> String { Printer(style: .ascii).print(e) }
    public static func explicit(_ e: Expr) -> String { Printer(style: .explicit).print(e) }
    public static func latex(_ e: Expr) -> String { Printer(style: .latex).print(e) }
    public static func unicode(_ e: Expr) -> String { Printer(style: .unicode).print(e) }

    var latex: Bool { style == .latex }
    var unicode: Bool { style == .unicode }
    /// The minus sign: `−` (U+2212) in Unicode, `-` otherwise.
    var minus: String { unicode ? "−" : "-" }

    // Precedence: 1 sum, 2 product, 3 unary minus, 4 power, 5 atom.
    public func print(_ e: Expr) -> String { render(e).text }

    struct Piece { var text: String; var precedence: Int; var startsWithDigit = false; var startsWithSign = false }

    func wrap(_ p: Piece, below level: Int) -> String {
        if p.precedence < level { return latex ? "\\left(" + p.text + "\\right)" : "(" + p.text + ")" }
        return p.text
    }

    func number(_ n: Number) -> Piece {
        switch n {
        case .rational(let a, 1): return Piece(text: signed(String(a)), precedence: a < 0 ? 3 : 5, startsWithDigit: a >= 0, startsWithSign: a < 0)
        case .rational(let a, let b):
            if let decimal = Printer.decimal(a, b) {
                return Piece(text: signed(decimal), precedence: a < 0 ? 3 : 5, startsWithDigit: a >= 0, startsWithSign: a < 0)
            }
            if latex { return Piece(text: (a < 0 ? "-" : "") + "\\frac{\(abs(a))}{\(b)}", precedence: a < 0 ? 3 : 5, startsWithSign: a < 0) }
            return Piece(text: signed("\(a)/\(b)"), precedence: 2, startsWithDigit: a >= 0, startsWithSign: a < 0)
        case .real(let x):
            let s = signed(formatDouble(x))
            return Piece(text: s, precedence: x < 0 ? 3 : 5, startsWithDigit: x >= 0, startsWithSign: x < 0)
        }
    }

    /// A fraction whose denominator is a power of ten prints as the decimal a student typed (30001/10000 → 3.0001).
    static func decimal(_ a: Int64, _ b: Int64) -> String? {
        var digits = 0, d = b
        while d % 10 == 0 && d > 1 { d /= 10; digits += 1 }
        guard d == 1, digits > 0, digits <= 12 else { return nil }
        let whole = String(abs(a) / b), frac = String(abs(a) % b).leftPadded(digits)
        return (a < 0 ? "-" : "") + whole + "." + frac
    }

    /// A number's text with the style's minus sign.
    func signed(_ text: String) -> String { unicode && text.hasPrefix("-") ? minus + text.dropFirst() : text }

    func name(_ v: Variable) -> String {
        if unicode { return Printer.unicodeName(v.name) }
        guard latex else { return GreekPrefixedNames.ascii(v.name) ?? v.name }
        var base = v.name, sub = ""
        if let u = v.name.firstIndex(of: "_") { base = String(v.name[..<u]); sub = String(v.name[v.name.index(after: u)...]) }
        let bold = !v.shape.isScalar && v.kind != .index
        #if !hasFeature(Embedded)
        if let greek = GreekPrefixedNames.latex(base, bold: bold) { return greek + (sub.isEmpty ? "" : "_{\(sub)}") }
        #endif
        if Vocabulary.greek.contains(base) { base = "\\" + base }
        if bold { base = "\\mathbf{\(base)}" }
        if !sub.isEmpty { base += "_{\(sub)}" }
        return base
    }

    func call(_ f: String, _ args: [Expr]) -> Piece {
        let inner = args.map { render($0).text }.joined(separator: ", ")
        if latex {
            return Piece(text: FunctionTable.latexName(f) + "\\left(" + inner + "\\right)", precedence: 5)
        }
        return Piece(text: f + "(" + inner + ")", precedence: 5)
    }

    func render(_ e: Expr) -> Piece {
        switch e {
        case .number(let n): return number(n)
        case .constant(let c):
            if c == .pi && unicode { return Piece(text: "π", precedence: 5) }
            return Piece(text: latex ? (c == .pi ? "\\pi" : "e") : c.rawValue, precedence: 5)
        case .variable(let v): return Piece(text: name(v), precedence: 5)
        case .index(let base, let i):
            // An entry keeps its vector's bold (`\\mathbf{w}_{t + 1}`): a plain `w` would read back as a scalar.
            let b = render(base)
            let k = render(i).text
            if latex { return Piece(text: wrap(b, below: 5) + "_{\(k)}", precedence: 5) }
            if unicode, let small = Printer.subscripted(k) { return Piece(text: wrap(b, below: 5) + small, precedence: 5) }
            return Piece(text: wrap(b, below: 5) + "_" + (k.count == 1 || Int(k) != nil ? k : "{\(k)}"), precedence: 5)
        case .add(let terms): return sum(terms)
        case .mul(let factors): return product(factors)
        case .matmul(let factors):
            let parts = factors.map { wrap(render($0), below: 4) }
            return Piece(text: parts.joined(separator: style == .explicit ? "*" : " "), precedence: 2)
        case .hadamard(let factors):
            // Factors with negative powers divide: w ./ x.^2.
            var num: [String] = [], den: [String] = []
            for f in factors {
                if case .power(let b, let x) = f, let k = x.numberValue, k.isNegative {
                    den.append(wrap(render(Expr.raise(b, .number(-k))), below: 4))
                } else { num.append(wrap(render(f), below: 4)) }
            }
            if num.isEmpty { num = [latex ? "\\mathbf{1}" : "1"] }
            let times = latex ? " \\otimes " : unicode ? " ⊙ " : " .* ", over = latex ? " \\oslash " : unicode ? " ⊘ " : " ./ "
            var text = num.joined(separator: times)
            if !den.isEmpty { text += over + den.joined(separator: over) }
            return Piece(text: text, precedence: 2)
        case .power(let b, let x):
            if let k = x.numberValue, k.isNegative, !b.shape.isMatrix { return product([e]) }
            let basePiece = render(b)
            let base = wrap(basePiece, below: 5)
            // 4 · 3^3 must not print as 43^3: a power of a number starts with a digit.
            let digit = basePiece.precedence >= 5 && basePiece.startsWithDigit
            var exp = render(x)
            if latex { return Piece(text: base + "^{" + exp.text + "}", precedence: 4, startsWithDigit: digit) }
            if unicode, !b.shape.isMatrix, let small = Printer.superscriptExponent(x) {
                return Piece(text: base + small, precedence: 4, startsWithDigit: digit)
            }
            if exp.precedence < 5 || exp.text.contains("/") { exp.text = "(" + exp.text + ")" }
            let op = b.shape.isScalar ? "^" : ".^"
            return Piece(text: base + op + exp.text, precedence: 4, startsWithDigit: digit)
        case .apply(let fn, let x):
            if latex { return Piece(text: fn.latex(of: render(x).text), precedence: 5) }
            if unicode, let piece = unicodeApply(fn, x) { return piece }
            return call(fn.rawValue, [x])
        case .applyVector(let fn, let x):
            if latex { return Piece(text: fn.latex(of: render(x).text), precedence: 5) }
            if unicode, fn == .norm { return Piece(text: "‖" + render(x).text + "‖", precedence: 5) }
            return call(fn.rawValue, [x])
        case .max(let a, let b): return call("max", [a, b])
        case .min(let a, let b): return call("min", [a, b])
        case .piecewise(let c, let a, let b):
            if latex {
                return Piece(text: "\\begin{cases} \(render(a).text) & \(condition(c)) \\\\ \(render(b).text) & \\text{otherwise} \\end{cases}", precedence: 5)
            }
            return Piece(text: "if(\(condition(c)), \(render(a).text), \(render(b).text))", precedence: 5)
        case .transpose(let x):
            if unicode, case .inverse(let y) = x { return Piece(text: wrap(render(y), below: 5) + "⁻ᵀ", precedence: 4) }
            let inner = wrap(render(x), below: 5)
            return Piece(text: inner + (latex ? "^{T}" : unicode ? "ᵀ" : "^T"), precedence: 4)
        case .sum(let x): return call(unicode ? "∑" : "sum", [x])
        case .series(let i, let lo, let hi, let body):
            if latex {
                return Piece(text: "\\sum_{\(i.name)=\(render(lo).text)}^{\(render(hi).text)} " + wrap(render(body), below: 2), precedence: 2)
            }
            return Piece(text: "\(unicode ? "∑" : "sum")(\(render(body).text), \(name(i)), \(render(lo).text), \(render(hi).text))", precedence: 5)
        case .diag(let x): return call("diag", [x])
        case .trace(let x): return call("tr", [x])
        case .det(let x): return call("det", [x])
        case .inverse(let x):
            if latex { return Piece(text: wrap(render(x), below: 5) + "^{-1}", precedence: 4) }
            if unicode { return Piece(text: wrap(render(x), below: 5) + "⁻¹", precedence: 4) }
            return call("inv", [x])
        case .ones(let s): return filled("ones", "\\mathbf{1}", s)
        case .zeros(let s): return filled("zeros", "\\mathbf{0}", s)
        case .identity(let n):
            if latex || n == .free { return Piece(text: "I", precedence: 5) }
            return Piece(text: "I(\(n))", precedence: 5)
        case .basis(let i, let n):
            // Of a fixed size, at a whole-number position, a unit vector is written out: [0; 1; 0].
            if case .fixed(let size) = n, let k = i.numberValue, k.isInteger, case .rational(let position, _) = k, (1...Int64(size)).contains(position) {
                return block((1...size).map { [Expr.integer($0 == position ? 1 : 0)] })
            }
            let k = render(i).text
            if unicode, let small = Printer.subscripted(k) { return Piece(text: "e" + small, precedence: 5) }
            return Piece(text: latex ? "\\mathbf{e}_{\(k)}" : "e_" + (k.count == 1 || Int(k) != nil ? k : "{\(k)}"), precedence: 5)
        case .block(let rows): return block(rows)
        case .derivative(let r):
            let f = render(r.function).text
            let vars = r.variableList ? "[" + r.variables.map { name($0) }.joined(separator: ", ") + "]" : name(r.variables[0])
            if latex {
                let d = r.kind == .derivative ? "d" : "\\partial"
                return Piece(text: "\\frac{\(d)}{\(d) \(vars)}\\left(\(f)\\right)", precedence: 2)
            }
            return Piece(text: "\(r.kind.rawValue)(\(f), \(vars))", precedence: 5)
        }
    }

    func filled(_ word: String, _ tex: String, _ s: Shape) -> Piece {
        if latex { return filledLatex(tex, s) }
        let transpose = unicode ? "ᵀ" : "^T"
        if s.isColumn || s.rows == .free { return Piece(text: s.rows == .free ? word + "(n)" : "\(word)(\(s.rows))", precedence: 5) }
        // A size still free prints as n, as a free column does.
        func size(_ d: Dimension) -> String { d == .free ? "n" : "\(d)" }
        if s.isRow { return Piece(text: "\(word)(\(size(s.cols)))" + transpose, precedence: 4) }
        return Piece(text: "\(word)(\(size(s.rows)), \(size(s.cols)))", precedence: 5)
    }

    /// `\mathbf{1}_{n}`, `\mathbf{0}_{n}^{T}`, `\mathbf{1}_{m \times n}`: with its size, which a bare `\mathbf{1}` leaves to the
    /// context (and a context of free sizes, such as `\mathbf{1}\mathbf{1}^T + I`, cannot give).
    func filledLatex(_ tex: String, _ s: Shape) -> Piece {
        func size(_ d: Dimension) -> String? {
            switch d {
            case .fixed(let k): return String(k)
            case .named(let name): return name.count == 1 && CharacterClasses.isLetter(name.unicodeScalars.first!) ? name : nil
            case .free: return nil
            }
        }
        if s.isMatrix {
            if let m = size(s.rows), let n = size(s.cols) { return Piece(text: tex + "_{\(m) \\times \(n)}", precedence: 5) }
            // An outer product reads back as a matrix (a bare \mathbf{1} is a column).
            return Piece(text: tex + " " + tex + "^{T}", precedence: 2)
        }
        let sized = size(s.length).map { tex + "_{\($0)}" } ?? tex
        return Piece(text: s.isRow ? sized + "^{T}" : sized, precedence: s.isRow ? 4 : 5)
    }

    func condition(_ c: Condition) -> String {
        let rel: String
        if latex {
            rel = [.less: "<", .lessEqual: "\\le", .greater: ">", .greaterEqual: "\\ge", .equal: "=", .notEqual: "\\ne"][c.relation]!
        } else if unicode {
            rel = [.less: "<", .lessEqual: "≤", .greater: ">", .greaterEqual: "≥", .equal: "=", .notEqual: "≠"][c.relation]!
        } else { rel = c.relation.rawValue }
        // A zero vector compared entry by entry is the number 0 (a bare \mathbf{0} has no size to read back).
        func side(_ e: Expr) -> String { e.isZero ? "0" : render(e).text }
        return side(c.lhs) + " " + rel + " " + side(c.rhs)
    }

    func block(_ rows: [[Expr]]) -> Piece {
        if latex {
            let body = rows.map { $0.map { render($0).text }.joined(separator: " & ") }.joined(separator: " \\\\ ")
            return Piece(text: "\\begin{bmatrix} " + body + " \\end{bmatrix}", precedence: 5)
        }
        let scalarEntries = rows.allSatisfy { $0.allSatisfy { $0.shape.isScalar } }
        if rows.count == 1 { return Piece(text: "[" + rows[0].map { render($0).text }.joined(separator: ", ") + "]", precedence: 5) }
        if rows.allSatisfy({ $0.count == 1 }) {
            return Piece(text: "[" + rows.map { render($0[0]).text }.joined(separator: "; ") + "]", precedence: 5)
        }
        if scalarEntries {
            return Piece(text: "[" + rows.map { "[" + $0.map { render($0).text }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]", precedence: 5)
        }
        return Piece(text: "[" + rows.map { $0.map { render($0).text }.joined(separator: ", ") }.joined(separator: "; ") + "]", precedence: 5)
    }

    func sum(_ terms: [Expr]) -> Piece {
        var text = ""
        for (k, t) in terms.enumerated() {
            var negative = false
            var shown = t
            if let (c, rest) = t.splitCoefficient(), c.isNegative {
                negative = true
                shown = rest.map { r in c.isMinusOne ? r : .product([.number(-c), r]) } ?? .number(-c)
            }
            let p = render(shown)
            let body = p.precedence <= 1 ? wrap(p, below: 2) : p.text
            if k == 0 { text = negative ? minus + (p.precedence < 3 && !(p.precedence == 2) ? wrap(p, below: 3) : body) : body }
            else { text += (negative ? " \(minus) " : " + ") + body }
        }
        return Piece(text: text, precedence: 1, startsWithSign: text.hasPrefix(minus))
    }

    /// Products with a numeric coefficient, juxtaposed factors and a denominator for negative powers.
    func product(_ factors: [Expr]) -> Piece {
        var coefficient = Number.one
        var numerator: [Expr] = []
        var denominator: [Expr] = []
        for f in factors {
            if case .number(let n) = f { coefficient = coefficient * n; continue }
            if case .power(let b, let x) = f, let k = x.numberValue, k.isNegative, !b.shape.isMatrix {
                denominator.append(Expr.raise(b, .number(-k)))
                continue
            }
            numerator.append(f)
        }
        var sign = ""
        if coefficient.isNegative { sign = minus; coefficient = -coefficient }
        var numText = ""
        var denText = ""
        if case .rational(let a, let b) = coefficient, b != 1, Printer.decimal(a, b) == nil {
            coefficient = .rational(a, 1)
            denText = String(b)
        }
        let explicit = style == .explicit
        var parts: [String] = []
        if !coefficient.isOne || numerator.isEmpty { parts.append(number(coefficient).text) }
        for f in numerator {
            let p = render(f)
            var s = wrap(p, below: 3)
            if numerator.count == 1 && p.precedence == 2 && denominator.isEmpty && coefficient.isOne { s = p.text }
            else if p.precedence == 3 || p.startsWithSign { s = latex ? "\\left(" + p.text + "\\right)" : "(" + p.text + ")" }
            if !explicit, let last = parts.last, p.startsWithDigit, last.last.map(CharacterClasses.isNumeral) == true { s = (latex ? "\\cdot " : unicode ? "·" : "*") + s }
            parts.append(s)
        }
        if explicit {
            numText = parts.joined(separator: "*")
        } else if latex {
            numText = parts.joined(separator: " ")
        } else {
            numText = ""
            for (k, part) in parts.enumerated() {
                if k == 0 { numText = part; continue }
                let prevIsNumber = parts[k - 1].allSatisfy { CharacterClasses.isNumeral($0) || $0 == "." }
                let joined = (prevIsNumber && !part.hasPrefix("*") && !part.hasPrefix("(")) || part.hasPrefix("*") || part.hasPrefix("·")
                numText += joined ? part : (unicode ? "·" : " ") + part
            }
        }
        let denFactors = denominator.map { wrap(render($0), below: 3) }
        if !denFactors.isEmpty {
            let joined = denFactors.joined(separator: explicit ? "*" : " ")
            denText = denText.isEmpty ? joined : denText + (explicit ? "*" : " ") + joined
        }
        if denText.isEmpty { return Piece(text: sign + numText, precedence: sign.isEmpty ? 2 : 3, startsWithDigit: sign.isEmpty && numText.first.map(CharacterClasses.isNumeral) == true, startsWithSign: !sign.isEmpty) }
        if latex, numerator.count == 1, coefficient.isOne {
            numText = render(numerator[0]).text
        }
        if latex { return Piece(text: sign + "\\frac{\(numText)}{\(denText)}", precedence: sign.isEmpty ? 2 : 3, startsWithSign: !sign.isEmpty) }
        // One factor already in parentheses (`(1 + x^2)`) is not wrapped twice.
        // So is a root in Unicode, whose own parentheses hold its argument (`x/√(x² + 1)`).
        let wrappedOnce = denFactors.count == 1 && denText == denFactors[0] && (Printer.isParenthesized(denText) || (unicode && denText.hasPrefix("√") && Printer.isParenthesized(String(denText.dropFirst()))))
        let needsParens = !wrappedOnce && (denFactors.count > 1 || denText.contains(" ") || (denFactors.isEmpty == false && denText != denFactors.first && !denFactors.isEmpty))
        let den = needsParens ? "(" + denText + ")" : denText
        let num = numerator.count > 1 && numText.contains("/") ? "(" + numText + ")" : numText
        return Piece(text: sign + num + "/" + den, precedence: sign.isEmpty ? 2 : 3, startsWithDigit: sign.isEmpty && num.first.map(CharacterClasses.isNumeral) == true, startsWithSign: !sign.isEmpty)
    }
}

extension Printer {
    /// Whether the text is one group in parentheses: `(a + b)`, not `(a)(b)` or `(a)^2`.
    static func isParenthesized(_ text: String) -> Bool {
        guard text.hasPrefix("("), text.hasSuffix(")") else { return false }
        var depth = 0
        for (k, c) in text.enumerated() {
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if depth == 0 && k < text.count - 1 { return false }
        }
        return depth == 0
    }
}

extension Expr {
    /// A term's numeric coefficient and the rest (`-3 x y` → (-3, x y)); nil when there is none to split.
    func splitCoefficient() -> (Number, Expr?)? {
        switch self {
        case .number(let n): return (n, nil)
        case .mul(let xs):
            if case .number(let n) = xs[0] {
                let rest = Array(xs.dropFirst())
                return (n, rest.count == 1 ? rest[0] : .mul(rest))
            }
            return nil
        default: return nil
        }
    }
}

extension Expr: CustomStringConvertible {
    public var description: String { Printer.ascii(self) }
}
