import Calculus
import Foundation
import Testing
@testable import Fuzzing

/// The fuzz targets run in a normal build: the committed corpus (seeds and every input a fuzz run found) holds, and
/// the targets' own checks see what they must.
@Suite struct FuzzTargetTests {
    /// `Fuzz/corpus/` of this checkout.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    @Test(arguments: FuzzTarget.all.map(\.name))
    func theCommittedCorpusHolds(target name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let folder = Self.corpus.appendingPathComponent(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!files.isEmpty, "Fuzz/corpus/\(name)/ holds inputs")
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(target.run(Array(data)) == nil, "Fuzz/corpus/\(name)/\(file)")
        }
    }

    @Test func theWorkbookSeedsKeepEveryAnswer() {
        for seed in WorkbookFuzzing.seeds {
            #expect(FuzzTarget.workbook.run(Array(seed.utf8)) == nil, "\(seed)")
        }
    }

    /// The answers the workbook target looks for are the file's bytes: a quote's `> ` and CRLF line endings included.
    @Test func answerBytesAreTheFilesOwn() throws {
        let text = "```exercise\nid: a\n```\n\n> ```answer\n> 3x^2\r\n> + 1\n> ```\n\n```answer-kept gone\r\nsin(x)\r\n```\r\n\n```answer\n  \n```\n"
        let blocks = WorkbookFuzzing.answerContents(of: .init(file: "ch1.md", text: text), bytes: Array(text.utf8))
        #expect(blocks.map { String(decoding: $0.bytes, as: UTF8.self) } == ["> 3x^2\r\n> + 1", "sin(x)"])
        #expect(blocks.map(\.line) == [5, 10])
    }

    @Test func xmlCheckFindsIllFormedMarkup() {
        #expect(XMLCheck.wellFormed("<math display=\"block\"><mi>x</mi><mo>&gt;</mo><mspace width=\"1em\"/></math>") == nil)
        #expect(XMLCheck.wellFormed("<math><mi>x</math>") == "</math> at byte 11 closes nothing open")
        #expect(XMLCheck.wellFormed("<math><mi>x</mi>") == "<math> is never closed")
        #expect(XMLCheck.wellFormed("<math></math><math></math>") == "2 root elements")
        #expect(XMLCheck.wellFormed("<math><mi a=\"<\">x</mi></math>") == nil)
        #expect(XMLCheck.wellFormed("<math><mi <x</mi></math>") == "'<' inside a tag at byte 10")
    }

    /// The round trip the expression targets check under MCHECK_FUZZ_STRICT=1.
    static func roundTrip(_ text: String, _ declarations: String = "", as syntaxes: [Syntax] = [.ascii, .latex]) throws -> String? {
        let scope = try Scope(declarations: declarations)
        return FuzzTarget.reparses(try Parser.parse(text, scope: scope), scope: scope, as: syntaxes)
    }

    @Test func derivativesPrintedParseAgain() throws {
        #expect(try Self.roundTrip("derivative(max(0, w . x + b), w)", "w, x: vector(n); b: scalar") == nil)
        #expect(try Self.roundTrip("jacobian([3x^2 y, 2x + y^8], [x, y])") == nil)
        #expect(try Self.roundTrip("\\frac{\\partial (\\mathbf{w} \\cdot \\mathbf{x})}{\\partial \\mathbf{w}}", as: [.latex]) == nil)
    }

    // Found by the seeds of the ascii and latex targets, and by fuzzing calculus, with MCHECK_FUZZ_STRICT=1.

    /// `mcheck diff 'x_1 + 2x_2 + 3x_3' --wrt x --let 'x: vector(3)'` printed '2e_2^T + 3e_3^T + e_1^T', which the ASCII parser refused.
    @Test func unitVectorsPrintedParseAgain() throws {
        #expect(try Self.roundTrip("gradient(x_1 + 2x_2 + 3x_3, x)", "x: vector(3)") == nil)
    }

    /// Of a named size, unit vectors print as e_1 and \\mathbf{e}_{1}, which read back as unit vectors (not element 1 of a vector e).
    @Test func unitVectorsOfANamedSizePrintedParseAgain() throws {
        #expect(try Self.roundTrip("gradient(x_1 + 2x_2 + 3x_3, x)", "x: vector(n)") == nil)
        #expect(try Self.roundTrip("\\frac{\\partial (x_1 + x_2)}{\\partial \\mathbf{x}}", "x: vector(n)", as: [.latex]) == nil)
    }

    /// The n×n zero matrix of \frac{\partial \mathbf{y}}{\partial \mathbf{g}} printed as a bare \mathbf{0}, which reads back as a column.
    @Test func zeroMatricesPrintedKeepTheirShape() throws {
        #expect(try Self.roundTrip("\\frac{\\partial \\mathbf{y}}{\\partial \\mathbf{g}}", as: [.latex]) == nil)
    }

    /// \mathbf{w}_{t+1} printed as w_{t + 1}, and the plain w it read back was a scalar that cannot be indexed.
    @Test func indexedBoldVectorsPrintedParseAgain() throws {
        #expect(try Self.roundTrip("\\mathbf{w}_{t+1}", as: [.latex]) == nil)
    }

    /// sum(x l, i, a, b) simplified to l x (b - a + 1), which is -l x at a = 5, b = 3, where the sum is empty (0).
    @Test(arguments: [(5.0, 3.0), (3.0, 3.0), (1.0, 4.0), (4.0, 1.0)])
    func summingAConstantKeepsAnEmptySumZero(lower: Double, upper: Double) throws {
        let sum = try Parser.parse("sum(x l, i, a, b)")
        let simple = Simplifier.simplify(sum)
        var environment = Environment()
        for (name, value) in [("x", 1.5), ("l", 2.0), ("a", lower), ("b", upper)] { environment.values[name] = .scalar(value) }
        var evaluator = Evaluator(environment)
        let before = try evaluator.evaluate(sum), after = try evaluator.evaluate(simple)
        #expect(after.entries == before.entries, "\(Printer.ascii(simple)): \(after) after, \(before) before")
    }

    /// \mathbf{x} - I t was read as an n×1 column (a column minus the identity) and simplified to an n×n matrix: it is a
    /// shape error, and the identity beside a matrix of the column's height keeps its shape through simplification.
    @Test func simplifyingKeepsTheShape() throws {
        #expect(throws: CalculusError.self) { try Parser.parse("\\mathbf{x} - I t") }
        for text in ["\\mathbf{x} - I t \\mathbf{x}", "\\mathbf{x}\\mathbf{x}^T - I t", "I t - \\mathbf{x}\\mathbf{x}^T"] {
            let e = try Parser.parse(text)
            #expect(Simplifier.simplify(e).shape.matches(e.shape), "\(Printer.ascii(e)): \(e.shape)")
        }
    }
}
