/// Norms as they are written: `‖x‖`, `‖x‖₂`, `‖x‖²`, `||x||` (ASCII), `\|x\|`, `\lVert x \rVert`, `\Vert x \Vert`,
/// `\left\| x \right\|`, and the Frobenius norm `‖X‖_F`. The norm of a vector is the Euclidean norm
/// (`norm(x)`); of a scalar, its absolute value; of a matrix, only `‖X‖_F` is read (`‖X‖` and `‖X‖₂` name
/// different norms in different texts, so they are refused with a message rather than guessed).
extension Parser {
    /// Whether a token opens or closes a norm.
    func isNormBar(_ t: Token) -> Bool {
        isSymbol("‖", t) || isCommand("|", t) || isCommand("Vert", t) || isCommand("lVert", t) || isCommand("rVert", t)
    }

    /// After the opening bar (`\left` before it, if any, already read): the argument, the closing bar, a subscript.
    mutating func parseNorm(at open: Token) throws(CalculusError) -> Expr {
        normDepth += 1
        let e = try parseExpression()
        normDepth -= 1
        if isCommand("right") { _ = advance() }
        guard isNormBar(peek) else { throw error("expected ‖ to close the norm opened at column \(column(of: open.offset)), found \(describe(peek))") }
        _ = advance()
        // A subscript: _2, _{2}, ₂ (the 2-norm) or _F (Frobenius).
        var frobenius = false
        if isSymbol("_") {
            _ = advance()
            let braced = latex && accept("{")
            let s = advance()
            switch s.kind {
            case .number("2"): break
            case .identifier("F"): frobenius = true
            default: throw error("only the 2-norm (‖x‖₂) and the Frobenius norm (‖X‖_F) can be read", s)
            }
            if braced { try expect("}") }
        }
        let shape = e.shape
        if shape.isScalar { return .apply(.abs, e) }
        if shape.isVector && !frobenius { return .applyVector(.norm, e) }
        if shape.isMatrix || frobenius {
            guard frobenius else {
                throw error("the norm of a matrix: write ‖X‖_F for the Frobenius norm (‖X‖ and ‖X‖₂ mean different norms in different texts)", open, kind: .shape)
            }
            // √(Σ X_ij²)
            return .apply(.sqrt, .sum(.raise(e, .integer(2))))
        }
        return .applyVector(.norm, e)
    }
}
