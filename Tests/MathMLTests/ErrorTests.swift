// Errors: each with its message and UTF-8 offset; deep nesting; bad input never crashes or hangs.
import Foundation
import Testing
import MathML

let macroRenderer = MathMLRenderer(macros: [
    "\\R": "\\mathbb{R}", "\\bad": "\\frac{1}", "\\loop": "\\loop", "norm": "\\left\\lVert #1 \\right\\rVert",
])

let errorCases: [(String, String, Int)] = [
        (#"\foo"#, #"unknown command \foo"#, 0),
        (#"x + \foo"#, #"unknown command \foo"#, 4),
        (#"{a"#, #"missing } to close { at offset 0"#, 2),
        (#"{a}}"#, #"unexpected } without matching {"#, 3),
        (#"a}"#, #"unexpected } without matching {"#, 1),
        (#"\frac{a}"#, #"\frac needs 2 arguments"#, 0),
        (#"\frac"#, #"\frac needs 2 arguments"#, 0),
        (#"\sqrt"#, #"\sqrt needs an argument"#, 0),
        (#"x^"#, #"missing superscript after ^"#, 1),
        (#"x_"#, #"missing subscript after _"#, 1),
        (#"x^}"#, #"missing superscript after ^"#, 1),
        (#"\mathbf"#, #"\mathbf needs an argument"#, 0),
        (#"\left( a"#, #"unbalanced \left( without \right"#, 0),
        (#"\left( a }"#, #"unbalanced \left( without \right"#, 0),
        (#"a \right)"#, #"\right without matching \left"#, 2),
        (#"\left"#, #"missing delimiter after \left"#, 0),
        (#"\left\foo x \right)"#, #"\foo is not a delimiter (after \left)"#, 5),
        (#"\begin{pmatrix} a \end{bmatrix}"#, #"\end{bmatrix} does not match \begin{pmatrix}"#, 18),
        (#"\begin{pmatrix} a"#, #"missing \end{pmatrix} to close \begin{pmatrix} at offset 0"#, 17),
        (#"\end{pmatrix}"#, #"\end{pmatrix} without matching \begin{pmatrix}"#, 0),
        (#"\begin{foo} a \end{foo}"#, #"unknown environment foo"#, 0),
        (#"a & b"#, #"& outside an environment"#, 2),
        (#"a \\ b"#, #"\\ outside an environment (inline math has one line)"#, 2),
        (#"x^2^3"#, #"double superscript"#, 3),
        (#"x_1_2"#, #"double subscript"#, 3),
        (#"\begin{cases} a & b & c \end{cases}"#, #"too many columns in \begin{cases} (at most 2)"#, 20),
        (#"\begin{array}{cc} a & b & c \end{array}"#, #"too many columns in \begin{array} (at most 2)"#, 24),
        (#"\begin{array}{p} a \end{array}"#, #"unsupported column type p in \begin{array} (use l, c, r, |)"#, 14),
        (#"\sqrt[3"#, #"missing ] to close [ at offset 5"#, 7),
        (#"\label{}"#, #"\label needs a name"#, 0),
        (#"\label{a"#, #"missing } to close { at offset 6"#, 8),
        (#"$"#, #"$ is not allowed inside math"#, 0),
        (#"#"#, #"# is only allowed in macro definitions"#, 0),
        (#"\limits"#, #"\limits and \nolimits must follow a large operator"#, 0),
        (#"\tag{1}"#, #"\tag is only allowed in display math"#, 0),
        (#"\middle|"#, #"\middle without \left"#, 0),
        (#"\text{a"#, #"missing } to close { at offset 5"#, 7),
        (#"\text{a & b}"#, #"& is not allowed in text (write \&)"#, 8),
        (#"\text{\foo}"#, #"unknown command \foo in text"#, 6),
        (#"\color{12}"#, #"invalid color (use a name like red or #rrggbb)"#, 6),
        (#"\hline"#, #"\hline is only allowed at the start of a table row"#, 0),
        (#"\"#, #"\ at end of input"#, 0),
        (#"\loop"#, #"in macro \loop: nesting too deep (more than 500 levels)"#, 0),
        (#"\bad"#, #"in macro \bad: \frac needs 2 arguments"#, 0),
        (#"\norm"#, #"\norm needs an argument"#, 0),
        (#"\left( a \\ b \right)"#, #"unbalanced \left( without \right"#, 0),
        (#"\begin{matrix} {a & b} \end{matrix}"#, #"missing } to close { at offset 15"#, 18),
        ("a\u{07}b", "control character U+0007 is not allowed", 1),
        ("\\text{a\u{01}}", "control character U+0001 is not allowed", 7),
]

@Test("errors", arguments: errorCases)
func errors(latex: String, message: String, offset: Int) {
    #expect(throws: MathError(message: message, offset: offset)) {
        try macroRenderer.render(latex, display: false)
    }
}

@Test("offsets are UTF-8 byte offsets")
func utf8Offsets() {
    #expect(throws: MathError(message: "unknown command \\foo", offset: 3)) {
        try MathMLRenderer().render("α+\\foo", display: false)  // α is 2 bytes
    }
}

@Test("nesting 50,000 levels deep is an error, not a crash", arguments: [
    String(repeating: "{", count: 50_000),
    String(repeating: "{", count: 50_000) + "x" + String(repeating: "}", count: 50_000),
    String(repeating: "\\frac{", count: 50_000),
    String(repeating: "\\frac", count: 50_000) + "12",
    String(repeating: "x^{", count: 50_000),
    String(repeating: "\\sqrt", count: 50_000) + "x",
    String(repeating: "\\left(", count: 50_000),
    String(repeating: "\\begin{bmatrix}", count: 50_000),
    String(repeating: "\\text{$", count: 50_000),
    String(repeating: "\\mathbf{", count: 50_000),
])
func deepNesting(latex: String) {
    #expect(throws: MathError.self) { try MathMLRenderer().render(latex, display: true) }
    do {
        _ = try MathMLRenderer().render(latex, display: true)
    } catch {
        #expect(error.message == "nesting too deep (more than 500 levels)")
    }
}

@Test("nesting up to the limit renders", arguments: [
    String(repeating: "{", count: 490) + "x" + String(repeating: "}", count: 490),
    String(repeating: "\\frac{", count: 400) + "x" + String(repeating: "}{y}", count: 400),
    String(repeating: "\\left(", count: 400) + "x" + String(repeating: "\\right)", count: 400),
    String(repeating: "\\begin{pmatrix}", count: 400) + "x" + String(repeating: "\\end{pmatrix}", count: 400),
])
func deepButAllowed(latex: String) throws {
    let math = try MathMLRenderer().render(latex, display: false)
    #expect(math.contains("<mi>x</mi>"))
}

@Test("recursive macros are an error")
func recursiveMacro() {
    #expect(throws: MathError(message: "in macro \\loop: nesting too deep (more than 500 levels)", offset: 0)) {
        try macroRenderer.render("\\loop", display: false)
    }
}

@Test("exponential macro expansion is cut off")
func exponentialMacros() {
    // \xb expands to \xa\xa, \xc to \xb\xb, … : 2^25 copies of x unless cut off.
    var named: [String: String] = ["xa": "x"]
    let letters = "abcdefghijklmnopqrstuvwxyz"
    var previous = "xa"
    for (i, c) in letters.enumerated() where i > 0 {
        let name = "x" + String(c)
        named[name] = "\\\(previous)\\\(previous)"
        previous = name
    }
    let renderer = MathMLRenderer(macros: named)
    // The expansion count runs out (after 10,000) long before the copies do.
    let cutOff = MathError(message: "in macro \\xz: too many macro expansions (is \\xf recursive?)", offset: 0)
    #expect(throws: cutOff) { try renderer.render("\\\(previous)", display: false) }
}

@Test("long and pathological input renders completely or fails cleanly")
func longInput() throws {
    // Speed is measured by the benchmarks; here: every repetition of a long input is rendered.
    let renderer = MathMLRenderer()
    let small = String(repeating: "x_i^2 + \\frac{a}{b} \\cdot \\left( y \\right) ", count: 500)
    let large = String(repeating: small, count: 8)
    let smallMath = try renderer.render(small, display: true)
    let largeMath = try renderer.render(large, display: true)
    for (element, perCopy) in [("<msubsup>", 1), ("<mfrac>", 1), ("<mi>y</mi>", 1)] {
        #expect(smallMath.components(separatedBy: element).count - 1 == 500 * perCopy)
        #expect(largeMath.components(separatedBy: element).count - 1 == 4000 * perCopy)
    }
    let braces = String(repeating: "{}", count: 100_000)
    _ = try renderer.render(braces, display: false)
    #expect(throws: MathError(message: "unexpected } without matching {", offset: 0)) {
        try renderer.render(String(repeating: "}", count: 100_000), display: false)
    }
}

@Test("every ASCII control character is rejected, whitespace is fine")
func controlCharacters() throws {
    for value in 0..<0x20 where ![0x09, 0x0A, 0x0D].contains(value) {
        let latex = "a" + String(UnicodeScalar(UInt8(value))) + "b"
        #expect(throws: MathError.self) { try MathMLRenderer().render(latex, display: false) }
    }
    #expect(try content("a\tb\r\nc", display: false) == "<mrow><mi>a</mi><mi>b</mi><mi>c</mi></mrow>")
    #expect(throws: MathError.self) { try MathMLRenderer().render("a\u{7F}", display: false) }
    #expect(throws: MathError.self) { try MathMLRenderer().render("a\u{85}", display: false) }
}
