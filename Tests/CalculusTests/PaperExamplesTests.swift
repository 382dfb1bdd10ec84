import Testing
@testable import Calculus

/// Every derivative Parr & Howard work out, checked against central differences and against the paper's result.
@Suite struct PaperExamplesTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var function: String
        var variable: String
        /// The result as the paper states it, in ASCII.
        var paper: String
        var declarations = "x, y, z, b: scalar"
        var testDescription: String { "d/d\(variable) \(function) = \(paper)" }
    }

    static let vectors = "z, b: scalar; w, x: vector(n)"
    static let loss = "w: vector(n); b: scalar; x: vectors(N, n); y: vector(N)"

    static let examples: [Example] = [
        // Scalar derivative rules table.
        Example(function: "99", variable: "x", paper: "0"),
        Example(function: "3x", variable: "x", paper: "3"),
        Example(function: "x^3", variable: "x", paper: "3x^2"),
        Example(function: "x^2 + 3x", variable: "x", paper: "2x + 3"),
        Example(function: "x^2 - 3x", variable: "x", paper: "2x - 3"),
        Example(function: "x^2 x", variable: "x", paper: "x^2 + x 2x"),
        Example(function: "ln(x^2)", variable: "x", paper: "2/x"),
        // The derivative as an operator.
        Example(function: "9(x + x^2)", variable: "x", paper: "9 + 18x"),
        // Partial derivatives of f(x, y) = 3x^2 y and g(x, y) = 2x + y^8.
        Example(function: "3x^2 y", variable: "x", paper: "6y x"),
        Example(function: "3x^2 y", variable: "y", paper: "3x^2"),
        Example(function: "2x + y^8", variable: "x", paper: "2"),
        Example(function: "2x + y^8", variable: "y", paper: "8y^7"),
        // Identity Jacobian and element-wise binary operations.
        Example(function: "x", variable: "x", paper: "I(n)", declarations: vectors),
        Example(function: "w + x", variable: "w", paper: "diag(ones(n))", declarations: vectors),
        Example(function: "w + x", variable: "x", paper: "I(n)", declarations: vectors),
        Example(function: "w - x", variable: "w", paper: "I(n)", declarations: vectors),
        Example(function: "w - x", variable: "x", paper: "-I(n)", declarations: vectors),
        Example(function: "w .* x", variable: "w", paper: "diag(x)", declarations: vectors),
        Example(function: "w .* x", variable: "x", paper: "diag(w)", declarations: vectors),
        Example(function: "w ./ x", variable: "w", paper: "diag(ones(n) ./ x)", declarations: vectors),
        Example(function: "w ./ x", variable: "x", paper: "diag(-w ./ x .^ 2)", declarations: vectors),
        // Scalar expansion.
        Example(function: "x + z", variable: "x", paper: "I(n)", declarations: vectors),
        Example(function: "x + z", variable: "z", paper: "ones(n)", declarations: vectors),
        Example(function: "x z", variable: "x", paper: "I(n) z", declarations: vectors),
        Example(function: "x z", variable: "z", paper: "x", declarations: vectors),
        // Sum reduction.
        Example(function: "sum(x)", variable: "x", paper: "ones(n)^T", declarations: vectors),
        Example(function: "sum(x z)", variable: "x", paper: "z ones(n)^T", declarations: vectors),
        Example(function: "sum(x z)", variable: "z", paper: "sum(x)", declarations: vectors),
        // Single-variable chain rule.
        Example(function: "sin(x^2)", variable: "x", paper: "2x cos(x^2)"),
        Example(function: "ln(sin(x^3)^2)", variable: "x", paper: "6sin(x^3) x^2 cos(x^3) / sin(x^3)^2"),
        // Total derivatives.
        Example(function: "x + x^2", variable: "x", paper: "1 + 2x"),
        Example(function: "sin(x + x^2)", variable: "x", paper: "cos(x + x^2) (1 + 2x)"),
        Example(function: "x * x^2", variable: "x", paper: "3x^2"),
        // Vector chain rule.
        Example(function: "[ln(x^2); sin(3x)]", variable: "x", paper: "[2/x; 3cos(3x)]"),
        // The neuron: dot product, then activation.
        Example(function: "sum(w .* x)", variable: "w", paper: "ones(n)^T diag(x)", declarations: vectors),
        Example(function: "w . x", variable: "w", paper: "x^T", declarations: vectors),
        Example(function: "max(0, w . x + b)", variable: "w", paper: "if(w . x + b <= 0, zeros(n)^T, x^T)", declarations: vectors),
        Example(function: "max(0, w . x + b)", variable: "b", paper: "if(w . x + b <= 0, 0, 1)", declarations: vectors),
        Example(function: "max(0, z)", variable: "z", paper: "if(z <= 0, 0, 1)", declarations: vectors),
        // The loss function.
        Example(function: "1/N sum((y_i - max(0, w . x_i + b))^2, i, 1, N)", variable: "w",
                paper: "2/N sum(if(w . x_i + b > 0, (w . x_i + b - y_i) x_i^T, zeros(n)^T), i, 1, N)", declarations: loss),
        Example(function: "1/N sum((y_i - max(0, w . x_i + b))^2, i, 1, N)", variable: "b",
                paper: "2/N sum(if(w . x_i + b > 0, w . x_i + b - y_i, 0), i, 1, N)", declarations: loss),
    ]

    @Test(arguments: examples)
    func workedExample(example: Example) throws {
        let scope = try Scope(declarations: example.declarations)
        let d = try differentiate(example.function, wrt: example.variable, scope)
        let error = try finiteDifferenceError(d.function, wrt: d.variable, derivative: d.simplified)
        #expect(error < 1e-5, "central differences disagree with \(d.ascii) (\(error))")
        let paper = try parse(example.paper, scope)
        let verdict = Equivalence().compare(paper, d.simplified)
        #expect(verdict.isEqual, "engine: \(d.ascii); paper: \(example.paper); \(verdict)")
    }

    @Test func gradientAndJacobianOfFAndG() throws {
        let s = TestScopes.scalars
        let grad = try Differentiator.resolve(try parse("gradient(3x^2 y, [x, y])", s))
        #expect(Equivalence().compare(try parse("[6y x, 3x^2]", s), grad).isEqual)
        let j = try Differentiator.resolve(try parse("jacobian([3x^2 y, 2x + y^8], [x, y])", s))
        #expect(Equivalence().compare(try parse("[[6y x, 3x^2], [2, 8y^7]]", s), j).isEqual)
        // Denominator layout: the transpose.
        let jd = try Differentiator.resolve(try parse("jacobian([3x^2 y, 2x + y^8], [x, y])", s, layout: .denominator))
        #expect(Equivalence().compare(try parse("[[6y x, 2], [3x^2, 8y^7]]", s), jd).isEqual)
        // Central differences, column by column.
        for (f, v) in [("[3x^2 y; 2x + y^8]", "x"), ("[3x^2 y; 2x + y^8]", "y")] {
            let d = try differentiate(f, wrt: v, s)
            #expect(try finiteDifferenceError(d.function, wrt: d.variable, derivative: d.simplified) < 1e-5)
        }
    }

    @Test func theChainRuleExampleSimplifiesToThePapersFinalForm() throws {
        #expect(try differentiate("ln(sin(x^3)^2)", wrt: "x", TestScopes.scalars).ascii == "6x^2 cos(x^3)/sin(x^3)")
        #expect(try differentiate("9(x + x^2)", wrt: "x", TestScopes.scalars).ascii == "9 (2x + 1)")
    }

    @Test func neuronActivationWithoutIntermediateVariables() throws {
        // The paper's gradient of the activation w.r.t. w, read from its LaTeX.
        let s = TestScopes.make(Self.vectors)
        let latex = "\\begin{cases} \\vec{0}^T & \\mathbf{w} \\cdot \\mathbf{x} + b \\le 0 \\\\ \\mathbf{x}^T & \\mathbf{w} \\cdot \\mathbf{x} + b > 0 \\end{cases}"
        let paper = try Parser.parse(latex, scope: s)
        let d = try differentiate("max(0, w . x + b)", wrt: "w", s)
        #expect(Equivalence().compare(paper, d.simplified).isEqual)
        #expect(d.ascii == "if(w^T x + b > 0, x^T, zeros(n)^T)")
    }
}
