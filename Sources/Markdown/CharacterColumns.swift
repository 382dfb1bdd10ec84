/// Turns cmark's columns (UTF-8 bytes) into Characters, the unit mcheck reports columns in (what an editor
/// shows: `·`, `ᵀ` and `é` count one each). The one place where byte columns become Character columns.
public struct CharacterColumns: Sendable {
    let text: String
    /// Where each line starts, in the text's UTF-8 view.
    let lineStarts: [String.Index]

    /// `text` is the source the locations were read from.
    public init(_ text: String) {
        self.text = text
        var starts = [text.utf8.startIndex]
        var i = text.utf8.startIndex
        while i < text.utf8.endIndex {
            let next = text.utf8.index(after: i)
            // Lines end as cmark ends them: at LF, CRLF or a lone CR.
            let byte = text.utf8[i]
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && (next == text.utf8.endIndex || text.utf8[next] != UInt8(ascii: "\n"))) {
                starts.append(next)
            }
            i = next
        }
        lineStarts = starts
    }

    /// The 1-based Character column of a location whose column is cmark's (1-based, in bytes).
    public func column(of location: SourceLocation) -> Int {
        guard location.line >= 1, location.line <= lineStarts.count else { return location.column }
        let utf8 = text.utf8
        let start = lineStarts[location.line - 1]
        let end = utf8.index(start, offsetBy: Swift.max(0, location.column - 1), limitedBy: utf8.endIndex) ?? utf8.endIndex
        return String(decoding: utf8[start..<end], as: UTF8.self).count + 1
    }
}

extension Node {
    /// Where a byte offset into the node's TeX (`tex`) falls in the source, in cmark's units (line, byte column):
    /// how a math error's offset becomes a file location.
    public func location(ofTeXOffset offset: Int) -> SourceLocation {
        var location = contentStart
        for (i, byte) in (tex ?? "").utf8.enumerated() {
            if i >= offset { break }
            if byte == UInt8(ascii: "\n") {
                location.line += 1
                location.column = 1
            } else {
                location.column += 1
            }
        }
        return location
    }
}
