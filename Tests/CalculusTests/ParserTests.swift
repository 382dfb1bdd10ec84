import Foundation
import Testing
@testable import Calculus

/// The ASCII syntax students type.
@Suite struct ParserTests {
    static let readings: [(String, String)] = [
        ("42", "42"), ("0.25", "1/4"), ("1/2", "1/2"), ("3.5x", "7*x/2"), (".5", "1/2"),
        ("3x^2y", "3*x^2*y"), ("2(x+1)", "2*(1 + x)"), ("x y", "x*y"), ("xy", "x*y"), ("a b c", "a*b*c"),
        ("sin x", "sin(x)"), ("sinx", "sin(x)"), ("sin 2x y", "sin(2*x*y)"), ("sin^2 x", "sin(x)^2"),
        ("x**2", "x^2"), ("x^-1", "1/x"), ("-x^2", "-x^2"), ("x/y/z", "x/(y*z)"), ("2^3^2", "2^(3^2)"),
        ("x - y - z", "x - y - z"), ("e^x", "e^x"), ("pi x", "pi*x"), ("2 pi", "2*pi"),
        ("2xcos(x)", "2*x*cos(x)"), ("xsin x", "x*sin(x)"), ("xyz", "x*y*z"), ("x1 y2", "x_1*y_2"),
        // A function in a word takes what follows up to the next function; digits after it begin its argument.
        ("2sinxcosx", "2*sin(x)*cos(x)"), ("sinycosz", "sin(y)*cos(z)"), ("cos2x", "cos(2*x)"), ("3cos3x", "3*cos(3*x)"),
        ("2cos2xsinx", "2*cos(2*x)*sin(x)"), ("sinx+xcosx", "sin(x) + x*cos(x)"), ("log2(x)", "ln(x)/ln(2)"),
    ]

    /// The hint of an unknown word never spells a function letter by letter.
    @Test func unknownWordHintNeverSpellsAFunction() {
        let e = parseError("sinqwertzuiop")
        #expect(e?.kind == .unknownName)
        #expect(e.map { !$0.message.hasSuffix(")") } == true, "\(String(describing: e))")
        #expect(parseError("qwerty")?.message.hasSuffix("(q*w*e*r*t*y)") == true)
    }

    /// Run-together words that are no product of known names are errors, not silent products.
    @Test(arguments: [("cosine(x)", "unknown function 'cosine'"), ("abc(x)", "unknown function 'abc'"), ("qwerty", "unknown name 'qwerty'"),
                        ("permute", "unknown name 'permute'"), ("logits x", "unknown name 'logits'")])
    func unknownWords(text: String, message: String) {
        #expect(throws: CalculusError.self) { try Parser.parse(text) }
        do { _ = try Parser.parse(text) } catch let e {
            #expect(e.message.contains(message), "\(e.message)")
            #expect(e.kind == .unknownName)
            #expect(e.offset == 0)
        }
    }

    @Test(arguments: readings)
    func readsAsExplicitProducts(text: String, explicit: String) throws {
        #expect(try readAs(text) == explicit)
    }

    @Test func numbersAreExactRationals() throws {
        #expect(try parse("0.1") == .number(.fraction(1, 10)))
        #expect(try parse("3.0001") != (try parse("3")))
        #expect(try parse("1/2") == .number(.fraction(1, 2)))
        #expect(try parse("2/4 + 1/4") == .number(.fraction(3, 4)))
    }

    @Test func constants() throws {
        #expect(try parse("e") == .constant(.e))
        #expect(try parse("pi") == .constant(.pi))
        #expect(try parse("π") == .constant(.pi))
        let v = try evaluate(try parse("e^2 + pi"), [:])
        #expect(abs(v.entries[0] - (M_E * M_E + Double.pi)) < 1e-12)
    }

    /// Every function, checked by its value at x = 0.7, y = 0.3.
    static let functionValues: [(String, Double)] = [
        ("sin(x)", sin(0.7)), ("cos x", cos(0.7)), ("tan(x)", tan(0.7)), ("exp(x)", exp(0.7)),
        ("log(x)", log(0.7)), ("ln x", log(0.7)), ("sqrt(x)", sqrt(0.7)), ("abs(x - 1)", 0.3), ("|x - 1|", 0.3),
        ("sinh(x)", sinh(0.7)), ("cosh(x)", cosh(0.7)), ("tanh(x)", tanh(0.7)), ("sigmoid(x)", 1 / (1 + exp(-0.7))),
        ("max(x, y)", 0.7), ("min(x, y)", 0.3), ("relu(-x)", 0), ("x^y", pow(0.7, 0.3)), ("2x + 3y", 2.3),
    ]

