import Grading

/// One GitHub Actions workflow command, `::error file=…,line=…,col=…,title=…::message`, which shows the message
/// on that line of a pull request's files (as `ruff --output-format github` and SwiftLint's
/// `github-actions-logging` reporter print them).
public struct GitHubAnnotation: Sendable, Equatable, CustomStringConvertible {
    public enum Level: String, Sendable { case error, warning, notice }

    public var level: Level
    public var file: String?
    /// 1-based; nil or 0 when the problem is the file as a whole.
    public var line: Int?
    public var column: Int?
    public var title: String?
    public var message: String

    public init(_ level: Level, file: String? = nil, line: Int? = nil, column: Int? = nil, title: String? = nil, message: String) {
        self.level = level; self.file = file; self.line = line; self.column = column; self.title = title; self.message = message
    }

    /// An error of a source file, at its line and column.
    public init(_ error: SourceError, title: String? = nil) {
        self.init(.error, file: error.file, line: error.line, column: error.column, title: title, message: error.message)
    }

    /// The command, on one line: properties and message escaped as the Actions runner reads them back.
    public var description: String {
        var properties: [String] = []
        if let file { properties.append("file=" + Self.escapeProperty(file)) }
        if let line, line > 0 {
            properties.append("line=\(line)")
            if let column, column > 0 { properties.append("col=\(column)") }
        }
        if let title { properties.append("title=" + Self.escapeProperty(title)) }
        let head = properties.isEmpty ? "" : " " + properties.joined(separator: ",")
        return "::\(level.rawValue)\(head)::\(Self.escapeData(message))"
    }

    /// A message: `%`, CR and LF are percent-encoded (a newline would end the command).
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A property value: as a message, and also `:` and `,`, which end a property.
    public static func escapeProperty(_ s: String) -> String {
        var out = ""
        for c in escapeData(s).unicodeScalars {
            switch c {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
