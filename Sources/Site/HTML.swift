/// Small, allocation-light helpers for writing HTML into a `String`.
enum HTML {
    /// Appends `text` with `& < > " '` escaped (safe in text and in quoted attributes).
    static func escape(_ text: some StringProtocol, into out: inout String) {
        var clean = true
        for b in text.utf8 where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 {
            clean = false
            break
        }
        if clean {
            out += text
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        for b in text.utf8 {
            switch b {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(b)
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// ` name="value"`, the value escaped; nothing for an empty value.
    static func attribute(_ name: String, _ value: some StringProtocol, into out: inout String) {
        guard !value.isEmpty else { return }
        out += " " + name + "=\""
        escape(value, into: &out)
        out += "\""
    }

    static func escaped(_ text: some StringProtocol) -> String {
        var s = ""
        escape(text, into: &s)
        return s
    }

    /// Appends `text` as a JSON string literal (with quotes); `<` is escaped so the result is safe in a script.
    static func json(_ text: some StringProtocol, into out: inout String) {
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(text.utf8.count + 8)
        for b in text.utf8 {
            switch b {
            case 0x22: bytes.append(contentsOf: #"\""#.utf8)
            case 0x5C: bytes.append(contentsOf: #"\\"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x3C: bytes.append(contentsOf: #"\u003c"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 15)])
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Whether raw HTML is nothing but comments and white space (`<!-- let: … -->`): such HTML is dropped.
    /// The value of a `<!-- where: x > 0 -->` comment in a piece of HTML, if there is one.
    static func whereCondition(_ html: String) -> String? {
        guard let open = html.range(of: "<!--"), let close = html.range(of: "-->", range: open.upperBound..<html.endIndex) else { return nil }
        let body = String(html[open.upperBound..<close.lowerBound]).trimmingSpaces()
        guard body.hasPrefix("where:") else { return whereCondition(String(html[close.upperBound...])) }
        return String(body.dropFirst("where:".count)).trimmingSpaces()
    }

    static func isOnlyComments(_ html: String) -> Bool {
        var rest = Substring(html)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            if rest.isEmpty { return true }
            guard rest.hasPrefix("<!--"), let end = rest.range(of: "-->") else { return false }
            rest = rest[end.upperBound...]
        }
    }
}

/// Heading anchors: lower case, letters and digits kept, runs of anything else become one `-`.
/// TeX commands (`\mathbf`) and braces of math are left out, their arguments kept.
enum Slug {
    static func make(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingDash = false
        var inCommand = false
        for scalar in text.unicodeScalars {
            if inCommand {
                if scalar.properties.isAlphabetic && scalar.isASCII { continue }
                inCommand = false
            }
            if scalar == "\\" {
                inCommand = true
                continue
            }
            let v = scalar.value
            let isDigit = v >= 0x30 && v <= 0x39
            let isLower = v >= 0x61 && v <= 0x7A
            let isUpper = v >= 0x41 && v <= 0x5A
            if isDigit || isLower || isUpper {
                if pendingDash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(isUpper ? UInt8(v + 32) : UInt8(v))
            } else if !scalar.isASCII && scalar.properties.isAlphabetic {
                if pendingDash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(contentsOf: String(scalar).lowercased().utf8)
            } else if scalar == " " || scalar == "-" || scalar == "_" || scalar == "\t" || scalar == "\n" {
                pendingDash = true
            }
            // other punctuation (including `{`, `}`, `^`, `'`) is dropped without a dash
        }
        return String(decoding: out, as: UTF8.self)
    }
}
