import Testing
@testable import Calculus

/// A one-hot target `e_k` with a free class `k`: the sampler draws `k` as a whole number from 1 to the vector's
/// size, so claims about softmax with cross-entropy can be decided for every class, not only a fixed one.
@Suite struct OneHotTests {
    let scope = TestScopes.make("z: vector(n); W: matrix(n, m); x: vector(m)")

    @Test func theClassIsDrawnAsAWholeNumberWithinTheVector() throws {
        let e = try parse("e_k . z", scope)
        var sampler = Sampler(expressions: [e])
        let points = sampler.points(count: 40)
        #expect(!points.isEmpty)
        var seen = Set<Int>()
        for env in points {
            let k = try #require(env.values["k"]?.entries.first)
            let n = try #require(env.sizes["n"])
            #expect(k == k.rounded() && k >= 1 && k <= Double(n), "k = \(k), n = \(n)")
            seen.insert(Int(k))
        }
        // Not always the first class: an answer right only for k = 1 must be caught.
        #expect(seen.count > 1)
    }

    /// CS231n (softmax classifier) and Goodfellow et al. §6.2.2.3: the gradient of −log softmax(z)_k is p − y.
    @Test func crossEntropyOfSoftmaxIsPMinusY() throws {
        let loss = try parse("-e_k . log(softmax(z))", scope)
        let derivative = try Differentiator.derivative(loss, variable("z", scope))
        #expect(Equivalence().compare(derivative, try parse("softmax(z)^T - e_k^T", scope)).isEqual)
        #expect(try finiteDifferenceError(loss, wrt: variable("z", scope), derivative: derivative) < 1e-5)
    }

    @Test func wrongAnswersForTheCrossEntropyGradientAreWrong() throws {
        let truth = try Differentiator.derivative(try parse("-e_k . log(softmax(z))", scope), variable("z", scope))
        for wrong in ["e_k^T - softmax(z)^T", "softmax(z)^T - e_1^T", "softmax(z)^T", "-e_k^T"] {
            #expect(!Equivalence().compare(truth, try parse(wrong, scope)).isEqual, "\(wrong)")
        }
    }

    /// The same loss on logits z = W x: ∂L/∂W = (p − y) xᵀ, the shape of W.
    @Test func crossEntropyWithRespectToTheWeights() throws {
        let loss = try parse("-e_k . log(softmax(W x))", scope)
        let derivative = try Differentiator.derivative(loss, variable("W", scope))
        #expect(Equivalence().compare(derivative, try parse("(softmax(W x) - e_k) x^T", scope)).isEqual)
        #expect(!Equivalence().compare(derivative, try parse("(softmax(W x) - e_1) x^T", scope)).isEqual)
    }

    /// A class index written as a number is unchanged: e_2 is the second unit vector.
    @Test func aFixedClassIsNotDrawn() throws {
        let e = try parse("e_2 . z", scope)
        var sampler = Sampler(expressions: [e])
        for env in sampler.points(count: 10) { #expect(env.values["k"] == nil) }
        let derivative = try Differentiator.derivative(try parse("-e_2 . log(softmax(z))", scope), variable("z", scope))
        #expect(Equivalence().compare(derivative, try parse("softmax(z)^T - e_2^T", scope)).isEqual)
    }
}

/// Results of the "beyond one neuron" chapter as the textbooks write them (CS231n's backprop notes, Goodfellow et
/// al. ch. 6, the Matrix Cookbook), each decided against the engine's own derivative.
@Suite struct NetworkGradientTests {
    static let twoLayer = TestScopes.make("W: matrix(m, n); x: vector(n); b, v: vector(m); y: scalar")

    func same(_ f: String, wrt v: String, _ scope: Scope, _ expected: String) throws -> Bool {
        let d = try Differentiator.derivative(try parse(f, scope), variable(v, scope))
        return Equivalence().compare(d, try parse(expected, scope)).isEqual
    }