    @Test(arguments: functionValues)
    func functionsEvaluate(text: String, value: Double) throws {
        let v = try evaluate(try parse(text, TestScopes.scalars), ["x": 0.7, "y": 0.3])
        #expect(abs(v.entries[0] - value) < 1e-12, "\(text)")
    }

    @Test func vectorFunctions() throws {
        let s = TestScopes.vectors
        let w = [1.0, 2, 3], x = [4.0, -5, 6]
        func at(_ text: String) throws -> Value { try evaluate(try parse(text, s), ["z": 2], vectors: ["w": w, "x": x], sizes: ["n": 3]) }
        #expect(try at("sum(x)").entries == [5])
        #expect(try at("dot(w, x)").entries == [12])
        #expect(try at("w . x").entries == [12])
        #expect(try at("w^T x").entries == [12])
        #expect(try at("tr(diag(x))").entries == [5])
        #expect(try at("diag(w) x").entries == [4, -10, 18])
        #expect(try at("ones(n)^T x").entries == [5])
        #expect(try at("zeros(n) + w").entries == w)
        #expect(try at("I(n) w").entries == w)
        #expect(try at("I x").entries == x)
        #expect(try parse("ones(n)", s).shape == .column(.named("n")))
        #expect(try parse("zeros(2, 3)").shape == Shape(.fixed(2), .fixed(3)))
        #expect(try parse("I(n)", s).shape == Shape(.named("n"), .named("n")))
    }

    @Test func bracketLiterals() throws {
        #expect(try parse("[a, b]").shape == .row(.fixed(2)))
        #expect(try parse("[a; b]").shape == .column(.fixed(2)))
        let m = try parse("[[a, b], [c, d]]")
        #expect(m.shape == Shape(.fixed(2), .fixed(2)))
        #expect(Printer.ascii(m) == "[[a, b], [c, d]]")
        let v = try evaluate(try parse("[[1, 2], [3, 4]] [1; 1]"), [:])
        #expect(v.entries == [3, 7])
    }

    @Test func transposes() throws {
        let s = TestScopes.vectors
        #expect(try parse("x^T", s).shape == .row(.named("n")))
        #expect(try readAs("x^T", s) == "x^T")
        #expect(try parse("x'", s) == (try parse("x^T", s)))
        #expect(try parse("x^T^T", s) == .variable(.vector("x", .named("n"))))
        #expect(try parse("[a, b]'").shape == .column(.fixed(2)))
    }

    @Test(arguments: ["w .* x", "w ⊗ x", "w ⊙ x", "w ∘ x"])
    func elementwiseProducts(text: String) throws {
        #expect(try readAs(text, TestScopes.vectors) == "w .* x")
        let v = try evaluate(try parse(text, TestScopes.vectors), [:], vectors: ["w": [1, 2], "x": [3, 4]], sizes: ["n": 2])
        #expect(v.entries == [3, 8])
    }

    @Test func elementwiseDivisionAndPower() throws {
        let s = TestScopes.vectors
        #expect(try readAs("w ./ x", s) == "w ./ x")
        #expect(try parse("w ⊘ x", s) == (try parse("w ./ x", s)))
        #expect(try readAs("x .^ 2", s) == "x.^2")
        let v = try evaluate(try parse("w ./ x + x .^ 2", s), [:], vectors: ["w": [1, 2], "x": [4, 8]], sizes: ["n": 2])
        #expect(v.entries == [16.25, 64.25])
    }

    static let piecewiseValues: [(String, Double, Double)] = [
        ("if(x < 0, x, 2x)", -1.0, -1.0), ("if(x < 0, x, 2x)", 0, 0), ("if(x <= 0, 5, 6)", 0, 5), ("if(x > 0, 5, 6)", 0, 6),
        ("if(x >= 0, 5, 6)", 0, 5), ("if(x >= 0, 5, 6)", -0.5, 6), ("if(x > 1, x^2, -x)", 2, 4),
    ]

    @Test(arguments: piecewiseValues)
    func piecewise(text: String, x: Double, value: Double) throws {
        #expect(try evaluate(try parse(text), ["x": x]).entries == [value])
    }

