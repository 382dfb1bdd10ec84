/// Reads ASCII and LaTeX expressions into one tree, checking shapes as it goes.
///
/// Errors carry the offset of the token at fault, and name both shapes for shape errors.
public struct Parser {
    /// Deepest nesting accepted (parentheses, brackets, braces, powers, unary signs).
    public static let maxDepth = 256

    public static func parse(_ text: String, scope: Scope = Scope(), syntax: Syntax? = nil, layout: Layout = .numerator) throws -> Expr {
        var p = try Parser(text, scope: scope, syntax: syntax ?? Syntax.detect(text), layout: layout)
        if case .end = p.peek.kind { throw CalculusError(.syntax, "the expression is empty", at: 0) }
        let e = try p.parseExpression()
        try p.expectEnd()
        return e
    }

    /// Reads `x > 0; w . x + b > 0` (conditions separated by `;` or `,`).
    public static func parseConditions(_ text: String, scope: Scope = Scope(), syntax: Syntax? = nil) throws -> [Condition] {
        var p = try Parser(text, scope: scope, syntax: syntax ?? Syntax.detect(text), layout: .numerator)
        var out: [Condition] = []
        while true {
            if case .end = p.peek.kind { break }
            out.append(try p.parseCondition())
            if p.accept(";") || p.accept(",") { continue }
            try p.expectEnd()
            break
        }
        return out
    }

    /// Reads the variables of a derivative, `x` or `[x, y]`, and builds the request for `function`.
    public static func derivativeRequest(of function: Expr, wrt text: String, kind: DerivativeRequest.Kind = .derivative,
                                         scope: Scope = Scope(), layout: Layout = .numerator) throws -> DerivativeRequest {
        var p = try Parser(text, scope: scope, syntax: Syntax.detect(text), layout: layout)
        let t = p.peek
        let variables = try p.parseVariableList()
        try p.expectEnd()
        guard case .derivative(let r) = try p.derivativeRequest(kind, function: function, variables: variables, at: t) else {
            throw CalculusError(.syntax, "expected a variable or a list of variables", at: 0)
        }
        return r
    }

    /// Splits a chain `a = b = c` at its top-level `=` signs, returning each side's text and offset.
    public static func splitEquation(_ text: String) -> [(text: String, offset: Int)] {
        let s = Array(text.unicodeScalars)
        var parts: [(String, Int)] = []
        var depth = 0, start = 0, i = 0
        var env = 0
        while i < s.count {
            let c = s[i]
            if c == "\\" {
                // Skip commands; track \begin/\end so `=` inside environments is not split.
                var j = i + 1
                while j < s.count && s[j].properties.isAlphabetic && s[j].isASCII { j += 1 }
                let name = String(String.UnicodeScalarView(s[(i + 1)..<j]))
                if name == "begin" { env += 1 } else if name == "end" { env -= 1 }
                i = Swift.max(j, i + 2)
                continue
            }
            if "([{".unicodeScalars.contains(c) { depth += 1 }
            if ")]}".unicodeScalars.contains(c) { depth -= 1 }
            if c == "=" && depth == 0 && env == 0 {
                parts.append((String(String.UnicodeScalarView(s[start..<i])), start))
                start = i + 1
            }
            i += 1
        }
        parts.append((String(String.UnicodeScalarView(s[start..<s.count])), start))
        return parts
    }

    // MARK: State

    var tokens: [Token]
    var position = 0
    var depth = 0
    var absDepth = 0
    var scope: Scope
    let latex: Bool
    let layout: Layout
    let text: String

    init(_ text: String, scope: Scope, syntax: Syntax, layout: Layout) throws {
        self.text = text
        self.scope = scope
        self.latex = syntax == .latex
        self.layout = layout
        let raw = try Lexer.tokenize(text, latex: latex)
        tokens = latex ? raw : Parser.splitIdentifiers(raw, scope: scope)
    }

    var peek: Token { tokens[position] }
    func peek(_ k: Int) -> Token { tokens[Swift.min(position + k, tokens.count - 1)] }
    mutating func advance() -> Token { let t = tokens[position]; if position < tokens.count - 1 { position += 1 }; return t }

    func isSymbol(_ s: String, _ t: Token? = nil) -> Bool { if case .symbol(let x) = (t ?? peek).kind { return x == s }; return false }
    func isCommand(_ s: String, _ t: Token? = nil) -> Bool { if case .command(let x) = (t ?? peek).kind { return x == s }; return false }
    func isIdentifier(_ s: String, _ t: Token? = nil) -> Bool { if case .identifier(let x) = (t ?? peek).kind { return x == s }; return false }

    mutating func accept(_ s: String) -> Bool {
        if isSymbol(s) { _ = advance(); return true }
        return false
    }

