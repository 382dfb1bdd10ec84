/// A position in a Markdown source file.
///
/// Both fields are 1-based. `column` counts UTF-8 bytes from the start of the
/// line (a tab is one byte, a non-ASCII character several), as cmark does;
/// `CharacterColumns` converts it into the Characters mcheck's messages count.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// The source span of a node. Both ends are inclusive: `end` is the location
/// of the node's last byte (for a block, the end of its last line).
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// The source lines the node touches.
    public var lines: ClosedRange<Int> { start.line...max(start.line, end.line) }

    /// Whether `location` lies within the range.
    public func contains(_ location: SourceLocation) -> Bool { start <= location && location <= end }

    /// `line:column-line:column`.
    public var description: String { "\(start)-\(end)" }
}
