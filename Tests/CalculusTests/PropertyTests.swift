import Testing
@testable import Calculus

/// Random expressions from a seeded generator: every derivative agrees with central differences,
/// and simplifying never changes a value.
@Suite struct PropertyTests {
    /// Builds expression text; the same seed gives the same expressions.
    struct Generator {
        var rng: SeededGenerator
        init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

        mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }

        /// Scalars over x and y.
        mutating func scalar(_ depth: Int) -> String {
            if depth == 0 { return pick(["x", "y", "x", "y", "2", "3", "(1/2)"]) }
            let a = scalar(depth - 1)
            switch Int.random(in: 0..<16, using: &rng) {
            case 0: return "(\(a) + \(scalar(depth - 1)))"
            case 1: return "(\(a) - \(scalar(depth - 1)))"
            case 2, 3: return "(\(a) * \(scalar(depth - 1)))"
            case 4: return "(\(a) / (\(scalar(depth - 1))^2 + 1))"
            case 5: return "(\(a))^\(pick([2, 3]))"
            case 6: return "sin(\(a))"
            case 7: return "cos(\(a))"
            case 8: return "exp(\(pick(["sin", "tanh", "cos"]))(\(a)))"
            case 9: return "ln((\(a))^2 + 1)"
            case 10: return "sqrt((\(a))^2 + 1)"
            case 11: return "tanh(\(a))"
            case 12: return "sigmoid(\(a))"
            case 13: return "max(\(a), \(scalar(depth - 1)))"
            case 14: return "\(pick(["2", "3", "x", "y"])) \(a)"
            default: return "min(\(a), \(scalar(depth - 1)))"
            }
        }

        /// Vectors over w and x (length n), with the scalar z.
        mutating func vector(_ depth: Int) -> String {
            if depth == 0 { return pick(["w", "x", "w", "x"]) }
            let a = vector(depth - 1)
            switch Int.random(in: 0..<11, using: &rng) {
            case 0: return "(\(a) .* \(vector(depth - 1)))"
            case 1: return "(\(a) + \(vector(depth - 1)))"
            case 2: return "(\(a) - \(vector(depth - 1)))"
            case 3: return "\(pick(["sin", "tanh", "sigmoid", "cos"]))(\(a))"
            case 4: return "exp(sin(\(a)))"
            case 5: return "\(pick(["z", "2", "(w . x)"])) \(a)"
            case 6: return "(\(a) + \(pick(["z", "1", "sum(w)"])))"
            case 7: return "(\(a)) .^ 2"
            case 8: return "max(\(a), \(vector(depth - 1)))"
            case 9: return "\(a) ./ (\(vector(depth - 1)) .^ 2 + 1)"
            default: return "(\(a)) (\(vectorScalar(depth - 1)))"
            }
        }

        /// Scalars built from vectors.
        mutating func vectorScalar(_ depth: Int) -> String {
            if depth == 0 { return pick(["sum(w)", "w . x", "z", "dot(x, w)"]) }
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: return "sum(\(vector(depth)))"
            case 1: return "dot(\(vector(depth - 1)), \(vector(depth - 1)))"
            case 2: return "(\(vector(depth - 1))) . (\(vector(depth - 1)))"
            case 3: return "sin(\(vectorScalar(depth - 1)))"
            case 4: return "(\(vectorScalar(depth - 1)) * \(vectorScalar(depth - 1)))"
            default: return "sigmoid(sum(\(vector(depth - 1))))"
            }
        }
    }

    static let scalarScope = TestScopes.scalars
    static let vectorScope = TestScopes.make("z: scalar; w, x: vector(n)")

    /// Checks d/dv f against central differences; returns a description of the failure, or nil.
    static func failure(_ text: String, wrt name: String, _ scope: Scope) -> String? {
        do {
            let f = try Parser.parse(text, scope: scope)
            let v = variable(name, scope)
            let d = try Differentiator.derivative(f, v)
            let report = try FiniteDifferences.check(f, wrt: v, derivative: d, samples: 6)
            if !(report.largestError < 1e-5) {
                return "d/d\(name) \(text) = \(Printer.ascii(d)): error \(report.largestError) at \(report.worst?.pointDescription ?? "?")"
            }
            let s = Simplifier.simplify(d)
            let simplified = try FiniteDifferences.check(f, wrt: v, derivative: s, samples: 4)
            if !(simplified.largestError < 1e-5) {
                return "simplified d/d\(name) \(text) = \(Printer.ascii(s)): error \(simplified.largestError)"
            }
            return nil
        } catch {
            return "\(text): \(error)"
        }
    }

    @Test func randomScalarDerivatives() {
        var g = Generator(seed: 0x5EED_0001)
        var failures: [String] = []
        var count = 0
        for k in 0..<320 {
            let text = g.scalar(1 + k % 3)
            count += 1
            if let f = Self.failure(text, wrt: k % 2 == 0 ? "x" : "y", Self.scalarScope) { failures.append(f) }
        }
        #expect(count >= 300)
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test func randomVectorDerivatives() {
        var g = Generator(seed: 0x5EED_0002)
        var failures: [String] = []
        for k in 0..<120 {
            let (text, v) = k % 3 == 2 ? (g.vectorScalar(1 + k % 2), k % 2 == 0 ? "w" : "z") : (g.vector(1 + k % 2), k % 2 == 0 ? "w" : "x")
            if let f = Self.failure(text, wrt: v, Self.vectorScope) { failures.append(f) }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    /// A fuzz of the simplifier: raw derivatives (large, unsimplified trees) keep their values.
    @Test func simplifyingKeepsValues() throws {
        var g = Generator(seed: 0x5EED_0003)
        var failures: [String] = []
        for k in 0..<300 {
            let vectorCase = k % 3 == 0
            let scope = vectorCase ? Self.vectorScope : Self.scalarScope
            let text = vectorCase ? g.vector(2) : g.scalar(2 + k % 2)
            let e: Expr
            do {
                let f = try Parser.parse(text, scope: scope)
                e = k % 2 == 0 ? f : try Differentiator.derivative(f, variable(vectorCase ? "w" : "x", scope))
            } catch { failures.append("\(text): \(error)"); continue }
            let s = Simplifier.simplify(e)
            var sampler = Sampler(expressions: [e], seed: UInt64(k))
            for env in sampler.points(count: 4) {
                var ev = Evaluator(env)
                guard let a = try? ev.evaluate(e), a.isFinite else { continue }
                guard let b = try? ev.evaluate(s) else { failures.append("\(Printer.ascii(s)) cannot be evaluated"); break }
                let close = a.count == b.count && zip(a.entries, b.entries).allSatisfy { abs($0 - $1) <= 1e-9 * Swift.max(1, abs($0), abs($1)) }
                if !close { failures.append("simplify(\(Printer.ascii(e))) = \(Printer.ascii(s)): \(a) vs \(b) at \(env.values)"); break }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    @Test func generatorIsDeterministic() {
        var a = Generator(seed: 7), b = Generator(seed: 7)
        let xs = (0..<20).map { _ in a.scalar(3) }, ys = (0..<20).map { _ in b.scalar(3) }
        #expect(xs == ys)
        #expect(Set(xs).count > 10)
    }
}
