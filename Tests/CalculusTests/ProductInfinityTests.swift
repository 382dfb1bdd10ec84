import Testing
@testable import Calculus

/// A matrix product follows IEEE arithmetic: 0 · ∞ is NaN, so a point where a factor overflows is undefined, never a
/// finite (and wrong) value. A saturated softmax makes such points: e_k ⊘ p is ∞ where p_k underflowed to 0.
@Suite struct ProductInfinityTests {
    @Test func zeroTimesInfinityInAProductIsNotANumber() throws {
        let scope = TestScopes.make("v: vector(2)")
        let e = try parse("[0, 1] v", scope)
        var env = Environment()
        env.values["v"] = .matrix(rows: 2, cols: 1, data: [.infinity, 2])
        var ev = Evaluator(env)
        #expect(try ev.evaluate(e).entries.first?.isNaN == true)
        // A finite row is still skipped where the factor is zero: the value is exact.
        env.values["v"] = .matrix(rows: 2, cols: 1, data: [5, 2])
        var finite = Evaluator(env)
        #expect(try finite.evaluate(e).entries == [2])
    }

    /// The engine's derivative of the cross-entropy at logits far apart (p_k = 0 in floating point) is undefined
    /// there, not 0: the solution (p − e_k) xᵀ, exact at such a point, must not be judged wrong by it.
    @Test func aSaturatedSoftmaxIsUndefinedNotZero() throws {
        let scope = TestScopes.make("W: matrix(2, 2); x: vector(2)")
        let derivative = try Differentiator.derivative(try parse("-e_1 . ln(softmax(W x))", scope), scope.lookup("W")!)
        var env = Environment()
        env.values["W"] = .matrix(rows: 2, cols: 2, data: [-1000, 0, 1000, 0])
        env.values["x"] = .matrix(rows: 2, cols: 1, data: [1, 1])
        var ev = Evaluator(env)
        let value = try ev.evaluate(Simplifier.simplify(derivative))
        #expect(!value.isFinite || value.entries == [-1, -1, 0, 0], "\(value.entries)")
    }
}
