/// The 0-based offset of the first ill-formed UTF-8 sequence, or nil if all is well.
///
/// A stray continuation byte, a truncated sequence, an overlong form, a
/// surrogate or a value above U+10FFFF is ill-formed; the offset is that of
/// the sequence's first byte, the one an editor would show.
func firstInvalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    var i = 0
    while i < n {
        let lead = bytes[i]
        if lead < 0x80 {
            i += 1
            continue
        }
        // Sequence length and the allowed range of the second byte (which rules out
        // overlong forms, surrogates and values above U+10FFFF).
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xED: length = 3; high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; low = 0x90
        case 0xF4: length = 4; high = 0x8F
        case 0xF1...0xF3: length = 4
        default: return i
        }
        guard i + length <= n, bytes[i + 1] >= low, bytes[i + 1] <= high else { return i }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
        i += length
    }
    return nil
}

/// The 1-based line and byte column of the byte at `offset` (lines end at `\n`, `\r\n` or `\r`, as in cmark).
func sourceLocation(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
    var line = 1
    var lineStart = 0
    var i = 0
    while i < offset {
        if bytes[i] == UInt8(ascii: "\r"), i + 1 < offset, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
        if bytes[i] == UInt8(ascii: "\n") || bytes[i] == UInt8(ascii: "\r") {
            line += 1
            lineStart = i + 1
        }
        i += 1
    }
    return SourceLocation(line: line, column: offset - lineStart + 1)
}
