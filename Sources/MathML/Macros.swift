// User macros: `\name` or `\name{#1}…` expanded from their bodies.

/// A user macro: its body and how many `#n` parameters it takes.
struct Macro: Sendable {
    let body: [UInt8]
    let arity: Int

    init(body: String) {
        let bytes = Array(body.utf8)
        var arity = 0
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "#") {
                let d = bytes[i + 1]
                if d >= UInt8(ascii: "1") && d <= UInt8(ascii: "9") { arity = max(arity, Int(d - UInt8(ascii: "0"))) }
                i += 2
            } else {
                i += 1
            }
        }
        self.body = bytes
        self.arity = arity
    }
}

extension Parser {
    mutating func expandMacro(_ name: String, _ macro: Macro, at start: Int) throws(MathError) -> Int32 {
        expansions += 1
        guard expansions <= 10_000 else { throw error("too many macro expansions (is \\\(name) recursive?)", at: start) }
        var args: [ArraySlice<UInt8>] = []
        for _ in 0..<macro.arity {
            skipSpace()
            guard pos < src.count, src[pos] != rbrace, src[pos] != UInt8(ascii: "&") else {
                throw missingArgument(.command(name, macro.arity), at: start)
            }
            let argStart = pos
            if src[pos] == lbrace {
                var nesting = 0
                var i = pos
                while i < src.count {
                    if src[i] == backslash { i += 2; continue }
                    if src[i] == lbrace { nesting += 1 }
                    if src[i] == rbrace { nesting -= 1; if nesting == 0 { break } }
                    i += 1
                }
                guard i < src.count else { throw error("missing } to close { at offset \(argStart)", at: src.count) }
                args.append(src[(argStart + 1)..<i])
                pos = i + 1
            } else if src[pos] == backslash {
                _ = try readCommandName()
                args.append(src[argStart..<pos])
            } else {
                _ = decodeScalar()
                args.append(src[argStart..<pos])
            }
        }
        var body: [UInt8] = []
        body.reserveCapacity(macro.body.count)
        var i = 0
        while i < macro.body.count {
            let b = macro.body[i]
            if b == UInt8(ascii: "#") && i + 1 < macro.body.count {
                let d = macro.body[i + 1]
                if d >= UInt8(ascii: "1") && d <= UInt8(ascii: "9") {
                    body.append(contentsOf: args[Int(d - UInt8(ascii: "1"))])
                    i += 2
                    continue
                }
                if d == UInt8(ascii: "#") { body.append(b); i += 2; continue }
            }
            body.append(b)
            i += 1
        }
        expandedBytes += body.count
        guard expandedBytes <= 100_000 + 20 * sourceSize else {
            throw error("macro expansion too large (is \\\(name) recursive?)", at: start)
        }
        let savedSource = src
        let savedPos = pos
        let savedContext = macroContext
        src = body
        pos = 0
        if macroContext == nil { macroContext = (name, start) }
        let row = arena.add(.row)
        try parseList(into: row, stop: .eof, opener: .macro)
        src = savedSource
        pos = savedPos
        macroContext = savedContext
        return row
    }
}
