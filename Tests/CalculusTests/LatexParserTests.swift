import Testing
@testable import Calculus

/// The LaTeX syntax authors write: each form reads as its ASCII counterpart.
@Suite struct LatexParserTests {
    static let same: [(String, String)] = [
        ("\\frac{1}{2}", "1/2"), ("\\frac{x+1}{y}", "(x+1)/y"), ("x^{2}", "x^2"), ("x^{-1}", "1/x"), ("x^23", "x^2 3"),
        ("a \\cdot b", "a b"), ("a \\times b", "a*b"), ("\\sin x", "sin x"), ("\\cos(x)", "cos(x)"),
        ("\\tan x", "tan x"), ("\\exp(x)", "exp(x)"), ("\\ln x", "ln x"), ("\\log x", "ln x"), ("\\sqrt{x}", "sqrt(x)"),
        ("\\sqrt[3]{x}", "x^(1/3)"), ("\\sinh x", "sinh x"), ("\\cosh x", "cosh x"), ("\\tanh x", "tanh x"),
        ("\\left( x + 1 \\right)^2", "(x + 1)^2"), ("\\tanh^2(u)", "tanh(u)^2"), ("\\sin^2 x", "sin(x)^2"),
        ("\\max(0, x)", "max(0, x)"), ("\\min(x, y)", "min(x, y)"), ("\\sigma(x)", "sigmoid(x)"),
        ("\\operatorname{sigmoid}(x)", "sigmoid(x)"), ("e^{x}", "e^x"), ("\\pi", "pi"), ("\\alpha \\beta^2", "alpha beta^2"),
        ("\\theta_{1}", "theta_1"), ("x_{1} + x_1", "x_1 + x_1"), ("\\frac{1}{2} \\cdot 3", "3/2"),
        ("\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}", "[[a, b], [c, d]]"),
        ("\\begin{pmatrix} a \\\\ b \\end{pmatrix}", "[a; b]"), ("\\begin{bmatrix} a & b \\end{bmatrix}", "[a, b]"),
        ("\\begin{cases} x & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}", "if(x > 0, x, 0)"),
        ("\\begin{cases} 0 & x \\le 0 \\\\ 1 & x > 0 \\end{cases}", "if(x <= 0, 0, 1)"),
        ("\\begin{cases} 0 & x \\leq 0 \\\\ 1 & x \\geq 0 \\end{cases}", "if(x <= 0, 0, 1)"),
        ("\\begin{cases} 1 & x \\ge 0 \\\\ 0 & \\text{otherwise} \\end{cases}", "if(x >= 0, 1, 0)"),
    ]

    @Test(arguments: same)
    func readsLikeASCII(latex: String, ascii: String) throws {
        let a = try Parser.parse(latex, scope: TestScopes.scalars, syntax: .latex)
        let b = try Parser.parse(ascii, scope: TestScopes.scalars, syntax: .ascii)
        #expect(Printer.explicit(a) == Printer.explicit(b), "\(latex)")
        #expect(Equivalence().compare(b, a).isEqual, "\(latex)")
    }

    static let vectorForms: [(String, String)] = [
        ("\\mathbf{w} \\cdot \\mathbf{x}", "w . x"), ("\\mathbf{x}^T", "x^T"), ("\\mathbf{x}^\\top", "x^T"),
        ("\\mathbf{x}^{\\intercal}", "x^T"), ("\\mathbf{x}^{T}", "x^T"), ("\\boldsymbol{x}", "x"), ("\\bm{x}", "x"),
        ("\\vec{1}^T \\mathbf{x}", "sum(x)"), ("\\mathbf{1}^T \\mathbf{x}", "ones(n)^T x"),
        ("\\operatorname{diag}(\\mathbf{x})", "diag(x)"), ("\\mathrm{diag}(\\mathbf{x})", "diag(x)"),
        ("\\mathbf{w} \\otimes \\mathbf{x}", "w .* x"), ("\\mathbf{w} \\odot \\mathbf{x}", "w .* x"),
        ("\\mathbf{w} \\circ \\mathbf{x}", "w .* x"), ("\\mathbf{w} \\oslash \\mathbf{x}", "w ./ x"),
        ("z \\cdot \\mathbf{x}", "z x"), ("\\mathbf{x} \\cdot \\mathbf{x}^T", "x x^T"),
        ("\\max(0, \\mathbf{w} \\cdot \\mathbf{x} + b)", "max(0, w . x + b)"),
        ("\\left[ z, b \\right]", "[z, b]"),
    ]

