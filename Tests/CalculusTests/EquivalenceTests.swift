import Testing
@testable import Calculus

/// Deciding whether an answer equals the truth.
@Suite struct EquivalenceTests {
    static let scope = TestScopes.make("x, y, z: scalar; w, v: vector(n)")

    func verdict(_ truth: String, _ answer: String, where conditions: String = "") throws -> Verdict {
        let s = Self.scope
        let c = conditions.isEmpty ? [] : try Parser.parseConditions(conditions, scope: s)
        return Equivalence(conditions: c).compare(try parse(truth, s), try parse(answer, s))
    }

    static let equal: [(String, String, String)] = [
        ("1", "sin(x)^2 + cos(x)^2", ""), ("ln(x y)", "ln x + ln y", "x > 0; y > 0"), ("x^2 + 2x + 1", "(x+1)^2", ""),
        ("w . v", "v^T w", ""), ("w . v", "sum(w .* v)", ""), ("2/x", "1/x^2 * 2x", ""), ("exp(2x)", "exp(x)^2", ""),
        ("tanh(x)", "2 sigmoid(2x) - 1", ""), ("sqrt(x^2)", "abs(x)", ""), ("max(0, z)", "if(z > 0, z, 0)", ""),
        ("if(z > 0, 1, 0)", "if(z >= 0, 1, 0)", ""), ("max(x, y)", "-min(-x, -y)", ""), ("1/2", "0.5", ""),
        ("diag(w) v", "w .* v", ""), ("[x, y]", "[x, y]", ""), ("sqrt(x)^2", "x", "x > 0"),
    ]

    @Test(arguments: equal)
    func equalForms(truth: String, answer: String, conditions: String) throws {
        let v = try verdict(truth, answer, where: conditions)
        #expect(v.isEqual, "\(answer) vs \(truth): \(v)")
    }

    @Test func logRuleNeedsItsConditions() throws {
        // Without `x > 0; y > 0` the answer is undefined where the truth is not.
        guard case .notEqual(let c) = try verdict("ln(x y)", "ln x + ln y") else { Issue.record("not caught"); return }
        #expect(c.expected.isFinite)
        #expect(!c.actual.isFinite)
    }

    static let nearMisses: [(String, String)] = [
        ("3x^2", "3.0001x^2"), ("sin(x)", "cos(x)"), ("x^2", "x^2 + 0.001"), ("2/x", "2/x^2"), ("w . v", "sum(w)"),
        ("if(z > 0, 1, 0)", "if(z > 0, 0, 1)"), ("max(0, z)", "if(z > 1, z, 0)"), ("max(0, z)", "if(z > 0, z, 1)"),
        ("if(z > 0, z, -z)", "z"), ("tanh(x)", "sigmoid(x)"),
    ]

    @Test(arguments: nearMisses)
    func nearMissesAreCaught(truth: String, answer: String) throws {
        let v = try verdict(truth, answer)
        guard case .notEqual(let c) = v else { Issue.record("\(answer) accepted for \(truth): \(v)"); return }
        // The counterexample carries both values, and they differ at its point.
        let s = Self.scope
        var ev = Evaluator(c.point)
        let t = try ev.evaluate(try parse(truth, s)), a = try ev.evaluate(try parse(answer, s))
        #expect(t.entries == c.expected.entries)
        #expect(a.entries == c.actual.entries)
        #expect(t.entries != a.entries)
        #expect(!c.pointDescription.isEmpty)
    }

    @Test func piecewiseWrongOnOneSideOfTheKinkIsCaught() throws {
        // Right for z > 0 only: the sampler must visit z < 0.
        for answer in ["if(z > 0, 1, 1)", "if(z > 0, 1, -1)", "1"] {
            #expect(!(try verdict("if(z > 0, 1, 0)", answer).isEqual), "\(answer)")
        }
        // Right for z < 0 only.
        #expect(!(try verdict("max(0, z)", "0").isEqual))
        #expect(!(try verdict("max(0, z)", "z").isEqual))
        // The kink of a vector condition, element-wise.
        #expect(!(try verdict("max(0, w)", "w").isEqual))
        #expect(try verdict("max(0, w)", "if(w > 0, w, zeros(n))").isEqual)
    }

    @Test func shapesDiffer() throws {
        guard case .shapesDiffer(let e, let a) = try verdict("[x, y]", "[x; y]") else { Issue.record("row vs column"); return }
        #expect(e == .row(.fixed(2)) && a == .column(.fixed(2)))
        guard case .shapesDiffer = try verdict("w", "w^T") else { Issue.record("column vs row"); return }
        guard case .shapesDiffer = try verdict("w . v", "w .* v") else { Issue.record("scalar vs vector"); return }
    }

    @Test func verdictsAreDeterministic() throws {
        for (truth, answer) in [("3x^2", "3.0001x^2"), ("sin(x)", "cos(x)"), ("if(z > 0, 1, 0)", "if(z > 0, 0, 1)")] {
            let a = try verdict(truth, answer), b = try verdict(truth, answer)
            guard case .notEqual(let c1) = a, case .notEqual(let c2) = b else { Issue.record("\(truth)"); continue }
            #expect(c1.pointDescription == c2.pointDescription)
            #expect(c1.expected.entries == c2.expected.entries && c1.actual.entries == c2.actual.entries)
        }
        let e1 = try verdict("(x+1)^2", "x^2+2x+1"), e2 = try verdict("(x+1)^2", "x^2+2x+1")
        #expect(e1.isEqual && e2.isEqual)
    }

    @Test func symbolicShortcut() throws {
        guard case .equal(.symbolic) = try verdict("w . v", "v^T w") else { Issue.record("w . v vs v^T w not symbolic"); return }
        guard case .equal(.symbolic) = try verdict("2x + 3x", "5x") else { Issue.record("2x + 3x vs 5x not symbolic"); return }
    }
}
