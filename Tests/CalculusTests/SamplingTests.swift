import Testing
@testable import Calculus

/// Equality is decided where answers can differ: beside every kink of the truth and of the answer, wherever it
/// lies, and far from the origin.
@Suite struct SamplingTests {
    /// Kink positions across [-1000, 1000]: fixed ones a student might meet and seeded random ones.
    static let kinkPositions: [Double] = {
        var g = SeededGenerator(seed: 42)
        let drawn = (0..<120).map { _ in (Double(g.next() >> 11) / Double(1 << 53) * 2 - 1) * 1000 }
        return [-1000, -999.5, -250.25, -6, -3.5, 0, 0.5, 5, 6, 7.25, 100, 333.3, 999.9, 1000] + drawn.map { ($0 * 100).rounded() / 100 }
    }()

    static func number(_ c: Double) -> String { c < 0 ? "(\(c))" : "\(c)" }

    @Test(arguments: kinkPositions)
    func aWrongBranchPastAKinkOfTheAnswerIsFound(c: Double) throws {
        let scope = TestScopes.scalars
        let truth = try parse("2x", scope)
        // Right everywhere but past the kink.
        let wrong = try parse("if(x > \(SamplingTests.number(c)), 2x + 1, 2x)", scope)
        #expect(!Equivalence().compare(truth, wrong).isEqual, "kink at \(c)")
        let wrongBelow = try parse("if(x < \(SamplingTests.number(c)), 2x - 3, 2x)", scope)
        #expect(!Equivalence().compare(truth, wrongBelow).isEqual, "kink at \(c), wrong below")
        // The same two cases written right are equal.
        let right = try parse("if(x > \(SamplingTests.number(c)), 2x, 2x)", scope)
        #expect(Equivalence().compare(truth, right).isEqual)
    }

    @Test(arguments: kinkPositions)
    func aWrongBranchPastAKinkOfTheTruthIsFound(c: Double) throws {
        let scope = TestScopes.scalars
        let k = SamplingTests.number(c)
        let truth = try parse("max(\(k), x)", scope)
        let wrong = try parse("if(x > \(k), x, \(k) + 1)", scope)
        #expect(!Equivalence().compare(truth, wrong).isEqual, "kink at \(c)")
        let right = try parse("if(x > \(k), x, \(k))", scope)
        #expect(Equivalence().compare(truth, right).isEqual, "kink at \(c)")
        // A kink in a condition of two variables, not linear in either.
        let curved = try parse("if(x^3 + y > \(k), 1, 0)", scope)
        #expect(Equivalence().compare(curved, try parse("step(x^3 + y - \(k))", scope)).isEqual, "kink at \(c)")
    }

    @Test func aVectorKinkFarOut() throws {
        let scope = TestScopes.make("w, x: vector(n); b: scalar")
        let truth = try parse("if(w . x + b > 250, x^T, zeros(n)^T)", scope)
        let wrong = try parse("if(w . x + b > 250, 2 x^T, zeros(n)^T)", scope)
        #expect(!Equivalence().compare(truth, wrong).isEqual)
        #expect(Equivalence().compare(truth, try parse("step(w . x + b - 250) x^T", scope)).isEqual)
    }

    @Test func wrongFarFromTheOriginWithoutAKink() throws {
        // Agrees to within 1e-9 near the origin; differs by x^4/10^12 far out.
        let scope = TestScopes.scalars
        #expect(!Equivalence().compare(try parse("x^2", scope), try parse("x^2 + x^6/10^12", scope)).isEqual)
    }

    @Test func equalFormsThatOverflowFarOutAreEqual() throws {
        let scope = TestScopes.scalars
        let truth = try parse("sigmoid(x) (1 - sigmoid(x))", scope)
        #expect(Equivalence().compare(truth, try parse("exp(-x)/(1 + exp(-x))^2", scope)).isEqual)
        #expect(Equivalence().compare(try parse("(x + 1)^3 - x^3", scope), try parse("3x^2 + 3x + 1", scope)).isEqual)
    }

    @Test func atLeastTwelvePoints() throws {
        let scope = TestScopes.scalars
        let verdict = Equivalence().compare(try parse("sin(x)^2", scope), try parse("(1 - cos(2x))/2", scope))
        guard case .equal(let method) = verdict else { Issue.record("\(verdict)"); return }
        if case .numeric(let points) = method { #expect(points >= 12) }
    }

    @Test func aVectorIfIsChosenEntryByEntry() throws {
        let scope = TestScopes.make("w: vector(n)")
        let e = try parse("if(w > 0, sqrt(w), zeros(n))", scope)
        let v = try evaluate(e, [:], vectors: ["w": [0.25, -4]], sizes: ["n": 2])
        #expect(v.entries == [0.5, 0])
        #expect(Equivalence().compare(e, try parse("sqrt(max(w, 0))", scope)).isEqual)
    }

    @Test func differentValuesNeverPrintAlike() {
        let (a, b) = Value.distinctDescriptions(.scalar(-3.993251), .scalar(-3.993254))
        #expect(a != b)
        #expect(a == "-3.993251" && b == "-3.993254")
        let (c, d) = Value.distinctDescriptions(.matrix(rows: 2, cols: 1, data: [1.5, 2.0000001]), .matrix(rows: 2, cols: 1, data: [1.5, 2.0000002]))
        #expect(c != d)
        #expect(Value.distinctDescriptions(.scalar(0.1 + 0.2), .scalar(0.3)).0 != Value.distinctDescriptions(.scalar(0.1 + 0.2), .scalar(0.3)).1)
        // Equal values print alike at six digits.
        #expect(Value.distinctDescriptions(.scalar(2.5), .scalar(2.5)) == ("2.5", "2.5"))
    }
}
