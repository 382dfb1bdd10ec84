/// A text's lines, split at each line feed, a carriage return before it staying on its line.
///
/// Splitting a `String` at the Character `"\n"` misses every CRLF ending (`"\r\n"` is one Character), so a chapter
/// saved with CRLF would be one line; cmark-gfm and mcheck's messages count a CRLF as one line ending, and so do
/// these lines. Splitting the UTF-8 bytes is also much faster than comparing Characters.
public enum TextLines {
    public static func split(_ text: String) -> [String] {
        var lines: [String] = []
        var line: [UInt8] = []
        for byte in text.utf8 {
            if byte == 0x0A {
                lines.append(String(decoding: line, as: UTF8.self))
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(byte)
            }
        }
        lines.append(String(decoding: line, as: UTF8.self))
        return lines
    }

    /// Whether a line is blank as a line of a CRLF file can be (`"\r"`).
    public static func isEmpty(_ line: String) -> Bool {
        line.isEmpty || line == "\r"
    }
}
