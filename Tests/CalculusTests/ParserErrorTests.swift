import Testing
@testable import Calculus

/// Every way an answer can be unreadable: the kind, the message, and where the caret points.
@Suite struct ParserErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var declarations = ""
        var kind: CalculusError.Kind
        var headline: String
        /// The caret line of the excerpt (the source line is checked separately).
        var caret: String
        var testDescription: String { text.debugDescription }
    }

    static let cases: [Case] = [
        Case(text: "", kind: .syntax, headline: "line 1, column 1: the expression is empty", caret: "^"),
        Case(text: "   ", kind: .syntax, headline: "line 1, column 1: the expression is empty", caret: "^"),
        Case(text: "2 * (x + 1", kind: .syntax,
             headline: "line 1, column 11: expected ')' to close '(' at column 5, found the end", caret: "          ^"),
        Case(text: "x + 1)", kind: .syntax, headline: "line 1, column 6: unmatched ')'", caret: "     ^"),
        Case(text: "[a, b", kind: .syntax, headline: "line 1, column 6: expected ']' to close '[' at column 1, found the end", caret: "     ^"),
        Case(text: "sin(x", kind: .syntax, headline: "line 1, column 6: expected ')' to close '(' at column 4, found the end", caret: "     ^"),
        Case(text: "x +", kind: .syntax, headline: "line 1, column 4: expected a term after '+'", caret: "   ^"),
        Case(text: "2 * * 3", kind: .syntax, headline: "line 1, column 5: expected an expression, found '*'", caret: "    ^"),
        Case(text: "x = y", kind: .syntax,
             headline: "line 1, column 3: expected one expression, found '=' (write the answer only, not an equation)", caret: "  ^"),
        Case(text: "x @ y", kind: .syntax, headline: "line 1, column 3: unexpected character '@'", caret: "  ^"),
        Case(text: "max(x)", kind: .syntax, headline: "line 1, column 1: max takes 2 arguments, not 1", caret: "^^^"),
        Case(text: "sin()", kind: .syntax, headline: "line 1, column 1: sin takes 1 argument, not 0", caret: "^^^"),
        Case(text: "softplus(x)", kind: .unknownName, headline: "line 1, column 1: unknown function 'softplus'", caret: "^^^^^^^^"),
        Case(text: "\\foo x", kind: .unknownName, headline: "line 1, column 1: unknown command '\\foo'", caret: "^^^^"),
        Case(text: "\\operatorname{foo}(x)", kind: .unknownName, headline: "line 1, column 1: unknown name 'foo'", caret: "^^^^^^^^^^^^^"),
        Case(text: "\\frac{1}{2", kind: .syntax,
             headline: "line 1, column 11: expected '}' to close '{' at column 9, found the end", caret: "          ^"),
        Case(text: "\\left( x", kind: .syntax,
             headline: "line 1, column 9: expected ')' to close '(' at column 6, found the end", caret: "        ^"),
        Case(text: "{x", kind: .syntax, headline: "line 1, column 3: expected '}' to close '{' at column 1, found the end", caret: "  ^"),
        Case(text: "x}", kind: .syntax, headline: "line 1, column 2: unmatched '}'", caret: " ^"),
        Case(text: "\\right)", kind: .syntax, headline: "line 1, column 1: \\right without a matching \\left", caret: "^^^^^^"),
        Case(text: "\\begin{bmatrix} a \\end{pmatrix}", kind: .syntax,
             headline: "line 1, column 19: \\end{pmatrix} does not match \\begin{bmatrix}", caret: "                  ^^^^"),
        Case(text: "x\u{01}y", kind: .syntax, headline: "line 1, column 2: unexpected control character U+0001", caret: " ^"),
        Case(text: "x + \u{FFFD}", kind: .syntax, headline: "line 1, column 5: the text is not valid UTF-8 here", caret: "    ^"),
        Case(text: "x +\n(y", kind: .syntax, headline: "line 2, column 3: expected ')' to close '(' at column 1, found the end", caret: "  ^"),
        // Shapes: both shapes are named.
        Case(text: "[a, b] + [a; b]", kind: .shape,
             headline: "line 1, column 8: cannot add a 1×2 row and a 2×1 column; transpose one of them", caret: "       ^"),
        Case(text: "w + X", declarations: "w: vector(n); X: matrix(N, n)", kind: .shape,
             headline: "line 1, column 3: cannot add a n×1 column and a N×n matrix", caret: "  ^"),
        Case(text: "z + w + X", declarations: "z: scalar; w: vector(n); X: matrix(N, n)", kind: .shape,
             headline: "line 1, column 7: cannot add a n×1 column and a N×n matrix", caret: "      ^"),
        Case(text: "z - w - v", declarations: "z: scalar; w: vector(n); v: vector(m)", kind: .shape,
             headline: "line 1, column 7: cannot subtract a n×1 column and a m×1 column", caret: "      ^"),
        Case(text: "X X", declarations: "X: matrix(N, n)", kind: .shape,
             headline: "line 1, column 3: cannot multiply a N×n matrix by a N×n matrix (inner sizes n and N differ)", caret: "  ^"),
        Case(text: "dot([a, b], [a, b, c])", kind: .shape,
             headline: "line 1, column 1: cannot take the dot product of vectors of lengths 2 and 3", caret: "^^^"),
        Case(text: "w . [a, b, c]", declarations: "w: vector(n)", kind: .shape,
             headline: "line 1, column 3: cannot take the dot product of vectors of lengths n and 3", caret: "  ^"),
        Case(text: "tr(X)", declarations: "X: matrix(N, n)", kind: .shape,
             headline: "line 1, column 1: the trace needs a square matrix, not a N×n matrix", caret: "^^"),
        Case(text: "diag(X)", declarations: "X: matrix(N, n)", kind: .shape,
             headline: "line 1, column 1: diag needs a vector, not a N×n matrix", caret: "^^^^"),
    ]

    @Test(arguments: cases)
    func reportsWhereAndWhat(c: Case) throws {
        let scope = try Scope(declarations: c.declarations)
        guard let error = parseError(c.text, scope) else {
            Issue.record("\(c.text.debugDescription) parsed without an error"); return
        }
        #expect(error.kind == c.kind)
        let d = Diagnostic(error, in: c.text)
        #expect(d.headline == c.headline)
        let lines = d.excerpt(indent: "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 2)
        #expect(lines.last == c.caret, "excerpt:\n\(d.excerpt(indent: ""))")
        // The source line is shown (control characters as U+FFFD).
        let shownLine = c.text.split(separator: "\n", omittingEmptySubsequences: false)[d.line - 1]
        #expect(lines.first?.unicodeScalars.count == shownLine.unicodeScalars.count)
    }

    @Test func excerptShowsTheLineAndCaret() throws {
        let text = "2 * (x + 1"
        let d = Diagnostic(try #require(parseError(text)), in: text)
        #expect(d.description == "line 1, column 11: expected ')' to close '(' at column 5, found the end\n  2 * (x + 1\n            ^")
    }

    @Test func fiftyThousandNestedParenthesesHitTheLimit() throws {
        for (open, close, count) in [("(", ")", 50_000), ("[", "]", 50_000), ("sin(", ")", 30_000), ("-", "", 50_000), ("x^", "", 50_000)] {
            let text = String(repeating: open, count: count) + "x" + String(repeating: close, count: count)
            let error = try #require(parseError(text), "\(open)")
            #expect(error.kind == .limit, "\(open): \(error.message)")
            #expect(error.message.contains("nests too deeply"))
            let d = Diagnostic(error, in: text)
            #expect(d.sourceLine.unicodeScalars.count <= 122, "long lines are cut around the spot")
        }
        let braces = String(repeating: "{", count: 50_000) + "x" + String(repeating: "}", count: 50_000)
        #expect(parseError(braces)?.kind == .limit)
        // Reasonable nesting is fine.
        #expect(try readAs(String(repeating: "(", count: 60) + "x" + String(repeating: ")", count: 60)) == "x")
    }

    @Test func oneMegabyteAnswerIsRefusedQuickly() throws {
        let text = String(repeating: "x + ", count: 250_000) + "x"
        let error = try #require(parseError(text))
        #expect(error.kind == .limit)
        #expect(error.message.contains("too long"))
        #expect(Diagnostic(error, in: text).headline.hasPrefix("line 1, column 1: the expression is too long (1000001 characters"))
    }

    @Test func conditionsAndDeclarationsReportErrors() throws {
        #expect(throws: CalculusError.self) { try Parser.parseConditions("x >") }
        #expect(throws: CalculusError.self) { try Parser.parseConditions("x + 1") }
        #expect(throws: CalculusError.self) { try Scope(declarations: "w: tensor(n)") }
        #expect(throws: CalculusError.self) { try Scope(declarations: "1w: vector(n)") }
        let e = try #require(throws: CalculusError.self) { try Scope(declarations: "x: scalar; w vector(n)") }
        #expect(e.offset == 11)
    }

    @Test func derivativeRequestsThatCannotBeMet() throws {
        let s = TestScopes.make("w, x: vector(n); X: matrix(N, n)")
        let e = try #require(parseError("gradient(w, w)", s))
        #expect(e.kind == .differentiation)
        #expect(e.message.contains("gradient needs a scalar function"))
        #expect(parseError("jacobian(X, w)", s)?.kind == .differentiation)
        #expect(parseError("derivative(X, X)", s)?.kind == .differentiation)
    }
}
