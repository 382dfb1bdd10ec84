import Testing
@testable import Calculus

/// Scalar rules, one by one: the simplified result as printed, and agreement with central differences.
@Suite struct DifferentiationRuleTests {
    static let scalarRules: [(String, String, String)] = [
        ("99", "x", "0"), ("3x", "x", "3"), ("x^3", "x", "3x^2"), ("x^-2", "x", "-2/x^3"), ("x^(1/2)", "x", "1/(2 x^(1/2))"),
        ("x^2 + 3x", "x", "2x + 3"), ("x^2 - 3x", "x", "2x - 3"), ("x^2 x", "x", "3x^2"), ("x y", "x", "y"),
        ("x/y", "x", "1/y"), ("x/y", "y", "-x/y^2"), ("(x + 1)/(x^2 + 1)", "x", "-2x (x + 1)/((x^2 + 1)^2) + 1/(x^2 + 1)"),
        ("sin(x^2)", "x", "2x cos(x^2)"), ("exp(2x)", "x", "2exp(2x)"), ("e^x", "x", "e^x"), ("ln(x^2)", "x", "2/x"),
        ("ln x", "x", "1/x"), ("sin x", "x", "cos(x)"), ("cos x", "x", "-sin(x)"), ("tan x", "x", "1/cos(x)^2"),
        ("sinh x", "x", "cosh(x)"), ("cosh x", "x", "sinh(x)"), ("tanh x", "x", "1 - tanh(x)^2"),
        ("sigmoid(x)", "x", "sigmoid(x) (1 - sigmoid(x))"), ("sqrt(x)", "x", "1/(2 sqrt(x))"),
        ("abs(x)", "x", "if(x > 0, 1, -1)"), ("x^x", "x", "x^x (ln(x) + 1)"), ("2^x", "x", "2^x ln(2)"),
        ("max(0, x)", "x", "if(x > 0, 1, 0)"), ("min(x, 0)", "x", "if(x > 0, 0, 1)"), ("max(x, y)", "x", "if(y > x, 0, 1)"),
        ("if(x > 1, x^2, 3x)", "x", "if(x > 1, 2x, 3)"), ("sin(x + x^2)", "x", "cos(x^2 + x) (2x + 1)"),
        ("3x^2 y", "y", "3x^2"), ("3x^2 y", "x", "6x y"), ("2x + y^8", "y", "8y^7"), ("9(x + x^2)", "x", "9 (2x + 1)"),
    ]

    @Test(arguments: scalarRules)
    func scalarRule(f: String, v: String, expected: String) throws {
        try checkDerivative(f, wrt: v, TestScopes.scalars, expected: expected)
    }

    /// Rules whose printed form is not the point: only central differences.
    static let numericOnly: [(String, String)] = [
        ("sin(cos(x^2))", "x"), ("exp(sin(x) y)", "y"), ("ln(x^2 + y^2 + 1)", "x"), ("sqrt(x^2 + 1) / (1 + y^2)", "y"),
        ("sigmoid(x y) tanh(x - y)", "x"), ("abs(sin(x))", "x"), ("max(x^2, 2 - x)", "x"), ("min(sin(x), cos(x))", "x"),
        ("x^y", "y"), ("x^y", "x"), ("(x^2 + 1)^(y/3)", "y"), ("cosh(x)^2 - sinh(x)^2", "x"),
    ]

    @Test(arguments: numericOnly)
    func agreesWithCentralDifferences(f: String, v: String) throws {
        try checkDerivative(f, wrt: v, TestScopes.scalars, expected: nil)
    }

    @Test func gradientIsARowOfPartials() throws {
        let g = Simplifier.simplify(try Differentiator.resolve(try parse("gradient(3x^2 y, [x, y])", TestScopes.scalars)))
        #expect(g.shape == .row(.fixed(2)))
        #expect(Printer.ascii(g) == "[6x y, 3x^2]")
        let v = try evaluate(g, ["x": 2, "y": 5])
        #expect(v.rows == 1 && v.entries == [60, 12])
    }

    @Test func jacobianHasOneRowPerFunction() throws {
        let j = Simplifier.simplify(try Differentiator.resolve(try parse("jacobian([3x^2 y, 2x + y^8], [x, y])", TestScopes.scalars)))
        #expect(j.shape == .matrix(.fixed(2), .fixed(2)))
        #expect(Printer.ascii(j) == "[[6x y, 3x^2], [2, 8y^7]]")
        #expect(try evaluate(j, ["x": 1, "y": 2]).entries == [12, 3, 2, 1024])
    }

    @Test func derivativeRequestFromText() throws {
        let f = try parse("x^2 y^3", TestScopes.scalars)
        let r = try Parser.derivativeRequest(of: f, wrt: "[x, y]", kind: .gradient, scope: TestScopes.scalars)
        #expect(r.resultShape == .row(.fixed(2)))
        #expect(Printer.ascii(Simplifier.simplify(try Differentiator.evaluate(r))) == "[2x y^3, 3x^2 y^2]")
        let p = try Parser.derivativeRequest(of: f, wrt: "y", kind: .partial, scope: TestScopes.scalars)
        #expect(Printer.ascii(Simplifier.simplify(try Differentiator.evaluate(p))) == "3x^2 y^2")
    }

    @Test func vectorOfFunctionsOfAScalar() throws {
        try checkDerivative("[ln(x^2); sin(3x)]", wrt: "x", TestScopes.scalars, expected: "[2/x; 3cos(3x)]")
        try checkDerivative("[x^2, x^3]", wrt: "x", TestScopes.scalars, expected: "[2x, 3x^2]")
    }

    @Test func nestedDerivativeOperators() throws {
        // The second derivative through nested requests.
        let d2 = try parse("derivative(derivative(x^4, x), x)", TestScopes.scalars)
        #expect(Printer.ascii(Simplifier.simplify(try Differentiator.resolve(d2))) == "12x^2")
    }
}
