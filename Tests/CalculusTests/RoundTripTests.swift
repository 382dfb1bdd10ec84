import Testing
@testable import Calculus

/// What mcheck prints reads back as the same expression: generated expressions and their simplified
/// derivatives, printed in ASCII (as "read as" and `mcheck diff` show them), with every product explicit, in
/// LaTeX (as the site renders them) and in Unicode (as a student types it: `x²`, `wᵀx`, `σ(z)`), parse again to an
/// expression of the same shape, equal at sample points.
@Suite struct RoundTripTests {
    static let scalars = TestScopes.make("x, y: scalar")
    static let vectors = TestScopes.make("w, x: vector(n); z: scalar")

    /// `nil` when the expression printed in `style` reads back equal; else what went wrong. Unicode is read by the
    /// ASCII parser, as a student's answer is.
    static func failure(_ e: Expr, _ scope: Scope, style: Printer.Style) -> String? {
        let text = Printer(style: style).print(e)
        let back: Expr
        do { back = try Parser.parse(text, scope: scope, syntax: style == .latex ? .latex : .ascii) } catch {
            return "\(style) \(text): \(error.message)"
        }
        guard back.shape.matches(e.shape) else { return "\(style) \(text): shape \(back.shape), not \(e.shape)" }
        if !Equivalence().compare(e, back).isEqual { return "\(style) \(text): reads back as \(Printer.ascii(back))" }
        return nil
    }

    /// Prints each expression in every style and reads it back; expects no failure in any style.
    static func expectEveryStyleReadsBack(_ expressions: [Expr], _ scope: Scope) {
        for style in Printer.Style.allCases {
            let failures = expressions.compactMap { failure($0, scope, style: style) }
            #expect(failures.isEmpty, "\(style): \(failures.count) of \(expressions.count):\n\(failures.prefix(8).joined(separator: "\n"))")
        }
    }

    @Test func scalarExpressionsAndDerivatives() throws {
        var g = PropertyTests.Generator(seed: 7)
        var expressions: [Expr] = []
        for _ in 0..<600 {
            let text = g.scalar(3)
            guard let f = try? Parser.parse(text, scope: RoundTripTests.scalars) else { continue }
            expressions += [f, Simplifier.simplify(try Differentiator.derivative(f, .scalar("x")))]
        }
        #expect(expressions.count >= 1000)
        RoundTripTests.expectEveryStyleReadsBack(expressions, RoundTripTests.scalars)
    }

    @Test func vectorExpressionsAndGradients() throws {
        var g = PropertyTests.Generator(seed: 11)
        var expressions: [Expr] = []
        let w = RoundTripTests.vectors.lookup("w")!
        for _ in 0..<400 {
            let text = g.vectorScalar(2)
            guard let f = try? Parser.parse(text, scope: RoundTripTests.vectors) else { continue }
            expressions += [f, Simplifier.simplify(try Differentiator.derivative(f, w))]
        }
        #expect(expressions.count >= 600)
        RoundTripTests.expectEveryStyleReadsBack(expressions, RoundTripTests.vectors)
    }

    /// Unit vectors of a named size print as `e_1`, `\\mathbf{e}_{1}`, `e₁` and read back with the size the question
    /// gives (as the grader fits an answer to the expected shape).
    @Test(arguments: ["gradient(x_1 + 2x_2 + 3x_3, x)", "gradient(x_2 sin(x_1), x)", "jacobian([x_1, x_2 x_3], x)"])
    func unitVectorsOfANamedSizeReadBack(question: String) throws {
        let scope = TestScopes.make("x: vector(n)")
        let e = Simplifier.simplify(try Differentiator.resolve(try Parser.parse(question, scope: scope)))
        for style in Printer.Style.allCases {
            let text = Printer(style: style).print(e)
            let back = try Parser.parse(text, scope: scope, syntax: style == .latex ? .latex : .ascii).fitted(to: e.shape)
            #expect(back.shape == e.shape, "\(style) \(text)")
            #expect(Equivalence().compare(e, back).isEqual, "\(style) \(text) reads back as \(Printer.ascii(back))")
        }
    }

