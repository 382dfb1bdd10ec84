import Testing
@testable import Calculus

/// Hostile input: long answers, long products and deep nesting are read, differentiated and simplified right,
/// and too much of them is a clear limit error (their cost is measured by `mcheck-bench hostile`, not here).
@Suite struct HostileInputTests {
    @Test(arguments: [3_000, 10_000])
    func longProductsDifferentiate(n: Int) throws {
        let f = try parse(String(repeating: "x ", count: n))
        if case .mul(let xs) = f { #expect(xs.count == n) } else { Issue.record("not a product") }
        let d = Simplifier.simplify(try Differentiator.derivative(f, .scalar("x")))
        #expect(d == .product([.integer(n), .power(.symbol("x"), .integer(n - 1))]))
        #expect(Printer.ascii(Simplifier.simplify(f)) == "x^\(n)")
        let explicit = try parse(Array(repeating: "x", count: n).joined(separator: " * "))
        #expect(explicit == f)
    }

    @Test(arguments: [3_000, 10_000])
    func longSumsSimplifyAndDifferentiate(n: Int) throws {
        let f = try parse(Array(repeating: "x^2", count: n).joined(separator: " + "))
        if case .add(let xs) = f { #expect(xs.count == n) } else { Issue.record("not a sum") }
        #expect(Printer.ascii(Simplifier.simplify(f)) == "\(n)x^2")
        let d = Simplifier.simplify(try Differentiator.derivative(f, .scalar("x")))
        #expect(Printer.ascii(d) == "\(2 * n)x")
    }

    @Test(arguments: [3_000, 10_000])
    func longElementwiseChains(n: Int) throws {
        let scope = TestScopes.make("x: vector(n)")
        let chain = try parse(Array(repeating: "x", count: n).joined(separator: " .* "), scope)
        guard case .hadamard(let xs) = chain else { Issue.record("not an element-wise product"); return }
        #expect(xs.count == n)
        #expect(chain.shape == .column(.named("n")))
        // Scalars multiplied element-wise are a plain product: its derivative is n x^(n-1).
        let scalars = try parse(Array(repeating: "x", count: n).joined(separator: " .* "))
        let d = Simplifier.simplify(try Differentiator.derivative(scalars, .scalar("x")))
        #expect(d == .product([.integer(n), .power(.symbol("x"), .integer(n - 1))]))
        let quotients = try parse("x" + String(repeating: " ./ x", count: n), scope)
        if case .hadamard(let qs) = quotients { #expect(qs.count == n + 1) } else { Issue.record("not an element-wise quotient") }
    }

    @Test(arguments: [3_000, 10_000])
    func longMatrixChains(n: Int) throws {
        let scope = TestScopes.make("A: matrix(n, n); x: vector(n)")
        let chain = try parse(String(repeating: "A ", count: n) + "x", scope)
        guard case .matmul(let fs) = chain else { Issue.record("not a matrix product"); return }
        #expect(fs.count == n + 1)
        #expect(chain.shape == .column(.named("n")))
        let error = try #require(parseError(String(repeating: "A ", count: n) + "x x", scope))
        #expect(error.kind == .shape)
        #expect(error.message.contains("cannot multiply a n×1 column by a n×1 column"))
        // A 1×1 product in the middle of a chain is a scalar that scales the rest.
        let scaled = try parse("x^T A x A", scope)
        #expect(scaled.shape == Shape(.named("n"), .named("n")))
    }

    @Test func answerOf240KilobytesParses() throws {
        var text = ""
        while text.utf8.count < 240_000 { text += "x^2 + 3 x y - x^2 - 3 x y + " }
        text += "2 x"
        let e = try parse(text)
        #expect(Printer.ascii(Simplifier.simplify(e)) == "2x")
        let spaced = String(repeating: " ", count: 240_000) + "2 x" + String(repeating: "\n", count: 1_000)
        #expect(try parse(spaced) == .product([.integer(2), .symbol("x")]))
        let error = try #require(parseError(String(repeating: "x+", count: 500_000) + "x"))
        #expect(error.kind == .limit)
        #expect(error.message == "the expression is too long (1000001 characters; the limit is 1000000)")
    }

    // Absolute values nest with a space between bars: `||` together is a norm's bar.
    @Test(arguments: [("(", ")"), ("[", "]"), ("{", "}"), ("\\left(", "\\right)"), ("| ", " |"), ("‖", "‖")])
    func twoHundredFiftySixNestedBracketsParse(open: String, close: String) throws {
        let fits = String(repeating: open, count: 256) + "x" + String(repeating: close, count: 256)
        let e = try parse(fits)
        #expect(e == .variable(.scalar("x")) || e.variables == [.scalar("x")])
        for count in [257, 20_000] {
            let text = String(repeating: open, count: count) + "x" + String(repeating: close, count: count)
            let error = try #require(parseError(text), "\(open) × \(count)")
            #expect(error.kind == .limit)
            #expect(error.message.contains("more than 256 nested brackets"))
            // The error points at the opening bracket that is one too many.
            #expect(error.offset == 256 * open.unicodeScalars.count)
        }
    }

    @Test func nestingCountsCallsExponentsAndSigns() throws {
        #expect(parseError(String(repeating: "sin(", count: 256) + "x" + String(repeating: ")", count: 256)) == nil)
        #expect(parseError(String(repeating: "sin(", count: 257) + "x" + String(repeating: ")", count: 257))?.kind == .limit)
        #expect(parseError(String(repeating: "-", count: 256) + "x") == nil)
        #expect(parseError(String(repeating: "-", count: 257) + "x")?.kind == .limit)
        #expect(parseError(String(repeating: "x^", count: 256) + "x") == nil)
        #expect(parseError(String(repeating: "x^", count: 257) + "x")?.kind == .limit)
        // Deep input is read on a large stack whatever the caller's: a thread with a small one is fine.
        let deep = String(repeating: "(", count: 256) + "x" + String(repeating: ")", count: 256)
        #expect(onLargeStack(bytes: 1 << 20) { (try? Parser.parse(deep)) != nil })
    }

    @Test func splitEquationKeepsOffsets() {
        let sides = Parser.splitEquation("dy/dx = \\begin{cases} a = 1 \\end{cases} = é(x = 1) = 2x")
        #expect(sides.map(\.text) == ["dy/dx ", " \\begin{cases} a = 1 \\end{cases} ", " é(x = 1) ", " 2x"])
        #expect(sides.map(\.offset) == [0, 7, 41, 52])
        #expect(Parser.splitEquation("2x").map(\.text) == ["2x"])
        #expect(Parser.splitEquation("a \\= b = c").map(\.text) == ["a \\= b ", " c"])
    }
}
