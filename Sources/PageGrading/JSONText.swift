import Calculus

/// A JSON text written piece by piece (Embedded Swift has no Codable): objects, arrays, strings, numbers.
final class JSONText {
    private(set) var text = ""
    private var needsComma = false

    func object(_ body: () -> Void) {
        separate(); text += "{"; needsComma = false; body(); text += "}"; needsComma = true
    }

    func array<T>(_ items: [T], _ each: (T) -> Void) {
        separate(); text += "["; needsComma = false
        for item in items { each(item) }
        text += "]"; needsComma = true
    }

    func field(_ name: String, _ value: () -> Void) {
        separate(); appendString(name); text += ":"; needsComma = false; value(); needsComma = true
    }

    func string(_ s: String) { separate(); appendString(s); needsComma = true }
    func integer(_ n: Int) { separate(); text += String(n); needsComma = true }
    /// A finite number in the shortest form that reads back (`1`, `0.5`); NaN and infinities, which JSON lacks, as null.
    func number(_ x: Double) { separate(); text += x.isFinite ? formatDouble(x) : "null"; needsComma = true }

    private func separate() { if needsComma { text += "," } }

    private func appendString(_ s: String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}