    /// Softmax's Jacobian: diag(p) − p pᵀ.
    @Test func softmaxJacobian() throws {
        let scope = TestScopes.make("z: vector(n)")
        #expect(try same("softmax(z)", wrt: "z", scope, "diag(softmax(z)) - softmax(z) softmax(z)^T"))
        #expect(try !same("softmax(z)", wrt: "z", scope, "diag(softmax(z))"))
    }

    /// Logistic regression: ∂/∂w of the log loss is (σ(w·x) − y) xᵀ; over a batch, (σ(Xw) − y)ᵀX / N.
    @Test func logisticRegression() throws {
        let one = TestScopes.make("w, x: vector(n); y: scalar")
        #expect(try same("-(y log(sigmoid(w . x)) + (1 - y) log(1 - sigmoid(w . x)))", wrt: "w", one, "(sigmoid(w . x) - y) x^T"))
        #expect(try !same("-(y log(sigmoid(w . x)) + (1 - y) log(1 - sigmoid(w . x)))", wrt: "w", one, "(y - sigmoid(w . x)) x^T"))
        let batch = TestScopes.make("X: matrix(N, n); w: vector(n); y: vector(N)")
        #expect(try same("-(y . log(sigmoid(X w)) + (1 - y) . log(1 - sigmoid(X w))) / N", wrt: "w", batch, "(sigmoid(X w) - y)^T X / N"))
    }

    /// Backpropagation through a ReLU layer and a linear output: ∂L/∂W₁ = δ xᵀ with δ = (ŷ − y) v ⊙ 1(W₁x + b₁ > 0).
    @Test func twoLayerReLUNetwork() throws {
        let loss = "(v . max(0, W x + b) - y)^2 / 2"
        let error = "(v . max(0, W x + b) - y)"
        #expect(try same(loss, wrt: "W", Self.twoLayer, "\(error) (v .* step(W x + b)) x^T"))
        #expect(try same(loss, wrt: "b", Self.twoLayer, "\(error) (v .* step(W x + b))^T"))
        #expect(try same(loss, wrt: "v", Self.twoLayer, "\(error) max(0, W x + b)^T"))
        // Without the ReLU's mask the answer is wrong wherever a hidden unit is off.
        #expect(try !same(loss, wrt: "W", Self.twoLayer, "\(error) v x^T"))
    }

    /// The batch gradient of a linear layer over N samples (rows of X): ∂/∂W ‖XWᵀ − Y‖²_F / (2N) = (XWᵀ − Y)ᵀX / N.
    @Test func batchGradientOfALayer() throws {
        let scope = TestScopes.make("X: matrix(N, n); W: matrix(m, n); Y: matrix(N, m)")
        let loss = "sum((X W^T - Y) .* (X W^T - Y)) / (2N)"
        #expect(try same(loss, wrt: "W", scope, "(X W^T - Y)^T X / N"))
        #expect(try !same(loss, wrt: "W", scope, "(X W^T - Y)^T X"))
    }

    /// L2 regularisation (weight decay): ∂/∂W (λ/2)‖W‖²_F = λW (the Matrix Cookbook's ∂tr(WᵀW)/∂W = 2W).
    @Test func weightDecay() throws {
        let scope = TestScopes.make("W: matrix(m, n); lambda: scalar")
        #expect(try same("(lambda / 2) sum(W .* W)", wrt: "W", scope, "lambda W"))
        #expect(try same("tr(W^T W)", wrt: "W", scope, "2W"))
    }
}

/// A class letter that a sum in the same expressions binds is not drawn: `e_i` beside `Σ_i` would mix the two.
@Suite struct BoundIndexTests {
    @Test func aLetterBoundBySumIsNotDrawnAsAClass() throws {
        let scope = TestScopes.make("x: vector(n)")
        let e = try parse("e_i . x + sum(x_i^2, i, 1, n)", scope)
        #expect(Sampler(expressions: [e]).indexRanges.isEmpty)
        let free = try parse("e_k . x + sum(x_i^2, i, 1, n)", scope)
        #expect(Sampler(expressions: [free]).indexRanges.map { $0.name } == ["k"])
    }
}
