import Testing
@testable import Calculus

/// `where:` equalities: `sum(y) = 1` (a probability or one-hot target), `y_k = c`, `b = c`. Points are made to meet
/// them; equalities that cannot be met this way are refused with what can be written.
@Suite struct WhereEqualityTests {
    static let scope = TestScopes.make("z, y: vector(n); x, b: scalar")

    func conditions(_ text: String) throws -> [Condition] { try Parser.parseConditions(text, scope: Self.scope) }

    func conditionError(_ text: String) -> CalculusError? {
        do { _ = try Parser.parseConditions(text, scope: Self.scope); return nil } catch { return error }
    }

    @Test(arguments: ["sum(y) = 1", "1 = sum(y)", "ones(n)^T y = 1", "\\mathbf{1}^T \\mathbf{y} = 1", "\\sum_{i=1}^{n} y_i = 1"])
    func everyPointHasASumOfOne(text: String) throws {
        let cs = try conditions(text)
        #expect(cs.count == 1 && cs[0].relation == .equal)
        var sampler = Sampler(expressions: [try parse("softmax(z) - y", Self.scope)], conditions: cs)
        let points = sampler.points(count: 20)
        #expect(points.count >= 10, "\(text)")
        for p in points {
            let total = p.values["y"]!.entries.reduce(0, +)
            #expect(abs(total - 1) < 1e-9, "\(text): \(p.values["y"]!)")
        }
    }

    /// Half the points are probability vectors (entries of one sign), half are not: a claim true only for positive
    /// entries is not passed by the condition alone.
    @Test func pointsAreProbabilityVectorsAndOthers() throws {
        var sampler = Sampler(expressions: [try parse("y", Self.scope)], conditions: try conditions("sum(y) = 1"))
        let points = sampler.points(count: 30)
        #expect(points.contains { $0.values["y"]!.entries.allSatisfy { $0 >= 0 } })
        #expect(points.contains { $0.values["y"]!.entries.contains { $0 < 0 } })
        var positive = Sampler(expressions: [try parse("y", Self.scope)], conditions: try conditions("y >= 0; sum(y) = 1"))
        let probabilities = positive.points(count: 20)
        #expect(probabilities.count >= 10)
        #expect(probabilities.allSatisfy { $0.values["y"]!.entries.allSatisfy { $0 >= 0 } })
    }

    /// The cross-entropy gradient p - y needs sum(y) = 1; without it the answer is sum(y) p - y (chapter 13).
    @Test func theCrossEntropyGradientUnderTheCondition() throws {
        let truth = Simplifier.simplify(try Differentiator.resolve(try parse("gradient(-y . ln(softmax(z)), z)", Self.scope)))
        let onehot = try parse("softmax(z)^T - y^T", Self.scope)
        #expect(Equivalence(conditions: try conditions("sum(y) = 1")).compare(truth, onehot).isEqual)
        #expect(!Equivalence().compare(truth, onehot).isEqual)
        #expect(!Equivalence(conditions: try conditions("sum(y) = 1")).compare(truth, try parse("y^T - softmax(z)^T", Self.scope)).isEqual)
    }

    @Test func anEntryAndAScalarAreSet() throws {
        var sampler = Sampler(expressions: [try parse("y_1 + x + b", Self.scope)], conditions: try conditions("y_1 = 0; x = 2 b"))
        let points = sampler.points(count: 10)
        #expect(!points.isEmpty)
        for p in points {
            #expect(p.values["y"]!.entries[0] == 0)
            #expect(abs(p.values["x"]!.entries[0] - 2 * p.values["b"]!.entries[0]) < 1e-12)
        }
        // x = 2b makes x - 2b zero, which it is not in general.
        let cs = try conditions("x = 2 b")
        #expect(Equivalence(conditions: cs).compare(try parse("x", Self.scope), try parse("2b", Self.scope)).isEqual)
        #expect(!Equivalence().compare(try parse("x", Self.scope), try parse("2b", Self.scope)).isEqual)
    }

    @Test func notEqualIsACondition() throws {
        let cs = try conditions("x != 0, b ≠ 1")
        #expect(cs.map { $0.relation } == [.notEqual, .notEqual])
        #expect(try Parser.parseConditions("x \\ne 0", scope: Self.scope).first?.relation == .notEqual)
    }

    @Test(arguments: ["x^2 + b^2 = 1", "y . z = 0", "sum(y) = sum(y) x", "x = x + b", "1^T y = 1", "y = 1", "\\sum_{i=1}^{n} z_i y_i = 1", "\\sum_{i=2}^{n} y_i = 1"])
    func equalitiesThatCannotBeMetAreRefused(text: String) throws {
        let error = try #require(conditionError(text), "\(text)")
        #expect(error.message.hasPrefix("points cannot be drawn where an equality like this holds"), "\(text): \(error.message)")
    }

    @Test func oneEqualityPerVariable() throws {
        let error = try #require(conditionError("sum(y) = 1; y_1 = 0"))
        #expect(error.message == "only one equality per variable can be met: y has one already")
        #expect(error.offset == 16)
    }

    /// `=` stays out of the other conditions: an `if` and an expression keep refusing it.
    @Test func equalityStaysOutsideWhere() throws {
        #expect(parseError("if(x = 0, 1, 2)", Self.scope) != nil)
        #expect(parseError("x = 1", Self.scope)?.message.contains("not an equation") == true)
    }

    @Test func printed() throws {
        let c = try conditions("sum(y) = 1; x != 0")
        #expect(Printer.latex(.piecewise(c[1], .one, .zero)).contains("\\ne"))
        #expect(c[0].relation.negated == .notEqual && c[0].relation.flipped == .equal)
    }
}