    /// A ones or zeros whose size the context never fixed (`\\mathbf{0}^T` alone) prints a size that reads back, never `?`.
    @Test(arguments: ["\\mathbf{0}^T", "\\mathbf{1}", "\\mathbf{1}^T", "\\mathbf{0}\\mathbf{0}^T"])
    func freeSizesPrintASize(latex: String) throws {
        let e = try Parser.parse(latex)
        #expect(e.hasFreeSize)
        for style in Printer.Style.allCases {
            let text = Printer(style: style).print(e)
            #expect(!text.contains("?"), "\(style) \(text)")
            let back = try Parser.parse(text, syntax: style == .latex ? .latex : .ascii)
            #expect(back.shape.matches(e.shape), "\(style) \(text): \(back.shape), not \(e.shape)")
        }
    }

    /// The paper's worked derivatives and the matrix-calculus rules (vectors, matrices, determinants, inverses, traces),
    /// each function and its simplified derivative, read back in every style.
    @Test func thePapersAndTheMatrixRulesDerivativesReadBack() throws {
        var cases: [(function: String, variable: String, scope: Scope)] = PaperExamplesTests.examples.map {
            ($0.function, $0.variable, TestScopes.make($0.declarations))
        }
        cases += (MatrixCalculusTests.rules.map { ($0.0, $0.1) } + MatrixCalculusTests.numericOnly).map { ($0.0, $0.1, MatrixCalculusTests.scope) }
        var expressions: [(Expr, Scope)] = []
        for c in cases {
            let f = try Parser.parse(c.function, scope: c.scope)
            let v = try #require(c.scope.lookup(c.variable) ?? Variable?.some(.scalar(c.variable)))
            expressions += [(f, c.scope), (Simplifier.simplify(try Differentiator.derivative(f, v)), c.scope)]
        }
        #expect(expressions.count >= 150)
        for style in Printer.Style.allCases {
            let failures = expressions.compactMap { RoundTripTests.failure($0.0, $0.1, style: style) }
            #expect(failures.isEmpty, "\(style): \(failures.count) of \(expressions.count):\n\(failures.prefix(8).joined(separator: "\n"))")
        }
    }

    /// The sized forms the LaTeX printer writes read with their sizes; `\\mathbf{e}_{k}` and `e_k` are unit vectors
    /// unless a name `e_…` is declared or defined (the course's error e_i of example i).
    @Test func sizedAndUnitVectorFormsReadAsWritten() throws {
        #expect(try Parser.parse("\\mathbf{1}_{n}").shape == .column(.named("n")))
        #expect(try Parser.parse("\\mathbf{0}_{3}^{T}") == .zeros(.row(.fixed(3))))
        #expect(try Parser.parse("\\mathbf{1}_{m \\times n}") == .ones(.matrix(.named("m"), .named("n"))))
        #expect(try Parser.parse("\\mathbf{e}_{2}") == .basis(.integer(2), .free))
        #expect(try Parser.parse("e_k", syntax: .ascii) == .basis(.symbol("k"), .free))
        #expect(try Parser.parse("e_2 + x", scope: TestScopes.make("x: vector(n)")) == .sum([.basis(.integer(2), .named("n")), .variable(Variable("x", .column(.named("n"))))]))
        var course = TestScopes.make("x: vector(n)")
        course.define("e_1", Scope.Definition(parameters: [], body: .symbol("r")))
        #expect(try Parser.parse("\\mathbf{e}_{1}", scope: course).shape == .scalar)
        let ascii = try? Parser.parse("e_1", scope: course, syntax: .ascii)
        #expect(ascii.map { !$0.shape.isVector } ?? true, "\(ascii.map(Printer.ascii) ?? "")")
    }
}
