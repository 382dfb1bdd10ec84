import Testing
@testable import Calculus

/// `derivative(f, w_1)` and `partial(f, w_1)` with w a declared vector: the derivative with respect to that one
/// entry, a scalar variable, graded like any scalar derivative.
@Suite struct EntryDerivativeTests {
    static let scope = TestScopes.make("w, x: vector(n); b: scalar")

    func request(_ text: String) throws -> DerivativeRequest {
        guard case .derivative(let r) = try parse(text, Self.scope) else { throw CalculusError(.syntax, "not a derivative: \(text)") }
        return r
    }

    func truth(_ text: String) throws -> Expr { Simplifier.simplify(try Differentiator.resolve(try parse(text, Self.scope))) }

    @Test(arguments: [
        ("derivative(w_1 x_1 + w_2 x_2, w_1)", "x_1"),
        ("partial(w_1 x_1 + w_2 x_2, w_2)", "x_2"),
        ("partial(w . x + b, w_1)", "x_1"),
        ("partial(sum(w .^ 2), w_2)", "2 w_2"),
        ("partial(sigmoid(w . x + b), w_1)", "sigmoid(w . x + b) (1 - sigmoid(w . x + b)) x_1"),
        ("partial(w_1^2 w_2, w_1)", "2 w_1 w_2"),
        ("derivative(b w_1, w_1)", "b"),
    ])
    func theDerivativeWithRespectToOneEntry(ask: String, answer: String) throws {
        let r = try request(ask)
        #expect(r.resultShape == .scalar)
        #expect(r.variables.count == 1 && r.variables[0].isScalar)
        #expect(Equivalence().compare(try truth(ask), try parse(answer, Self.scope)).isEqual, "\(ask)")
    }

    @Test func aWrongEntryIsWrong() throws {
        #expect(!Equivalence().compare(try truth("derivative(w_1 x_1 + w_2 x_2, w_1)"), try parse("x_2", Self.scope)).isEqual)
        #expect(!Equivalence().compare(try truth("partial(w . x, w_1)"), try parse("w_1", Self.scope)).isEqual)
    }

    @Test func theTruthAgreesWithFiniteDifferences() throws {
        for ask in ["partial(sigmoid(w . x + b), w_1)", "partial(norm(w), w_2)", "derivative(w x_1, w_1)"] {
            let r = try request(ask)
            let d = try Differentiator.evaluate(r)
            #expect(try finiteDifferenceError(r.function, wrt: r.variables[0], derivative: d) < 1e-6, "\(ask)")
        }
    }

    /// A vector function: its derivative with respect to an entry is a column, the Jacobian's column for it.
    @Test func aVectorFunctionGivesAColumn() throws {
        let r = try request("derivative(w x_1, w_1)")
        #expect(r.resultShape == .column(.named("n")))
        #expect(Equivalence().compare(try truth("derivative(w x_1, w_1)"), try parse("x_1 e_1", Self.scope)).isEqual)
    }

    @Test func aListOfEntries() throws {
        let r = try request("jacobian(w_1 w_2, [w_1, w_2])")
        #expect(r.variables.map { $0.name } == ["w_1", "w_2"])
        #expect(Equivalence().compare(try truth("jacobian(w_1 w_2, [w_1, w_2])"), try parse("[w_2, w_1]", Self.scope)).isEqual)
    }

    @Test func theRequestPrintsBackAsWritten() throws {
        let e = try parse("partial(w_1 x_1, w_1)", Self.scope)
        #expect(Printer.ascii(e).hasSuffix("w_1)"), "\(Printer.ascii(e))")
        #expect(try parse(Printer.ascii(e), Self.scope) == e)
    }

    /// What stays refused: a letter index (not drawn as an index), a member of a family (a vector), an entry of an
    /// undeclared or scalar name.
    @Test func whatStaysRefused() throws {
        let letter = try #require(parseError("partial(w . x, w_i)", Self.scope))
        #expect(letter.message.contains("only a numbered entry such as w_1"), "\(letter.message)")
        let family = TestScopes.make("w: vector(n); x: vectors(N, n)")
        #expect(parseError("derivative(w . x_1, x_1)", family) != nil)
        // x_1 of an undeclared x is a scalar name of its own, as before.
        #expect(parseError("derivative(x_1^2, x_1)", Scope()) == nil)
        let unrelated = try Differentiator.resolve(try parse("derivative(y_1^2, y_1)", Scope()))
        #expect(Equivalence().compare(unrelated, try parse("2 y_1", Scope())).isEqual)
    }
}
