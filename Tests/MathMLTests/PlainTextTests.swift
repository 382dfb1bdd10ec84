// TeX as plain text, for the site's search index.
import Testing
import MathML

@Test func lettersInFontCommandsStayLetters() {
    #expect(MathPlainText.of(#"\mathbf{x}"#) == "x")
    #expect(MathPlainText.of(#"\mathbf{w}^T \mathbf{x} + b"#) == "w^T x + b")
    #expect(MathPlainText.of(#"\vec{1}"#) == "1")
}

@Test func greekLettersAndOperatorsBecomeCharacters() {
    #expect(MathPlainText.of(#"\alpha \cdot \beta"#) == "α ⋅ β")
    #expect(MathPlainText.of(#"\frac{\partial y}{\partial x}"#) == "(∂ y)/(∂ x)")
    #expect(MathPlainText.of(#"\frac{1}{n}"#) == "1/n")
}

@Test func functionNamesStayWords() {
    #expect(MathPlainText.of(#"r\cos t"#) == "r cos t")
    #expect(MathPlainText.of(#"\operatorname{diag}(\mathbf{x})"#) == "diag(x)")
    #expect(MathPlainText.of(#"\max(0, z)"#) == "max (0, z)")
}

@Test func matricesReadAsRowsOfCells() {
    #expect(MathPlainText.of(#"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"#) == "1, 2; 3, 4")
}

@Test func sizingAndSpacingVanish() {
    #expect(MathPlainText.of(#"\left( x \right) \, \quad y"#) == "(x) y")
    #expect(MathPlainText.of("") == "")
}
