import Testing
@testable import Calculus

/// The function table is the one vocabulary: every name and command in it reads as its function in both
/// syntaxes, prints back to something that reads the same, and every element-wise and whole-vector function's
/// own derivative agrees with central differences.
@Suite struct FunctionTableTests {
    @Test(arguments: FunctionTable.entries.flatMap { $0.names })
    func everyNameIsKnownToTheParser(name: String) {
        #expect(Vocabulary.functions.contains(name))
        #expect(FunctionTable.entry(named: name) != nil)
    }

    @Test(arguments: ElementwiseFunction.allCases)
    func elementwiseNamesAndCommandsReadAsTheFunction(fn: ElementwiseFunction) throws {
        let s = fn.spec
        #expect(s.names.first == fn.rawValue)
        for name in s.names {
            #expect(try parse("\(name)(x)") == .apply(fn, .symbol("x")), "\(name)(x)")
            #expect(try parse("\\operatorname{\(name)}(x)") == .apply(fn, .symbol("x")), "\\operatorname{\(name)}")
        }
        for command in s.latexCommands {
            #expect(try parse("\\\(command){x}") == .apply(fn, .symbol("x")), "\\\(command)")
            #expect(try parse("\\\(command) x") == .apply(fn, .symbol("x")), "\\\(command) x")
        }
        for name in s.calledNames { #expect(try parse("\(name)(x)") == .apply(fn, .symbol("x")), "\(name)(x)") }
        // What the printer writes reads back as the same expression, in both syntaxes.
        let e = Expr.apply(fn, .symbol("x"))
        #expect(try parse(Printer.ascii(e)) == e)
        #expect(try Parser.parse(Printer.latex(e), syntax: .latex) == e, "\(Printer.latex(e))")
    }

    @Test(arguments: ElementwiseFunction.allCases)
    func elementwiseDerivativeAgreesWithCentralDifferences(fn: ElementwiseFunction) throws {
        // The argument is kept inside every domain and away from the kinks of abs, step and sign.
        let f = "\(fn.rawValue)(x^2/16 + 1/3)"
        try checkDerivative(f, wrt: "x", TestScopes.scalars, expected: nil)
        // The same derivative as a Jacobian (vector mode) and as a gradient (matrix mode).
        let w = TestScopes.make("w: vector(n)")
        try checkDerivative("sum(\(fn.rawValue)(w .* w ./ 16 + 1/3))", wrt: "w", w, expected: nil)
        let x = TestScopes.make("X: matrix(m, n)")
        try checkDerivative("sum(\(fn.rawValue)(X .* X ./ 16 + 1/3))", wrt: "X", x, expected: nil)
    }

    @Test func secCscCotAreTheReciprocals() throws {
        for (x, sec, csc, cot) in [(0.3, 1 / cMath_cos(0.3), 1 / cMath_sin(0.3), cMath_cos(0.3) / cMath_sin(0.3))] {
            #expect(ElementwiseFunction.sec.evaluate(x) == sec)
            #expect(ElementwiseFunction.csc.evaluate(x) == csc)
            #expect(ElementwiseFunction.cot.evaluate(x) == cot)
        }
        #expect(try differentiate("sec x", wrt: "x", TestScopes.scalars).ascii == "sec(x) tan(x)")
        #expect(try differentiate("csc x", wrt: "x", TestScopes.scalars).ascii == "-cot(x) csc(x)")
        #expect(try differentiate("cot x", wrt: "x", TestScopes.scalars).ascii == "-1/sin(x)^2")
        #expect(Printer.latex(try parse("\\sec(x) + \\csc x")) == "\\sec\\left(x\\right) + \\csc\\left(x\\right)")
        // The equalities a student relies on are decided equal.
        let scope = TestScopes.scalars
        #expect(Equivalence().compare(try parse("sec(x)^2", scope), try parse("1 + tan(x)^2", scope)).isEqual)
        #expect(Equivalence().compare(try parse("cot x", scope), try parse("cos(x)/sin(x)", scope)).isEqual)
        #expect(!Equivalence().compare(try parse("sec x", scope), try parse("1/sin(x)", scope)).isEqual)
    }

    @Test func softmaxValueAndJacobian() throws {
        let scope = TestScopes.make("x: vector(n)")
        let s = try parse("softmax(x)", scope)
        #expect(s.shape == .column(.named("n")))
        let v = try evaluate(s, [:], vectors: ["x": [1, 2, 3]], sizes: ["n": 3])
        let e = [cMath_exp(1), cMath_exp(2), cMath_exp(3)], total = e.reduce(0, +)
        for k in 0..<3 { #expect(abs(v.entries[k] - e[k] / total) < 1e-15) }
        #expect(abs(v.entries.reduce(0, +) - 1) < 1e-15)
        // Large entries do not overflow.
        #expect(try evaluate(s, [:], vectors: ["x": [1000, 1000]], sizes: ["n": 2]).entries == [0.5, 0.5])
        try checkDerivative("softmax(x)", wrt: "x", scope, expected: nil)
        try checkDerivative("sum(softmax(x) .* x)", wrt: "x", scope, expected: nil)
        // The Jacobian is diag(s) - s sᵀ.
        let j = try Differentiator.derivative(s, scope.lookup("x")!)
        let expected = try parse("diag(softmax(x)) - softmax(x) softmax(x)^T", scope)
        #expect(Equivalence().compare(expected, j).isEqual)
        let scalars = try #require(parseError("softmax(y)"))
        #expect(scalars.message == "softmax needs a vector, not a scalar")
    }

    @Test func normValueAndGradient() throws {
        let scope = TestScopes.make("x: vector(n); X: matrix(m, n); w: vector(m)")
        let n = try parse("norm(x)", scope)
        #expect(n.shape == .scalar)
        #expect(try evaluate(n, [:], vectors: ["x": [3, 4]], sizes: ["n": 2]).entries == [5])
        try checkDerivative("norm(x)", wrt: "x", scope, expected: nil)
        try checkDerivative("norm(X x)", wrt: "X", scope, expected: nil)
        try checkDerivative("norm(X^T w)^2", wrt: "w", scope, expected: nil)
        // ∂‖x‖/∂x = xᵀ/‖x‖, a row.
        let g = Simplifier.simplify(try Differentiator.derivative(n, scope.lookup("x")!))
        #expect(g.shape == .row(.named("n")))
        #expect(Equivalence().compare(try parse("x^T / norm(x)", scope), g).isEqual)
    }

    @Test func structuralEntriesCheckTheirArity() throws {
        #expect(parseError("max(x)")?.message == "max takes 2 arguments, not 1")
        #expect(parseError("tr(x, y)")?.message == "tr takes 1 argument, not 2")
        #expect(parseError("sum(x, y)")?.message == "sum takes 1 or 4 arguments, not 2")
        #expect(parseError("sec(x, y)")?.message == "sec takes 1 argument, not 2")
    }

    /// The names `grad` and `diff`, which the parser has always read, are derivative requests like the others.
    @Test func derivativeRequestAliases() throws {
        let scope = TestScopes.scalars
        #expect(try parse("grad(x^2 y, [x, y])", scope) == (try parse("gradient(x^2 y, [x, y])", scope)))
        #expect(try parse("diff(x^3, x)", scope) == (try parse("derivative(x^3, x)", scope)))
    }
}

/// Words that name nothing are reported as such wherever they stand, not as a stray token.
@Suite struct UnknownWordTests {
    @Test(arguments: [("2 cosine(x)", "unknown function 'cosine'", 2), ("3 qwerty", "unknown name 'qwerty'", 2),
                      ("x^2 + 2 logits(x)", "unknown function 'logits'", 8)])
    func unknownWordAfterAFactor(text: String, message: String, offset: Int) {
        let e = parseError(text)
        #expect(e?.message.hasPrefix(message) == true, "\(String(describing: e))")
        #expect(e?.kind == .unknownName)
        #expect(e?.offset == offset)
    }
}

/// Concrete sizes are bounded where they are written and where values are allocated.
@Suite struct SizeLimitTests {
    @Test func writtenSizes() throws {
        #expect(parseError("ones(1001)")?.message == "the size 1001 is too large (the largest is 1000)")
        #expect(parseError("zeros(200, 200)")?.message == "a 200×200 object has 40000 entries; the most is 10000")
        #expect(parseError("I(99999)")?.kind == .limit)
        #expect(try parse("ones(1000)").shape == .column(.fixed(1000)))
        #expect(throws: CalculusError.self) { try Scope(declarations: "x: vector(1001)") }
        #expect(throws: CalculusError.self) { try Scope(declarations: "X: matrix(101, 100)") }
        _ = try Scope(declarations: "X: matrix(100, 100); x: vector(1000)")
    }

    @Test func evaluationHasABudget() throws {
        // An outer product of two long vectors is allowed; a product of two such matrices is too much work.
        let scope = TestScopes.make("x: vector(1000)")
        let big = [Double](repeating: 0.5, count: 1000)
        let outer = try evaluate(try parse("x x^T", scope), [:], vectors: ["x": big])
        #expect(outer.rows == 1000 && outer.cols == 1000)
        // (The value is not printed when the check fails: it has a million entries.)
        var refused: CalculusError? = nil
        do { _ = try evaluate(try parse("diag(x) diag(x)", scope), [:], vectors: ["x": big]) } catch let e as CalculusError { refused = e } catch { Issue.record("\(error)") }
        #expect(refused?.kind == .limit)
        #expect(refused?.message == "a 1000×1000 by 1000×1000 product is too large to evaluate")
    }
}
