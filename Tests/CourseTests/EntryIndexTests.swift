import Testing
@testable import Course

/// A claim about entry `i` of a vector, with `i` bound by no sum, is checked at each index 1 and 2 in turn.
@Suite struct EntryIndexTests {
    static let course = Fixtures.path("course-entries")

    func report() throws -> Verifier.Report {
        try Verifier(chapters: Self.course + "/chapters", exercises: Self.course + "/exercises").run()
    }

    func checks(_ report: Verifier.Report, line: Int) -> [Check] {
        report.checks.filter { $0.line == line && $0.kind == .inline }
    }

    @Test(arguments: [(4, 2), (8, 1)])   // ∂(w_i + x_i)/∂w_i = 1 and the quotient rule; ∂/∂x_i Σ_j x_j^2 = 2x_i
    func trueEntryClaimsHoldAtEveryIndex(line: Int, count: Int) throws {
        let found = checks(try report(), line: line)
        #expect(found.map(\.status) == Array(repeating: .verified, count: count), "line \(line)")
        #expect(found.allSatisfy { $0.message.hasSuffix("(for i = 1, 2)") })
    }

    @Test(arguments: [(6, "at i = 1,"), (12, "at i = 2,")])   // ∂(w_i x_i)/∂w_i = 1; ∂(x_1 x_2)/∂x_i = x_2 holds for i = 1 only
    func falseEntryClaimFailsAtItsLineAndIndex(line: Int, index: String) throws {
        let found = checks(try report(), line: line)
        #expect(found.map(\.status) == [.failed], "line \(line)")
        #expect(found.first?.message.contains(index) == true, "\(found.first?.message ?? "")")
    }

    @Test func aSumBindingTheSameLetterIsNotCheckedEntryByEntry() throws {
        #expect(checks(try report(), line: 10).map(\.status) == [.unchecked])
    }
}
