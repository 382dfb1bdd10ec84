import Testing
@testable import Calculus

/// Readable results: the simplifier's rewrites, and printing.
@Suite struct SimplifierTests {
    @Test func theChainRuleExampleReadsLikeThePaper() throws {
        let d = try differentiate("ln(sin(x^3)^2)", wrt: "x", TestScopes.scalars)
        #expect(d.ascii == "6x^2 cos(x^3)/sin(x^3)")
        #expect(Printer.latex(d.simplified) == "\\frac{6 x^{2} \\cos\\left(x^{3}\\right)}{\\sin\\left(x^{3}\\right)}")
    }

    static let rewrites: [(String, String)] = [
        ("2 + 3", "5"), ("2x + 3x", "5x"), ("x + y - x", "y"), ("x - x", "0"), ("x*x", "x^2"), ("x x^2 x^-1", "x^2"),
        ("3 * 4 x", "12x"), ("x^2 x^3", "x^5"), ("(x^2)^3", "x^6"), ("sqrt(x)^2", "x"), ("ln(exp(x))", "x"), ("ln(e)", "1"),
        ("exp(0)", "1"), ("sin(0) + cos(0)", "1"), ("1 + x + 2", "x + 3"), ("x + x^2 + 1", "x^2 + x + 1"),
        ("if(x > 0, y, y)", "y"), ("if(0 < x, 1, 2)", "if(x > 0, 1, 2)"), ("0 x + 1 y", "y"),
    ]

    @Test(arguments: rewrites)
    func simplifies(text: String, expected: String) throws {
        let e = try parse(text, TestScopes.scalars)
        let s = Simplifier.simplify(e)
        #expect(Printer.ascii(s) == expected)
        #expect(Equivalence().compare(e, s).isEqual)
    }

    @Test func neutralElementsDisappear() {
        let u = Expr.symbol("u")
        #expect(Simplifier.simplify(.mul([.one, u])) == u)
        #expect(Simplifier.simplify(.add([u, .zero])) == u)
        #expect(Printer.ascii(Simplifier.simplify(.add([u, .zero, .mul([.one, .symbol("v")])]))) == "u + v")
        #expect(!Printer.ascii(Simplifier.simplify(.add([.zero, u]))).contains("+"))
    }

    @Test func matrixRewrites() throws {
        let s = TestScopes.make("w, x: vector(n); A: matrix(n, n)")
        func simp(_ t: String) throws -> String { Printer.ascii(Simplifier.simplify(try parse(t, s))) }
        #expect(try simp("(A x)^T") == "x^T A^T")
        #expect(try simp("ones(n)^T diag(x)") == "x^T")
        #expect(try simp("diag(w) x") == "w .* x")
        #expect(try simp("diag(ones(n))") == "I(n)")
        #expect(try simp("x^T w") == (try simp("w^T x")))
        #expect(try simp("ones(n)^T x") == "sum(x)")
    }

    @Test func derivativesPrintWithoutClutter() throws {
        for (f, v) in [("x^3 + 2x", "x"), ("sin(x) cos(x)", "x"), ("x y + y^2", "y")] {
            let d = try differentiate(f, wrt: v, TestScopes.scalars)
            #expect(!d.ascii.contains("+ 0"), "\(d.ascii)")
            #expect(!d.ascii.contains("1 *"), "\(d.ascii)")
            #expect(!d.ascii.contains("^1 "), "\(d.ascii)")
        }
        #expect(try differentiate("x^3 + 2x", wrt: "x", TestScopes.scalars).ascii == "3x^2 + 2")
    }

    @Test func latexPrinting() throws {
        let s = TestScopes.vectors
        let relu = try differentiate("max(0, w . x + b)", wrt: "w", s)
        #expect(Printer.latex(relu.simplified) == "\\begin{cases} \\mathbf{x}^{T} & \\mathbf{w}^{T} \\mathbf{x} + b > 0 \\\\ \\mathbf{0}_{n}^{T} & \\text{otherwise} \\end{cases}")
        let grad = Simplifier.simplify(try Differentiator.resolve(try parse("gradient(3x^2 y, [x, y])", TestScopes.scalars)))
        #expect(Printer.latex(grad) == "\\begin{bmatrix} 6 x y & 3 x^{2} \\end{bmatrix}")
        let latex = Printer.latex(try parse("1/2 sqrt(x) + sigmoid(x)", TestScopes.scalars))
        #expect(latex == "\\frac{\\sqrt{x}}{2} + \\sigma\\left(x\\right)")
        // Printed LaTeX reads back as the same expression.
        for (e, scope) in [(relu.simplified, s), (grad, TestScopes.scalars)] {
            let back = try Parser.parse(Printer.latex(e), scope: scope, syntax: .latex)
            #expect(Equivalence().compare(e, back).isEqual, "\(Printer.latex(e))")
        }
    }
}