    @Test func spacedDotIsADotProductButDecimalsAreNumbers() throws {
        let s = TestScopes.vectors
        #expect(try readAs("w . x", s) == "w^T*x")
        #expect(try readAs("dot(w, x)", s) == "w^T*x")
        #expect(try parse("w . x", s).shape == .scalar)
        #expect(try parse("w^T x", s).shape == .scalar)
        #expect(try parse("w . x", s) == (try parse("dot(w, x)", s)))
        #expect(try readAs("3.5") == "7/2")
        #expect(try readAs("2 . 3") == "6")
    }

    @Test func declarationsGiveShapesAndLaterOnesWin() throws {
        let s = try Scope(declarations: "x, y: scalar; w, x: vector(n); X: matrix(N, n)")
        #expect(s.lookup("x")?.shape == .column(.named("n")))
        #expect(s.lookup("y")?.shape == .scalar)
        #expect(s.lookup("X")?.shape == .matrix(.named("N"), .named("n")))
        #expect(try parse("X w", s).shape == .column(.named("N")))
        #expect(try parse("w^T X^T", s).shape == .row(.named("N")))
        #expect(try parse("y x", s).shape == .column(.named("n")))
        let f = TestScopes.loss
        #expect(f.lookup("x")?.kind == .family)
    }

    @Test func subscripts() throws {
        let s = TestScopes.vectors
        #expect(try parse("x_1", s) == .index(.variable(.vector("x", .named("n"))), .integer(1)))
        #expect(try parse("x_1", s).shape == .scalar)
        #expect(try evaluate(try parse("x_2", s), [:], vectors: ["x": [5, 7]], sizes: ["n": 2]).entries == [7])
        // Undeclared (or scalar) names: a subscript is part of the name.
        for text in ["x_1", "x1"] { #expect(try parse(text) == .variable(.scalar("x_1")), "\(text)") }
        #expect(try parse("x_{1}", syntax: .latex) == .variable(.scalar("x_1")))
        #expect(try parse("y_1", s) == .variable(.scalar("y_1")))
    }

    @Test func seriesOverAFamily() throws {
        let s = TestScopes.loss
        let e = try parse("sum(x_i, i, 1, N)", s)
        #expect(e.shape == .column(.named("n")))
        #expect(try readAs("sum(y_i^2, i, 1, N)", s) == "sum(y_i^2, i, 1, N)")
        var env = Environment(sizes: ["N": 2, "n": 3])
        env.values["x"] = .matrix(rows: 2, cols: 3, data: [1, 2, 3, 10, 20, 30])
        env.values["N"] = .scalar(2)
        var ev = Evaluator(env)
        #expect(try ev.evaluate(e).entries == [11, 22, 33])
        #expect(try ev.evaluate(try parse("x_2", s)).entries == [10, 20, 30])
        let loss = try parse("1/N sum((y_i - max(0, w . x_i + b))^2, i, 1, N)", s)
        #expect(loss.shape == .scalar)
    }

    @Test func longSumsAndProductsParseInLinearTime() throws {
        // 90,000 terms: quadratic work here would take minutes.
        let sum = try parse(String(repeating: "x+", count: 90_000) + "x")
        #expect(try evaluate(sum, ["x": 1]).entries == [90_001])
        let product = try parse(String(repeating: "x*", count: 30_000) + "x")
        if case .mul(let xs) = product { #expect(xs.count == 30_001) } else { Issue.record("not a product") }
        let quotient = try parse(String(repeating: "x/", count: 30_000) + "x")
        #expect(try evaluate(quotient, ["x": 1]).entries == [1])
        let implicit = try parse(String(repeating: "x y ", count: 20_000))
        #expect(try evaluate(implicit, ["x": 1, "y": -1]).entries == [1])
    }

    /// A list of variables may mix shapes: the gradient with respect to [w, b] is [∂f/∂w, ∂f/∂b].
    @Test func mixedVariableList() throws {
        let scope = try Scope(declarations: "w, x: vector(n); b: scalar")
        let e = try Parser.parse("gradient(w . x + b, [w, b])", scope: scope)
        let d = Simplifier.simplify(try Differentiator.resolve(e))
        #expect(Printer.ascii(d) == "[x^T, 1]")
        #expect(d.shape.rows == .one)
        #expect(throws: CalculusError.self) { try Parser.parse("gradient(x^2, [x, 2])") }
    }
}

private func parse(_ text: String, syntax: Syntax) throws -> Expr { try Parser.parse(text, syntax: syntax) }
