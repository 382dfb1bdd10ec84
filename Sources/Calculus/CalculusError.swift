/// An error of the engine: what went wrong and, when it came from source text, where.
///
/// `offset`/`length` count Unicode scalars into the expression's text; `Diagnostic` turns them into
/// `line L, column C` with the line and a caret.
public struct CalculusError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case syntax, unknownName, shape, differentiation, evaluation, limit
    }
    public var kind: Kind
    public var message: String
    public var offset: Int?
    public var length: Int

    public init(_ kind: Kind, _ message: String, at offset: Int? = nil, length: Int = 1) {
        self.kind = kind; self.message = message; self.offset = offset; self.length = length
    }
    public var description: String { message }
}

/// A message located in a text: `line 1, column 9: expected ')' …`, the line, and a caret under the spot.
public struct Diagnostic: Sendable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public var sourceLine: String
    public var length: Int

    public init(_ error: CalculusError, in text: String, lineOffset: Int = 0, columnOffset: Int = 0) {
        message = error.message
        let chars = Array(text.unicodeScalars)
        let offset = Swift.min(error.offset ?? 0, chars.count)
        var line = 1, lineStart = 0
        for i in 0..<offset where chars[i] == "\n" { line += 1; lineStart = i + 1 }
        var lineEnd = lineStart
        while lineEnd < chars.count && chars[lineEnd] != "\n" { lineEnd += 1 }
        self.line = line + lineOffset
        self.column = offset - lineStart + 1 + (line == 1 ? columnOffset : 0)
        let shown = chars[lineStart..<lineEnd]
        // Long lines are cut around the spot so a 1 MB answer prints a readable excerpt.
        if shown.count > 120 {
            let from = Swift.max(lineStart, offset - 60), to = Swift.min(lineEnd, from + 120)
            sourceLine = (from > lineStart ? "…" : "") + String(String.UnicodeScalarView(chars[from..<to])) + (to < lineEnd ? "…" : "")
            caretColumn = offset - from + 1 + (from > lineStart ? 1 : 0)
        } else {
            sourceLine = String(String.UnicodeScalarView(shown))
            caretColumn = offset - lineStart + 1
        }
        sourceLine = String(String.UnicodeScalarView(sourceLine.unicodeScalars.map { $0.value < 32 && $0 != "\t" ? "\u{FFFD}" : $0 }))
        length = Swift.max(1, Swift.min(error.length, sourceLine.unicodeScalars.count - caretColumn + 1))
    }

    var caretColumn: Int = 1

    /// `line 1, column 9: message`.
    public var headline: String { "line \(line), column \(column): \(message)" }

    /// The source line and a caret line, indented by `indent`.
    public func excerpt(indent: String = "  ") -> String {
        indent + sourceLine + "\n" + indent + String(repeating: " ", count: caretColumn - 1) + String(repeating: "^", count: length)
    }

    public var description: String { headline + "\n" + excerpt() }
}
