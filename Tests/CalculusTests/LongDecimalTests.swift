import Testing
@testable import Calculus

/// Decimal literals too long for an exact fraction are read without the C library's strtod (see Number.longDecimal):
/// within a few units in the last place of the correctly rounded value.
@Suite struct LongDecimalTests {
    static let literals = [
        "3.14159265358979323846264338327950288", "0.000000000000000000000123456789012345678901",
        "123456789012345678901234567890", "98765432109876543210.0123456789", "0.1000000000000000000000000001",
        "2.718281828459045235360287471352662497757", "100000000000000000000", "0.99999999999999999999999",
    ]

    @Test(arguments: literals) func agreesWithTheCorrectlyRoundedValue(_ text: String) throws {
        guard case .real(let x) = Number.decimal(Substring(text)) else { Issue.record("\(text) read as a fraction"); return }
        let exact = try #require(Double(text))
        #expect(abs(x - exact) <= 4 * exact.ulp, "\(text): \(x) against \(exact)")
    }

    @Test func shortDecimalsStayExactFractions() {
        #expect(Number.decimal("0.25") == .rational(1, 4))
        #expect(Number.decimal("12.5") == .rational(25, 2))
    }
}
