/// Reads ASCII and LaTeX expressions into one tree, checking shapes as it goes.
///
/// Errors carry the offset of the token at fault, and name both shapes for shape errors.
public struct Parser {
    /// Deepest nesting accepted. Each opening bracket (parenthesis, bracket, brace, `|`, `\left`), function call,
    /// exponent and sign is one level, so 256 nested parentheses parse and the 257th is a limit error; nothing
    /// recurses without passing one of these levels, so deep input is an error, never a stack overflow.
    public static let maxDepth = 256
    /// The nesting read on the caller's stack; deeper input is read again on a thread with a large stack, up to
    /// `maxDepth`. Small, because a debug build's frames are large (a row of `cases` is scanned at each level) and
    /// the caller may be a thread with a small stack: at 32 levels a test thread of Swift Testing overflowed its
    /// stack on a `cases` answer that a command on the main thread read without trouble.
    static let callerStackDepth = 8

    /// Reads `text` with `body`: on the caller's stack, or again on a large stack if it nests deeper than that is safe.
    static func reading<T>(_ text: String, scope: Scope, syntax: Syntax?, layout: Layout,
                           _ body: (inout Parser) throws(CalculusError) -> T) throws(CalculusError) -> T {
        if let tooDeep = nestingError(text) { throw tooDeep }
        let start = try Parser(text, scope: scope, syntax: syntax ?? Syntax.detect(text), layout: layout)
        var p = start
        do {
            return try body(&p)
        } catch where p.deeperThanCallerStack {
            let retried = onLargeStack { () -> Result<T, CalculusError> in
                var q = start
                q.depthLimit = Parser.maxDepth
                return Result { () throws(CalculusError) in try body(&q) }
            }
            return try retried.get()
        }
    }

    public static func parse(_ text: String, scope: Scope = Scope(), syntax: Syntax? = nil, layout: Layout = .numerator) throws(CalculusError) -> Expr {
        try reading(text, scope: scope, syntax: syntax, layout: layout) { (p: inout Parser) throws(CalculusError) in
            if case .end = p.peek.kind { throw CalculusError(.syntax, "the expression is empty", at: 0) }
            let e = try p.parseExpression()
            try p.expectEnd()
            return e
        }
    }

    /// Reads `x > 0; w . x + b > 0` (conditions separated by `;` or `,`), and the equalities points can be made to meet
    /// (`sum(y) = 1`, `y_1 = 0`, `b = 1`; see `EqualityCondition`), one per variable, and `x != 0`.
    public static func parseConditions(_ text: String, scope: Scope = Scope(), syntax: Syntax? = nil) throws(CalculusError) -> [Condition] {
        try reading(text, scope: scope, syntax: syntax, layout: .numerator) { (p: inout Parser) throws(CalculusError) in
            // Not in the page's grader (Embedded Swift): its WebAssembly has no room for them yet.
            #if !hasFeature(Embedded)
            p.allowsEquality = true
            #endif
            var out: [Condition] = []
            while true {
                if case .end = p.peek.kind { break }
                out += try p.parseConditionChain()
                if p.accept(";") || p.accept(",") { continue }
                try p.expectEnd()
                break
            }
            return out
        }
    }

    /// Reads the variables of a derivative, `x` or `[x, y]`, and builds the request for `function`.
    public static func derivativeRequest(of function: Expr, wrt text: String, kind: DerivativeRequest.Kind = .derivative,
                                         scope: Scope = Scope(), layout: Layout = .numerator) throws(CalculusError) -> DerivativeRequest {
        try reading(text, scope: scope, syntax: nil, layout: layout) { (p: inout Parser) throws(CalculusError) in
            let t = p.peek
            let variables = try p.parseVariableList()
            try p.expectEnd()
            guard case .derivative(let r) = try p.derivativeRequest(kind, function: function, variables: variables, at: t) else {
                throw CalculusError(.syntax, "expected a variable or a list of variables", at: 0)
            }
            return r
        }
    }

