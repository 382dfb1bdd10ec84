import Calculus
import Foundation

/// The input of the expression targets: an optional first line `let: DECLARATIONS` (the shapes of names, as an
/// exercise's `let:`), then the expression. Declarations that do not parse leave every name a scalar.
struct ExpressionInput {
    var scope = Scope()
    var text: String

    init(_ data: [UInt8]) {
        let all = String(decoding: data, as: UTF8.self)
        text = all
        guard all.hasPrefix("let:"), let newline = all.firstIndex(of: "\n") else { return }
        scope = (try? Scope(declarations: String(all[all.index(all.startIndex, offsetBy: 4)..<newline]))) ?? Scope()
        text = String(all[all.index(after: newline)...])
    }

    /// The seed for `expression` under `declarations` (an exercise's `let:`).
    static func seed(_ expression: String, declarations: String?) -> String {
        guard let declarations, !declarations.isEmpty else { return expression }
        return "let: \(declarations)\n\(expression)"
    }
}

extension FuzzTarget {
    /// An expression as `mcheck diff` and the grader print it (derivatives taken, simplified), printed, must parse
    /// again, in the syntax it was printed in, to the same shape. LaTeX read back as ASCII would lose `\mathbf`'s
    /// shapes, so a LaTeX expression is only printed as LaTeX.
    static func reparses(_ parsed: Expr, scope: Scope, as syntaxes: [Syntax]) -> String? {
        guard let resolved = try? Differentiator.resolve(parsed) else { return nil }
        let e = Simplifier.simplify(resolved)
        for syntax in syntaxes {
            let printed = syntax == .ascii ? Printer.ascii(e) : Printer.latex(e)
            let again: Expr
            do { again = try Parser.parse(printed, scope: scope, syntax: syntax) } catch {
                return "printed as \(syntax) '\(printed)', the expression does not parse again: \(error)"
            }
            if !again.shape.matches(e.shape) { return "printed as \(syntax) '\(printed)', the shape changes from \(e.shape) to \(again.shape)" }
        }
        return nil
    }

    /// Whether the expression targets check what Calculus gets wrong today (README.md, "Fuzzing"): printed results that
    /// do not parse again, simplifications that change a value or a shape. Only with `MCHECK_FUZZ_STRICT=1` in the environment, as
    /// a fuzz run stops at the first input that breaks a check, and the corpus already does.
    static let strict = ProcessInfo.processInfo.environment["MCHECK_FUZZ_STRICT"] == "1"

    static let ascii = FuzzTarget("ascii", "the ASCII expression parser (`let:` line, then an expression); with MCHECK_FUZZ_STRICT=1, what parses is resolved, simplified, printed and parsed again") { data in
        let input = ExpressionInput(data)
        guard let e = try? Parser.parse(input.text, scope: input.scope, syntax: .ascii), strict else { return nil }
        return reparses(e, scope: input.scope, as: [.ascii, .latex])
    }

    static let latex = FuzzTarget("latex", "the LaTeX expression parser, on each side of an equation chain `a = b = c`; with MCHECK_FUZZ_STRICT=1, what parses is resolved, simplified, printed and parsed again") { data in
        let input = ExpressionInput(data)
        for side in Parser.splitEquation(input.text) {
            guard let e = try? Parser.parse(side.text, scope: input.scope, syntax: .latex), strict else { continue }
            if let broken = reparses(e, scope: input.scope, as: [.latex]) { return broken }
        }
        return nil
    }

    /// Small inputs: each one is differentiated and compared at sample points.
    static let calculus = FuzzTarget("calculus", maxBytes: 2048, "the differentiator, simplifier and equivalence: an expression (ASCII or LaTeX), its derivatives by each of its first two variables, and simplification (with MCHECK_FUZZ_STRICT=1, which must keep its shape and its value at sample points)") { data in
        let input = ExpressionInput(data)
        guard let parsed = try? Parser.parse(input.text, scope: input.scope), let e = try? Differentiator.resolve(parsed) else { return nil }
        let simple = Simplifier.simplify(e)
        // At sample points: `compare` would simplify both sides first and find them the same.
        if strict, case .notEqual(let c) = Equivalence().numeric(e, simple) {
            return "simplifying '\(Printer.ascii(e))' to '\(Printer.ascii(simple))' changes its value at \(c.pointDescription): \(c.expected) before, \(c.actual) after"
        }
        if strict, !simple.shape.matches(e.shape) { return "simplifying '\(Printer.ascii(e))' changes its shape from \(e.shape) to \(simple.shape)" }
        for v in e.variables.sorted(by: { $0.name < $1.name }).prefix(2) {
            guard let d = try? Differentiator.derivative(e, v) else { continue }
            _ = Simplifier.simplify(d)
        }
        return nil
    }
}
