/// Where an offset in Unicode scalars (Calculus's unit) falls in a text, as a line and a Character column
/// (`SourceError`'s unit).
public struct TextPosition: Equatable, Sendable {
    /// 1-based line within the text.
    public var line: Int
    /// 1-based, in Characters from the start of that line.
    public var column: Int

    public init(scalarOffset offset: Int, in text: String) {
        let scalars = text.unicodeScalars
        let end = scalars.index(scalars.startIndex, offsetBy: Swift.max(0, offset), limitedBy: scalars.endIndex) ?? scalars.endIndex
        var line = 1
        var lineStart = scalars.startIndex
        var i = scalars.startIndex
        while i < end {
            let next = scalars.index(after: i)
            if scalars[i] == "\n" { line += 1; lineStart = next }
            i = next
        }
        self.line = line
        column = Substring(scalars[lineStart..<end]).count + 1
    }
}
