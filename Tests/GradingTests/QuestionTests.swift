import Calculus
import Testing
@testable import Grading

/// Reading an exercise without Foundation or Markdown: the fields as Workbook would hand them over.
@Suite struct QuestionTests {
    func block(_ fields: [(String, String)]) -> ExerciseBlock {
        let parsed = fields.enumerated().map { k, f in
            Field(key: f.0, value: f.1, line: k + 2, valueColumn: f.0.count + 3, text: "\(f.0): \(f.1)")
        }
        return ExerciseBlock(fields: parsed, line: 1, endLine: fields.count + 2)
    }

    @Test(arguments: ["derivative(x^2, x)", "diff(x^2, x)", "grad(x^2 y, [x, y])", "gradient(x^2 y, [x, y])", "\\frac{d}{dx} x^3"])
    func everyDerivativeTheParserReadsIsAnAsk(ask: String) throws {
        let q = try Question(block([("id", "q"), ("ask", ask)]), file: "q.md")
        #expect(!q.isEquality)
        guard case .derivative = q.ask else { Issue.record("\(ask) is read as \(q.ask)"); return }
    }

    /// Letters the question uses, declared or not, are known to an answer: `abcd` is their product.
    @Test func lettersOfTheQuestionAreKnownInARun() throws {
        let q = try Question(block([("id", "q"), ("ask", "derivative(a b c d x, x)")]), file: "q.md")
        #expect(Printer.explicit(try Parser.parse("abcd", scope: q.scope)) == "a*b*c*d")
        // Letters the question does not use are still an unknown name.
        #expect(throws: CalculusError.self) { try Parser.parse("qwerty", scope: q.scope) }
        #expect(throws: CalculusError.self) { try Parser.parse("abcd", scope: Scope()) }
    }

    @Test func equalIsAnAsk() throws {
        let q = try Question(block([("id", "q"), ("ask", "equal(2 + 3)")]), file: "q.md")
        #expect(q.isEquality)
        #expect(Printer.ascii(q.truth) == "5")
    }

    @Test(arguments: [("x^2", "'x^2'"), ("integral(x^2, x)", "'integral'")])
    func anythingElseIsAnUnknownAsk(ask: String, named: String) {
        #expect {
            _ = try Question(block([("id", "q"), ("ask", ask)]), file: "q.md")
        } throws: { error in
            guard let e = error as? SourceError else { return false }
            return e.message.hasPrefix("unknown ask \(named)") && e.line == 3 && e.column == 6
        }
    }

    /// The engine counts Unicode scalars, cmark bytes; the error's column counts Characters.
    @Test func columnsCountCharacters() {
        #expect {
            _ = try Question(block([("id", "q"), ("let", "x, y: vector(n)"), ("ask", "equal(x·yᵀ + é +)")]), file: "q.md")
        } throws: { error in
            let e = error as? SourceError
            return e?.line == 4 && e?.column == 22 && e?.message == "ask: expected a term after '+'"
        }
    }
}

@Suite struct TextPositionTests {
    @Test func linesAndCharacterColumns() {
        let text = "a·b\nxᵀe\u{301}y"
        func position(_ offset: Int) -> (Int, Int) {
            let p = TextPosition(scalarOffset: offset, in: text)
            return (p.line, p.column)
        }
        #expect(position(2) == (1, 3))
        #expect(position(4) == (2, 1))
        // After x, ᵀ, e and the combining accent: three Characters in.
        #expect(position(8) == (2, 4))
        #expect(position(99) == (2, 5))
    }
}

@Suite struct AnswerCommentBlankingTests {
    @Test(arguments: [
        ("# note\n3x^2", "      \n3x^2"),
        ("\t# tabbed note\nx", "              \nx"),
        ("  x # not a note", "  x # not a note"),
        ("x % note\n% all\ny", "x       \n     \ny"),
        ("50\\% % é", "50\\%    "),
        ("no notes", "no notes"),
    ])
    func commentsBecomeSpacesScalarForScalar(text: String, blanked: String) {
        let out = Grader.withoutComments(text)
        #expect(out == blanked)
        #expect(out.unicodeScalars.count == text.unicodeScalars.count)
    }
}

@Suite struct FeedbackKindTests {
    @Test func rawValuesAreTheNamesWrittenAndPrinted() {
        #expect(FeedbackKind.allCases.map(\.rawValue) == ["readAs", "shape", "transposed", "factor", "sign", "kink", "entries", "value", "syntax", "step"])
        #expect(Set(FeedbackKind.allCases.map(\.summary)).count == FeedbackKind.allCases.count)
    }

    @Test func aMistakeBlockNamesAKnownKind() throws {
        func fields(_ kind: String?) -> [Field] {
            [Field(key: "answer", value: "4x", line: 5, valueColumn: 9, text: "answer: 4x")]
                + (kind.map { [Field(key: "feedback", value: $0, line: 6, valueColumn: 11, text: "feedback: \($0)")] } ?? [])
        }
        #expect(try Mistake(fields: fields("sign"), file: "c.md", fenceLine: 4, endLine: 7).feedback == .sign)
        #expect(throws: SourceError(file: "c.md", line: 6, column: 11, message: "unknown feedback kind 'sing'; expected one of \(FeedbackKind.list)", sourceLine: "feedback: sing", length: 4)) {
            try Mistake(fields: fields("sing"), file: "c.md", fenceLine: 4, endLine: 7)
        }
        #expect {
            try Mistake(fields: fields(nil), file: "c.md", fenceLine: 4, endLine: 7)
        } throws: { error in
            let e = error as? SourceError
            return e?.line == 4 && e?.message.contains("'feedback:'") == true && e?.message.contains(FeedbackKind.list) == true
        }
    }
}
