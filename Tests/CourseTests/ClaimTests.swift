import Testing
@testable import Course

/// Inline claims, table rows under a declared relation, cases, mistake kinds and lead-ins, on a small course
/// where each false claim sits on a line of its own between true ones.
@Suite struct ClaimTests {
    static let course = Fixtures.path("course-claims")

    func report() throws -> Verifier.Report {
        try Verifier(chapters: Self.course + "/chapters", exercises: Self.course + "/exercises").run()
    }

    func statuses(_ report: Verifier.Report, line: Int, kind: Check.Kind) -> [Check.Status] {
        report.checks.filter { $0.file.hasSuffix("01-claims.md") && $0.line == line && $0.kind == kind }.map(\.status)
    }

    @Test(arguments: [
        (4, Check.Kind.inline),    // d/dx x^3 = 3x
        (7, .inline),              // f(2) = 5 with f(x) = x^2 defined inline
        (13, .table),              // cos x | sin x under column 2 = d/dx column 1
        (18, .cases),              // z ≤ 0 and z ≥ 0 overlap at 0 with different values
        (20, .cases),              // 1 for z ≥ 0 breaks the kink convention
        (35, .exercise),           // the lead-in says [y, x], the ask grades [x, y]
        (57, .exercise),           // a mistake block without a feedback kind
    ])
    func falseClaimFailsAtItsLine(line: Int, kind: Check.Kind) throws {
        #expect(statuses(try report(), line: line, kind: kind).contains(.failed), "line \(line)")
    }

    @Test(arguments: [(3, Check.Kind.inline), (6, .inline), (12, .table), (14, .table), (16, .cases), (16, .equation), (24, .exercise)])
    func trueClaimsAroundThemPass(line: Int, kind: Check.Kind) throws {
        let found = statuses(try report(), line: line, kind: kind)
        #expect(!found.isEmpty && found.allSatisfy { $0 == .verified }, "line \(line): \(found)")
    }

    @Test func onlyTheFalseClaimsFail() throws {
        let failed = try report().failed.filter { $0.kind != .workbook }.map(\.line).sorted()
        #expect(failed == [4, 7, 13, 18, 20, 35, 57])
    }

    @Test(arguments: ["\\mathbf{x}", "x_i", "n \\times 1", "\\frac{\\partial f}{\\partial x}", "(m \\times k)(k \\times n) = m \\times n",
                      "y_i = f_i(\\mathbf{w}) \\bigcirc g_i(\\mathbf{x})"])
    func notationIsNotAClaim(tex: String) {  // notation, or a definition the engine cannot read (it defines nothing)
        #expect(ClaimRule.read(tex, scope: .init()) != .claim)
    }

    @Test(arguments: [("\\frac{d}{dx}x^3 = 3x^2", ClaimRule.Reading.claim), ("f(x) = x^2", .definition), ("x = 2", .definition),
                      ("\\sin^2 x + \\cos^2 x = 1", .claim)])
    func claimsAndDefinitions(tex: String, reading: ClaimRule.Reading) {
        #expect(ClaimRule.read(tex, scope: .init()) == reading)
    }

    @Test func notationSpansAreNotCounted() throws {
        let inline = try report().coverage.tally(kind: .inline)
        #expect(inline.claims == 4)
        #expect(inline.definitions == 1)
    }

    @Test func tableRelationsAreRead() {
        let (relations, problem) = TableRelation.parse("column 2 = d/d\\mathbf{w} column 1; column 3 = d/dx column 1")
        #expect(problem == nil)
        #expect(relations.map(\.template) == ["column 2 = \\frac{\\partial}{\\partial \\mathbf{w}} column 1", "column 3 = \\frac{\\partial}{\\partial x} column 1"])
        #expect(TableRelation.parse("the derivative").1 != nil)
    }

    @Test func whereIsReportedWithTheClaim() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("chapters/01-w.md", "# W\n\n<!-- where: x > 0 -->\n$$\\frac{d}{dx}\\ln x = \\frac{1}{x}$$\n")
        let report = try Verifier(chapters: folder.path + "/chapters", exercises: folder.path + "/exercises").run()
        let check = try #require(report.checks.first { $0.kind == .equation })
        #expect(check.conditions == "x > 0")
        #expect(VerificationReporter.json(report).contains("\"conditions\" : \"x > 0\""))
    }
}
