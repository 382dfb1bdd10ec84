import Foundation
import Testing
@testable import Markdown

/// Each `Fixtures/NAME.md` is parsed and its dump compared with `Fixtures/NAME.dump`.
/// To accept a new dump after a deliberate change: `MCHECK_UPDATE_DUMPS=1 swift test --filter MarkdownTests`
/// writes the `.dump` files next to the sources in Tests/MarkdownTests/Fixtures.
@Suite struct DumpTests {
    static let fixtures = ["sample", "math", "positions"]

    @Test(arguments: fixtures)
    func dumpMatchesFixture(name: String) throws {
        let document = try MarkdownParser.parse(try fixture("\(name).md"), file: "\(name).md")
        let dump = document.debugDump()
        if ProcessInfo.processInfo.environment["MCHECK_UPDATE_DUMPS"] != nil {
            let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
            try dump.write(to: directory.appendingPathComponent("\(name).dump"), atomically: true, encoding: .utf8)
            return
        }
        let expected = try fixture("\(name).dump")
        #expect(dump == expected, "dump of \(name).md changed:\n\(dump)")
    }

    @Test func dumpShowsRangesAndTreeLines() {
        let dump = parse("# Title\n\nSome *text*.\n").debugDump()
        #expect(dump == """
            Document @1:1-3:12
            ├─ Heading @1:1-1:7 level: 1
            │  └─ Text @1:3-1:7 "Title"
            └─ Paragraph @3:1-3:12
               ├─ Text @3:1-3:5 "Some "
               ├─ Emphasis @3:6-3:11
               │  └─ Text @3:7-3:10 "text"
               └─ Text @3:12-3:12 "."

            """)
    }
}