    /// Splits a chain `a = b = c` at its top-level `=` signs, returning each side's text and offset (in Unicode
    /// scalars). One pass over the UTF-8 bytes: every character it looks for is ASCII.
    public static func splitEquation(_ text: String) -> [(text: String, offset: Int)] {
        var copy = text
        return copy.withUTF8 { u in
            guard u.contains(UInt8(ascii: "=")) else { return [(text, 0)] }
            var parts: [(text: String, offset: Int)] = []
            var depth = 0, env = 0
            var start = 0, startOffset = 0
            var i = 0, offset = 0
            func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
            func side(_ end: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: u[start..<end]), as: UTF8.self) }
            /// Moves past one scalar.
            func step() {
                i += 1
                while i < u.count && u[i] & 0xC0 == 0x80 { i += 1 }
                offset += 1
            }
            while i < u.count {
                let c = u[i]
                if c == UInt8(ascii: "\\") {
                    // Skip commands; track \begin/\end so `=` inside environments is not split.
                    step()
                    let nameStart = i
                    while i < u.count && isLetter(u[i]) { step() }
                    let name = u[nameStart..<i]
                    if name.elementsEqual("begin".utf8) { env += 1 } else if name.elementsEqual("end".utf8) { env -= 1 }
                    if nameStart == i && i < u.count { step() }
                    continue
                }
                switch c {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                case UInt8(ascii: "=") where depth == 0 && env == 0:
                    parts.append((side(i), startOffset))
                    step()
                    start = i; startOffset = offset
                    continue
                default: break
                }
                step()
            }
            parts.append((side(u.count), startOffset))
            return parts
        }
    }

    /// The limit error for a text longer than the expression language allows (`Lexer.maxLength` Unicode scalars),
    /// or nil: callers that look at the whole text before parsing check this first.
    public static func lengthError(_ text: String) -> CalculusError? { Lexer.lengthError(text) }

    // MARK: State

    var tokens: [Token]
    var position = 0
    var depth = 0
    /// The nesting allowed here: `callerStackDepth` at first, `maxDepth` on a large stack.
    var depthLimit = Parser.callerStackDepth
    /// Set when `depthLimit` (below `maxDepth`) was exceeded: the text is read again on a large stack.
    var deeperThanCallerStack = false
    var absDepth = 0
    /// How many norms `‖…‖` are open (a bar then closes one rather than starting a factor).
    var normDepth = 0
    /// The nesting depth at which the entries of the innermost row or column being read stand (-1: none).
    var rowDepth = -1
    /// In the innermost row, the least width of spacing that separates two entries (nil: spacing never does, the row
    /// uses `&` or `,`); see `rowSpacingRule`.
    var rowSeparatingWidth: Int? = nil
    /// In ASCII, whether the innermost bracket being read has no `,` or `;` at its level (`[6xy 3x^2]`).
    var bracketWithoutSeparators = false
    /// Whether `=` and `!=` are relations (in `where:` only; elsewhere `=` ends an expression).
    var allowsEquality = false
    /// The variables that equalities read so far fix.
    var equalityTargets: [String] = []
    var scope: Scope
    let latex: Bool
    let layout: Layout
    let text: String

    init(_ text: String, scope: Scope, syntax: Syntax, layout: Layout) throws(CalculusError) {
        self.text = text
        self.scope = scope
        self.latex = syntax == .latex
        self.layout = layout
        let raw = try Lexer.tokenize(text, latex: latex)
        tokens = latex ? Parser.joinFunctionLetters(Parser.withoutTypography(raw), scope: scope) : Parser.splitIdentifiers(raw, scope: scope)
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
        case .number(let s), .identifier(let s), .symbol(let s), .unknownFunction(let s), .unknownWord(let s), .ambiguousWord(let s, _): return "'\(s)'"
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

    mutating func expect(_ s: String, closing open: Token? = nil) throws(CalculusError) {
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

    mutating func expectEnd() throws(CalculusError) {
        guard case .end = peek.kind else {
            if isSymbol(")") || isSymbol("]") || isSymbol("}") { throw error("unmatched \(describe(peek))") }
            if isSymbol("=") { throw error("expected one expression, found '=' (write the answer only, not an equation)") }
            throw error("unexpected \(describe(peek))")
        }
    }

    /// The limit error for brackets nested deeper than `maxDepth`, found in one pass over the bytes before anything
    /// is lexed (each bracket is at least one level of the grammar, so no text this refuses would parse), or nil.
    static func nestingError(_ text: String) -> CalculusError? {
        var copy = text
        return copy.withUTF8 { bytes -> CalculusError? in
            var depth = 0, scalar = 0
            for (k, b) in bytes.enumerated() {
                if b & 0xC0 == 0x80 { continue }
                switch b {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > maxDepth {
                        // At the `\left` of `\left(`, where the parser would point.
                        let left = k >= 5 && bytes[(k - 5)..<k].elementsEqual("\\left".utf8)
                        return CalculusError(.limit, "the expression nests too deeply (more than \(maxDepth) nested brackets, calls, exponents or signs)", at: left ? scalar - 5 : scalar)
                    }
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = Swift.max(0, depth - 1)
                default: break
                }
                scalar += 1
            }
            return nil
        }
    }

    mutating func nest<T>(_ body: (inout Parser) throws(CalculusError) -> T) throws(CalculusError) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > depthLimit {
            if depthLimit < Parser.maxDepth { deeperThanCallerStack = true }
            throw error("the expression nests too deeply (more than \(Parser.maxDepth) nested brackets, calls, exponents or signs)", kind: .limit)
        }
        return try body(&self)
    }

    // MARK: Grammar

    mutating func parseExpression() throws(CalculusError) -> Expr { try parseAdditive() }

    mutating func parseCondition() throws(CalculusError) -> Condition {
        let conditions = try parseConditionChain()
        guard conditions.count == 1 else { throw error("expected one comparison here, not a chain") }
        return conditions[0]
    }

    /// The relation a token writes, if it is one.
    func relation(_ t: Token) -> Condition.Relation? {
        switch t.kind {
        case .symbol("<"), .command("lt"): return .less
        case .symbol("<="), .command("le"), .command("leq"), .command("leqslant"): return .lessEqual
        case .symbol(">"), .command("gt"): return .greater
        case .symbol(">="), .command("ge"), .command("geq"), .command("geqslant"): return .greaterEqual
        #if !hasFeature(Embedded)
        case .symbol("="): return allowsEquality ? .equal : nil
        case .symbol("!="), .command("ne"), .command("neq"): return allowsEquality ? .notEqual : nil
        #endif
        default: return nil
        }
    }

    /// Whether a token joins two conditions: `and`, `\land`, `\wedge`, `&&` (ASCII).
    func isConjunction(_ t: Token) -> Bool {
        if case .identifier("and") = t.kind { return scope.lookup("and") == nil }
        return isCommand("land", t) || isCommand("wedge", t) || (!latex && isSymbol("&", t) && isSymbol("&", peek(1)))
    }

    /// `a < b`, a chain `0 < x < 1` (each link its own condition), and conditions joined by `and`.
    mutating func parseConditionChain() throws(CalculusError) -> [Condition] {
        var out: [Condition] = []
        var lhs = try parseExpression()
        var t = peek
        guard var rel = relation(t) else { throw error("expected a comparison (<, <=, >, >=\(allowsEquality ? ", =, !=" : "")), found \(describe(t))") }
        while true {
            _ = advance()
            let rhs = try parseExpression()
            _ = try Shapes.broadcast(lhs, rhs, at: t, "compare")
            let condition = Condition(lhs, rel, rhs)
            #if !hasFeature(Embedded)
            if rel == .equal {
                guard let equality = EqualityCondition(condition) else { throw error(EqualityCondition.unsupportedMessage, t) }
                if equalityTargets.contains(equality.name) {
                    throw error("only one equality per variable can be met: \(equality.name) has one already", t)
                }
                equalityTargets.append(equality.name)
            }
            #endif
            out.append(condition)
            if let next = relation(peek) { lhs = rhs; t = peek; rel = next; continue }
            if isConjunction(peek) {
                if isSymbol("&") { _ = advance() }
                _ = advance()
                lhs = try parseExpression()
                t = peek
                guard let next = relation(t) else { throw error("expected a comparison (<, <=, >, >=), found \(describe(t))") }
                rel = next
                continue
            }
            return out
        }
    }

    /// `if` with every condition of a chain: `if(0 < x < 1, a, b)` is `if(0 < x, if(x < 1, a, b), b)`.
    static func piecewise(_ conditions: [Condition], _ a: Expr, _ b: Expr) -> Expr {
        conditions.reversed().reduce(a) { inner, c in .piecewise(c, inner, b) }
    }

    mutating func parseAdditive() throws(CalculusError) -> Expr {
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
                let verb = isSymbol("+", t) ? "add" : "subtract"
                let next = try Shapes.broadcast(shape, rhs.shape, at: t, verb)
                if next != shape {
                    for k in terms.indices { terms[k] = try Shapes.fill(terms[k], next, at: t, verb) }
                    shape = next
                }
                terms.append(try Shapes.fill(rhs, shape, at: t, verb))
            } else { break }
        }
        return terms.count == 1 ? terms[0] : .sum(terms)
    }

    /// Whether the next token can begin a factor of an implicit product (`3x`, `2(x+1)`, `x y`, `\frac…`).
    func startsFactor(_ t: Token) -> Bool {
        switch t.kind {
        case .identifier("and"): return scope.lookup("and") != nil
        case .number, .identifier, .unknownFunction, .unknownWord, .ambiguousWord: return true
        case .symbol(let s):
            if s.utf8.count == 1, let b = s.utf8.first {
                switch b {
                case UInt8(ascii: "|"): return absDepth == 0
                case UInt8(ascii: "("), UInt8(ascii: "["): return true
                case UInt8(ascii: "{"): return latex
                default: return false
                }
            }
            if s == "‖" { return normDepth == 0 }
            return s == "∇" || s == "∂" || s == "√" || s == "∑" || s == "𝟙"
        case .command(let c):
            if c == "|" || c == "Vert" || c == "lVert" { return normDepth == 0 }
            if c == "rVert" || Parser.spacingCommands.contains(c) { return false }
            return !Parser.binaryCommands.contains(c) && !Parser.closingCommands.contains(c)
        case .end: return false
        }
    }

    static let binaryCommands: Set<String> = WordTable.set("""
        cdot|times|otimes|odot|circ|oslash|div|le|leq|ge|geq|lt|gt|leqslant|geqslant|right|end|quad|qquad|,|;|:|!| |\
        \\|to|neq|ne|approx|bigcirc|land|wedge|lor|vee
        """)
    static let closingCommands: Set<String> = WordTable.set("right|end|}|rVert|rangle")

    mutating func skipSpacing() {
        while case .command(let c) = peek.kind, Parser.spacingCommands.contains(c) { _ = advance() }
    }

    /// Spacing of at most 4/18 em (and negative spacing): in a product it is kerning, between the entries of a row it
    /// could be either, so there it is refused rather than read one way.
    static let thinSpacing: Set<String> = WordTable.set("""
        ,|:|>|!|thinspace|medspace|negthinspace|negmedspace|negthickspace|mathstrut
        """)

    /// The error for thin spacing between two factors at the level of a row's entries: a product or two entries.
    func thinSpacingInRow() -> CalculusError? {
        guard spacingSeparatesEntries() else { return nil }
        var k = 0
        var thin = true
        while case .command(let d) = peek(k).kind, Parser.spacingCommands.contains(d) { thin = thin && Parser.thinSpacing.contains(d); k += 1 }
        guard thin, case .command(let c) = peek.kind else { return nil }
        return error("a thin space (\\\(c)) between two factors of an entry of a row or a column: a product or two entries? Write & or , between entries, or leave the space out for a product")
    }

    /// Whether spacing here separates two entries of a row or a column (`[a \quad b]`, a matrix cell `a \; b`; thin
    /// spacing there is an error, `thinSpacingInRow`):
    /// at the level of the row's entries, before something that starts a factor (not a sign, an operator or a close).
    func spacingSeparatesEntries() -> Bool {
        guard latex, depth == rowDepth, let least = rowSeparatingWidth,
              case .command(let c) = peek.kind, Parser.spacingCommands.contains(c) else { return false }
        var k = 0
        var width = 0
        while case .command(let d) = peek(k).kind, Parser.spacingCommands.contains(d) { width += Parser.spacingWidth(d); k += 1 }
        return width >= least && startsFactor(peek(k))
    }

    /// The width of a spacing command in mu (1/18 em); a width given as an argument counts as a quad.
    static func spacingWidth(_ c: String) -> Int {
        switch c {
        case ",", "thinspace": return 3
        case ":", ">", "medspace": return 4
        case ";", "thickspace": return 5
        case " ", "~", "space", "nobreakspace": return 6
        case "enspace": return 9
        case "qquad": return 36
        case "!", "negthinspace": return -3
        case "negmedspace": return -4
        case "negthickspace": return -5
        case "mathstrut": return 0
        default: return 18
        }
    }

    /// The rule for spacing in the row that starts here (`rowSeparatingWidth`): nil when the row separates its
    /// entries with `&` or `,` (spacing is then typography inside an entry, a product), otherwise the widest spacing
    /// between two factors at the row's level, which alone separates entries (narrower spacing is a product).
    /// The row ends at its closing bracket, `\\`, `\end`, or (`semicolonEndsRow`) a `;`.
    func rowSpacingRule(semicolonEndsRow: Bool) -> Int? {
        var widest = Int.min
        for i in rowLevelTokens(semicolonEndsRow: semicolonEndsRow) {
            switch tokens[i].kind {
            case .symbol("&"), .symbol(","): return nil
            // The first of a run of spacing commands, between two factors: the run's width.
            case .command(let c) where Parser.spacingCommands.contains(c) && i > position && !isSpacingCommand(tokens[i - 1]):
                var j = i
                var width = 0
                while j < tokens.count, case .command(let d) = tokens[j].kind, Parser.spacingCommands.contains(d) { width += Parser.spacingWidth(d); j += 1 }
                if j < tokens.count, startsFactor(tokens[j]) { widest = Swift.max(widest, width) }
            default: break
            }
        }
        return widest
    }

    func isSpacingCommand(_ t: Token) -> Bool {
        if case .command(let c) = t.kind { return Parser.spacingCommands.contains(c) }
        return false
    }

    /// The indices of the tokens from here to the end of the current row or bracket that stand at its own level, not
    /// inside a nested bracket or environment. The row ends at its closing bracket, `\\`, `\end`, the end of the
    /// text, or (`semicolonEndsRow`) a `;`.
    func rowLevelTokens(semicolonEndsRow: Bool) -> [Int] {
        var indices: [Int] = []
        var nesting = 0
        scan: for i in position..<tokens.count {
            switch tokens[i].kind {
            case .end: break scan
            case .symbol("("), .symbol("["), .symbol("{"), .command("begin"): nesting += 1; continue scan
            case .symbol(")"), .symbol("]"), .symbol("}"), .command("end"):
                if nesting == 0 { break scan }
                nesting -= 1; continue scan
            case .symbol("\\\\") where nesting == 0: break scan
            case .symbol(";") where nesting == 0 && semicolonEndsRow: break scan
            default: break
            }
            if nesting == 0 { indices.append(i) }
        }
        return indices
    }

    mutating func parseUnary(allowSign: Bool = true) throws(CalculusError) -> Expr {
        skipSpacing()
        if allowSign && (isSymbol("-") || isSymbol("+")) {
            let sign = advance()
            let operand = try nest { (p: inout Parser) throws(CalculusError) in try p.parseUnary() }
            return isSymbol("-", sign) ? .negate(operand) : operand
        }
        return try parsePower()
    }

    /// A factor with its exponents and postfix operators: `x^2`, `x^T`, `A^{-1}`, `x'`, `x_1`.
    mutating func parsePower() throws(CalculusError) -> Expr {
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
            if let braced = inverseTransposeMark() {
                // X^{-T}, X^-T, X⁻ᵀ: the transpose of the inverse.
                if braced { _ = advance() }
                _ = advance()
                try skipTransposeMark()
                if braced { try expect("}") }
                base = Expr.transposed(try Shapes.power(base, .integer(-1), at: t))
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

    /// Whether a token is a transpose mark: `T` (unless T is declared), `\top`, `\intercal`, `\mathsf{T}`.
    func isTransposeToken(_ t: Token) -> Bool {
        if isCommand("top", t) || isCommand("intercal", t) || isCommand("mathsf", t) || isCommand("prime", t) || isSymbol("T", t) { return true }
        if case .identifier("T") = t.kind { return scope.lookup("T") == nil }
        return false
    }

    /// Whether a `^` is followed by `-T` (nil if not), braced in LaTeX (`{-T}`, `{-\top}`: true) or not (false).
    func inverseTransposeMark() -> Bool? {
        if isSymbol("-") && isTransposeToken(peek(1)) && !isSymbol("{", peek(2)) { return false }
        if latex && isSymbol("{") && isSymbol("-", peek(1)) && isTransposeToken(peek(2)) && isSymbol("}", peek(3)) { return true }
        return nil
    }

    /// Whether a `^` is followed by a transpose mark: `T`, `\top`, `\intercal`, `{T}`, `{\top}`.
    func isTransposeMark() -> Bool {
        func mark(_ t: Token) -> Bool { isTransposeToken(t) }
        if mark(peek) { return true }
        if latex && isSymbol("{") && mark(peek(1)) {
            if isCommand("mathsf", peek(1)) { return isSymbol("{", peek(2)) && isIdentifier("T", peek(3)) }
            return isSymbol("}", peek(2))
        }
        // `^{\rm T}`, `^{\mathrm{T}}`, `^{\text{T}}`.
        if latex && isSymbol("{") && isCommand("rm", peek(1)) && isIdentifier("T", peek(2)) && isSymbol("}", peek(3)) { return true }
        if latex && isSymbol("{") && (isCommand("mathrm", peek(1)) || isCommand("text", peek(1))) && isSymbol("{", peek(2))
            && isIdentifier("T", peek(3)) && isSymbol("}", peek(4)) && isSymbol("}", peek(5)) { return true }
        if latex && (isCommand("mathrm") || isCommand("text")) && isSymbol("{", peek(1)) && isIdentifier("T", peek(2)) && isSymbol("}", peek(3)) { return true }
        return false
    }

    mutating func skipTransposeMark() throws(CalculusError) {
        let braced = latex && accept("{")
        if isCommand("rm") { _ = advance(); _ = advance(); if braced { try expect("}") }; return }
        if isCommand("mathrm") || isCommand("text") { _ = advance(); try expect("{"); _ = advance(); try expect("}"); if braced { try expect("}") }; return }
        if isCommand("mathsf") { _ = advance(); try expect("{"); _ = advance(); try expect("}") } else { _ = advance() }
        if braced { try expect("}") }
    }

    /// The exponent after `^`: one signed factor, or a braced group in LaTeX.
    mutating func parseExponent() throws(CalculusError) -> Expr {
        try nest { (p: inout Parser) throws(CalculusError) in
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
    mutating func parseGroup() throws(CalculusError) -> Expr {
        try nest { (p: inout Parser) throws(CalculusError) in
            let open = p.advance()
            if p.isSymbol("}") { throw p.error("empty braces: expected an expression inside '{}'") }
            let e = try p.parseExpression()
            try p.expect("}", closing: open)
            return e
        }
    }

    mutating func parsePostfix(_ e: Expr) throws(CalculusError) -> Expr {
        var e = e
        while true {
            if isSymbol("'") {
                // `'` is a transpose (MATLAB's `x'`): on a scalar it would silently be nothing, and `y'` or `f'`
                // is almost always meant as a derivative.
                if e.shape.isScalar {
                    throw error("' is a transpose in mcheck; write the derivative out (d/dx …)")
                }
                _ = advance(); e = .transposed(e); continue
            }
            if isSymbol("_") {
                let t = advance()
                e = try parseSubscript(e, at: t)
                continue
            }
            return e
        }
    }

    /// `x_1`, `x_{i}`, `x_i`: an element of a declared vector, a member of a family, or part of a scalar name.
    mutating func parseSubscript(_ base: Expr, at t: Token) throws(CalculusError) -> Expr {
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
        // `e_1`, `e_i` (e not declared) is the unit vector, its size from the context, as mcheck prints it; unless a name
        // e_i is defined or declared (the course's error of example i), which stays as it was read before.
        let named = subExpr == nil && (scope.definitions["e_" + subText] != nil || scope.lookup("e_" + subText) != nil)
        if case .constant(.e) = base, !named {
            var index: Expr
            if let subExpr { index = subExpr } else { index = try unitVectorIndex(subText, at: subStart) }
            return .basis(index, .free)
        }
        guard case .variable(let v) = base else {
            if subExpr == nil, case .derivative = base { return base }
            throw error("a subscript needs a name before it", t)
        }
        // `W_2` declared beside a matrix `W` (a network's layers): a matrix has no entry `_2`, so the name is meant. (Beside
        // a vector `g`, `g_1` stays entry 1 even when declared: chapter 9's intermediate variables g and g_1 are one.)
        if subExpr == nil, v.kind == .plain, v.shape.isMatrix, let declared = scope.lookup(v.name + "_" + subText) {
            return .variable(declared)
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

    /// The position of a unit vector `e_k`: a whole number or a scalar name.
    func unitVectorIndex(_ text: String, at t: Token) throws(CalculusError) -> Expr {
        if let k = Int(text) { return .integer(k) }
        let index = variableNamed(text, at: t)
        guard index.shape.isScalar else { throw error("an index must be a scalar", t, kind: .shape) }
        return index
    }

    func variableNamed(_ name: String, at t: Token) -> Expr {
        if let v = scope.lookup(name) { return .variable(v) }
        return .variable(.scalar(name))
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
