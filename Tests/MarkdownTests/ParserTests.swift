import Foundation
import Testing
@testable import Markdown

@Suite struct ParserTests {
    @Test func emptyInputIsAnEmptyDocument() throws {
        let document = try MarkdownParser.parse("", file: "empty.md")
        #expect(document.isEmpty)
        #expect(document.blocks.isEmpty)
        #expect(document.root.kind == .document)
        #expect(document.file == "empty.md")
        #expect(try MarkdownParser.parse(data: Data(), file: nil).isEmpty)
        #expect(parse("\n\n  \n").isEmpty)
    }

    @Test func invalidUTF8IsReportedWithItsLocation() {
        var bytes = Array("# Title\n\nok line\nbad é here".utf8)
        let offset = bytes.count - 7 // the first byte of "é"
        bytes[offset + 1] = 0x41 // not a continuation byte
        #expect(throws: MarkdownError.invalidUTF8(
            file: "bad.md", location: SourceLocation(line: 4, column: 5), byteOffset: offset)) {
            try MarkdownParser.parse(data: Data(bytes), file: "bad.md")
        }
        let error = MarkdownError.invalidUTF8(file: "bad.md", location: SourceLocation(line: 4, column: 5), byteOffset: offset)
        #expect(error.description == "bad.md:4:5: invalid UTF-8")
    }

    @Test(arguments: [
        ([0xFF], 0), ([0x61, 0x80], 1), ([0xC0, 0xAF], 0), ([0xE0, 0x80, 0xAF], 0),
        ([0xED, 0xA0, 0x80], 0), ([0xF4, 0x90, 0x80, 0x80], 0), ([0x61, 0x62, 0xE2, 0x82], 2),
    ] as [([UInt8], Int)])
    func illFormedSequencesAreRejected(bytes: [UInt8], offset: Int) {
        #expect(throws: MarkdownError.invalidUTF8(file: nil, location: SourceLocation(line: 1, column: offset + 1), byteOffset: offset)) {
            try MarkdownParser.parse(data: Data(bytes), file: nil)
        }
    }

    @Test func validDataParsesLikeTheString() throws {
        let text = "# Größe\n\n$\\mathbb{R}^{n×n}$ ✓ 🎉\r\nline two\n"
        #expect(try MarkdownParser.parse(data: Data(text.utf8), file: "a.md") == parse(text).withFile("a.md"))
    }

    @Test func codeBlocksWithInfoInDocumentOrder() throws {
        let document = parse("""
            ```exercise id=1
            answer one
            ```

            ```swift
            let x = 1
            ```

            > ```exercise
            > answer two
            > more
            > ```

            ```exercise
            ```
            """)
        let blocks = document.codeBlocks(info: "exercise")
        #expect(blocks.map { $0.codeBlock!.code } == ["answer one\n", "answer two\nmore\n", ""])
        #expect(blocks.map(\.range.start.line) == [1, 9, 14])
        #expect(blocks.map { $0.codeBlock!.contentStartLine } == [2, 10, 15])
        #expect(blocks.map { $0.codeBlock!.contentLines } == [2...2, 10...11, nil])
        #expect(blocks[0].codeBlock!.info == "exercise id=1")
        #expect(blocks[1].contentStart == SourceLocation(line: 10, column: 3))
        #expect(document.codeBlocks().count == 4)
    }

    @Test func listsTasksAndTables() {
        let document = parse("""
            3. three
            4. four

            - [x] done
            - [ ] open
            - plain

            | a | b |
            |---|:-:|
            | 1 | 2 |
            """)
        #expect(document.blocks.map(\.kind) == [
            .orderedList(start: 3, tight: true), .bulletList(tight: true), .table(alignments: [.none, .center]),
        ])
        #expect(document.blocks[1].children.map(\.kind) == [
            .listItem(checked: true), .listItem(checked: false), .listItem(checked: nil),
        ])
        let cells = document.nodes { if case .tableCell = $0.kind { true } else { false } }
        #expect(cells.map(\.kind) == [
            .tableCell(column: 0, alignment: .none, isHeader: true), .tableCell(column: 1, alignment: .center, isHeader: true),
            .tableCell(column: 0, alignment: .none, isHeader: false), .tableCell(column: 1, alignment: .center, isHeader: false),
        ])
        #expect(cells.map(\.plainText) == ["a", "b", "1", "2"])
    }

    @Test func rawHTMLIsKeptVerbatim() {
        #expect(kinds("<script>alert(1)</script>\n") == [.htmlBlock("<script>alert(1)</script>\n")])
        #expect(kinds("a <b onclick=\"x\">b</b>") == [
            .paragraph, .text("a "), .inlineHTML("<b onclick=\"x\">"), .text("b"), .inlineHTML("</b>"),
        ])
    }

    /// cmark ends an HTML block closed by `-->` (or `?>`, `</pre>` …) on the line before; it ends on the `-->` line.
    @Test(arguments: [
        ("<!--r\n-->\n-->\n", 2, 3), ("<!-- a\n\nb -->\n", 3, 5), ("> <!--\n> x\n> -->\n", 3, 5),
        ("<!--\r\nx\r\n-->\r\n", 3, 3), ("<!-- one line -->\n\ntext\n", 1, 17), ("<div>\nx\n\ny\n", 2, 1),
    ])
    func htmlBlocksEndOnTheirLastLine(text: String, line: Int, column: Int) throws {
        let html = try #require(parse(text).nodes { if case .htmlBlock = $0.kind { true } else { false } }.first)
        #expect(html.range.end == SourceLocation(line: line, column: column))
    }

    /// Found by fuzzing: a fenced block in a quote, closed by the quote's end, ends with the quote (cmark ended it on the
    /// next line); one left open at the end of the file ends at its last line; a table that took a paragraph's last
    /// line for its header starts there, and math in that paragraph has a line.
    @Test func blocksEndWhereTheyEndAndMathHasALine() throws {
        let quoted = parse("> ```answer\nr\n")
        let code = try #require(quoted.codeBlocks().first)
        #expect(code.range == SourceRange(start: SourceLocation(line: 1, column: 3), end: SourceLocation(line: 1, column: 11)))
        let open = try #require(parse("a\n\n```\n\n\n").codeBlocks().first)
        #expect(open.range.end == SourceLocation(line: 5, column: 1), "a fence open at the end keeps its blank lines")
        let table = try #require(parse("**\nn|||\n-|-|-\n").nodes { if case .table = $0.kind { true } else { false } }.first)
        #expect(table.range.start.line == 2, "a table after the paragraph it took its header from")
        let math = try #require(parse("$i$\ne|||\n-|-|-\n").mathNodes.first)
        #expect(math.range.start.line == 1)
    }

    /// Found by fuzzing the workbook merge (`Fuzz/corpus/workbook/table-rows`): cmark-gfm gives the paragraph before a
    /// table that took its last line no position (it was read as line 1, and `mcheck workbook` kept the file's first
    /// line as a note, once more on every run), and starts the table and its header row where the paragraph started,
    /// with the header cells' columns counted from there.
    @Test(arguments: [("", 1), ("> ", 3)])
    func aTableThatTookAParagraphsLastLineKeepsItsRows(prefix: String, column: Int) throws {
        let p = prefix
        let document = parse("\(p)one\n\(p)two $x$\n\(p)| a | b |\n\(p)|---|---|\n\(p)| c | d |\n\(p)| e | f |\n")
        let paragraph = try #require(document.nodes { if case .paragraph = $0.kind { true } else { false } }.first)
        #expect(paragraph.range == SourceRange(start: SourceLocation(line: 1, column: column), end: SourceLocation(line: 2, column: column + 6)))
        let table = try #require(document.nodes { if case .table = $0.kind { true } else { false } }.first)
        #expect(table.range.start.line == 3)
        #expect(table.range.end.line == 6)
        let rows = document.nodes { if case .tableRow = $0.kind { true } else { false } }
        #expect(rows.map(\.range.start.line) == [3, 5, 6])
        let cells = document.nodes { if case .tableCell = $0.kind { true } else { false } }
        #expect(cells.map(\.range.start) == [3, 3, 5, 5, 6, 6].enumerated().map { SourceLocation(line: $1, column: column + 1 + ($0 % 2) * 4) })
        #expect(document.mathNodes.first?.range.start.line == 2)
    }

    /// Found by fuzzing the workbook merge (`Fuzz/corpus/workbook/found-heading-over-next-block`): cmark-gfm ended a
    /// setext heading whose lines a table failed to take (a delimiter row with NULs) on the next paragraph's line.
    @Test func blocksThatFollowEachOtherDoNotOverlap() {
        let document = parse("n|||\n-|\u{1}\0-`\0\0``x|y\nid:`\n-\n`V``\n")
        for (a, b) in zip(document.blocks, document.blocks.dropFirst()) {
            #expect(a.range.end.line < b.range.start.line, "\(a.kind) at \(a.range), then \(b.kind) at \(b.range)")
        }
    }

    /// Found by fuzzing markdown (`Fuzz/corpus/markdown/table-after-setext-heading`): a table after a setext heading
    /// cmark-gfm ends on the table's header line started a line late, and its header cells went left of column 1.
    @Test func aTableAfterASetextHeadingStartsOnItsHeader() throws {
        let document = parse("|||||\r-\nf%\0\n|-\r\n|-\n|-|")
        let table = try #require(document.nodes { if case .table = $0.kind { true } else { false } }.first)
        #expect(table.range.start.line == 3)
        #expect(document.blocks.first?.range.end.line == 2)
        document.walk { node in #expect(node.range.start.column >= 0, "\(node.kind) at \(node.range)") }
    }

    @Test func navigationAndPlainText() throws {
        let document = parse("# A *b*\n\n> c `d` $e$\n> f\n")
        let quote = document.blocks[1]
        let paragraph = try #require(quote.firstChild)
        #expect(paragraph.parent == quote)
        #expect(paragraph.ancestors == [quote, document.root])
        #expect(quote.nextSibling == nil)
        #expect(document.blocks[0].nextSibling == quote)
        #expect(paragraph.childCount == 6)
        #expect(document.blocks[0].plainText == "A b")
        #expect(quote.plainText == "c d e f")
        #expect(document.root.plainText == "A b\nc d e f")
        #expect(document.root.subtreeSize == document.nodeCount)
        var entered: [String] = []
        var exited = 0
        document.root.traverse(enter: { node in
            entered.append(node.kind.dumpDescription)
            if case .heading = node.kind { return .skipChildren }
            return .visitChildren
        }, exit: { _ in exited += 1 })
        #expect(entered.count == exited)
        #expect(entered.count == document.nodeCount - 3) // the heading's three inlines are skipped
    }

    @Test func footnotes() {
        let document = parse("Text[^note].\n\n[^note]: The *note*.\n")
        #expect(document.root.descendants.map(\.kind).contains(.footnoteReference(label: "note")))
        #expect(document.blocks.last?.kind == .footnoteDefinition(label: "note"))
        #expect(document.blocks.last?.range.start == SourceLocation(line: 3, column: 1))
    }
}

extension Document {
    func withFile(_ file: String) -> Document { Document(file: file, tree: tree) }
}