    func error(_ message: String, _ t: Token? = nil, kind: CalculusError.Kind = .syntax) -> CalculusError {
        let t = t ?? peek
        return CalculusError(kind, message, at: t.offset, length: Swift.max(1, t.length))
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: return "the end"
        case .number(let s), .identifier(let s), .symbol(let s): return "'\(s)'"
        case .command(let s): return "'\\\(s)'"
        }
    }

    /// The column of an offset in the text, for messages that point back at an opening bracket.
    func column(of offset: Int) -> Int {
        var col = 1
        var i = 0
        for c in text.unicodeScalars {
            if i == offset { break }
            col = c == "\n" ? 1 : col + 1
            i += 1
        }
        return col
    }

    mutating func expect(_ s: String, closing open: Token? = nil) throws {
        if accept(s) { return }
        if let open {
            throw error("expected '\(s)' to close '\(openText(open))' at column \(column(of: open.offset)), found \(describe(peek))")
        }
        throw error("expected '\(s)', found \(describe(peek))")
    }

    func openText(_ t: Token) -> String {
        switch t.kind {
        case .symbol(let s): return s
        case .command(let c): return "\\" + c
        default: return describe(t)
        }
    }

    mutating func expectEnd() throws {
        guard case .end = peek.kind else {
            if isSymbol(")") || isSymbol("]") || isSymbol("}") { throw error("unmatched \(describe(peek))") }
            if isSymbol("=") { throw error("expected one expression, found '=' (write the answer only, not an equation)") }
            throw error("unexpected \(describe(peek))")
        }
    }

    mutating func nest<T>(_ body: (inout Parser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            throw error("the expression nests too deeply (more than \(Parser.maxDepth) levels)", kind: .limit)
        }
        return try body(&self)
    }

    // MARK: Grammar

    mutating func parseExpression() throws -> Expr {
        try nest { p in try p.parseAdditive() }
    }

    mutating func parseCondition() throws -> Condition {
        let lhs = try parseExpression()
        let t = peek
        let relation: Condition.Relation
        switch t.kind {
        case .symbol("<"): relation = .less
        case .symbol("<="): relation = .lessEqual
        case .symbol(">"): relation = .greater
        case .symbol(">="): relation = .greaterEqual
        case .command("lt"): relation = .less
        case .command("gt"): relation = .greater
        case .command("le"), .command("leq"), .command("leqslant"): relation = .lessEqual
        case .command("ge"), .command("geq"), .command("geqslant"): relation = .greaterEqual
        default: throw error("expected a comparison (<, <=, >, >=), found \(describe(t))")
        }
        _ = advance()
        let rhs = try parseExpression()
        _ = try Shapes.broadcast(lhs, rhs, at: t, "compare")
        return Condition(lhs, relation, rhs)
    }

    mutating func parseAdditive() throws -> Expr {
        var terms = [try parseTerm()]
        var shape = terms[0].shape
        while true {
            let t = peek
            if isSymbol("+") || isSymbol("-") {
                _ = advance()
                if case .end = peek.kind { throw error("expected a term after \(describe(t))") }
                var rhs = try parseTerm()
                if isSymbol("-", t) { rhs = .negate(rhs) }
                // Check against the shape of the sum so far (not only the first term, which may be a scalar),
                // and re-fill earlier terms only when that shape becomes more specific: long sums stay linear.
                let next = try Shapes.broadcast(shape, rhs.shape, at: t, isSymbol("+", t) ? "add" : "subtract")
                if next != shape { terms = terms.map { Shapes.fill($0, next) }; shape = next }
                terms.append(Shapes.fill(rhs, shape))
            } else { break }
        }
        return terms.count == 1 ? terms[0] : .sum(terms)
    }

    /// Whether the next token can begin a factor of an implicit product (`3x`, `2(x+1)`, `x y`, `\frac…`).
    func startsFactor(_ t: Token) -> Bool {
        switch t.kind {
        case .number, .identifier: return true
        case .symbol(let s):
            if s == "|" { return absDepth == 0 }
            return s == "(" || s == "[" || (latex && s == "{") || s == "∇" || s == "∂" || s == "√" || s == "∑"
        case .command(let c):
            return !Parser.binaryCommands.contains(c) && !Parser.closingCommands.contains(c)
        case .end: return false
        }
    }

    static let binaryCommands: Set<String> = [
        "cdot", "times", "otimes", "odot", "circ", "oslash", "div", "le", "leq", "ge", "geq", "lt", "gt", "leqslant", "geqslant",
        "right", "end", "quad", "qquad", ",", ";", ":", "!", " ", "\\", "to", "neq", "ne", "approx", "bigcirc",
    ]
    static let closingCommands: Set<String> = ["right", "end"]

    mutating func parseTerm() throws -> Expr {
        var acc = try parseUnary()
        // Scalar factors of a scalar product wait here and join it in one step, so long products stay linear.
        var pending: [Expr] = []
        var accIsScalar = acc.shape.isScalar
        func flush() { if !pending.isEmpty { acc = .product([acc] + pending); pending = [] } }
        func multiply(_ rhs: Expr, at t: Token) throws {
            if accIsScalar && rhs.shape.isScalar { pending.append(rhs); return }
            flush()
            acc = try Shapes.multiply(acc, rhs, at: t)
            accIsScalar = acc.shape.isScalar
        }
        while true {
            skipSpacing()
            let t = peek
            switch t.kind {
            case .symbol("*"), .command("times"):
                _ = advance(); try multiply(try parseUnary(), at: t); continue
            case .symbol("/"), .command("div"):
                _ = advance()
                let rhs = try parseUnary()
                if accIsScalar && rhs.shape.isScalar { pending.append(.raise(rhs, .integer(-1))); continue }
                flush()
                acc = try Shapes.divide(acc, rhs, at: t)
                accIsScalar = acc.shape.isScalar
                continue
            case .symbol("·"), .command("cdot"), .symbol("."),
                 .symbol(".*"), .symbol("⊗"), .command("otimes"), .command("odot"), .command("circ"), .command("bigcirc"),
                 .symbol("./"), .symbol("⊘"), .command("oslash"):
                flush()
            default:
                if startsFactor(t) {
                    try multiply(try parseUnary(allowSign: false), at: t); continue
                }
                flush()
                return acc
            }
            switch t.kind {
            case .symbol("·"), .command("cdot"):
                _ = advance(); acc = try Shapes.dotOrMultiply(acc, try parseUnary(), at: t)
            case .symbol("."):
                // A spaced `w . x` is a dot product.
                _ = advance(); acc = try Shapes.dot(acc, try parseUnary(), at: t)
            case .symbol(".*"), .symbol("⊗"), .command("otimes"), .command("odot"), .command("circ"), .command("bigcirc"):
                _ = advance(); acc = try Shapes.elementwise(acc, try parseUnary(), at: t)
            default:
                _ = advance()
                let rhs = try parseUnary()
                acc = try Shapes.elementwise(acc, try Shapes.elementwisePower(rhs, .integer(-1), at: t), at: t)
            }
            accIsScalar = acc.shape.isScalar
        }
    }

    mutating func skipSpacing() {
        while case .command(let c) = peek.kind, [",", ";", ":", "!", " ", "quad", "qquad", "displaystyle", "textstyle"].contains(c) {
            _ = advance()
        }
    }

    mutating func parseUnary(allowSign: Bool = true) throws -> Expr {
        try nest { p in
            p.skipSpacing()
            if allowSign && p.isSymbol("-") {
                _ = p.advance()
                return .negate(try p.parseUnary())
            }
            if allowSign && p.isSymbol("+") { _ = p.advance(); return try p.parseUnary() }
            return try p.parsePower()
        }
    }

    /// A factor with its exponents and postfix operators: `x^2`, `x^T`, `A^{-1}`, `x'`, `x_1`.
    mutating func parsePower() throws -> Expr {
        var base = try parsePostfix(try parsePrimary())
        while isSymbol("^") || isSymbol(".^") || isSymbol("ᵀ") {
            let t = advance()
            if isSymbol("ᵀ", t) { base = .transposed(base); base = try parsePostfix(base); continue }
            if isTransposeMark() {
                try skipTransposeMark()
                base = Expr.transposed(base)
                base = try parsePostfix(base)
                continue
            }
            let exponent = try parseExponent()
            if isSymbol(".^", t) {
                base = try Shapes.elementwisePower(base, exponent, at: t)
            } else {
                base = try Shapes.power(base, exponent, at: t)
            }
            base = try parsePostfix(base)
        }
        return base
    }

    /// Whether a `^` is followed by a transpose mark: `T`, `\top`, `\intercal`, `{T}`, `{\top}`.
    func isTransposeMark() -> Bool {
        func mark(_ t: Token) -> Bool {
            if isCommand("top", t) || isCommand("intercal", t) || isCommand("mathsf", t) || isSymbol("T", t) { return true }
            if case .identifier("T") = t.kind { return scope.lookup("T") == nil }
            return false
        }
        if mark(peek) { return true }
        if latex && isSymbol("{") && mark(peek(1)) {
            if isCommand("mathsf", peek(1)) { return isSymbol("{", peek(2)) && isIdentifier("T", peek(3)) }
            return isSymbol("}", peek(2))
        }
        return false
    }

    mutating func skipTransposeMark() throws {
        let braced = latex && accept("{")
        if isCommand("mathsf") { _ = advance(); try expect("{"); _ = advance(); try expect("}") } else { _ = advance() }
        if braced { try expect("}") }
    }

    /// The exponent after `^`: one signed factor, or a braced group in LaTeX.
    mutating func parseExponent() throws -> Expr {
        try nest { p in
            if p.latex && p.isSymbol("{") { return try p.parseGroup() }
            if p.isSymbol("-") { _ = p.advance(); return .negate(try p.parseExponent()) }
            if p.isSymbol("+") { _ = p.advance() }
            if p.latex, case .number(let digits) = p.peek.kind, digits.count > 1, !digits.contains(".") {
                // `x^23` in LaTeX is x² followed by 3.
                let t = p.advance()
                let first = String(digits.prefix(1))
                p.position -= 1
                p.tokens[p.position] = Token(kind: .number(String(digits.dropFirst())), offset: t.offset + 1, length: t.length - 1, spaced: false)
                return .number(Number.decimal(Substring(first)))
            }
            let base = try p.parsePrimary()
            if p.isSymbol("^") {
                let t = p.advance()
                return try Shapes.power(base, try p.parseExponent(), at: t)
            }
            return try p.parsePostfix(base)
        }
    }

    /// `{ … }` in LaTeX: a group.
    mutating func parseGroup() throws -> Expr {
        let open = advance()
        if isSymbol("}") { throw error("empty braces: expected an expression inside '{}'") }
        let e = try parseExpression()
        try expect("}", closing: open)
        return e
    }

    mutating func parsePostfix(_ e: Expr) throws -> Expr {
        var e = e
        while true {
            if isSymbol("'") { _ = advance(); e = .transposed(e); continue }
            if isSymbol("_") {
                let t = advance()
                e = try parseSubscript(e, at: t)
                continue
            }
            return e
        }
    }

    /// `x_1`, `x_{i}`, `x_i`: an element of a declared vector, a member of a family, or part of a scalar name.
    mutating func parseSubscript(_ base: Expr, at t: Token) throws -> Expr {
        let subStart = peek
        var subText = ""
        var subExpr: Expr? = nil
        if latex && isSymbol("{") {
            let save = position
            _ = advance()
            var parts: [String] = []
            while case .identifier(let s) = peek.kind { parts.append(s); _ = advance() }
            while case .number(let s) = peek.kind { parts.append(s); _ = advance() }
            if isSymbol("}") && !parts.isEmpty {
                _ = advance()
                subText = parts.joined()
            } else {
                position = save
                subExpr = try parseGroup()
            }
        } else {
            switch peek.kind {
            case .identifier(let s), .number(let s): _ = advance(); subText = s
            default: throw error("expected a subscript after '_', found \(describe(peek))")
            }
        }
        guard case .variable(let v) = base else {
            if subExpr == nil, case .derivative = base { return base }
            throw error("a subscript needs a name before it", t)
        }
        if v.kind == .family || (v.shape.isVector && v.kind == .plain) {
            let index: Expr
            if let subExpr { index = subExpr }
            else if let k = Int(subText) { index = .integer(k) }
            else if subText.count == 1 || scope.lookup(subText) != nil { index = variableNamed(subText, at: subStart) }
            else { throw error("'\(subText)' is not an index of \(v.name)", subStart) }
            guard index.shape.isScalar else { throw error("an index must be a scalar", subStart, kind: .shape) }
            return .index(base, index)
        }
        guard subExpr == nil, v.shape.isScalar else { throw error("only vectors can be indexed; \(v.name) is a \(v.shape)", t, kind: .shape) }
        let name = v.name + "_" + subText
        if let def = scope.definitions[name], scope.lookup(name) == nil {
            if isCommand("left") && isSymbol("(", peek(1)) { _ = advance() }
            if isSymbol("(") { return try applyDefinition(name, def, at: t) }
            return def.body
        }
        return .variable(scope.lookup(name) ?? Variable(name))
    }

    func variableNamed(_ name: String, at t: Token) -> Expr {
        if let v = scope.lookup(name) { return .variable(v) }
        return .variable(.scalar(name))
    }

    // MARK: Primaries

    mutating func parsePrimary() throws -> Expr {
        try nest { p in try p.parsePrimaryUnnested() }
    }

    mutating func parsePrimaryUnnested() throws -> Expr {
        skipSpacing()
        let t = peek
        switch t.kind {
        case .number(let digits):
            _ = advance()
            return .number(Number.decimal(Substring(digits)))
        case .identifier(let name):
            _ = advance()
            return try parseName(name, at: t)
        case .symbol("("):
            _ = advance()
            if isSymbol(")") { throw error("empty parentheses: expected an expression inside '()'") }
            let e = try parseExpression()
            if isSymbol(",") || isSymbol(";") {
                throw error("a vector is written in brackets: [a, b] for a row, [a; b] for a column")
            }
            try expect(")", closing: t)
            return e
        case .symbol("["):
            _ = advance()
            return try parseBracketLiteral(open: t, close: "]")
        case .symbol("{") where latex:
            return try parseGroup()
        case .symbol("|"):
            _ = advance()
            absDepth += 1
            let e = try parseExpression()
            absDepth -= 1
            try expect("|", closing: t)
            return .apply(.abs, e)
        case .symbol("∇"):
            _ = advance()
            return try parseNabla(at: t)
        case .symbol("√"):
            _ = advance()
            return .apply(.sqrt, try parseUnary())
        case .command(let c):
            _ = advance()
            return try parseCommand(c, at: t)
        case .symbol("?function"):
            _ = advance()
            let word = advance()
            throw error("unknown function '\(describe(word).dropFirst().dropLast())'", word, kind: .unknownName)
        case .symbol("?unknown"):
            _ = advance()
            let word = advance()
            if case .identifier(let w) = word.kind {
                throw error("unknown name '\(w)'; declare it with let:, or write a product with * (\(w.map(String.init).joined(separator: "*")))", word, kind: .unknownName)
            }
            throw error("unknown name", word, kind: .unknownName)
        case .end:
            throw error("expected an expression, found the end")
        default:
            throw error("expected an expression, found \(describe(t))")
        }
    }

    /// An ASCII name: a variable, a constant, a function call, or a special form.
    mutating func parseName(_ name: String, at t: Token) throws -> Expr {
        if let v = scope.lookup(name) {
            if isSymbol("("), let def = scope.definitions[name] { return try applyDefinition(name, def, at: t) }
            return .variable(v)
        }
        if let def = scope.definitions[name] {
            if isCommand("left") && isSymbol("(", peek(1)) { _ = advance() }
            if isSymbol("(") { return try applyDefinition(name, def, at: t) }
            return def.body
        }
        switch name {
        case "pi": return .constant(.pi)
        case "e": return .constant(.e)
        case "I":
            if isSymbol("(") && !latex {
                let open = advance(); let n = try parseDimension(); try expect(")", closing: open); return .identity(n)
            }
            return .identity(.free)
        default: break
        }
        if name == "if" { return try parseIf(at: t) }
        if name == "sigma" && isSymbol("(") { return try parseFunction("sigmoid", at: t) }
        if Vocabulary.functions.contains(name) { return try parseFunction(name, at: t) }
        if Vocabulary.greek.contains(name) || name.unicodeScalars.count == 1 { return .variable(.scalar(name)) }
        if isSymbol("(") { throw error("unknown function '\(name)'", t, kind: .unknownName) }
        return .variable(.scalar(name))
    }

    /// `if(condition, then, else)`.
    mutating func parseIf(at t: Token) throws -> Expr {
        let open = peek
        try expect("(")
        let condition = try parseCondition()
        try expect(",")
        let a = try parseExpression()
        try expect(",")
        let b = try parseExpression()
        try expect(")", closing: open)
        let shape = try Shapes.broadcast(a, b, at: t, "choose between")
        return .piecewise(condition, Shapes.fill(a, shape), Shapes.fill(b, shape))
    }

    mutating func applyDefinition(_ name: String, _ def: Scope.Definition, at t: Token) throws -> Expr {
        let open = advance()
        var args: [Expr] = []
        if !isSymbol(")") {
            repeat { args.append(try parseExpression()) } while accept(",")
        }
        if isCommand("right") { _ = advance() }
        try expect(")", closing: open)
        guard args.count == def.parameters.count else {
            throw error("\(name) takes \(def.parameters.count) argument\(def.parameters.count == 1 ? "" : "s"), not \(args.count)", t)
        }
        var map: [String: Expr] = [:]
        for (p, a) in zip(def.parameters, args) { map[p.name] = a }
        return def.body.substituting(map)
    }

    mutating func parseDimension() throws -> Dimension {
        let t = advance()
        switch t.kind {
        case .number(let s): if let k = Int(s), k >= 1 { return .fixed(k) }
        case .identifier(let s): return .named(s)
        default: break
        }
        throw error("expected a size (a whole number or a name such as n)", t)
    }

    /// Arguments of a call in parentheses.
    mutating func parseArguments(_ name: String, at t: Token) throws -> [Expr] {
        let open = peek
        try expect("(")
        var args: [Expr] = []
        if !isSymbol(")") {
            repeat { args.append(try parseExpression()) } while accept(",")
        }
        try expect(")", closing: open)
        return args
    }

    func arity(_ name: String, _ args: [Expr], _ counts: [Int], _ t: Token) throws {
        guard counts.contains(args.count) else {
            let want = counts.map(String.init).joined(separator: " or ")
            throw error("\(name) takes \(want) argument\(counts == [1] ? "" : "s"), not \(args.count)", t)
        }
    }

    /// A function application: `sin(x)`, `sin x`, `max(0, z)`, `derivative(f, x)`, …
    mutating func parseFunction(_ name: String, at t: Token) throws -> Expr {
        if let fn = ElementwiseFunction(name: name) {
            var power: Expr? = nil
            if isSymbol("^") && !latex {
                // sin^2 x
                _ = advance(); power = try parseExponent()
            }
            let arg: Expr
            if isSymbol("(") {
                let args = try parseArguments(name, at: t)
                try arity(name, args, [1], t)
                arg = args[0]
            } else if startsFactor(peek) {
                arg = try parseImplicitArgument()
            } else {
                throw error("\(name) needs an argument", peek)
            }
            let applied = Expr.apply(fn, arg)
            return try power.map { try Shapes.power(applied, $0, at: t) } ?? applied
        }
        if name == "ones" || name == "zeros" {
            let open = peek
            try expect("(")
            let m = try parseDimension()
            var shape = Shape.column(m)
            if accept(",") { shape = Shape(m, try parseDimension()) }
            try expect(")", closing: open)
            return name == "ones" ? .ones(shape) : .zeros(shape)
        }
        if ["derivative", "diff", "partial", "gradient", "grad", "jacobian"].contains(name) {
            return try parseDerivativeCall(name, at: t)
        }
        return try buildCall(name, try parseArguments(name, at: t), at: t)
    }

    /// `derivative(f, x)`, `gradient(f, [w, b])`, `jacobian([f1, f2], [x, y])`: the variables are a name or a list of
    /// names, whatever their shapes (a list is not a matrix).
    mutating func parseDerivativeCall(_ name: String, at t: Token) throws -> Expr {
        let open = peek
        try expect("(")
        let function = try parseExpression()
        guard accept(",") else {
            if isSymbol(")") { throw error("\(name) takes 2 arguments, not 1", t) }
            throw error("expected ',' and the variable, found \(describe(peek))")
        }
        let variables = try parseVariableList()
        if isSymbol(",") { throw error("\(name) takes 2 arguments: the function and the variable (or a list of variables)", peek) }
        try expect(")", closing: open)
        let kind: DerivativeRequest.Kind = switch name {
        case "derivative", "diff": .derivative
        case "partial": .partial
        case "gradient", "grad": .gradient
        default: .jacobian
        }
        return try derivativeRequest(kind, function: function, variables: variables, at: t)
    }

    /// `x` or `[x, y]` (also `[w, b]` with a vector and a scalar): returned as a variable or a one-row list.
    mutating func parseVariableList() throws -> Expr {
        guard isSymbol("[") else { return try parseExpression() }
        let open = advance()
        var names: [Expr] = []
        repeat {
            let t = peek
            let e = try parsePostfix(try parsePrimary())
            guard case .variable = e else { throw error("the variables must be names, like [x, y]", t) }
            names.append(e)
        } while accept(",")
        try expect("]", closing: open)
        return .block([names])
    }

    /// The argument of a function written without parentheses: `sin x`, `sin 2x`, `\ln x^2`.
    mutating func parseImplicitArgument() throws -> Expr {
        var acc = try parsePower()
        while startsFactor(peek) {
            if case .identifier(let s) = peek.kind, Vocabulary.functions.contains(s), scope.lookup(s) == nil { break }
            if case .command(let c) = peek.kind, Parser.functionCommands[c] != nil { break }
            let t = peek
            acc = try Shapes.multiply(acc, try parsePower(), at: t)
        }
        return acc
    }

    func series(_ i: Variable, _ lower: Expr, _ upper: Expr, _ body: Expr) -> Expr {
        let index = Variable(i.name, .scalar, kind: .index)
        let bound = body.substituting([i.name: .variable(index)])
        return .series(index, lower, upper, bound)
    }

    /// Builds `derivative(f, x)`-style requests; a list `[f1, f2]` of functions becomes a column.
    func derivativeRequest(_ kind: DerivativeRequest.Kind, function: Expr, variables: Expr, at t: Token) throws -> Expr {
        var vars: [Variable] = []
        var list = false
        var f = function
        // A row of functions with a Jacobian, or with a list of variables, is a list: one row per function.
        var isList = false
        if case .block = variables { isList = true }
        if case .block(let rows) = function, kind == .jacobian || isList, rows.count == 1, rows[0].count > 1,
           rows[0].allSatisfy({ $0.shape.isScalar }) {
            f = .block(rows[0].map { [$0] })
        }
        switch variables {
        case .variable(let v): vars = [v]
        case .block(let rows):
            list = true
            for e in rows.flatMap({ $0 }) {
                guard case .variable(let v) = e else { throw error("the variables must be names, like [x, y]", t) }
                vars.append(v)
            }
        default:
            throw error("the second argument must be a variable or a list of variables, like x or [x, y]", t)
        }
        do {
            return .derivative(try DerivativeRequest(kind: kind, function: f, variables: vars, variableList: list, layout: layout))
        } catch let e as CalculusError {
            throw error(e.message, t, kind: e.kind)
        }
    }

    /// `[a, b]` a row, `[a; b]` a column, `[[a, b], [c, d]]` a matrix by rows.
    mutating func parseBracketLiteral(open: Token, close: String) throws -> Expr {
        if isSymbol(close) { throw error("empty brackets: a vector needs at least one entry") }
        var rows: [[Expr]] = [[]]
        var sawSemicolon = false
        while true {
            rows[rows.count - 1].append(try parseExpression())
            if accept(",") { continue }
            if accept(";") { sawSemicolon = true; rows.append([]); continue }
            try expect(close, closing: open)
            break
        }
        // [[a, b], [c, d]]: a row of rows is a matrix.
        if !sawSemicolon, rows[0].count >= 1, rows[0].allSatisfy({ $0.shape.isRow || ($0.isRowLiteral) }), rows[0].count > 1 || rows[0][0].isRowLiteral {
            if rows[0].allSatisfy({ $0.isRowLiteral }) {
                let matrix = rows[0].map { e -> [Expr] in if case .block(let r) = e { return r[0] }; return [e] }
                try checkBlock(matrix, at: open)
                return .block(matrix)
            }
        }
        try checkBlock(rows, at: open)
        if rows.count == 1 && rows[0].count == 1 { return rows[0][0] }
        return .block(rows)
    }

    func checkBlock(_ rows: [[Expr]], at t: Token) throws {
        let widths = rows.map { $0.count }
        if Set(widths).count > 1 {
            throw error("the rows of this matrix have different lengths (\(widths.map(String.init).joined(separator: ", ")))", t, kind: .shape)
        }
        for row in rows {
            let h = row[0].shape.rows
            for e in row where !e.shape.rows.matches(h) {
                throw error("the entries of a matrix row must have the same height: \(row[0].shape) beside \(e.shape)", t, kind: .shape)
            }
        }
    }

    // MARK: LaTeX commands

    static let functionCommands: [String: String] = [
        "sin": "sin", "cos": "cos", "tan": "tan", "exp": "exp", "ln": "ln", "log": "ln", "sinh": "sinh",
        "cosh": "cosh", "tanh": "tanh", "max": "max", "min": "min", "det": "det", "tr": "tr",
    ]

    mutating func parseCommand(_ c: String, at t: Token) throws -> Expr {
        if let fn = Parser.functionCommands[c] { return try parseLatexFunction(fn, at: t) }
        switch c {
        case "frac", "dfrac", "tfrac": return try parseFraction(at: t)
        case "sqrt":
            if isSymbol("[") {
                let open = advance(); let k = try parseExpression(); try expect("]", closing: open)
                guard isSymbol("{") else { throw error("\\sqrt needs an argument in braces") }
                let x = try parseGroup()
                return try Shapes.power(x, .power(k, .integer(-1)), at: t)
            }
            guard isSymbol("{") else { return .apply(.sqrt, try parsePower()) }
            return .apply(.sqrt, try parseGroup())
        case "left":
            if isSymbol(".") { _ = advance(); return try parsePrimary() }
            if isCommand("{") || isCommand("|") { throw error("this delimiter is not supported here", peek) }
            let open = peek
            if isSymbol("(") || isSymbol("[") {
                _ = advance()
                let closeSymbol = isSymbol("(", open) ? ")" : "]"
                if isSymbol("(", open) {
                    let e = try parseExpression()
                    try expectRight(closeSymbol, open: open)
                    return e
                }
                return try parseLeftBracket(open: open)
            }
            if isSymbol("|") {
                _ = advance(); absDepth += 1
                let e = try parseExpression(); absDepth -= 1
                try expectRight("|", open: open)
                return .apply(.abs, e)
            }
            throw error("expected a delimiter after \\left", peek)
        case "mathbf", "boldsymbol", "bm", "vec", "mathbfit", "pmb": return try parseBold(at: t)
        case "operatorname", "mathrm", "text", "textrm", "mathit", "textit", "mbox":
            let word = try readWord(after: t)
            if word == "otherwise" { throw error("'otherwise' may only stand in a cases environment", t) }
            if Vocabulary.functions.contains(word) || word == "sgn" {
                if word == "sum" { return try parseLatexFunction("sum", at: t) }
                return try parseLatexFunction(word, at: t)
            }
            if c == "mathrm" || c == "mathit", word.count == 1 {
                return variableNamed(word, at: t)
            }
            throw error("unknown name '\(word)'", t, kind: .unknownName)
        case "begin": return try parseEnvironment(at: t)
        case "sum": return try parseLatexSum(at: t)
        case "nabla": return try parseNabla(at: t)
        case "partial": throw error("a lone \\partial must stand in a fraction such as \\frac{\\partial f}{\\partial x}", t)
        case "pi": return .constant(.pi)
        case "sigma" where isSymbol("("):
            return try parseLatexFunction("sigmoid", at: t)
        case "mathbb", "mathcal": throw error("\\\(c) names a set or a space, which cannot be evaluated", t, kind: .unknownName)
        case "dots", "ldots", "cdots", "vdots", "ddots": throw error("'\\\(c)' stands for entries that are not written out, so this cannot be evaluated", t, kind: .unknownName)
        case "right": throw error("\\right without a matching \\left", t)
        default:
            if Vocabulary.greek.contains(c) { return variableNamed(c, at: t) }
            throw error("unknown command '\\\(c)'", t, kind: .unknownName)
        }
    }

    mutating func expectRight(_ close: String, open: Token) throws {
        if isCommand("right") { _ = advance() }
        try expect(close, closing: open)
    }

    /// `\left[ a, b \right]` is a row, like ASCII brackets.
    mutating func parseLeftBracket(open: Token) throws -> Expr {
        var entries: [Expr] = []
        repeat { entries.append(try parseExpression()) } while accept(",")
        try expectRight("]", open: open)
        if entries.count == 1 { return entries[0] }
        try checkBlock([entries], at: open)
        return .block([entries])
    }

    /// Reads the letters of a `{word}` argument.
    mutating func readWord(after t: Token) throws -> String {
        let open = peek
        guard accept("{") else { throw error("expected '{' after \(describe(t))") }
        var word = ""
        while true {
            switch peek.kind {
            case .identifier(let s), .number(let s): word += s; _ = advance()
            case .command(" "), .command(","): word += " "; _ = advance()
            case .symbol("}"): _ = advance(); return word.trimmingSpaces
            case .symbol(let s) where s == "-" || s == "_": word += s; _ = advance()
            default: throw error("expected '}' to close '{' at column \(column(of: open.offset)), found \(describe(peek))")
            }
        }
    }

    /// `\mathbf{x}`: a vector (or a declared name); `\mathbf{1}`, `\vec{1}`: the ones vector; `\mathbf{0}`: zeros.
    mutating func parseBold(at t: Token) throws -> Expr {
        let name: String
        if isSymbol("{") { name = try readWord(after: t) }
        else if case .identifier(let s) = peek.kind { _ = advance(); name = s }
        else if case .number(let s) = peek.kind { _ = advance(); name = s }
        else { throw error("expected a name after \(describe(t))") }
        if name == "1" { return .ones(.column(.free)) }
        if name == "0" { return .zeros(.column(.free)) }
        guard Scope.isName(name) else { throw error("'\(name)' is not a name", t) }
        if let v = scope.lookup(name) { return .variable(v) }
        if let def = scope.definitions[name] {
            if isSymbol("(") || isCommand("left") { return try applyDefinitionLatex(name, def, at: t) }
            return def.body
        }
        if isSymbol("(") { throw error("unknown function '\(name)'", t, kind: .unknownName) }
        let first = name.unicodeScalars.first!
        let v = first.properties.isUppercase ? Variable(name, .matrix(.named("m"), .named("n"))) : Variable(name, .column(.named("n")))
        scope.declare(v)
        return .variable(v)
    }

    mutating func applyDefinitionLatex(_ name: String, _ def: Scope.Definition, at t: Token) throws -> Expr {
        if isCommand("left") { _ = advance() }
        return try applyDefinition(name, def, at: t)
    }

    /// `\sin x`, `\sin(x)`, `\tanh^2(u)`, `\max(0, z)`, `\operatorname{diag}(\mathbf{x})`.
    mutating func parseLatexFunction(_ name: String, at t: Token) throws -> Expr {
        var power: Expr? = nil
        if isSymbol("^") { _ = advance(); power = try parseExponent() }
        if isSymbol("_") && (name == "max" || name == "min") {
            throw error("\\\(name) with a subscript (an optimum over a set) cannot be evaluated", t, kind: .unknownName)
        }
        let fnName = name == "log" ? "ln" : name
        let result: Expr
        if isSymbol("(") || isCommand("left") || isSymbol("{") {
            if isCommand("left") { _ = advance() }
            if isSymbol("{") {
                let g = try parseGroup()
                result = try buildCall(fnName, [g], at: t)
            } else {
                // Reuse ASCII call parsing for the arguments.
                let open = peek
                try expect("(")
                var args: [Expr] = []
                repeat { args.append(try parseExpression()) } while accept(",")
                if isCommand("right") { _ = advance() }
                try expect(")", closing: open)
                result = try buildCall(fnName, args, at: t)
            }
        } else {
            result = try buildCall(fnName, [try parseImplicitArgument()], at: t)
        }
        return try power.map { try Shapes.power(result, $0, at: t) } ?? result
    }

    /// Builds a call from its arguments, checking their number and shapes (both syntaxes).
    func buildCall(_ name: String, _ args: [Expr], at t: Token) throws -> Expr {
        if let fn = ElementwiseFunction(name: name) { try arity(name, args, [1], t); return .apply(fn, args[0]) }
        switch name {
        case "sum" where args.count == 4:
            guard case .variable(let i) = args[1], i.shape.isScalar else { throw error("the second argument of sum(expr, i, from, to) must be an index name", t) }
            return series(i, args[2], args[3], args[0])
        case "inv": try arity(name, args, [1], t); return .inverse(try Shapes.square(args[0], at: t, "inverse"))
        case "max", "min":
            try arity(name, args, [2], t)
            _ = try Shapes.broadcast(args[0], args[1], at: t, "compare")
            return name == "max" ? .max(args[0], args[1]) : .min(args[0], args[1])
        case "diag":
            try arity(name, args, [1], t)
            guard args[0].shape.isVector else { throw error("diag needs a vector, not a \(args[0].shape)", t, kind: .shape) }
            return .diag(args[0])
        case "sum": try arity(name, args, [1, 4], t); return args[0].shape.isScalar ? args[0] : .sum(args[0])
        case "tr", "trace": try arity(name, args, [1], t); return .trace(try Shapes.square(args[0], at: t, "trace"))
        case "det": try arity(name, args, [1], t); return .det(try Shapes.square(args[0], at: t, "determinant"))
        case "relu": try arity(name, args, [1], t); return .max(.zero, args[0])
        case "dot": try arity(name, args, [2], t); return try Shapes.dot(args[0], args[1], at: t)
        default: throw error("unknown function '\(name)'", t, kind: .unknownName)
        }
    }

    /// `\frac{a}{b}`, or a derivative operator: `\frac{d}{dx}`, `\frac{\partial f}{\partial x}`, `\frac{\partial \mathbf{y}}{\partial \mathbf{x}}`.
    mutating func parseFraction(at t: Token) throws -> Expr {
        guard isSymbol("{") else { throw error("\\frac needs two arguments in braces, like \\frac{a}{b}") }
        let numeratorStart = position
        if let derivative = try parseDerivativeFraction(at: t) { return derivative }
        position = numeratorStart
        let num = try parseGroup()
        guard isSymbol("{") else { throw error("\\frac needs a second argument in braces, like \\frac{a}{b}") }
        let den = try parseGroup()
        return try Shapes.divide(num, den, at: t)
    }

    /// Recognizes `d`/`\partial` fractions; returns nil when the fraction is an ordinary one.
    mutating func parseDerivativeFraction(at t: Token) throws -> Expr? {
        func isD(_ tok: Token) -> Bool { isIdentifier("d", tok) || isCommand("partial", tok) || isSymbol("∂", tok) || isCommand("mathrm", tok) }
        let open = peek
        guard isD(peek(1)) else { return nil }
        // Find the denominator: it must start with d or \partial too.
        var k = position, level = 0
        repeat {
            if isSymbol("{", tokens[k]) { level += 1 }
            if isSymbol("}", tokens[k]) { level -= 1 }
            if case .end = tokens[k].kind { return nil }
            k += 1
        } while level > 0
        guard isSymbol("{", tokens[k]), isD(tokens[k + 1]) else { return nil }
        if isCommand("mathrm", peek(1)) && !(isSymbol("{", peek(2)) && isIdentifier("d", peek(3))) { return nil }
        let partial = isCommand("partial", peek(1)) || isSymbol("∂", peek(1))
        _ = advance()   // {
        try skipD()
        var function: Expr? = nil
        if !isSymbol("}") {
            function = try parseExpression()
        }
        try expect("}", closing: open)
        let denOpen = peek
        try expect("{")
        var variables: [Variable] = []
        var element: (Variable, Expr)? = nil
        while !isSymbol("}") {
            try skipD()
            let v = try parsePostfix(try parsePrimary())
            if case .index(.variable(let vector), let k) = v, vector.kind == .plain, vector.shape.isColumn {
                // ∂/∂w_k: the k-th column of the Jacobian with respect to w.
                element = (vector, k)
                variables.append(vector)
            } else {
                guard case .variable(let variable) = v else { throw error("expected a variable after d or \\partial in the denominator", denOpen) }
                variables.append(variable)
            }
            if case .end = peek.kind { break }
        }
        try expect("}", closing: denOpen)
        guard variables.count == 1 else {
            throw error("only first derivatives can be evaluated (one variable in the denominator)", denOpen, kind: .unknownName)
        }
        let body: Expr
        if let function { body = function } else {
            skipSpacing()
            guard startsFactor(peek) else { throw error("expected an expression after the derivative operator") }
            body = try parseOperand()
        }
        let kind: DerivativeRequest.Kind = partial ? .partial : .derivative
        let request = try derivativeRequest(kind, function: body, variables: .variable(variables[0]), at: t)
        if let (vector, k) = element {
            return .matrixProduct([request, .basis(k, vector.shape.rows)])
        }
        return request
    }

    mutating func skipD() throws {
        if isCommand("partial") || isSymbol("∂") || isIdentifier("d") { _ = advance(); return }
        if isCommand("mathrm") { _ = advance(); try expect("{"); _ = advance(); try expect("}"); return }
        throw error("expected d or \\partial")
    }

    /// What an operator such as `\frac{d}{dx}` or `\sum` applies to: the rest of the product.
    mutating func parseOperand() throws -> Expr {
        var acc = try parseUnary(allowSign: true)
        while true {
            let t = peek
            if isSymbol("*") || isCommand("times") || isCommand("cdot") || isSymbol("·") {
                _ = advance()
                acc = isSymbol("*", t) || isCommand("times", t) ? try Shapes.multiply(acc, try parseUnary(), at: t) : try Shapes.dotOrMultiply(acc, try parseUnary(), at: t)
            } else if isCommand("otimes") || isCommand("odot") || isSymbol("⊗") {
                _ = advance(); acc = try Shapes.elementwise(acc, try parseUnary(), at: t)
            } else if startsFactor(t) {
                acc = try Shapes.multiply(acc, try parseUnary(allowSign: false), at: t)
            } else { return acc }
        }
    }

    /// `\sum_{i=1}^{N} body`.
    mutating func parseLatexSum(at t: Token) throws -> Expr {
        guard accept("_") else { throw error("\\sum needs limits, like \\sum_{i=1}^{N}", t, kind: .unknownName) }
        let open = peek
        let braced = accept("{")
        guard case .identifier(let name) = peek.kind else { throw error("expected an index name after \\sum_", peek) }
        _ = advance()
        try expect("=")
        let lower = braced ? try parseExpression() : try parsePrimary()
        if braced { try expect("}", closing: open) }
        try expect("^")
        let upper = try parseExponent()
        let saved = scope.lookup(name)
        scope.declare(Variable(name, .scalar, kind: .index))
        defer { if let saved { scope.declare(saved) } else { scope.declare(Variable(name)) } }
        skipSpacing()
        let body = try parseOperand()
        return series(Variable(name), lower, upper, body)
    }

    /// `\nabla f(x, y)`: the gradient of a defined function with respect to the listed variables.
    mutating func parseNabla(at t: Token) throws -> Expr {
        skipSpacing()
        let nameToken = peek
        var name: String
        if isCommand("mathbf") || isCommand("boldsymbol") { _ = advance(); name = try readWord(after: nameToken) }
        else if case .identifier(let s) = peek.kind { _ = advance(); name = s }
        else { throw error("expected a function name after \\nabla", peek) }
        if isSymbol("_") {
            _ = advance()
            if case .identifier(let s) = peek.kind { _ = advance(); name += "_" + s }
            else if case .number(let s) = peek.kind { _ = advance(); name += "_" + s }
        }
        guard let def = scope.definitions[name] else {
            throw error("\\nabla needs a function defined earlier, such as f(x, y) = …; '\(name)' is not defined", nameToken, kind: .unknownName)
        }
        var variables = def.parameters
        var body = def.body
        if isSymbol("(") || isCommand("left") {
            if isCommand("left") { _ = advance() }
            let open = advance()
            var args: [Expr] = []
            repeat { args.append(try parseExpression()) } while accept(",")
            if isCommand("right") { _ = advance() }
            try expect(")", closing: open)
            guard args.count == def.parameters.count else {
                throw error("\(name) takes \(def.parameters.count) arguments, not \(args.count)", nameToken)
            }
            var map: [String: Expr] = [:]
            var vars: [Variable] = []
            for (p, a) in zip(def.parameters, args) {
                map[p.name] = a
                guard case .variable(let v) = a else { throw error("\\nabla f(…) needs variables as arguments", nameToken) }
                vars.append(v)
            }
            body = body.substituting(map)
            variables = vars
        }
        let list: Expr = variables.count == 1 ? .variable(variables[0]) : .block([variables.map { .variable($0) }])
        return try derivativeRequest(.gradient, function: body, variables: list, at: t)
    }

    /// `bmatrix`, `pmatrix`, `matrix`, `cases`.
    mutating func parseEnvironment(at t: Token) throws -> Expr {
        let name = try readWord(after: t)
        switch name {
        case "bmatrix", "pmatrix", "matrix", "Bmatrix", "smallmatrix", "array":
            if name == "array" { _ = try readWord(after: t) }
            var rows: [[Expr]] = [[]]
            while true {
                if isCommand("end") { break }
                rows[rows.count - 1].append(try parseExpression())
                if accept("&") { continue }
                if accept("\\\\") {
                    if isCommand("end") { break }
                    rows.append([]); continue
                }
                if isCommand("end") { break }
                throw error("expected '&', '\\\\' or \\end{\(name)}, found \(describe(peek))")
            }
            try expectEnd(name, open: t)
            if rows.last?.isEmpty == true { rows.removeLast() }
            try checkBlock(rows, at: t)
            if rows.count == 1 && rows[0].count == 1 { return rows[0][0] }
            return .block(rows)
        case "cases":
            var cases: [(Expr, Condition?)] = []
            while !isCommand("end") {
                let value = try parseExpression()
                try expect("&")
                var condition: Condition? = nil
                if isCommand("text") || isCommand("mbox") || isCommand("textrm") {
                    let c = advance()
                    let word = try readWord(after: c)
                    guard word.hasPrefix("otherwise") || word == "else" else { throw error("unknown text '\(word)' in a case", c) }
                    if accept(",") {}
                    if !isSymbol("\\\\") && !isCommand("end") { condition = try parseCondition() }
                } else {
                    if isIdentifier("i") && isIdentifier("f", peek(1)) { _ = advance(); _ = advance() }
                    condition = try parseCondition()
                }
                _ = accept(",")
                cases.append((value, condition))
                if !accept("\\\\") { break }
            }
            try expectEnd(name, open: t)
            guard cases.count >= 2 else { throw error("a cases environment needs at least two cases", t) }
            let shape = Expr.broadcastShape(cases.map { $0.0.shape })
            cases = cases.map { (Shapes.fill($0.0, shape), $0.1) }
            var result = cases[cases.count - 1].0
            for (value, condition) in cases.dropLast().reversed() {
                guard let condition else { throw error("every case but the last needs a condition", t) }
                result = .piecewise(condition, value, result)
            }
            return result
        default:
            throw error("unknown environment '\(name)'", t, kind: .unknownName)
        }
    }

    mutating func expectEnd(_ name: String, open: Token) throws {
        guard isCommand("end") else { throw error("expected \\end{\(name)} to close \\begin{\(name)} at column \(column(of: open.offset))") }
        let t = advance()
        let closing = try readWord(after: t)
        guard closing == name else { throw error("\\end{\(closing)} does not match \\begin{\(name)}", t) }
    }

    // MARK: ASCII identifiers

    /// Splits run-together ASCII names: `xy` → x y, `sinx` → sin x, `x1` → x_1; declared and known words stay whole.
    static func splitIdentifiers(_ tokens: [Token], scope: Scope) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        // No known word is longer than this: looking for longer ones in a long run of letters would be quadratic.
        var longest = Vocabulary.longestWord
        for name in scope.variables.keys { longest = Swift.max(longest, name.unicodeScalars.count) }
        for name in scope.definitions.keys { longest = Swift.max(longest, name.unicodeScalars.count) }
        for (index, t) in tokens.enumerated() {
            guard case .identifier(let word) = t.kind else { out.append(t); continue }
            let scalars = Array(word.unicodeScalars)
            func known(_ s: String) -> Bool {
                scope.lookup(s) != nil || scope.definitions[s] != nil || Vocabulary.functions.contains(s)
                    || Vocabulary.greek.contains(s) || Vocabulary.constants.contains(s)
            }
            if known(word) { out.append(t); continue }
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
                out.append(Token(kind: .symbol("?function"), offset: t.offset, length: t.length, spaced: t.spaced))
                out.append(Token(kind: .identifier(word), offset: t.offset, length: t.length, spaced: false))
                continue
            }
            // `qwerty`, `softmax`, `transpose`: a long run of letters that is mostly no known word is an unknown name,
            // not a product (`xyz`, `xsin x`, `2xcos(x)` stay products).
            let singles = pieces.filter { $0.length == 1 && $0.subscript == nil }.count
            let functionThenWord = pieces.indices.contains { k in Vocabulary.functions.contains(pieces[k].text) && pieces.count - k - 1 >= 3 }
            if (allLetters && pieces.count >= 4) || (scalars.count >= 5 && singles >= 4) || functionThenWord {
                out.append(Token(kind: .symbol("?unknown"), offset: t.offset, length: t.length, spaced: t.spaced))
                out.append(Token(kind: .identifier(word), offset: t.offset, length: t.length, spaced: false))
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

extension Expr {
    var isRowLiteral: Bool { if case .block(let r) = self { return r.count == 1 }; return false }

    /// Replaces variables by name, all at once.
    public func substituting(_ map: [String: Expr]) -> Expr {
        if map.isEmpty { return self }
        if case .variable(let v) = self { return map[v.name] ?? self }
        if case .series(let i, let lo, let hi, let body) = self, map[i.name] != nil {
            var inner = map
            if case .variable(let target) = map[i.name]!, target.kind == .index {
                return .series(target, lo.substituting(map), hi.substituting(map), body.substituting(inner))
            }
            inner[i.name] = nil
            return .series(i, lo.substituting(map), hi.substituting(map), body.substituting(inner))
        }
        return mapChildren { $0.substituting(map) }
    }
}
