import Testing
@testable import Calculus

/// Notation as students and textbooks write it reads as the same expression as the course's own spelling.
@Suite struct NotationTests {
    static let equivalents: [(written: String, meaning: String, declarations: String)] = [
        ("x²", "x^2", ""), ("3x³ − 2x", "3x^3 - 2x", ""), ("x⁻¹", "1/x", ""), ("½x^(−½)", "x^(-1/2)/2", ""),
        ("xᵀ", "x^T", "x: vector(n)"), ("wᵀx", "w . x", "w, x: vector(n)"), ("X⁻¹", "inv(X)", "X: matrix(n, n)"),
        ("X⁻ᵀ", "inv(X)^T", "X: matrix(n, n)"), ("X^{-T}", "inv(X)^T", "X: matrix(n, n)"), ("X^{-\\top}", "inv(X)^T", "X: matrix(n, n)"),
        ("X^-T", "inv(X)^T", "X: matrix(n, n)"), ("|X|", "det(X)", "X: matrix(n, n)"), ("x₁ + x₂", "x_1 + x_2", "x: vector(3)"),
        ("λx", "lambda x", ""), ("\\lambda x", "lambda x", ""), ("σ(z)", "sigmoid(z)", ""), ("σ z", "sigma z", ""),
        ("θ²", "theta^2", ""), ("x ÷ 2", "x/2", ""), ("‖x‖", "norm(x)", "x: vector(n)"), ("‖x‖₂²", "norm(x)^2", "x: vector(n)"),
        ("||x||^2", "norm(x)^2", "x: vector(n)"), ("\\|\\mathbf{x}\\|", "norm(x)", "x: vector(n)"),
        ("\\lVert x \\rVert_2", "norm(x)", "x: vector(n)"), ("\\left\\| x \\right\\|^2", "norm(x)^2", "x: vector(n)"),
        ("‖X‖_F", "sqrt(sum(X .^ 2))", "X: matrix(m, n)"), ("log_2(x)", "ln(x)/ln(2)", ""), ("log2(x)", "ln(x)/ln(2)", ""),
        ("\\log_2 x", "ln(x)/ln(2)", ""), ("log_{10}(x^2)", "ln(x^2)/ln(10)", ""), ("arcsin(x)", "asin(x)", ""),
        ("\\arctan x", "atan(x)", ""), ("\\frac12 x", "x/2", ""), ("\\frac1x", "1/x", ""), ("\\frac1{x^2}", "1/x^2", ""),
        ("\\cfrac{1}{x}", "1/x", ""), ("\\cos\\big(x^2\\big)", "cos(x^2)", ""), ("\\Bigl(x + 1\\Bigr)^2", "(x + 1)^2", ""),
        ("2x\\,\\mathrm{e}^{x^2}", "2x exp(x^2)", ""), ("\\mathbf{x}^{\\rm T}", "x^T", "x: vector(n)"),
        ("\\mathbb{1}[x > 0]", "step(x)", ""), ("𝟙(x > 0)", "step(x)", ""), ("e^{\\mathbf{w}\\odot\\mathbf{x}}", "exp(w .* x)", "w, x: vector(n)"),
        ("if(0 < x < 1, x, 0)", "if(x > 0, if(x < 1, x, 0), 0)", ""), ("if(x > 0 and x < 1, x, 0)", "if(x > 0, if(x < 1, x, 0), 0)", ""),
        ("\\begin{cases} x & \\text{if } 0 < x < 1 \\\\ 0 & \\text{otherwise} \\end{cases}", "if(x > 0, if(x < 1, x, 0), 0)", ""),
        ("if(w . x + b > 0, x^T, 0)", "if(w . x + b > 0, x^T, zeros(n)^T)", "w, x: vector(n); b: scalar"),
        ("transpose(x)", "x^T", "x: vector(n)"), ("[[x], [y]]", "[x; y]", ""), ("\\det X \\left(X^T\\right)^{-1}", "det(X) inv(X^T)", "X: matrix(n, n)"),
        ("sec(x)^2", "1/cos(x)^2", ""), ("csc x", "1/sin(x)", ""), ("coth x", "cosh(x)/sinh(x)", ""), ("sech(x)", "1/cosh(x)", ""),
    ]

    @Test(arguments: equivalents)
    func readsAsTheCourseSpelling(written: String, meaning: String, declarations: String) throws {
        let scope = TestScopes.make(declarations)
        let a = try parse(written, scope), b = try parse(meaning, scope)
        #expect(a.shape == b.shape, "\(written): \(a.shape) vs \(b.shape)")
        #expect(Equivalence().compare(b, a).isEqual, "\(written) read as \(Printer.ascii(a)), not \(meaning)")
    }

    static let refused: [(String, String, String)] = [
        ("[[y, x], [1]]", "row 2 of this matrix has 1 entry, but row 1 has 2", ""),
        ("log(x, 2)", "for a logarithm to a base b write log_b(x)", ""),
        ("‖X‖", "write ‖X‖_F for the Frobenius norm", "X: matrix(m, n)"),
        ("‖x‖_1", "only the 2-norm", "x: vector(n)"),
    ]

    @Test(arguments: refused)
    func ambiguousOrMalformedIsAnError(written: String, message: String, declarations: String) {
        let e = parseError(written, TestScopes.make(declarations))
        #expect(e?.message.contains(message) == true, "\(written): \(String(describing: e))")
    }

    /// Letters that spell a function are that function, whatever single letters are declared.
    @Test(arguments: ElementwiseFunction.allCases)
    func aFunctionNameIsNeverAProductOfItsLetters(fn: ElementwiseFunction) throws {
        for name in fn.spec.names {
            let letters = Set(name.map(String.init)).subtracting(["x"]).sorted()
            let scope = TestScopes.make(letters.isEmpty ? "" : letters.joined(separator: ", ") + ": scalar")
            #expect(try parse("\(name)(x)", scope) == .apply(fn, .symbol("x")), "\(name)(x) with \(letters) declared")
            #expect(try parse("2 \(name)(x)", scope) == .product([.integer(2), .apply(fn, .symbol("x"))]), "2 \(name)(x)")
            // In LaTeX beside braces, where every letter is its own name, the letters still spell the function.
            #expect(try parse("\(name)(x) + \\frac{1}{2}") == .sum([.apply(fn, .symbol("x")), .number(.fraction(1, 2))]), "\(name)(x) in LaTeX")
        }
    }
}
