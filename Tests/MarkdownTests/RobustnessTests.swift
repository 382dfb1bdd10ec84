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

    @Test func largeInputIsLinear() {
        let chunk = "## Section\n\nSome $x_i$ text with *emphasis* and `code`, $$\\sum_i x_i$$.\n\n- a\n- b\n\n"
        let text = String(repeating: chunk, count: 20_000) // about 1.6 MB
        let clock = ContinuousClock()
        var document: Document?
        let elapsed = clock.measure { document = parse(text) }
        #expect(document?.blocks.count == 60_000)
        #expect(document?.mathNodes.count == 40_000)
        #expect(elapsed < .seconds(20)) // generous: debug builds on a slow machine
    }
}
