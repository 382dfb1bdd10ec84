// Colors and horizontal space.

extension Parser {
    mutating func readColor(command: String, at start: Int) throws(MathError) -> String {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\\(command) needs a color", at: start) }
        var i = pos + 1
        while i < src.count && src[i] != rbrace { i += 1 }
        guard i < src.count else { throw error("missing } to close { at offset \(pos)", at: src.count) }
        let bytes = src[(pos + 1)..<i]
        let valid: Bool
        if bytes.first == UInt8(ascii: "#") {
            let digits = bytes.dropFirst()
            valid = (digits.count == 3 || digits.count == 6)
                && digits.allSatisfy { isDigit($0) || ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "f")) }
        } else {
            valid = !bytes.isEmpty && bytes.allSatisfy(isLetter)
        }
        guard valid else { throw error("invalid color (use a name like red or #rrggbb)", at: pos) }
        pos = i + 1
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func parseHSpace(at start: Int) throws(MathError) -> Int32 {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\hspace needs a length", at: start) }
        var i = pos + 1
        while i < src.count && src[i] != rbrace { i += 1 }
        guard i < src.count else { throw error("missing } to close { at offset \(pos)", at: src.count) }
        let text = String(decoding: src[(pos + 1)..<i], as: UTF8.self).filter { $0 != " " }
        let number = text.prefix { $0 == "-" || $0 == "." || $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(number.count)
        guard let value = Double(number), ["em", "ex", "pt", "px", "mu", "cm", "mm", "in"].contains(unit) else {
            throw error("invalid length \(text) (use a number and em, ex, pt, px, mu, cm, mm or in)", at: pos)
        }
        pos = i + 1
        let width = unit == "mu" ? "\(formatted(value / 18))em" : "\(number)\(unit)"
        if value < 0 { return arena.add(.mspace, attrs: #" style="margin-left:"# + width + "\"") }
        return arena.add(.mspace, attrs: #" width=""# + width + "\"")
    }
}
