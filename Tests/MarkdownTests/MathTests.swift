import Testing
@testable import Markdown

@Suite struct MathTests {
    @Test(arguments: [
        #"\{a\}"#, #"a_1 * b_2 * c"#, #"x\\y"#, #"\$"#, #"a\_b"#, "&amp; &lt;", #"\text{cost $5}"#, "[a](b)",
        "`x`", "<b>", "a~b~c", "x*y*z", "**a**", "_a_", #"\left\{ x \right."#, "α → β",
    ])
    func inlineMathIsVerbatim(tex: String) {
        let results = math("Let $\(tex)$ be.")
        #expect(results.count == 1)
        #expect(results.first?.tex == tex)
        #expect(results.first?.display == false)
    }

    @Test func displayMathOverSeveralLinesIsVerbatim() {
        let tex = "\n\\begin{bmatrix} a & b \\\\\nc & d \\end{bmatrix}\n"
        let document = parse("$$\(tex)$$\n")
        #expect(document.blocks.map(\.kind) == [.displayMath(tex)])
        #expect(document.blocks[0].range == SourceRange(
            start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 4, column: 2)))
        #expect(document.blocks[0].contentStart == SourceLocation(line: 1, column: 3))
        #expect(document.blocks[0].isBlock)
    }

    @Test func displayMathKeepsEscapesAndEmphasisCharacters() {
        let tex = #" \mathbf{x}_i^* \cdot \_ \\ *y* \{ \} "#
        #expect(math("$$\(tex)$$").map(\.tex) == [tex])
        #expect(math("$$\(tex)$$").map(\.display) == [true])
    }

    @Test func dollarsInProseStayText() {
        #expect(math("It costs $5 and $10.").isEmpty)
        #expect(kinds("It costs $5 and $10.") == [.paragraph, .text("It costs $5 and $10.")])
        #expect(kinds("Prices: $20,000 and $30,000.") == [.paragraph, .text("Prices: $20,000 and $30,000.")])
        #expect(math("a $ b$").isEmpty) // space after the opener
        #expect(math("a $b $").isEmpty) // space before the closer
        #expect(math("$x$5").isEmpty) // closer followed by a digit
        #expect(math("just $ one").isEmpty)
        #expect(kinds("$$ unclosed") == [.paragraph, .text("$$ unclosed")])
        #expect(kinds("$$ $$") == [.paragraph, .text("$$ $$")])
    }

    @Test func escapedDollarIsLiteral() {
        #expect(kinds(#"\$x$ and \$5"#) == [.paragraph, .text("$x$ and $5")])
        #expect(math(#"$a\$b$"#).map(\.tex) == [#"a\$b"#])
    }

    @Test func mathIsNotBrokenByEmphasis() {
        #expect(kinds("*a $b*c$ d*") == [.emphasis, .text("a "), .inlineMath("b*c"), .text(" d")].withParagraph)
        #expect(kinds("_x $y_z$_") == [.emphasis, .text("x "), .inlineMath("y_z")].withParagraph)
        #expect(kinds("**$a**b$**") == [.strong, .inlineMath("a**b")].withParagraph)
    }

    @Test func codeSpansWinOverMath() {
        #expect(kinds("`$x$` $y$") == [.paragraph, .inlineCode("$x$"), .text(" "), .inlineMath("y")])
    }

    @Test func fencedMathBlocksAreDisplayMath() {
        let document = parse("Text\n\n```math\n\\nabla f \\\\ g\n```\n")
        #expect(document.blocks.map(\.kind) == [.paragraph, .displayMath("\\nabla f \\\\ g\n")])
        let block = document.blocks[1]
        #expect(block.range.lines == 3...5)
        #expect(block.contentStart.line == 4)
        #expect(document.codeBlocks(info: "math").isEmpty)
        #expect(document.mathNodes == [block])
    }

    @Test func loneDisplayMathIsABlockAndMixedIsInline() throws {
        let alone = parse("> $$\n> x\n> $$\n\n- $$y$$\n")
        #expect(alone.mathNodes.map(\.isBlock) == [true, true])
        #expect(alone.mathNodes.map { $0.parent!.kind } == [.blockQuote, .listItem(checked: nil)])
        #expect(alone.mathNodes.map(\.tex) == ["\nx\n", "y"])

        let mixed = parse("We have\n$$\nz\n$$\nso on.")
        let node = try #require(mixed.mathNodes.first)
        #expect(!node.isBlock)
        #expect(node.parent?.kind == .paragraph)
        #expect(node.range == SourceRange(start: SourceLocation(line: 2, column: 1), end: SourceLocation(line: 4, column: 2)))
    }

    @Test func mathInTableCellsHeadingsAndLinks() {
        #expect(math("| $a$ | $$b$$ |\n|---|---|\n| $c_1$ | d |").map(\.tex) == ["a", "b", "c_1"])
        #expect(kinds("## Gradient $\\nabla f$") == [.heading(level: 2), .text("Gradient "), .inlineMath("\\nabla f")])
        #expect(kinds("[see $x_1$](u)") == [.paragraph, .link(destination: "u", title: ""), .text("see "), .inlineMath("x_1")])
    }

    @Test func positionsAfterMultiLineMathAreRepaired() throws {
        let document = parse("A\n$$\nx\n$$ b $c$\nd *e*\n")
        let nodes = document.root.descendants
        func range(_ kind: NodeKind) -> String? { nodes.first { $0.kind == kind }?.range.description }
        #expect(range(.displayMath("\nx\n")) == "2:1-4:2")
        #expect(range(.text(" b ")) == "4:3-4:5")
        #expect(range(.inlineMath("c")) == "4:6-4:8")
        #expect(range(.text("d ")) == "5:1-5:2")
        #expect(range(.emphasis) == "5:3-5:5")
    }
}

extension Array where Element == NodeKind {
    var withParagraph: [NodeKind] { [.paragraph] + self }
}

