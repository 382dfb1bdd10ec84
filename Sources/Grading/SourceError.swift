/// An error in a user's file, printed like a compiler's: `file:line:column: error: message`, the line, a caret.
///
/// Lines and columns are 1-based. A column counts Characters (grapheme clusters) from the start of the line:
/// what an editor shows a person, so `·`, `ᵀ` and `é` each count one. Every error mcheck reports uses this unit:
/// Calculus's offsets (Unicode scalars) and cmark's columns (UTF-8 bytes) are converted where they are read
/// (`TextPosition` here, `CharacterColumns` in Markdown).
public struct SourceError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var column: Int?
    public var message: String
    /// The offending source line and how many Characters the caret spans.
    public var sourceLine: String?
    public var length: Int

    public init(file: String, line: Int, column: Int? = nil, message: String, sourceLine: String? = nil, length: Int = 1) {
        self.file = file; self.line = line; self.column = column; self.message = message
        self.sourceLine = sourceLine; self.length = length
    }

    /// `file:line[:column]`.
    public var location: String {
        if line <= 0 { return file }
        return column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
    }

    public var description: String {
        var s = "\(location): error: \(message)"
        if let sourceLine, let column {
            s += "\n    " + sourceLine + "\n    " + String(repeating: " ", count: Swift.max(0, column - 1)) + String(repeating: "^", count: Swift.max(1, length))
        }
        return s
    }
}
