import Testing
@testable import Calculus

/// The Unicode style writes what a student types with Unicode, and the ASCII parser reads each form back.
@Suite struct UnicodePrinterTests {
    static let forms: [(ascii: String, unicode: String, declarations: String)] = [
        ("x^2 y^3", "x²·y³", ""), ("x^T", "xᵀ", "x: vector(n)"), ("inv(X)", "X⁻¹", "X: matrix(n, n)"),
        ("inv(X)^T", "X⁻ᵀ", "X: matrix(n, n)"), ("x - 2y", "x − 2y", ""), ("-x", "−x", ""), ("sqrt(x)", "√(x)", ""),
        ("sqrt(x)^3", "(√(x))³", ""), ("1/sqrt(x^2 + 1)", "1/√(1 + x²)", ""), ("norm(w)^2", "‖w‖²", "w: vector(n)"),
        ("sum(w)", "∑(w)", "w: vector(n)"), ("sum(x_i^2, i, 1, N)", "∑(xᵢ², i, 1, N)", "x: vectors(N, n)"),
        ("lambda theta", "λ·θ", ""), ("sigmoid(z)", "σ(z)", ""), ("pi x", "π·x", ""), ("x_1 + x_12", "x₁ + x₁₂", "x: vector(20)"),
        ("if(x <= 0, -x, x^2)", "if(x ≤ 0, −x, x²)", ""), ("if(x >= 1, x, 0)", "if(x ≥ 1, x, 0)", ""),
        ("w .* x ./ (w .^ 2 + 1)", "w ⊙ x ⊘ (1 + w²)", "w, x: vector(n)"), ("w . x", "wᵀ x", "w, x: vector(n)"),
        ("2 * 3^x", "2·3ˣ", ""), ("x^n y^(-2)", "xⁿ/y²", ""), ("x^12", "x¹²", ""),
    ]

    @Test(arguments: forms)
    func printsWhatAStudentTypes(ascii: String, unicode: String, declarations: String) throws {
        let scope = TestScopes.make(declarations)
        let e = try Parser.parse(ascii, scope: scope)
        let printed = Printer.unicode(e)
        #expect(printed == unicode)
        let back = try Parser.parse(printed, scope: scope)
        #expect(back.shape == e.shape)
        #expect(Equivalence().compare(e, back).isEqual, "\(printed) reads back as \(Printer.ascii(back))")
    }

    /// Exponents and subscripts without a Unicode character keep the ASCII form.
    @Test func whatHasNoUnicodeFormStaysASCII() throws {
        #expect(Printer.unicode(try Parser.parse("x^(1/2) + x^t")) == "x^(1/2) + x^t")
        #expect(Printer.unicodeName("x_t") == "x_t")
        #expect(Printer.unicodeName("epsilon_2") == "ε₂")
        #expect(Printer.unicodeName("phi") == "φ")
    }
}
