// Spacing LaTeX puts and MathML does not infer: thin spaces around function names, unary signs, \vec's small arrow.
import Testing
import MathML

private let thin = #"<mspace width="0.1667em"/>"#

@Test func functionNameAfterALetterHasThinSpacesOnBothSides() throws {
    let math = try content(#"[r\cos t, r\sin t]"#, display: false)
    #expect(math == #"<mrow><mo stretchy="false">[</mo><mi>r</mi>"# + thin + "<mi>cos</mi><mo>&#x2061;</mo>" + thin + "<mi>t</mi><mo>,</mo><mi>r</mi>"
        + thin + "<mi>sin</mi><mo>&#x2061;</mo>" + thin + #"<mi>t</mi><mo stretchy="false">]</mo></mrow>"#)
}

@Test func functionNameBeforeABracketOrAfterAnOperatorHasNoExtraSpace() throws {
    // LaTeX: no space between an operator name and "(", none after "(" or "=" (MathML spaces "=" itself).
    #expect(try content(#"\sin(x)"#, display: false) == #"<mrow><mi>sin</mi><mo>&#x2061;</mo><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo></mrow>"#)
    #expect(try content(#"y = \cos\left(x\right)"#, display: false).hasPrefix(#"<mrow><mi>y</mi><mo>=</mo><mi>cos</mi><mo>&#x2061;</mo><mrow><mo form="prefix""#))
    #expect(try content(#"(\ln x)"#, display: false) == #"<mrow><mo stretchy="false">(</mo><mi>ln</mi><mo>&#x2061;</mo>"# + thin + #"<mi>x</mi><mo stretchy="false">)</mo></mrow>"#)
}

@Test func operatorNameIsSpacedLikeABuiltInOne() throws {
    let math = try content(#"2\operatorname{sum}\mathbf{x}"#, display: false)
    #expect(math.hasPrefix("<mrow><mn>2</mn>" + thin + "<mi>sum</mi><mo>&#x2061;</mo>" + thin + "<mi>𝐱</mi>"), "\(math)")
}

@Test func closingBracketBeforeAFunctionNameGetsAThinSpace() throws {
    let math = try content(#"f(x)\cos y"#, display: false)
    #expect(math.contains(#"<mo stretchy="false">)</mo>"# + thin + "<mi>cos</mi>"), "\(math)")
}

@Test func minusAfterAnOpeningBracketOrCommaIsUnary() throws {
    #expect(try content(#"(-\mathbf{x}^T)"#, display: false)
        == #"<mrow><mo stretchy="false">(</mo><mo form="prefix">−</mo><msup><mi>𝐱</mi><mi>T</mi></msup><mo stretchy="false">)</mo></mrow>"#)
    #expect(try content(#"[a, -b]"#, display: false)
        == #"<mrow><mo stretchy="false">[</mo><mi>a</mi><mo>,</mo><mo form="prefix">−</mo><mi>b</mi><mo stretchy="false">]</mo></mrow>"#)
    #expect(try content(#"\left(-x\right)"#, display: false).contains(#"<mo form="prefix">−</mo><mi>x</mi>"#))
    #expect(try content(#"y = -1"#, display: false) == #"<mrow><mi>y</mi><mo>=</mo><mo form="prefix">−</mo><mn>1</mn></mrow>"#)
}

@Test func minusBetweenTermsStaysBinary() throws {
    #expect(try content(#"a - b"#, display: false) == "<mrow><mi>a</mi><mo>−</mo><mi>b</mi></mrow>")
    #expect(try content(#"(a) - b"#, display: false) == #"<mrow><mo stretchy="false">(</mo><mi>a</mi><mo stretchy="false">)</mo><mo>−</mo><mi>b</mi></mrow>"#)
    // First in its row, MathML makes it prefix already: no attribute needed.
    #expect(try content(#"-x"#, display: false) == "<mrow><mo>−</mo><mi>x</mi></mrow>")
}

@Test func vecDrawsASmallArrow() throws {
    #expect(try content(#"\vec{1}"#, display: false) == #"<mover accent="true"><mn>1</mn><mo stretchy="false" mathsize="70%">→</mo></mover>"#)
    // A stretchy arrow over a long base keeps its full size.
    #expect(try content(#"\overrightarrow{AB}"#, display: false).contains(#"<mo stretchy="true">→</mo>"#))
}
