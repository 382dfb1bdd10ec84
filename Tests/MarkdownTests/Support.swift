import Foundation
import Testing
@testable import Markdown

/// Parses a string that is known to be valid.
func parse(_ text: String) -> Document {
    do {
        return try MarkdownParser.parse(text, file: "test.md")
    } catch {
        Issue.record("unexpected error \(error)")
        return try! MarkdownParser.parse("", file: "test.md")
    }
}

/// The text of a fixture file.
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return try String(contentsOf: url, encoding: .utf8)
}

/// The math nodes of `text` as (tex, display) pairs.
func math(_ text: String) -> [(tex: String, display: Bool)] {
    parse(text).mathNodes.map { node in
        if case .displayMath(let tex) = node.kind { (tex, true) } else { (node.tex!, false) }
    }
}

/// The kinds of the document's nodes below the root, in document order.
func kinds(_ text: String) -> [NodeKind] {
    parse(text).root.descendants.map(\.kind)
}
