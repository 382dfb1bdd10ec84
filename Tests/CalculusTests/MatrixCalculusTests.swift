import Testing
@testable import Calculus

/// Vector and matrix variables: Jacobians in numerator layout, gradients of scalars by matrices.
@Suite struct MatrixCalculusTests {
    static let scope = TestScopes.make("z, b: scalar; w, x, a, c: vector(n); A, X: matrix(n, n)")

    static let rules: [(String, String, String)] = [
        // Element-wise binary operations.
        ("w + x", "w", "I(n)"), ("w + x", "x", "I(n)"), ("w - x", "w", "I(n)"), ("w - x", "x", "-I(n)"),
        ("w .* x", "w", "diag(x)"), ("w .* x", "x", "diag(w)"), ("w ./ x", "w", "diag(1/x)"), ("w ./ x", "x", "diag(-w ./ x.^2)"),
        ("w", "w", "I(n)"),
        // Scalar expansion.
        ("x + z", "x", "I(n)"), ("x + z", "z", "ones(n)"), ("x z", "x", "z I(n)"), ("x z", "z", "x"),
        // Sum reduction.
        ("sum(x)", "x", "ones(n)^T"), ("sum(x z)", "x", "z ones(n)^T"), ("sum(x z)", "z", "sum(x)"),
        // Dot products.
        ("w . x", "w", "x^T"), ("w . x", "x", "w^T"), ("dot(w, x)", "w", "x^T"), ("sum(w .* x)", "w", "x^T"), ("x^T x", "x", "2x^T"),
        // Matrix-vector products.
        ("A x", "x", "A"), ("x^T A x", "x", "x^T A + x^T A^T"), ("a^T A x", "x", "a^T A"),
        // Element-wise functions: diag(f'(x)).
        ("sin(x)", "x", "diag(cos(x))"), ("exp(x)", "x", "diag(exp(x))"), ("max(0, x)", "x", "diag(if(x > 0, 1, 0))"),
        // Piecewise: the kink condition is kept.
        ("max(0, w . x + b)", "w", "if(w^T x + b > 0, x^T, zeros(n)^T)"), ("max(0, w . x + b)", "b", "if(w^T x + b > 0, 1, 0)"),
        ("sigmoid(w . x)", "w", "sigmoid(w^T x) (1 - sigmoid(w^T x)) x^T"),
        // Matrix variables: the gradient has the matrix's shape.
        ("tr(A X)", "X", "A^T"), ("a^T X c", "X", "a c^T"), ("det(X)", "X", "det(X) inv(X)^T"),
        ("tr(inv(X))", "X", "-inv(X)^T inv(X)^T"),
    ]

    @Test(arguments: rules)
    func rule(f: String, v: String, expected: String) throws {
        try checkDerivative(f, wrt: v, Self.scope, expected: expected)
    }

    static let numericOnly: [(String, String)] = [
        ("sin(w .* x) + z", "w"), ("tanh(A x) .* w", "x"), ("sum(exp(w) .* x) z", "w"), ("(w . x) w", "w"),
        ("sigmoid(x)", "x"), ("w ./ (x .^ 2 + 1)", "x"), ("max(w, x)", "w"), ("min(w, x .* x)", "x"),
        ("x^T X x", "X"), ("tr(X^T X)", "X"), ("sum(X x)", "X"), ("ln(det(X X^T + I(n)))", "X"), ("a^T X^T X c", "X"), ("a^T inv(X X^T + I(n)) c", "X"),
        ("[w . x, sum(w)]", "w"), ("[w . x; z sum(w)]", "w"), ("sum(sqrt(w .^ 2 + 1))", "w"), ("abs(w . x)", "x"),
        ("if(w . x > 0, w . x, 0)", "w"), ("x_1 w", "w"), ("w_2 x", "w"),
    ]

    @Test(arguments: numericOnly)
    func agreesWithCentralDifferences(f: String, v: String) throws {
        try checkDerivative(f, wrt: v, Self.scope, expected: nil)
    }

    @Test func jacobianOfAScalarFunctionIsARow() throws {
        let j = try parse("jacobian(w . x + b, w)", Self.scope)
        #expect(j.shape == .row(.named("n")))
        let g = try parse("gradient(sum(w .* w), w)", Self.scope)
        #expect(Printer.ascii(Simplifier.simplify(try Differentiator.resolve(g))) == "2w^T")
    }

    @Test func denominatorLayoutIsTheTranspose() throws {
        let s = Self.scope
        let d = try Differentiator.resolve(try parse("jacobian(w . x, w)", s, layout: .denominator))
        #expect(d.shape == .column(.named("n")))
        #expect(Printer.ascii(Simplifier.simplify(d)) == "x")
        let j = try Differentiator.resolve(try parse("jacobian([3x^2 y, 2x + y^8], [x, y])", TestScopes.scalars, layout: .denominator))
        #expect(Printer.ascii(Simplifier.simplify(j)) == "[[6x y, 2], [3x^2, 8y^7]]")
        let m = try Differentiator.resolve(try parse("jacobian(A w, w)", s, layout: .denominator))
        #expect(Printer.ascii(Simplifier.simplify(m)) == "A^T")
        // A matrix variable's gradient keeps its shape in both layouts.
        let t = try Differentiator.resolve(try parse("derivative(tr(A X), X)", s, layout: .denominator))
        #expect(Printer.ascii(Simplifier.simplify(t)) == "A^T")
    }

    @Test func inverseRule() throws {
        // Symbolic only: at random (possibly ill-conditioned) X, central differences are not accurate enough.
        let d = try differentiate("a^T inv(X) c", wrt: "X", Self.scope)
        #expect(d.ascii == "-inv(X)^T a c^T inv(X)^T")
    }

    @Test func vectorChainRule() throws {
        // f(g(x)) with g = w .* x and f = sin: diag(cos(g)) diag(w).
        let d = try differentiate("sin(w .* x)", wrt: "x", Self.scope)
        #expect(d.ascii == "diag(cos(w .* x) .* w)")
        #expect(try finiteDifferenceError(d.function, wrt: d.variable, derivative: d.simplified) < 1e-5)
    }

    @Test func lossGradients() throws {
        let s = TestScopes.loss
        let loss = "1/N sum((y_i - max(0, w . x_i + b))^2, i, 1, N)"
        try checkDerivative(loss, wrt: "w", s,
            expected: "-2sum((y_i - max(0, w^T x_i + b)) if(w^T x_i + b > 0, x_i^T, zeros(n)^T), i, 1, N)/N")
        try checkDerivative(loss, wrt: "b", s,
            expected: "sum(if(w^T x_i + b > 0, -2 (y_i - max(0, w^T x_i + b)), 0), i, 1, N)/N")
        let dw = try differentiate(loss, wrt: "w", s)
        #expect(dw.simplified.shape == .row(.named("n")))
    }

    @Test func vectorDerivativesOfMatricesAreRefused() throws {
        let s = Self.scope
        #expect(throws: CalculusError.self) { try Differentiator.derivative(try parse("A diag(w)", s), .vector("w", .named("n"))) }
        #expect(throws: CalculusError.self) { try Differentiator.derivative(try parse("w", s), Self.scope.lookup("X")!) }
    }
}
