// The <math> wrapper, annotation, labels and tags, macros, and the API around rendering.
import Foundation
import Testing
import MathML

@Test func inlineWrapperAndAnnotation() throws {
    let math = try MathMLRenderer().render("x^2", display: false)
    #expect(math == #"<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><msup><mi>x</mi><mn>2</mn></msup><annotation encoding="application/x-tex">x^2</annotation></semantics></math>"#)
}

@Test func displayWrapper() throws {
    let math = try MathMLRenderer().render("x", display: true)
    #expect(math == #"<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics><mi>x</mi><annotation encoding="application/x-tex">x</annotation></semantics></math>"#)
}

@Test func emptyInputRendersEmptyMath() throws {
    #expect(try MathMLRenderer().render("", display: false) == #"<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow></mrow><annotation encoding="application/x-tex"></annotation></semantics></math>"#)
    #expect(try content("  ", display: true) == "<mrow></mrow>")
}

@Test func annotationIsEscaped() throws {
    let math = try MathMLRenderer().render(#"a < b > c \begin{matrix} 1 & 2 \end{matrix}"#, display: false)
    #expect(math.hasSuffix(#"<annotation encoding="application/x-tex">a &lt; b &gt; c \begin{matrix} 1 &amp; 2 \end{matrix}</annotation></semantics></math>"#))
    #expect(!math.contains("> <"))  // compact: no whitespace between elements
}

@Test func literalSpecialCharactersAreEscaped() throws {
    #expect(try content(#"a<b"#, display: false) == "<mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>")
    #expect(try content(#"\&"#, display: false) == "<mo>&amp;</mo>")
    #expect(try content(#"\text{<\&>}"#, display: false) == "<mtext>&lt;&amp;&gt;</mtext>")
}

@Test func labelsAreReturnedNotRendered() throws {
    let result = try MathMLRenderer().renderDetailed(#"a = b \label{eq:first} \\ c = d \label{ eq:second }"#, display: true)
    #expect(result.labels == ["eq:first", "eq:second"])
    #expect(!result.mathml.contains("eq:first</"))
    #expect(result.tag == nil)
    let inline = try MathMLRenderer().renderDetailed(#"x\label{inline}"#, display: false)
    #expect(inline.labels == ["inline"])
}

@Test func tagIsReturnedAndRendered() throws {
    let result = try MathMLRenderer().renderDetailed(#"E = mc^2 \tag{2.1} \label{eq:e}"#, display: true)
    #expect(result.tag == "2.1")
    #expect(result.labels == ["eq:e"])
    #expect(result.mathml.contains(#"<mtd class="mml-tag"><mtext>(2.1)</mtext></mtd>"#))
    #expect(throws: MathError(message: #"only one \tag is allowed per equation"#, offset: 10)) {
        try MathMLRenderer().render(#"x \tag{1} \tag{2}"#, display: true)
    }
}

@Test func userMacros() throws {
    let renderer = MathMLRenderer(macros: [
        #"\R"#: #"\mathbb{R}"#,
        "norm": #"\left\lVert #1 \right\rVert"#,
        #"\tr"#: #"\operatorname{tr}"#,
        #"\bx"#: #"\mathbf{x}"#,
    ])
    #expect(try content(#"\R^n"#, display: false, renderer: renderer) == "<msup><mi>ℝ</mi><mi>n</mi></msup>")
    #expect(try content(#"\norm{\bx}_2"#, display: false, renderer: renderer)
        == #"<msub><mrow><mo form="prefix" stretchy="true">‖</mo><mi>𝐱</mi><mo form="postfix" stretchy="true">‖</mo></mrow><mn>2</mn></msub>"#)
    #expect(try content(#"\tr(A)"#, display: false, renderer: renderer)
        == #"<mrow><mi>tr</mi><mo>&#x2061;</mo><mo stretchy="false">(</mo><mi>A</mi><mo stretchy="false">)</mo></mrow>"#)
    #expect(try content(#"\bx^T \bx"#, display: false, renderer: renderer) == "<mrow><msup><mi>𝐱</mi><mi>T</mi></msup><mi>𝐱</mi></mrow>")
    #expect(throws: MathError(message: #"in macro \bad: unknown command \nope"#, offset: 2)) {
        try MathMLRenderer(macros: ["bad": #"\nope"#]).render(#"x \bad"#, display: false)
    }
}

@Test func unicodeInputMatchesCommands() throws {
    let pairs: [(String, String)] = [
        ("α", #"\alpha"#), ("Δ", #"\Delta"#), ("∂", #"\partial"#), ("∇", #"\nabla"#), ("⊗", #"\otimes"#),
        ("⊘", #"\oslash"#), ("⊙", #"\odot"#), ("∘", #"\circ"#), ("·", #"\cdot"#), ("×", #"\times"#),
        ("≤", #"\le"#), ("≥", #"\ge"#), ("≠", #"\ne"#), ("∑", #"\sum"#), ("∞", #"\infty"#), ("→", #"\to"#),
    ]
    for (char, command) in pairs {
        #expect(try content(char, display: false) == content(command, display: false), "\(char) vs \(command)")
    }
    #expect(try content("é", display: false) == "<mi>é</mi>")
}

@Test func boldVectorsAreUprightBoldCharacters() throws {
    // MathML Core (Chromium) ignores mathvariant="bold": bold comes from Mathematical Alphanumeric Symbols.
    #expect(try content(#"\mathbf{x}"#, display: false) == "<mi>\u{1D431}</mi>")
    #expect(try content(#"\boldsymbol{x}"#, display: false) == "<mi>\u{1D499}</mi>")
    #expect(try content(#"\mathbb{R}\mathcal{B}\mathfrak{H}\mathit{h}"#, display: false)
        == "<mrow><mi>ℝ</mi><mi>ℬ</mi><mi>ℌ</mi><mi>ℎ</mi></mrow>")
}

@Test func paperSnippetsRender() throws {
    let renderer = MathMLRenderer()
    let snippets: [(String, Bool)] = [
        (#"\frac{\partial}{\partial x} \frac{\partial}{\partial y}"#, false),
        (#"\nabla f(x,y) = [\frac{\partial f(x,y)}{\partial x}, \frac{\partial f(x,y)}{\partial y}] = [6yx, 3x^2]"#, true),
        (#"\frac{\partial C}{\partial \mathbf{w}} = \frac{2}{N} \sum_{i=1}^{N} e_i \mathbf{x}_i^T \quad \text{(for the nonzero activation case)}"#, true),
        (#"\frac{\partial activation}{\partial \mathbf{w}} = \begin{cases} 0 \frac{\partial z}{\partial \mathbf{w}} = \vec{0}^T & z \leq 0\\ 1 \frac{\partial z}{\partial \mathbf{w}} = \frac{\partial z}{\partial \mathbf{w}} = \mathbf{x}^T & z > 0 \text{ (we computed } \frac{\partial z}{\partial \mathbf{w}} = \mathbf{x}^T \text{ previously)} \end{cases}"#, true),
        (#"\begin{array}{l} \frac{d\mathbf{u}}{d\mathbf{x}} = \frac{d}{d\mathbf{x}}(\mathbf{w} \otimes \mathbf{x}) = diag(\mathbf{w}) \\ \frac{dy}{d\mathbf{u}} = \frac{d}{d\mathbf{u}}sum(\mathbf{u}) = \vec{1}^T \end{array}"#, true),
        (#"{\bf w}"#, false),
        (#"f_i(\mathbf{w}) \cap g_i(\mathbf{x})"#, false),
        (#"\begin{split} \frac{\partial C(v)}{\partial b} &= \frac{1}{N} \sum_{i=1}^{N} \begin{cases} 0 & \mathbf{w} \cdot \mathbf{x} + b \leq 0 \\ -2v & \mathbf{w} \cdot \mathbf{x} + b > 0 \end{cases} \end{split}"#, true),
    ]
    for (latex, display) in snippets {
        #expect(throws: Never.self) { try renderer.render(latex, display: display) }
    }
}

@Test func stylesheetCoversTheClassesUsed() {
    for name in ["mml-l", "mml-r", "mml-align", "mml-cases", "mml-bl", "mml-bt", "mml-bb", "mml-tagged", "mml-tag-pad", "mml-tag"] {
        #expect(MathMLRenderer.stylesheet.contains("." + name), "\(name)")
    }
}

@Test func rendererIsSendableAndThreadSafe() async throws {
    let renderer = MathMLRenderer(macros: [#"\R"#: #"\mathbb{R}"#])
    let results = await withTaskGroup(of: String?.self) { group in
        for i in 0..<32 {
            group.addTask { try? renderer.render(#"\R^{\#(i)} + \frac{\partial f}{\partial x_{\#(i)}}"#, display: i % 2 == 0) }
        }
        var all: [String?] = []
        for await r in group { all.append(r) }
        return all
    }
    #expect(results.count == 32 && results.allSatisfy { $0 != nil })
}
