extension Parser {
    /// Reads the left side of a definition: `f(x, y)`, `\mathbf{f}(\mathbf{x})`, `y`, `y_1`, `C(\mathbf{w}, b)`.
    /// Returns nil when the text is anything else. Bold parameters are vectors unless declared.
    public static func definitionHead(_ text: String, scope: Scope) -> (name: String, parameters: [Variable])? {
        guard var p = try? Parser(text, scope: scope, syntax: Syntax.detect(text), layout: .numerator) else { return nil }
        func bareName(_ p: inout Parser) -> (String, Bool)? {
            switch p.peek.kind {
            case .identifier(let s): _ = p.advance(); return (s, false)
            case .command(let c) where ["mathbf", "boldsymbol", "bm", "vec"].contains(c):
                let t = p.advance()
                guard let w = try? p.readWord(after: t), Scope.isName(w) else { return nil }
                return (w, true)
            case .command(let c) where Vocabulary.greek.contains(c): _ = p.advance(); return (c, false)
            default: return nil
            }
        }
        guard var (name, _) = bareName(&p) else { return nil }
        if p.accept("_") {
            if p.latex && p.accept("{") {
                var sub = ""
                while case .identifier(let s) = p.peek.kind { sub += s; _ = p.advance() }
                while case .number(let s) = p.peek.kind { sub += s; _ = p.advance() }
                guard p.accept("}"), !sub.isEmpty else { return nil }
                name += "_" + sub
            } else {
                switch p.peek.kind {
                case .identifier(let s), .number(let s): _ = p.advance(); name += "_" + s
                default: return nil
                }
            }
        }
        var parameters: [Variable] = []
        if p.isCommand("left") { _ = p.advance() }
        if p.accept("(") {
            repeat {
                guard let (param, bold) = bareName(&p) else { return nil }
                if let v = scope.lookup(param) { parameters.append(v) }
                else { parameters.append(bold ? Variable(param, .column(.named("n"))) : Variable(param)) }
            } while p.accept(",")
            if p.isCommand("right") { _ = p.advance() }
            guard p.accept(")") else { return nil }
        }
        guard case .end = p.peek.kind else { return nil }
        return (name, parameters)
    }
}
