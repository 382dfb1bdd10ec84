// The search index holds a section's math as text, so search finds it and snippets have no holes.
import Foundation
import Testing
@testable import Site

@Suite("Search index: math as text")
struct SearchIndexMathTests {
    /// The `x` (text) of each entry, in order.
    func texts(_ chapters: [(String, String)]) throws -> [String] {
        let index = try #require(try build(chapters).file("search-index.js"))
        let json = String(index.dropFirst("window.MCHECK_SEARCH=".count).dropLast(2))
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
        return entries.compactMap { $0["x"] }
    }

    @Test func inlineMathIsReadAsText() throws {
        let x = try texts([("01-neuron", "# Neuron\n\nIt takes an input vector $\\mathbf{x}$ with $n$ entries and a bias $b$.\n")])
        #expect(x == ["It takes an input vector x with n entries and a bias b."])
    }

    @Test func displayMathAndGreekLettersAreSearchable() throws {
        let x = try texts([("01-a", "# A\n\n## Rate\n\nThe step is\n\n$$\\theta - \\eta \\nabla f$$\n\nwhere $\\eta$ is small.\n")])
        #expect(x.count == 2)
        #expect(x.last == "The step is θ - η ∇ f where η is small.")
    }

    @Test func functionNamesAndMatricesReadAsWords() throws {
        let x = try texts([("01-a", "# A\n\nPolar: $[r\\cos t, r\\sin t]$ and $\\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}$.\n")])
        #expect(x == ["Polar: [r cos t, r sin t] and 1, 0; 0, 1."])
    }
}
