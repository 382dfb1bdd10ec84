import Testing
@testable import Calculus

/// `step` (Heaviside) and `sign`: how students write the derivatives of ReLU and abs.
@Suite struct StepFunctionTests {
    @Test(arguments: [
        ("derivative(max(0, z), z)", "step(z)"),
        ("derivative(relu(z), z)", "heaviside(z)"),
        ("derivative(abs(x), x)", "sign(x)"),
        ("derivative(abs(x), x)", "sgn(x)"),
        ("jacobian(max(0, x), x)", "diag(step(x))"),
    ])
    func writtenWithSteps(question: String, answer: String) throws {
        let scope = try Scope(declarations: "x: scalar; z: scalar")
        let vectorScope = try Scope(declarations: "x: vector(n)")
        let s = question.hasPrefix("jacobian") ? vectorScope : scope
        let truth = try Differentiator.resolve(try Parser.parse(question, scope: s))
        #expect(Equivalence().compare(truth, try Parser.parse(answer, scope: s)).isEqual, "\(answer)")
    }

    @Test func wrongSideOfTheStepIsCaught() throws {
        let truth = try Differentiator.resolve(try Parser.parse("derivative(max(0, z), z)"))
        #expect(!Equivalence().compare(truth, try Parser.parse("step(-z)")).isEqual)
        #expect(!Equivalence().compare(truth, try Parser.parse("1")).isEqual)
    }

    @Test func valuesAndDerivatives() throws {
        var ev = Evaluator(Environment(values: ["z": .scalar(-0.5)]))
        #expect(try ev.evaluate(try Parser.parse("step(z) + sign(z)")).entries == [-1])
        let d = try Differentiator.derivative(try Parser.parse("step(z) z"), .scalar("z"))
        #expect(Printer.ascii(Simplifier.simplify(d)) == "step(z)")
        #expect(Printer.latex(try Parser.parse("step(z)")) == "\\operatorname{step}\\left(z\\right)")
    }
}
