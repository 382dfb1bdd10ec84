import Testing
@testable import Calculus

/// `\mathbf{b}_1` for a declared vector `b_1` (a layer's bias) is that vector, as `b_1` is in ASCII, not entry 1 of a
/// vector `b` the bold letter would declare: a claim about ∂/∂b₁ must differentiate with respect to the bias.
@Suite struct BoldSubscriptTests {
    static let network = TestScopes.make("W_1: matrix(m, n); x: vector(n); b_1: vector(m); b_2: vector(p)")

    @Test(arguments: [
        ("\\mathbf{b}_1", "b_1"), ("\\mathbf{b}_{1}", "b_1"), ("W_1\\mathbf{x} + \\mathbf{b}_1", "W_1 x + b_1"),
        ("\\max(0, W_1\\mathbf{x} + \\mathbf{b}_{1})", "max(0, W_1 x + b_1)"), ("\\mathbf{b}_2^T\\mathbf{b}_2", "b_2^T b_2"),
    ])
    func readsAsTheDeclaredName(latex: String, ascii: String) throws {
        let a = try Parser.parse(latex, scope: Self.network, syntax: .latex)
        let b = try Parser.parse(ascii, scope: Self.network, syntax: .ascii)
        #expect(Printer.explicit(a) == Printer.explicit(b), "\(latex)")
        #expect(a.shape == b.shape, "\(latex)")
    }

    /// The ReLU layer's Jacobian with respect to its bias: diag(1(W₁x + b₁ > 0)), an m×m matrix (not zero, not a column).
    @Test func theDerivativeWithRespectToABoldSubscriptedBias() throws {
        let request = try Parser.parse("\\frac{\\partial}{\\partial \\mathbf{b}_1}\\max(0, W_1\\mathbf{x} + \\mathbf{b}_1)", scope: Self.network, syntax: .latex)
        let value = try Differentiator.resolve(request)
        #expect(value.shape == Shape(.named("m"), .named("m")))
        #expect(Equivalence().compare(value, try parse("diag(step(W_1 x + b_1))", Self.network)).isEqual)
        #expect(!Equivalence().compare(value, try parse("zeros(m, m)", Self.network)).isEqual)
    }

    /// With no name b_1 declared, `\mathbf{b}_1` stays what it was: entry 1 of the vector b.
    @Test func anUndeclaredSubscriptIsStillAnEntry() throws {
        let scope = TestScopes.make("b: vector(n)")
        let a = try Parser.parse("\\mathbf{b}_1", scope: scope, syntax: .latex)
        #expect(a == .index(.variable(scope.lookup("b")!), .integer(1)))
        #expect(a.shape.isScalar)
    }
}

/// A declared subscripted name beside a matrix of the same letter is that name (a matrix has no entry `W_2`): a
/// chapter declares `W` for one layer and `W_1`, `W_2` for a network. Beside a vector, `b_1` stays entry 1.
@Suite struct DeclaredSubscriptTests {
    static let scope = TestScopes.make("W: matrix(m, n); W_1: matrix(m, n); W_2: matrix(p, m); b: vector(m); b_1: scalar; h: vector(m); y: vector(p)")

    @Test(arguments: ["W_1", "W_2"])
    func theDeclaredNameIsRead(name: String) throws {
        for syntax in [Syntax.ascii, .latex] {
            let e = try Parser.parse(name, scope: Self.scope, syntax: syntax)
            #expect(e == .variable(Self.scope.lookup(name)!), "\(name) in \(syntax)")
        }
    }

    @Test func besideAVectorTheSubscriptIsStillAnEntry() throws {
        for text in ["b_1", "b_3"] {
            let e = try Parser.parse(text, scope: Self.scope, syntax: .ascii)
            guard case .index(.variable(let base), _) = e else { Issue.record("\(text) read as \(e)"); continue }
            #expect(base.name == "b")
        }
    }

    @Test func anUndeclaredSubscriptOfAMatrixIsStillRefused() throws {
        #expect(parseError("W_3", Self.scope) != nil)
    }

    @Test func theSecondLayersGradientIsWithRespectToItsWeights() throws {
        let loss = try Parser.parse("\\frac{1}{2}\\|W_2\\mathbf{h} - \\mathbf{y}\\|^2", scope: Self.scope, syntax: .latex)
        let byWeights = try Differentiator.derivative(loss, Self.scope.lookup("W_2")!)
        #expect(byWeights.shape == Shape(.named("p"), .named("m")))
        #expect(Equivalence().compare(byWeights, try parse("(W_2 h - y) h^T", Self.scope)).isEqual)
    }
}
