import Testing
@testable import Calculus

/// Spacing inside a row: once a row separates entries with `&` or `,`, spacing is typography inside an entry (a
/// product); in a row with no other separator, only the widest spacing between factors separates entries.
@Suite struct RowSpacingTests {
    @Test(arguments: [
        // A row that uses & or ,: spacing of any width is a product inside the entry.
        (#"\begin{bmatrix} 6x\;y & 3x^2 \end{bmatrix}"#, "[6*x*y, 3*x^2]"),
        (#"\begin{bmatrix} 6x\,y & 3x^2 \end{bmatrix}"#, "[6*x*y, 3*x^2]"),
        (#"\begin{bmatrix} 6x \quad y & 3x^2 \end{bmatrix}"#, "[6*x*y, 3*x^2]"),
        (#"\left[ 6x\,y , 3x^2 \right]"#, "[6*x*y, 3*x^2]"),
        (#"[6x \; y, 3x^2]"#, "[6*x*y, 3*x^2]"),
        (#"\begin{bmatrix} 6x \; y & 3x^2 \\ 2 & 8y^7 \end{bmatrix}"#, "[[6*x*y, 3*x^2], [2, 8*y^7]]"),
        // No other separator: the widest spacing separates, narrower spacing is a product.
        (#"\left[ 6xy \quad 3 \; x^2 \right]"#, "[6*x*y, 3*x^2]"),
        (#"\left[ 6x\,y \; 3x^2 \right]"#, "[6*x*y, 3*x^2]"),
        (#"\left[ 2xy \quad x^2 \right]"#, "[2*x*y, x^2]"),
        (#"\left[ 6xy \; 3x^2 \right]"#, "[6*x*y, 3*x^2]"),
        (#"\begin{bmatrix} 6xy \quad 3x^2 \\ 2 \quad 8y^7 \end{bmatrix}"#, "[[6*x*y, 3*x^2], [2, 8*y^7]]"),
    ])
    func spacingInRows(text: String, explicit: String) throws {
        #expect(try readAs(text) == explicit)
    }

    /// Thin spacing as the only separator of a row is still refused: a product or two entries.
    @Test func thinSpacingAloneIsRefused() {
        let e = parseError(#"\left[ 6xy \, 3x^2 \right]"#)
        #expect(e?.message.hasPrefix("a thin space") == true, "\(String(describing: e))")
    }
}

/// `'` is a transpose: on a vector or a matrix it is read, on a scalar it is an error at the prime.
@Suite struct PrimeTests {
    @Test(arguments: ["y'", "3x^2'", "(x + y)'"])
    func aPrimeOnAScalarIsAnError(text: String) throws {
        let e = try #require(parseError(text))
        #expect(e.message.hasPrefix("' is a transpose in mcheck; write the derivative out"))
        #expect(e.offset == text.unicodeScalars.count - 1)
    }

    @Test func aPrimeOnAVectorIsATranspose() throws {
        #expect(try readAs("x'", TestScopes.make("x: vector(n)")) == "x^T")
        #expect(try readAs("X' X", TestScopes.make("X: matrix(m, n)")) == "X^T*X")
    }
}

/// ASCII brackets with no `,` or `;`: two scalar terms side by side with a space are refused (`[6xy 3x^2]`, MATLAB's
/// row), never multiplied across what looks like entries; with a `,` or `;` a spaced product stays a product.
@Suite struct SpacedEntriesTests {
    @Test(arguments: ["[6xy 3x^2]", "[x y]", "[2x 3]"])
    func spacedEntriesAreRefused(text: String) throws {
        let e = try #require(parseError(text))
        #expect(e.message.hasPrefix("two entries side by side in brackets? Write , between entries"), "\(e.message)")
    }

    @Test(arguments: [
        ("[2x y, x^2]", "[2*x*y, x^2]"), ("[6xy, 3x^2]", "[6*x*y, 3*x^2]"), ("[6xy]", "6*x*y"), ("[x y; 2]", "[x*y; 2]"),
        ("[sin x]", "sin(x)"), ("[2(x + 1)]", "2*(1 + x)"), ("[x + y]", "x + y"),
    ])
    func productsWithSeparatorsStay(text: String, explicit: String) throws {
        #expect(try readAs(text) == explicit)
    }

    @Test func aMatrixProductInBracketsStays() throws {
        #expect(try readAs("[w^T x]", TestScopes.make("w, x: vector(n)")) == "w^T*x")
    }
}
