import Testing
@testable import Calculus

/// What mcheck prints reads back as the same expression: generated expressions and their simplified
/// derivatives, printed in ASCII (as "read as" and `mcheck diff` show them), with every product explicit, and in
/// LaTeX (as the site renders them), parse again to an expression equal at sample points.
@Suite struct RoundTripTests {
    static let scalars = TestScopes.make("x, y: scalar")
    static let vectors = TestScopes.make("w, x: vector(n); z: scalar")

    /// `nil` when the printed form reads back equal; else what went wrong.
    static func failure(_ e: Expr, _ scope: Scope, styles: [Printer.Style] = [.ascii, .explicit, .latex]) -> String? {
        for style in styles {
            let text = Printer(style: style).print(e)
            let back: Expr
            do { back = try Parser.parse(text, scope: scope, syntax: style == .latex ? .latex : .ascii) } catch {
                return "\(style) \(text): \(error.message)"
            }
            guard back.shape.matches(e.shape) else { return "\(style) \(text): shape \(back.shape), not \(e.shape)" }
            if !Equivalence().compare(e, back).isEqual { return "\(style) \(text): reads back as \(Printer.ascii(back))" }
        }
        return nil
    }

    @Test func scalarExpressionsAndDerivatives() throws {
        var g = PropertyTests.Generator(seed: 7)
        var failures: [String] = [], count = 0
        for _ in 0..<600 {
            let text = g.scalar(3)
            guard let f = try? Parser.parse(text, scope: RoundTripTests.scalars) else { continue }
            for e in [f, Simplifier.simplify(try Differentiator.derivative(f, .scalar("x")))] {
                count += 1
                if let why = RoundTripTests.failure(e, RoundTripTests.scalars) { failures.append(why) }
            }
        }
        #expect(count >= 1000)
        #expect(failures.isEmpty, "\(failures.count) of \(count):\n\(failures.prefix(8).joined(separator: "\n"))")
    }

    @Test func vectorExpressionsAndGradients() throws {
        var g = PropertyTests.Generator(seed: 11)
        var failures: [String] = [], latexFailures: [String] = [], count = 0
        let w = RoundTripTests.vectors.lookup("w")!
        for _ in 0..<400 {
            let text = g.vectorScalar(2)
            guard let f = try? Parser.parse(text, scope: RoundTripTests.vectors) else { continue }
            for e in [f, Simplifier.simplify(try Differentiator.derivative(f, w))] {
                count += 1
                if let why = RoundTripTests.failure(e, RoundTripTests.vectors, styles: [.ascii, .explicit]) { failures.append(why) }
                if let why = RoundTripTests.failure(e, RoundTripTests.vectors, styles: [.latex]) { latexFailures.append(why) }
            }
        }
        #expect(count >= 600)
        #expect(failures.isEmpty, "\(failures.count) of \(count):\n\(failures.prefix(8).joined(separator: "\n"))")
        // Known: in LaTeX, an n×n matrix of ones beside I reads back with the wrong sizes (a bare \mathbf{1} has none),
        // and a vector condition's cases followed by ^T; 16 of 796 today.
        withKnownIssue {
            #expect(latexFailures.isEmpty, "\(latexFailures.count) of \(count):\n\(latexFailures.prefix(8).joined(separator: "\n"))")
        }
        #expect(latexFailures.count <= 16, "more LaTeX forms fail to read back than before: \(latexFailures.count)")
    }
}
