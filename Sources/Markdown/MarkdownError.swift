/// Why a Markdown file could not be parsed.
public enum MarkdownError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not valid UTF-8; `location` is the first bad byte (its column in bytes),
    /// `byteOffset` its 0-based offset in the file.
    case invalidUTF8(file: String?, location: SourceLocation, byteOffset: Int)

    /// `file:line:column: message`, like a compiler diagnostic.
    public var description: String {
        switch self {
        case .invalidUTF8(let file, let location, _):
            return "\(file ?? "<input>"):\(location.line):\(location.column): invalid UTF-8"
        }
    }
}
