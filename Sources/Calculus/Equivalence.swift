/// The outcome of comparing an answer with the truth.
public enum Verdict: Sendable {
    public enum Method: Sendable, Equatable { case symbolic, numeric(points: Int) }
    case equal(Method)
    case notEqual(Counterexample)
    case shapesDiffer(expected: Shape, actual: Shape)
    case undecidable(String)

    public var isEqual: Bool { if case .equal = self { return true }; return false }
}

/// A point where two expressions differ, with both values.
public struct Counterexample: Sendable {
    public var point: Environment
    public var expected: Value
    public var actual: Value
    /// The expected and the actual value, printed with enough digits to tell them apart.
    public var valueDescriptions: (expected: String, actual: String) { Value.distinctDescriptions(expected, actual) }
    /// The variables at the point, as `x = 1.2, w = [0.3; -1]`.
    public var pointDescription: String {
        var parts = point.values.filter { !point.sizes.keys.contains($0.key) }.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
        if !point.sizes.isEmpty { parts += point.sizes.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" } }
        return parts.joined(separator: ", ")
    }
}

/// Decides whether two expressions are equal: symbolically first, then at random points.
public struct Equivalence {
    /// Points compared when the symbolic test is not conclusive.
    public var samples = Sampling.decisionPoints
    /// Relative tolerance per entry.
    public var tolerance = Tolerances.relative
    public var seed = Sampling.seed
    public var conditions: [Condition] = []

    public init(conditions: [Condition] = [], samples: Int = Sampling.decisionPoints) { self.conditions = conditions; self.samples = samples }

    public static func close(_ a: Double, _ b: Double, tolerance: Double = Tolerances.relative) -> Bool {
        if a == b { return true }
        return abs(a - b) <= tolerance * (abs(a) + abs(b)) + tolerance * Tolerances.absoluteFraction
    }

    public func compare(_ expected: Expr, _ actual: Expr) -> Verdict {
        let truth: Expr, answer: Expr
        do {
            truth = try Differentiator.resolve(expected)
            answer = try Differentiator.resolve(actual)
        } catch {
            return .undecidable("\(error)")
        }
        let s1 = truth.shape, s2 = answer.shape
        guard s1.matches(s2) else { return .shapesDiffer(expected: s1, actual: s2) }
        let fittedAnswer = Shapes.fill(answer, s1)
        // Symbolic: the same canonical form, or a difference that simplifies to zero.
        let a = Simplifier.simplify(truth), b = Simplifier.simplify(fittedAnswer)
        if a == b || Simplifier.simplify(.difference(a, b)).isZero { return .equal(.symbolic) }
        return numeric(truth, fittedAnswer)
    }

    /// Compares at sample points; a point where either side is undefined is skipped, not counted.
    public func numeric(_ truth: Expr, _ answer: Expr) -> Verdict {
        var sampler = Sampler(expressions: [truth, answer], conditions: conditions, seed: seed)
        // Twice the points needed: those where the truth is undefined are skipped, not counted.
        let points = sampler.points(count: samples * 2)
        let wanted = samples + sampler.kinks.count * 2 + sampler.boundaryCount
        if points.isEmpty {
            return .undecidable(conditions.isEmpty ? "no sample point could be drawn" : "no sample point satisfies the where: conditions")
        }
        var compared = 0
        var lastError: String? = nil
        for env in points {
            var ev = Evaluator(env)
            let x: Value, y: Value
            do { x = try ev.evaluate(truth) } catch { lastError = "\(error)"; continue }
            guard x.isFinite else { continue }
            do { y = try ev.evaluate(answer) } catch {
                return .undecidable("the answer cannot be evaluated: \(error)")
            }
            if x.rows != y.rows || x.cols != y.cols {
                return .shapesDiffer(expected: truth.shape, actual: answer.shape)
            }
            // Far from the origin, equal forms round apart more and may overflow (e^1000): the tolerance is looser
            // and an answer that overflows there is not held against it.
            let far = Sampler.isFar(env)
            // A point where the truth is undefined is drawn again; one where only the answer is undefined is a
            // real difference (ln x + ln y is not ln(x y) where x, y < 0), reported with both values.
            guard y.isFinite else {
                if far { continue }
                return .notEqual(Counterexample(point: env, expected: x, actual: y))
            }
            let xe = x.entries, ye = y.entries
            let within = far ? Swift.max(tolerance, Tolerances.far) : tolerance
            for k in xe.indices where !Equivalence.close(xe[k], ye[k], tolerance: within) {
                return .notEqual(Counterexample(point: env, expected: x, actual: y))
            }
            compared += 1
            if compared >= wanted { break }
        }
        if compared == 0 {
            return .undecidable("no sample point where the expected value is defined" + (lastError.map { " (\($0))" } ?? ""))
        }
        return .equal(.numeric(points: compared))
    }
}
