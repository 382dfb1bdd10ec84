import Testing
@testable import Course

/// Chapter 9's notation: names defined without parameters are intermediate variables. A partial
/// (`\frac{\partial u_2}{\partial x}`) holds the other arguments of the definition fixed, a total derivative
/// (`\frac{du_2}{dx}`) follows every path through the definitions; each false claim of the fixture sits on a line
/// of its own between true ones.
@Suite struct IntermediateVariableTests {
    static let chapters = Fixtures.path("course-intermediates") + "/chapters"

    func report() throws -> Verifier.Report {
        try Verifier(chapters: Self.chapters, exercises: Fixtures.path("course-intermediates") + "/exercises").run()
    }

    func statuses(_ report: Verifier.Report, line: Int) -> [Check.Status] {
        report.checks.filter { $0.line == line && $0.kind != .math && $0.kind != .workbook }.map(\.status)
    }

    @Test(arguments: [
        9,    // du_2/dx = 2x: the direct path from x forgotten
        13,   // ∂u_2/∂x = 1 + 2x: the partial holds u_1 fixed, it is 1
        20,   // dv_3/dv_1 = sin(v_1): through v_2 it is 2 sin(v_1) cos(v_1)
        26,   // df/dx without the direct term ∂f/∂x
        34,   // dq/dx = r: that is q's partial
    ])
    func falseClaimFailsAtItsLine(line: Int) throws {
        #expect(statuses(try report(), line: line) == [.failed], "line \(line)")
    }

    @Test(arguments: [
        (5, 3),    // ∂u_2/∂x = 1, ∂u_2/∂u_1 = 1, du_1/dx = 2x
        (7, 1),    // du_2/dx = 1 + 2x
        (11, 2),   // dy/dx = ∂u_2/∂x + ∂u_2/∂u_1 du_1/dx = 1 + 2x
        (17, 1), (18, 1), (19, 1),   // one-argument steps, each with respect to the one before; `y = v_3 = v_2^2` only defines
        (22, 2),   // the chain multiplied out
        (24, 1),   // df/dx = ∂f/∂x + ∂f/∂g dg/dx with a vector g of intermediates
        (29, 2),   // ∂C/∂w with C defined through s: w is no argument of C's own, so the partial is the total one
        (32, 2),   // q(x, r) = xr lists an intermediate among its arguments: ∂q/∂x = r, dq/dx = 3x^2
        (36, 1),   // y(t) = t^3 is a function, no longer the intermediate y of line 19
    ])
    func trueClaimsAroundThemPass(line: Int, count: Int) throws {
        let found = statuses(try report(), line: line)
        #expect(found == Array(repeating: .verified, count: count), "line \(line): \(found)")
    }

    @Test func onlyTheFalseClaimsFail() throws {
        let report = try report()
        #expect(report.failed.filter { $0.kind != .workbook }.map(\.line).sorted() == [9, 13, 20, 26, 34])
        #expect(report.coverage.tally(kind: .inline).claims == report.coverage.tally(kind: .inline).checked)
    }
}
