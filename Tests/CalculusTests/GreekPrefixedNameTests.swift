import Testing
@testable import Calculus

/// An increment `Δx` (chapter 9's total derivative takes f at x + Δx) or a variation `δw`, declared, is one name in
/// every syntax; undeclared, `Δx` keeps its old reading, Δ times x.
@Suite struct GreekPrefixedNameTests {
    static let increments = TestScopes.make("x, Δx: scalar")

    @Test(arguments: ["Δx", "Δ x", "Delta x", "\\Delta x", "\\Delta{x}", "\\Delta {x}"])
    func theDeclaredIncrementIsOneName(text: String) throws {
        let e = try parse(text, Self.increments)
        #expect(e == .variable(Self.increments.lookup("Δx")!), "\(text): \(Printer.ascii(e))")
    }

    @Test(arguments: ["\\Delta x: scalar", "\\Delta{x}: scalar", "Δx: scalar"])
    func aLetLineMayWriteTheNameInLatex(declaration: String) throws {
        let scope = try Scope(declarations: "x: scalar; " + declaration)
        #expect(scope.lookup("Δx") == Variable("Δx"))
    }

    @Test func chapterNinesIncrementIsReadAndDifferentiated() throws {
        for text in ["(x + Δx)^2 - x^2", "(x + \\Delta x)^2 - x^2", "(x + Delta x)^2 - x^2"] {
            let f = try parse(text, Self.increments)
            let d = Simplifier.simplify(try Differentiator.derivative(f, Self.increments.lookup("Δx")!))
            #expect(Equivalence().compare(d, try parse("2x + 2Δx", Self.increments)).isEqual, "\(text)")
            // The increment is no product: its derivative with respect to x alone is 2Δx.
            let dx = Simplifier.simplify(try Differentiator.derivative(f, Self.increments.lookup("x")!))
            #expect(Equivalence().compare(dx, try parse("2 Δx", Self.increments)).isEqual, "\(text)")
        }
    }

    @Test func aProductNextToTheNameStaysAProduct() throws {
        #expect(try parse("Δx y", TestScopes.make("x, y, Δx: scalar")) == parse("Δx * y", TestScopes.make("x, y, Δx: scalar")))
        #expect(try parse("x Δx", Self.increments) == parse("x * Δx", Self.increments))
        // An ASCII run after Delta gives its first letters to the name and keeps the rest: Δx times y.
        let scope = TestScopes.make("x, y, Δx: scalar")
        #expect(try parse("Δxy", scope) == parse("Δx * y", scope))
        #expect(try parse("(Δx)^2", Self.increments) == parse("Δx^2", Self.increments))
    }

    @Test func undeclaredTheIncrementKeepsItsOldReading() throws {
        let scope = TestScopes.scalars
        for text in ["Δx", "\\Delta x", "Delta x"] {
            #expect(try parse(text, scope) == parse("Delta * x", scope), "\(text)")
        }
    }

    @Test func bothReadingsDeclaredIsAnError() throws {
        let scope = TestScopes.make("x, Delta, Δx: scalar")
        let error = try #require(parseError("Δx + 1", scope))
        #expect(error.message.contains("'Δx' can be read as the name Δx or as Δ times x"), "\(error.message)")
        #expect(error.offset == 0)
    }

    @Test func printedBackInEachNotation() throws {
        let f = try parse("Δx^2 + x Δx", Self.increments)
        let latex = Printer.latex(f), unicode = Printer.unicode(f), ascii = Printer.ascii(f)
        #expect(latex.contains("\\Delta x"), "\(latex)")
        #expect(unicode.contains("Δx"), "\(unicode)")
        #expect(ascii.contains("Delta x"), "\(ascii)")
        // Each reads back as the same expression.
        for text in [latex, unicode, ascii] { #expect(try parse(text, Self.increments) == f, "\(text)") }
    }

    @Test func aVectorIncrementIsBoldInLatex() throws {
        let scope = TestScopes.make("w, Δw: vector(n)")
        let dw = Variable("Δw", .column(.named("n")))
        for text in ["\\Delta \\mathbf{w}", "\\Delta \\boldsymbol{w}", "Δw", "Delta w"] {
            #expect(try parse(text, scope) == .variable(dw), "\(text)")
        }
        #expect(Printer.latex(.variable(dw)) == "\\Delta \\mathbf{w}")
        #expect(try parse("Δw_1", scope) == .index(.variable(dw), .integer(1)))
        // A bold letter after Δ is a vector: beside a scalar Δx it stays Δ times the bold x.
        let scalar = TestScopes.make("x: vector(n); Δx: scalar; Delta: scalar")
        #expect(try parse("\\Delta \\mathbf{x}", scalar) != .variable(Variable("Δx")))
    }

    @Test func aVariationIsAName() throws {
        let scope = TestScopes.make("w, δw: scalar")
        for text in ["\\delta w", "δw", "delta w"] { #expect(try parse(text, scope) == .variable(Variable("δw")), "\(text)") }
        #expect(Printer.latex(.variable(Variable("δw"))) == "\\delta w")
    }
}

/// Found in review: with the Greek letter declared in Unicode (`Δ`) as well as `Δx`, `Δ x` has two readings.
@Suite struct GreekLetterDeclaredInUnicodeTests {
    @Test func bothReadingsAreAnError() throws {
        let scope = try Scope(declarations: "x, Δ, Δx: scalar")
        #expect(throws: CalculusError.self) { try Parser.parse("2 Δ x", scope: scope) }
    }
}
