// `\label` and `\tag`: not rendered in place; the page and the equation number use them.

extension Parser {
    mutating func parseLabel(at start: Int) throws(MathError) {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\label needs an argument", at: start) }
        let open = pos
        var i = pos + 1
        while i < src.count && src[i] != rbrace {
            if src[i] < 0x20 || src[i] == lbrace || src[i] == 0x7F || src[i] == backslash {
                throw error("invalid character in \\label", at: i)
            }
            i += 1
        }
        guard i < src.count else { throw error("missing } to close { at offset \(open)", at: src.count) }
        let label = String(decoding: src[(open + 1)..<i], as: UTF8.self).trimmingSpaces()
        guard !label.isEmpty else { throw error("\\label needs a name", at: start) }
        labels.append(label)
        pos = i + 1
    }

    mutating func parseTag(at start: Int) throws(MathError) {
        guard topDisplay else { throw error("\\tag is only allowed in display math", at: start) }
        guard tagNode < 0 else { throw error("only one \\tag is allowed per equation", at: start) }
        var star = false
        if pos < src.count && src[pos] == UInt8(ascii: "*") { star = true; pos += 1 }
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\tag needs an argument", at: start) }
        let open = pos
        let row = try parseText(command: "tag", at: start, attrs: "")
        tagText = String(decoding: src[(open + 1)..<(pos - 1)], as: UTF8.self).trimmingSpaces()
        if !star {
            let only = arena[row].first
            if only == arena[row].last && arena[only].kind == .mtext {
                arena.wrapText(of: only, "(", ")")
            } else {
                let tagged = arena.add(.row)
                arena.append(arena.add(.mtext, "("), to: tagged)
                arena.splice(childrenOf: row, to: tagged)
                arena.append(arena.add(.mtext, ")"), to: tagged)
                tagNode = tagged
                return
            }
        }
        tagNode = row
    }
}
