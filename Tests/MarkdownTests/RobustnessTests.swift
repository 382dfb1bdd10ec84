import Foundation
import Testing
@testable import Markdown

@Suite struct RobustnessTests {
    @Test(arguments: [
        String(repeating: ">", count: 50_000) + " deep",
        String(repeating: "> ", count: 50_000) + "deep\n" + String(repeating: ">", count: 50_000),
        String(repeating: "(", count: 50_000),
        String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000),
        String(repeating: "*", count: 50_000) + "x" + String(repeating: "*", count: 50_000),
        String(repeating: "$", count: 50_001),
        String(repeating: "[$x$](", count: 20_000),
    ])
    func pathologicalNestingDoesNotCrash(text: String) throws {
        let document = parse(text)
        #expect(document.nodeCount >= 2)
        var count = 0
        document.walk { _ in count += 1 }
        #expect(count == document.nodeCount)
        _ = document.root.plainText
        #expect(document == parse(text))
    }

    /// Found by fuzzing (`mcheck-fuzz grade`): cmark counts each NUL as the three bytes of U+FFFD, so a code span after
    /// NULs had a column past the end of its line, and widening it to its backticks read past the end of the file.
    @Test(arguments: ["\0\0\0\0`x`\n", "a\0\0\0\0\0\0\0\0\0\0\0\0`x`", "\0\0\0\0`x\ny`\n"])
    func codeSpansAfterNULsDoNotCrash(text: String) throws {
        let document = parse(text)
        #expect(document.nodes { if case .inlineCode = $0.kind { true } else { false } }.count == 1)
    }

    /// Found by fuzzing (`mcheck-fuzz markdown`, `Fuzz/corpus/markdown/nul-in-math`): cmark's columns count a NUL as
    /// the three bytes of U+FFFD, and math over two lines with NULs in it shifted the line's later nodes left of
    /// column 1 (a soft break at 3:-5). Columns are the file's bytes now.
    @Test func nodesAfterNULsInMathStayOnTheLine() {
        let text = ">$\0\nf$\0``z`\n`\n|"
        let document = parse(text)
        document.walk { node in
            #expect(node.range.start.column >= 0, "\(node.kind) at \(node.range)")
        }
        let math = try! #require(document.mathNodes.first)
        #expect(math.range == SourceRange(start: SourceLocation(line: 1, column: 2), end: SourceLocation(line: 2, column: 2)))
    }

    /// Found by fuzzing (`Fuzz/corpus/markdown/code-span-after-two-line-math`): a code span over two lines, after math
    /// over two lines, ended at cmark's column less the math's shift (cmark knows the new line's start), left of column 1.
    @Test func aCodeSpanOverTwoLinesAfterTwoLineMathEndsOnItsLine() throws {
        let document = parse("a $x\ny$ b `c\nd` e\n")
        let code = try #require(document.nodes { if case .inlineCode = $0.kind { true } else { false } }.first)
        #expect(code.range == SourceRange(start: SourceLocation(line: 2, column: 6), end: SourceLocation(line: 3, column: 2)))
        document.walk { node in #expect(node.range.start.column >= 0, "\(node.kind) at \(node.range)") }
    }

    /// A NUL is one byte of the file, not the three of the U+FFFD cmark reads: columns after it are the file's.
    @Test func columnsAfterNULsAreTheFilesBytes() throws {
        let document = parse("\0\0 $x$ and `y`\n\n# \0 $z$\n")
        let math = document.mathNodes
        #expect(math.map(\.range.start) == [SourceLocation(line: 1, column: 4), SourceLocation(line: 3, column: 5)])
        #expect(math.first?.range.end == SourceLocation(line: 1, column: 6))
        let code = try #require(document.nodes { if case .inlineCode = $0.kind { true } else { false } }.first)
        #expect(code.range == SourceRange(start: SourceLocation(line: 1, column: 12), end: SourceLocation(line: 1, column: 14)))
        let heading = try #require(document.blocks.last)
        #expect(heading.range.end == SourceLocation(line: 3, column: 7))
    }

    @Test func deeplyNestedListsDoNotCrash() {
        var text = ""
        for depth in 0..<5_000 { text += String(repeating: " ", count: depth * 2) + "- item\n" }
        let document = parse(text)
        let deepest = document.root.descendants.last!
        #expect(deepest.ancestors.count > 5_000)
    }

    @Test func deepBlockQuotesKeepTheirDepth() {
        let document = parse(String(repeating: ">", count: 50_000) + " deep")
        let text = document.root.descendants.last!
        #expect(text.kind == .text("deep"))
        #expect(text.ancestors.count == 50_000 + 2) // the quotes, the paragraph, the document
    }

    @Test func concurrentParsesGiveIdenticalResults() async throws {
        let text = try fixture("sample.md") + "\n" + fixture("math.md") + "\n" + fixture("positions.md")
        let expected = parse(text)
        let dumps = await withTaskGroup(of: Document.self, returning: [Document].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var last = parse(text)
                    for _ in 0..<10 { last = parse(text) }
                    return last
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(dumps.count == 16)
        for document in dumps {
            #expect(document == expected)
        }
        #expect(dumps.first?.debugDump() == expected.debugDump())
    }

    /// A large input parses whole (how fast is the benchmarks' concern: `make bench`).
    @Test func largeInputParsesWhole() {
        let chunk = "## Section\n\nSome $x_i$ text with *emphasis* and `code`, $$\\sum_i x_i$$.\n\n- a\n- b\n\n"
        let text = String(repeating: chunk, count: 20_000) // about 1.6 MB
        let document = parse(text)
        #expect(document.blocks.count == 60_000)
        #expect(document.mathNodes.count == 40_000)
    }
}

/// cmark's byte columns become the Characters mcheck reports.
@Suite struct CharacterColumnTests {
    @Test func bytesBecomeCharacters() {
        let text = "# x·yᵀ é\n\ne\u{301} $a$\n"
        let columns = CharacterColumns(text)
        let document = parse(text)
        let math = try! #require(document.mathNodes.first)
        #expect(math.range.start == SourceLocation(line: 3, column: 5), "cmark: bytes")
        #expect(columns.column(of: math.range.start) == 3, "one Character for e and its accent, one for the space")
        // `é` starts after `# x·yᵀ ` (1 + 1 + 1 + 2 + 1 + 3 + 1 bytes): column 11 in bytes, 8 in Characters.
        #expect(columns.column(of: SourceLocation(line: 1, column: 11)) == 8)
        #expect(columns.column(of: SourceLocation(line: 9, column: 4)) == 4, "a line past the end keeps its column")
    }

    /// Lines end as cmark ends them: at LF, CRLF or a lone CR.
    @Test func aLoneCREndsALine() {
        for ending in ["\n", "\r\n", "\r"] {
            let text = "é·x" + ending + "ᵀ $a$" + ending
            let document = parse(text)
            let math = try! #require(document.mathNodes.first)
            #expect(math.range.start == SourceLocation(line: 2, column: 5), "\(Array(ending.utf8))")
            #expect(CharacterColumns(text).column(of: math.range.start) == 3, "\(Array(ending.utf8))")
        }
    }
}
