/// Central finite differences: an independent check of the symbolic differentiator.
public enum FiniteDifferences {
    /// ∂f/∂v at a point, laid out like `Differentiator.derivative` (numerator layout).
    public static func derivative(of f: Expr, wrt v: Variable, at env: Environment) throws(CalculusError) -> Value {
        // An entry of a vector: that vector perturbed at that entry only.
        var entry: Int? = nil, name = v.name
        if let position = v.entryPosition {
            guard let values = env.values[position.vector], position.index <= values.count else {
                throw CalculusError(.evaluation, "no entry \(v.name) at this point")
            }
            entry = position.index - 1; name = position.vector
        }
        guard let base = env.values[name] else { throw CalculusError(.evaluation, "no value for \(name)") }
        var ev = Evaluator(env)
        let f0 = try ev.evaluate(f)
        let k = base.count, m = f0.count
        var columns: [[Double]] = []
        for j in entry.map({ [$0] }) ?? Array(0..<k) {
            var entries = base.entries
            let x = entries[j]
            let h = Tolerances.finiteDifferenceStep * Swift.max(1, abs(x))
            entries[j] = x + h
            ev.environment.values[name] = Value.make(base.rows, base.cols, entries)
            let plus = try ev.evaluate(f).entries
            entries[j] = x - h
            ev.environment.values[name] = Value.make(base.rows, base.cols, entries)
            let minus = try ev.evaluate(f).entries
            columns.append((0..<m).map { (plus[$0] - minus[$0]) / (2 * h) })
        }
        if v.shape.isScalar { return Value.make(f0.rows, f0.cols, columns[0]) }
        if v.shape.isMatrix { return Value.make(base.rows, base.cols, columns.map { $0[0] }) }
        // Jacobian: row i is ∂f_i/∂v.
        var data = [Double](repeating: 0, count: m * k)
        for i in 0..<m { for j in 0..<k { data[i * k + j] = columns[j][i] } }
        return Value.make(m, k, data)
    }

    /// The largest relative error between a symbolic derivative and central differences over sample points.
    public struct Report: Sendable {
        public var points: Int
        public var largestError: Double
        public var worst: Counterexample?
    }

    public static func check(_ f: Expr, wrt v: Variable, derivative: Expr, conditions: [Condition] = [], samples: Int = Sampling.derivativeCheckPoints) throws(CalculusError) -> Report {
        let f = try Differentiator.resolve(f)
        var wrt = Expr.variable(v)
        if let position = v.entryPosition, let vector = f.variables.first(where: { $0.name == position.vector }) {
            wrt = .index(.variable(vector), .integer(position.index))
        }
        var sampler = Sampler(expressions: [f, derivative, wrt], conditions: conditions)
        var report = Report(points: 0, largestError: 0, worst: nil)
        // Central differences straddle a kink near its boundary and lose precision far out: near the origin only.
        for env in sampler.points(count: samples, boundaries: false, wide: false) {
            var ev = Evaluator(env)
            guard let value = try? ev.evaluate(f), value.isFinite else { continue }
            let symbolic = try ev.evaluate(derivative)
            guard let numeric = try? FiniteDifferences.derivative(of: f, wrt: v, at: env), numeric.isFinite else { continue }
            guard symbolic.count == numeric.count else {
                throw CalculusError(.shape, "the derivative is \(symbolic.rows)×\(symbolic.cols) but finite differences give \(numeric.rows)×\(numeric.cols)")
            }
            report.points += 1
            for (a, b) in zip(symbolic.entries, numeric.entries) {
                let err = abs(a - b) / Swift.max(1, abs(a), abs(b))
                if !(err <= report.largestError) {
                    report.largestError = err
                    report.worst = Counterexample(point: env, expected: numeric, actual: symbolic)
                }
            }
        }
        return report
    }
}