    @Test(arguments: vectorForms)
    func vectorNotation(latex: String, ascii: String) throws {
        let s = TestScopes.vectors
        let a = try Parser.parse(latex, scope: s, syntax: .latex)
        let b = try Parser.parse(ascii, scope: s, syntax: .ascii)
        #expect(a.shape == b.shape, "\(latex)")
        #expect(Equivalence().compare(b, a).isEqual, "\(latex) reads as \(Printer.explicit(a))")
    }

    @Test func cdotIsADotProductOnlyBetweenVectors() throws {
        let s = TestScopes.vectors
        #expect(Printer.explicit(try Parser.parse("\\mathbf{w} \\cdot \\mathbf{x}", scope: s)) == "w^T*x")
        #expect(Printer.explicit(try Parser.parse("3 \\cdot x", scope: TestScopes.scalars)) == "3*x")
        #expect(try Parser.parse("\\mathbf{x} \\cdot \\mathbf{x}^T", scope: s).shape == .matrix(.named("n"), .named("n")))
    }

    @Test func undeclaredBoldNamesAreVectors() throws {
        #expect(try Parser.parse("\\mathbf{v}").shape == .column(.named("n")))
        #expect(try Parser.parse("\\mathbf{v}^T \\mathbf{v}").shape == .scalar)
    }

    @Test func sumWithLimits() throws {
        let s = TestScopes.loss
        let latex = try Parser.parse("\\frac{1}{N} \\sum_{i=1}^{N} (y_i - \\max(0, \\mathbf{w} \\cdot \\mathbf{x}_i + b))^2", scope: s)
        let ascii = try Parser.parse("1/N sum((y_i - max(0, w . x_i + b))^2, i, 1, N)", scope: s)
        #expect(Printer.explicit(latex) == Printer.explicit(ascii))
        #expect(Printer.explicit(try Parser.parse("\\sum_{i=1}^N \\mathbf{x}_i", scope: s)) == "sum(x_i, i, 1, N)")
    }

    /// Derivative operators are values: compare with the derivative they denote.
    static let operators: [(String, String)] = [
        ("\\frac{d}{dx} x^3", "3x^2"), ("\\frac{d}{dx}(x^2 + 3x)", "2x + 3"), ("\\frac{d}{dx} 99", "0"),
        ("\\frac{\\partial}{\\partial x} 3x^2y", "6 x y"), ("\\frac{\\partial}{\\partial y} 3x^2y", "3x^2"),
        ("\\frac{d}{dx} \\ln(x^2)", "2/x"), ("\\frac{\\partial (x^2 y)}{\\partial y}", "x^2"),
    ]

    @Test(arguments: operators)
    func derivativeOperators(latex: String, value: String) throws {
        let d = try Parser.parse(latex, scope: TestScopes.scalars)
        guard case .derivative = d else { Issue.record("\(latex) is not a derivative"); return }
        #expect(Equivalence().compare(try parse(value, TestScopes.scalars), d).isEqual, "\(latex)")
    }

    @Test func derivativesOfDefinedFunctions() throws {
        var s = TestScopes.scalars
        s.define("f", .init(parameters: [.scalar("x"), .scalar("y")], body: try parse("3x^2 y", s)))
        s.define("g", .init(parameters: [.scalar("x"), .scalar("y")], body: try parse("2x + y^8", s)))
        func value(_ latex: String) throws -> Expr { Simplifier.simplify(try Differentiator.resolve(try Parser.parse(latex, scope: s))) }
        #expect(Printer.ascii(try value("\\frac{\\partial f}{\\partial x}")) == "6x y")
        #expect(Printer.ascii(try value("\\frac{\\partial f}{\\partial y}")) == "3x^2")
        #expect(Printer.ascii(try value("\\frac{\\partial f(x, y)}{\\partial x}")) == "6x y")
        #expect(Printer.ascii(try value("\\frac{\\partial g}{\\partial y}")) == "8y^7")
        #expect(Printer.ascii(try value("\\nabla f(x, y)")) == "[6x y, 3x^2]")
        #expect(Printer.ascii(try value("\\nabla f")) == "[6x y, 3x^2]")
        #expect(try value("\\nabla g(x, y)").shape == .row(.fixed(2)))
    }

    @Test func vectorDerivativeOperator() throws {
        let d = try Parser.parse("\\frac{\\partial}{\\partial \\mathbf{w}} \\mathbf{w} \\cdot \\mathbf{x}", scope: TestScopes.vectors)
        #expect(d.shape == .row(.named("n")))
        #expect(Printer.ascii(Simplifier.simplify(try Differentiator.resolve(d))) == "x^T")
    }
}
