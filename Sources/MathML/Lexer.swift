// Reading the source: UTF-8 bytes, spaces and comments, command names, scalars.

let backslash = UInt8(ascii: "\\"), lbrace = UInt8(ascii: "{"), rbrace = UInt8(ascii: "}")

/// An ASCII letter (what a multi-letter command name is made of).
@inline(__always) func isLetter(_ c: UInt8) -> Bool {
    (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
}
@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }

extension Parser {

    /// Skips spaces and `%` comments.
    mutating func skipSpace() {
        while pos < src.count {
            switch src[pos] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                pos += 1
            case UInt8(ascii: "%"):
                while pos < src.count && src[pos] != UInt8(ascii: "\n") { pos += 1 }
            default:
                return
            }
        }
    }

    /// Reads `\name` (letters), `\c` (one character) at `pos`.
    mutating func readCommandName() throws(MathError) -> String {
        let start = pos
        pos += 1
        guard pos < src.count else { throw error("\\ at end of input", at: start) }
        let nameStart = pos
        if isLetter(src[pos]) {
            while pos < src.count && isLetter(src[pos]) { pos += 1 }
        } else if src[pos] < 0x80 {
            pos += 1
        } else {
            _ = decodeScalar()
        }
        return String(decoding: src[nameStart..<pos], as: UTF8.self)
    }

    func peekCommandName() -> String? {
        guard pos + 1 < src.count, src[pos] == backslash else { return nil }
        var i = pos + 1
        if isLetter(src[i]) {
            while i < src.count && isLetter(src[i]) { i += 1 }
        } else {
            i += 1
        }
        return String(decoding: src[(pos + 1)..<min(i, src.count)], as: UTF8.self)
    }


    /// The bytes inside a `{…}` without nesting at `pos` (after spaces), e.g. a color or a length; `pos` stays at
    /// the `{` so errors about the content can point there. `missing`: the error when there is no `{`.
    mutating func rawArgument(missing message: String, at start: Int) throws(MathError) -> Range<Int> {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error(message, at: start) }
        var i = pos + 1
        while i < src.count && src[i] != rbrace { i += 1 }
        guard i < src.count else { throw error("missing } to close { at offset \(pos)", at: src.count) }
        return (pos + 1)..<i
    }

    /// Decodes the UTF-8 scalar at `pos` (input comes from a String, so it is valid) and moves past it.
    mutating func decodeScalar() -> Unicode.Scalar {
        let (scalar, length) = peekScalar()
        pos += length
        return scalar
    }

    /// The UTF-8 scalar at `pos` and its length in bytes.
    func peekScalar() -> (Unicode.Scalar, Int) {
        let b0 = UInt32(src[pos])
        var length = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
        length = min(length, src.count - pos)
        var value: UInt32 = length == 1 ? b0 : length == 2 ? b0 & 0x1F : length == 3 ? b0 & 0x0F : b0 & 0x07
        var k = 1
        while k < length { value = value << 6 | UInt32(src[pos + k] & 0x3F); k += 1 }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

}

func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

func formatted(_ value: Double) -> String {
    let rounded = (value * 10000).rounded() / 10000
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
