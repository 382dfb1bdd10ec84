/// The LaTeX side of the parser: commands, environments, derivative fractions, sums, the gradient operator.
extension Parser {
    mutating func parseCommand(_ c: String, at t: Token) throws(CalculusError) -> Expr {
        if FunctionTable.byCommand[c] != nil { return try parseLatexFunction(c, at: t) }
        switch c {
        case "frac", "dfrac", "tfrac", "cfrac": return try parseFraction(at: t)
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
            if isSymbol(".") {
                throw error("\\left. opens an invisible delimiter, as in \\left. … \\right|_{x=1} (a value at a point), which cannot be read", t)
            }
            if isNormBar(peek) { _ = advance(); return try parseNorm(at: t) }
            if isCommand("langle") { let open = advance(); return try parseInnerProduct(at: open) }
            if isCommand("{") { throw error("this delimiter is not supported here", peek) }
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
                return Parser.bars(e)
            }
            throw error("expected a delimiter after \\left", peek)
        case "mathbf", "boldsymbol", "bm", "vec", "mathbfit", "pmb", "textbf", "bold": return try parseBold(at: t)
        case "langle": return try parseInnerProduct(at: t)
        case _ where Parser.styleCommands.contains(c) && !(isSymbol("{") && isBracedWord()):
            // A style around math that is not one word (`\mathrm{2x}`, `\mathit x`): the math, as if unstyled.
            if isSymbol("{") { return try parseGroup() }
            if case .identifier(let s) = peek.kind { let n = advance(); return try parseName(s, at: n) }
            return try parsePrimary()
        case "operatorname", "mathrm", "text", "textrm", "mathit", "textit", "mbox", "mathsf", "mathnormal", "mathtt", "textsf",
             "texttt", "textnormal", "textup", "textmd":
            let word = try readWord(after: t)
            if word == "otherwise" { throw error("'otherwise' may only stand in a cases environment", t) }
            if Vocabulary.functions.contains(word) && scope.lookup(word) == nil { return try parseLatexFunction(word, at: t) }
            // `\mathrm{cost}`: a declared name of several letters, written as one word.
            if let def = scope.definitions[word], scope.lookup(word) == nil {
                if isSymbol("(") || isCommand("left") { return try applyDefinitionLatex(word, def, at: t) }
                return def.body
            }
            if scope.lookup(word) != nil { return variableNamed(word, at: t) }
            if c != "operatorname", word.unicodeScalars.count == 1 || Vocabulary.greek.contains(word) {
                // A style never changes what a letter means: \mathrm{e} is Euler's number as e is, \mathrm{x} is x.
                return try parseName(word, at: t)
            }
            throw error("unknown name '\(word)'", t, kind: .unknownName)
        case "|", "Vert", "lVert": return try parseNorm(at: t)
        case "begin": return try parseEnvironment(at: t)
        case "sum": return try parseLatexSum(at: t)
        case "nabla": return try parseNabla(at: t)
        case "partial": throw error("a lone \\partial must stand in a fraction such as \\frac{\\partial f}{\\partial x}", t)
        case "pi": return .constant(.pi)
        case _ where (isSymbol("(") || (isCommand("left") && isSymbol("(", peek(1)))) && FunctionTable.byCalledName[c] != nil:
            return try parseLatexFunction(FunctionTable.byCalledName[c]!.names[0], at: t)
        case "mathbb" where isSymbol("{") && isNumberToken("1", peek(1)) && isSymbol("}", peek(2)):
            // 𝟙[z > 0], \mathbb{1}\{z > 0\}: the indicator, 1 where the condition holds, else 0.
            _ = advance(); _ = advance(); _ = advance()
            return try parseIndicator(at: t)
        case "mathbb", "mathcal": throw error("\\\(c) names a set or a space, which cannot be evaluated", t, kind: .unknownName)
        case "dots", "ldots", "cdots", "vdots", "ddots": throw error("'\\\(c)' stands for entries that are not written out, so this cannot be evaluated", t, kind: .unknownName)
        case "right": throw error("\\right without a matching \\left", t)
        case "lg": throw error("\\lg is the logarithm to base 10 in some texts and to base 2 in others: write \\log_{10} or \\log_2", t, kind: .unknownName)
        default:
            if Vocabulary.greek.contains(c) { return try greekPrefixedName(c, at: t) ?? variableNamed(c, at: t) }
            throw error("unknown command '\\\(c)'", t, kind: .unknownName)
        }
    }

    /// Style wrappers (upright, italic, sans-serif, typewriter, text): they never change what is inside.
    static let styleCommands: Set<String> = WordTable.set("""
        mathrm|mathit|mathsf|mathnormal|mathtt|text|textrm|textit|textsf|texttt|textnormal|textup|textmd|mbox
        """)

    /// Whether a braced group starts here that holds one word: letters, digits, Greek letters (`{cost}`, `{\theta}`).
    func isBracedWord() -> Bool {
        var k = 1
        var letters = 0
        // A word starts with a letter (`{2x}` is math).
        switch peek(1).kind {
        case .identifier: break
        case .command(let c) where Vocabulary.greek.contains(c): break
        default: return false
        }
        while true {
            switch peek(k).kind {
            case .identifier: letters += 1
            case .number: break
            case .command(let c) where Vocabulary.greek.contains(c): letters += 1
            case .command(" "), .command(","), .symbol("-"), .symbol("_"): break
            case .symbol("}"): return letters > 0
            default: return false
            }
            k += 1
        }
    }

    /// `\langle \mathbf{w}, \mathbf{x} \rangle`: the inner product of two vectors.
    mutating func parseInnerProduct(at t: Token) throws(CalculusError) -> Expr {
        let a = try parseExpression()
        try expect(",")
        let b = try parseExpression()
        if isCommand("right") { _ = advance() }
        guard isCommand("rangle") else { throw error("expected \\rangle to close \\langle at column \(column(of: t.offset)), found \(describe(peek))") }
        _ = advance()
        return try Shapes.dot(a, b, at: t)
    }

    /// `[condition]`, `\{condition\}` or `(condition)` after an indicator's 1.
    mutating func parseIndicator(at t: Token) throws(CalculusError) -> Expr {
        let open = peek
        let close: Token.Kind
        switch open.kind {
        case .symbol("["): close = .symbol("]")
        case .symbol("("): close = .symbol(")")
        case .command("{"): close = .command("}")
        default: throw error("an indicator 𝟙 needs its condition in brackets, like 𝟙[z > 0]", t)
        }
        _ = advance()
        let conditions = try parseConditionChain()
        guard peek.kind == close else { throw error("expected the bracket that closes the condition opened at column \(column(of: open.offset))") }
        _ = advance()
        return Parser.piecewise(conditions, .one, .zero)
    }

    func isNumberToken(_ digits: String, _ t: Token) -> Bool { if case .number(let d) = t.kind { return d == digits }; return false }

    mutating func expectRight(_ close: String, open: Token) throws(CalculusError) {
        if isCommand("right") { _ = advance() }
        try expect(close, closing: open)
    }

    /// `\left[ a, b \right]` is a row, like ASCII brackets.
    mutating func parseLeftBracket(open: Token) throws(CalculusError) -> Expr {
        var entries: [Expr] = []
        let outerRow = rowDepth, outerWidth = rowSeparatingWidth
        rowDepth = depth
        rowSeparatingWidth = rowSpacingRule(semicolonEndsRow: false)
        defer { rowDepth = outerRow; rowSeparatingWidth = outerWidth }
        repeat { entries.append(try parseExpression()) } while accept(",") || (spacingSeparatesEntries() && { skipSpacing(); return true }())
        try expectRight("]", open: open)
        if entries.count == 1 { return entries[0] }
        try checkBlock([entries], at: open)
        return .block([entries])
    }

    /// Reads the letters of a `{word}` argument.
    mutating func readWord(after t: Token) throws(CalculusError) -> String {
        let open = peek
        guard accept("{") else { throw error("expected '{' after \(describe(t))") }
        var word = ""
        while true {
            switch peek.kind {
            case .identifier(let s), .number(let s): word += s; _ = advance()
            case .command(" "), .command(","): word += " "; _ = advance()
            case .symbol("}"): _ = advance(); return word.trimmingSpaces
            case .symbol(let s) where s == "-" || s == "_" || s == "*": word += s; _ = advance()
            case .command(let c) where Vocabulary.greek.contains(c): word += c; _ = advance()
            default: throw error("expected '}' to close '{' at column \(column(of: open.offset)), found \(describe(peek))")
            }
        }
    }

    /// `\mathbf{x}`: a vector (or a declared name); `\mathbf{1}`, `\vec{1}`: the ones vector; `\mathbf{0}`: zeros.
    mutating func parseBold(at t: Token) throws(CalculusError) -> Expr {
        let name: String
        if isSymbol("{") { name = try readWord(after: t) }
        else if case .identifier(let s) = peek.kind { _ = advance(); name = s }
        else if case .number(let s) = peek.kind { _ = advance(); name = s }
        else if case .command(let c) = peek.kind, Vocabulary.greek.contains(c) { _ = advance(); name = c }
        else { throw error("expected a name after \(describe(t))") }
        if name == "1" || name == "0" {
            let shape = try parseSizeSubscript() ?? .column(.free)
            return name == "1" ? .ones(shape) : .zeros(shape)
        }
        guard Scope.isName(name) else { throw error("'\(name)' is not a name", t) }
        // `\mathbf{e}_{k}` (e not declared, no name e_… declared or defined): the unit vector, as mcheck prints it.
        let namesWithE = scope.variables.keys.contains { $0.hasPrefix("e_") } || scope.definitions.keys.contains { $0.hasPrefix("e_") }
        if name == "e", scope.lookup(name) == nil, !namesWithE, isSymbol("_") {
            let sub = advance()
            return try parseSubscript(.constant(.e), at: sub)
        }
        if let v = scope.lookup(name) { return .variable(v) }
        if scope.definitions[name] == nil, let v = declaredSubscriptedName(name) { return .variable(v) }
        if let def = scope.definitions[name] {
            if isSymbol("(") || isCommand("left") { return try applyDefinitionLatex(name, def, at: t) }
            return def.body
        }
        if isSymbol("(") { throw error("unknown function '\(name)'", t, kind: .unknownName) }
        let first = name.unicodeScalars.first!
        let v = CharacterClasses.isUpperCase(first) ? Variable(name, .matrix(.named("m"), .named("n"))) : Variable(name, .column(.named("n")))
        scope.declare(v)
        return .variable(v)
    }

    /// `\mathbf{b}_1` or `\mathbf{b}_{1}` where the name `b_1` is declared and `b` is not: that name, as `b_1` reads
    /// in ASCII (not entry 1 of a vector `b` the bold letter would declare). Consumes the subscript when it matches.
    mutating func declaredSubscriptedName(_ name: String) -> Variable? {
        guard isSymbol("_") else { return nil }
        func text(_ token: Token) -> String? {
            switch token.kind {
            case .identifier(let s), .number(let s): return s
            default: return nil
            }
        }
        if let sub = text(peek(1)), let v = scope.lookup(name + "_" + sub) {
            _ = advance(); _ = advance()
            return v
        }
        if isSymbol("{", peek(1)), let sub = text(peek(2)), isSymbol("}", peek(3)), let v = scope.lookup(name + "_" + sub) {
            for _ in 0..<4 { _ = advance() }
            return v
        }
        return nil
    }

    /// The size of `\mathbf{1}_{n}` or `\mathbf{0}_{m \times n}` (as mcheck prints them): a column, or an m×n matrix;
    /// nil when no `_` follows.
    mutating func parseSizeSubscript() throws(CalculusError) -> Shape? {
        guard isSymbol("_") else { return nil }
        _ = advance()
        guard isSymbol("{") else { return .column(try parseDimension()) }
        let open = advance()
        let rows = try parseDimension()
        var shape = Shape.column(rows)
        if isCommand("times") || isSymbol("*") { _ = advance(); shape = Shape(rows, try parseDimension()) }
        try expect("}", closing: open)
        return shape
    }

    mutating func applyDefinitionLatex(_ name: String, _ def: Scope.Definition, at t: Token) throws(CalculusError) -> Expr {
        if isCommand("left") { _ = advance() }
        return try applyDefinition(name, def, at: t)
    }

    /// `\sin x`, `\sin(x)`, `\tanh^2(u)`, `\max(0, z)`, `\operatorname{diag}(\mathbf{x})`.
    mutating func parseLatexFunction(_ name: String, at t: Token) throws(CalculusError) -> Expr {
        var power: Expr? = nil
        if isSymbol("^") { _ = advance(); power = try parseExponent() }
        if isSymbol("_") && (name == "max" || name == "min") {
            throw error("\\\(name) with a subscript (an optimum over a set) cannot be evaluated", t, kind: .unknownName)
        }
        let base = try parseLogarithmBase(name, at: t)
        let fnName = FunctionTable.entry(named: name)?.names[0] ?? name
        var result: Expr
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
        if let base { result = .quotient(result, .apply(.ln, base)) }
        return try power.map { p throws(CalculusError) in try Shapes.power(result, p, at: t) } ?? result
    }

    /// Builds a call from its arguments, checking their number and shapes (both syntaxes).
    func buildCall(_ name: String, _ args: [Expr], at t: Token) throws(CalculusError) -> Expr {
        if name == "sum", args.count == 4 {
            guard case .variable(let i) = args[1], i.shape.isScalar else { throw error("the second argument of sum(expr, i, from, to) must be an index name", t) }
            return series(i, args[2], args[3], args[0])
        }
        guard let entry = FunctionTable.entry(named: name) else { throw error("unknown function '\(name)'", t, kind: .unknownName) }
        switch entry.form {
        case .elementwise(let fn):
            try arity(name, args, [1], t)
            return .apply(fn, args[0])
        case .vector(let fn):
            try arity(name, args, [1], t)
            guard args[0].shape.isVector else { throw error("\(name) needs a vector, not a \(args[0].shape)", t, kind: .shape) }
            return .applyVector(fn, args[0])
        case .call(let counts, let build):
            try arity(name, args, counts, t)
            return try build(args, t)
        case .special:
            throw error("\(name) cannot be written this way", t)
        }
    }

    /// `\frac{a}{b}`, or a derivative operator: `\frac{d}{dx}`, `\frac{\partial f}{\partial x}`, `\frac{\partial \mathbf{y}}{\partial \mathbf{x}}`.
    mutating func parseFraction(at t: Token) throws(CalculusError) -> Expr {
        // `\frac12`, `\frac1x`, `\frac1{x^2}`: TeX takes one token as an argument without braces.
        if !isSymbol("{") {
            let num = try parseFractionToken(at: t)
            let den = isSymbol("{") ? try parseGroup() : try parseFractionToken(at: t)
            return try Shapes.divide(num, den, at: t)
        }
        let numeratorStart = position
        if let derivative = try parseDerivativeFraction(at: t) { return derivative }
        position = numeratorStart
        let num = try parseGroup()
        guard isSymbol("{") else { throw error("\\frac needs a second argument in braces, like \\frac{a}{b}") }
        let den = try parseGroup()
        return try Shapes.divide(num, den, at: t)
    }

    /// One unbraced argument of `\frac`: a digit (of a run of digits, as TeX reads `\frac12`), a letter, a command.
    mutating func parseFractionToken(at t: Token) throws(CalculusError) -> Expr {
        switch peek.kind {
        case .number(let digits) where digits.allSatisfy(CharacterClasses.isNumeral):
            let first = String(digits.prefix(1)), rest = String(digits.dropFirst())
            if rest.isEmpty { _ = advance() } else {
                let tok = peek
                tokens[position] = Token(kind: .number(rest), offset: tok.offset + 1, length: tok.length - 1, spaced: false)
            }
            return .number(Number.decimal(Substring(first)))
        case .identifier, .command: return try parsePrimary()
        default: throw error("\\frac needs two arguments, like \\frac{a}{b}")
        }
    }

    /// Recognizes `d`/`\partial` fractions; returns nil when the fraction is an ordinary one.
    mutating func parseDerivativeFraction(at t: Token) throws(CalculusError) -> Expr? {
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

    mutating func skipD() throws(CalculusError) {
        if isCommand("partial") || isSymbol("∂") || isIdentifier("d") { _ = advance(); return }
        if isCommand("mathrm") { _ = advance(); try expect("{"); _ = advance(); try expect("}"); return }
        throw error("expected d or \\partial")
    }

    /// What an operator such as `\frac{d}{dx}` or `\sum` applies to: the rest of the product.
    mutating func parseOperand() throws(CalculusError) -> Expr {
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
    mutating func parseLatexSum(at t: Token) throws(CalculusError) -> Expr {
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
    mutating func parseNabla(at t: Token) throws(CalculusError) -> Expr {
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
    mutating func parseEnvironment(at t: Token) throws(CalculusError) -> Expr {
        let name = try readWord(after: t)
        switch name {
        case "bmatrix", "pmatrix", "matrix", "Bmatrix", "smallmatrix", "array", "vmatrix",
             "bmatrix*", "pmatrix*", "matrix*", "Bmatrix*", "vmatrix*":
            if name == "array" { _ = try readWord(after: t) }
            // `\begin{bmatrix*}[r]`: the column alignment.
            if name.hasSuffix("*") && isSymbol("[") { while !isSymbol("]"), peek.kind != .end { _ = advance() }; _ = accept("]") }
            var rows: [[Expr]] = [[]]
            let outerRow = rowDepth, outerWidth = rowSeparatingWidth
            rowDepth = depth
            rowSeparatingWidth = rowSpacingRule(semicolonEndsRow: false)
            defer { rowDepth = outerRow; rowSeparatingWidth = outerWidth }
            while true {
                if isCommand("end") { break }
                rows[rows.count - 1].append(try parseExpression())
                if accept("&") || spacingSeparatesEntries() { skipSpacing(); continue }
                if accept("\\\\") {
                    if isCommand("end") { break }
                    rowSeparatingWidth = rowSpacingRule(semicolonEndsRow: false)
                    rows.append([]); continue
                }
                if isCommand("end") { break }
                throw error("expected '&', '\\\\' or \\end{\(name)}, found \(describe(peek))")
            }
            try expectEnd(name, open: t)
            if rows.last?.isEmpty == true { rows.removeLast() }
            try checkBlock(rows, at: t)
            if name.hasPrefix("vmatrix") {
                // |A| written as a matrix between bars: its determinant.
                guard rows.count == rows[0].count, rows.allSatisfy({ $0.allSatisfy({ $0.shape.isScalar }) }) else {
                    throw error("a vmatrix is a determinant: it needs as many rows as columns of scalars", t, kind: .shape)
                }
                return rows.count == 1 ? .apply(.abs, rows[0][0]) : .det(.block(rows))
            }
            if rows.count == 1 && rows[0].count == 1 { return rows[0][0] }
            return .block(rows)
        case "cases", "dcases":
            var cases: [(Expr, [Condition]?)] = []
            while !isCommand("end") {
                let value = try parseExpression()
                _ = accept(",")  // `x^T, & z > 0`
                try expect("&")
                var condition: [Condition]? = nil
                if isCommand("text") || isCommand("mbox") || isCommand("textrm") {
                    let c = advance()
                    let word = try readWord(after: c)
                    // `\text{if } z > 0`, `\text{otherwise}`, `\text{else}`.
                    if word == "if" || word == "for" || word == "when" {
                        condition = try parseConditionChain()
                    } else {
                        guard word.hasPrefix("otherwise") || word == "else" else { throw error("unknown text '\(word)' in a case", c) }
                        if accept(",") {}
                        if !isSymbol("\\\\") && !isCommand("end") { condition = try parseConditionChain() }
                    }
                } else {
                    if isIdentifier("i") && isIdentifier("f", peek(1)) { _ = advance(); _ = advance() }
                    condition = try parseConditionChain()
                }
                _ = accept(",")
                cases.append((value, condition))
                if !accept("\\\\") { break }
            }
            try expectEnd(name, open: t)
            guard cases.count >= 2 else { throw error("a cases environment needs at least two cases", t) }
            let shape = Expr.broadcastShape(cases.map { $0.0.shape })
            cases = cases.map { (Shapes.fillCase($0.0, shape), $0.1) }
            var result = cases[cases.count - 1].0
            for (value, condition) in cases.dropLast().reversed() {
                guard let condition else { throw error("every case but the last needs a condition", t) }
                result = Parser.piecewise(condition, value, result)
            }
            return result
        default:
            throw error("unknown environment '\(name)'", t, kind: .unknownName)
        }
    }

    mutating func expectEnd(_ name: String, open: Token) throws(CalculusError) {
        guard isCommand("end") else { throw error("expected \\end{\(name)} to close \\begin{\(name)} at column \(column(of: open.offset))") }
        let t = advance()
        let closing = try readWord(after: t)
        guard closing == name else { throw error("\\end{\(closing)} does not match \\begin{\(name)}", t) }
    }
}
