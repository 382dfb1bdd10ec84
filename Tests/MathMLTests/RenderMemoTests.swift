import Testing
@testable import MathML

/// A memoizing renderer (the site's) gives what a plain one gives, the second time as the first: MathML, labels,
/// tags and errors alike, inline and display apart.
@Suite struct RenderMemoTests {
    static let formulas: [String] = [
        #"\mathbf{x}"#, "x", #"\frac{\partial f}{\partial x}"#, #"E = mc^2 \label{eq:energy} \tag{1}"#,
        #"y = x \label{eq:y}"#, #"\begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}"#, #"\foo"#, "{a",
        String(repeating: #"\sum_{i=1}^{n} x_i + "#, count: 8) + "1",
    ]

    @Test(arguments: formulas)
    func memoizedIsPlain(latex: String) {
        let plain = MathMLRenderer(), memo = MathMLRenderer(memoizing: true)
        for display in [false, true] {
            let expected = Result { () throws(MathError) in try plain.renderDetailed(latex, display: display) }
            for _ in 0..<2 {
                let got = Result { () throws(MathError) in try memo.renderDetailed(latex, display: display) }
                #expect(got == expected, "\(latex), display \(display)")
            }
        }
    }

    /// `é` as one code point and as `e` with a combining accent are equal Strings but other bytes: each keeps its own
    /// annotation (and error offsets), byte for byte.
    @Test func canonicallyEquivalentSpellingsAreNotConfused() throws {
        let composed = "\\text{caf\u{E9}} + x", decomposed = "\\text{cafe\u{301}} + x"
        #expect(composed == decomposed)
        let plain = MathMLRenderer(), memo = MathMLRenderer(memoizing: true)
        for latex in [composed, decomposed, composed] {
            let got = try memo.render(latex, display: false), expected = try plain.render(latex, display: false)
            #expect(Array(got.utf8) == Array(expected.utf8))
        }
        // An error's offset is the bytes' own: one more after `e` and the accent than after `é` composed.
        var offsets: [Int] = []
        for latex in ["\\text{\u{E9}}\\foo", "\\text{e\u{301}}\\foo"] {
            let expected = Result { () throws(MathError) in try plain.renderDetailed(latex, display: false) }
            let got = Result { () throws(MathError) in try memo.renderDetailed(latex, display: false) }
            guard case .failure(let e) = expected, case .failure(let g) = got else { Issue.record("\(latex) rendered"); continue }
            #expect(g.offset == e.offset)
            offsets.append(g.offset)
        }
        #expect(offsets.count == 2 && offsets[1] == offsets[0] + 1, "\(offsets)")
    }

    @Test func inlineAndDisplayAreKeptApart() throws {
        let memo = MathMLRenderer(memoizing: true)
        let inline = try memo.render("x", display: false), display = try memo.render("x", display: true)
        #expect(!inline.contains("display=\"block\""))
        #expect(display.contains("display=\"block\""))
    }

    @Test func copiesShareTheMemoAcrossThreads() async throws {
        let memo = MathMLRenderer(memoizing: true), plain = MathMLRenderer()
        let spans = (0..<200).map { #"x_{\#($0 % 17)} + \alpha"# }
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<4 { group.addTask { spans.map { (try? memo.render($0, display: false)) ?? "" } } }
            var all: [[String]] = []
            for await r in group { all.append(r) }
            return all
        }
        let expected = spans.map { (try? plain.render($0, display: false)) ?? "" }
        for r in results { #expect(r == expected) }
    }
}
