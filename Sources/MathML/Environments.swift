// Environments: `\begin{name}…\end{name}`, tables of rows and cells.

/// What an environment builds; `Env.named` maps every environment name to one.
enum Env {
    /// A matrix between `open` and `close` (`""`: none); `small`: in script size.
    case matrix(open: String, close: String, small: Bool)
    /// Two left-aligned columns after a `{`.
    case cases
    /// Pairs of right- and left-aligned columns in display style.
    case align
    /// One centered column in display style.
    case gather
    /// Columns from a spec (`{l|cr}`).
    case array

    static let named: [String: Env] = {
        var t: [String: Env] = [
            "matrix": .matrix(open: "", close: "", small: false),
            "pmatrix": .matrix(open: "(", close: ")", small: false),
            "bmatrix": .matrix(open: "[", close: "]", small: false),
            "Bmatrix": .matrix(open: "{", close: "}", small: false),
            "vmatrix": .matrix(open: "|", close: "|", small: false),
            "Vmatrix": .matrix(open: "‖", close: "‖", small: false),
            "smallmatrix": .matrix(open: "", close: "", small: true),
            "cases": .cases,
            "array": .array,
        ]
        for name in ["aligned", "align", "align*", "split", "alignedat", "flalign", "flalign*"] { t[name] = .align }
        for name in ["gathered", "gather", "gather*", "multline", "multline*"] { t[name] = .gather }
        return t
    }()
}

/// A column of `\begin{array}`.
struct Column {
    var align: UInt8 = UInt8(ascii: "c")
    var lineBefore = false
}

extension Parser {
    mutating func parseEnvironment(at start: Int) throws(MathError) -> Int32 {
        let name = try readEnvName(command: "begin", at: start)
        guard let env = Env.named[name] else { throw error("unknown environment \(name)", at: start) }
        var columns: [Column] = []
        var lineAfterLast = false
        if case .array = env { (columns, lineAfterLast) = try readColumnSpec(at: start) }
        if name == "alignedat" {  // \begin{alignedat}{n}: the pair count does not change the markup.
            skipSpace()
            guard pos < src.count, src[pos] == lbrace else { throw error("\\begin{alignedat} needs a column count", at: start) }
            while pos < src.count && src[pos] != rbrace { pos += 1 }
            pos += 1
        }
        let maxColumns: Int? = switch env {
        case .array: columns.count
        case .cases: 2
        case .gather: 1
        default: nil
        }
        let cellDisplay: Bool = switch env {
        case .align, .gather: true
        default: false
        }
        envDepth += 1
        let savedDisplay = display
        let table = arena.add(.mtable)
        var widest = 0
        var rows = 0
        var previousRow: Int32 = -1
        while true {
            var lineAbove = false
            skipSpace()
            while let word = peekCommandName(), word == "hline" || word == "hdashline" {
                pos += word.utf8.count + 1
                lineAbove = true
                skipSpace()
            }
            let tr = arena.add(.mtr)
            var column = 0
            var stop: Stop
            var cell: Int32
            repeat {
                cell = arena.add(.row)
                display = cellDisplay
                stop = try parseList(into: cell, stop: [.amp, .newline, .end], opener: .env(name, start))
                var classes = ""
                if case .array = env, column < columns.count {
                    if columns[column].align == UInt8(ascii: "l") { classes += " mml-l" }
                    if columns[column].align == UInt8(ascii: "r") { classes += " mml-r" }
                    if columns[column].lineBefore && column > 0 { classes += " mml-bl" }
                    if column == 0 && columns[0].lineBefore { classes += " mml-bl" }
                    if column == columns.count - 1 && lineAfterLast { classes += " mml-br" }
                }
                if lineAbove { classes += " mml-bt" }
                let attrs = classes.isEmpty ? "" : #" class=""# + classes.dropFirst() + "\""
                arena.append(arena.make(.mtd, cell, attrs: attrs), to: tr)
                column += 1
                if stop == .amp, let maxColumns, column >= maxColumns {
                    throw error("too many columns in \\begin{\(name)} (at most \(maxColumns))", at: pos - 1)
                }
            } while stop == .amp
            // A final `\\` (optionally followed by \hline) leaves an empty row: drop it.
            if stop == .end && column == 1 && arena[cell].first < 0 && rows > 0 {
                if lineAbove { addBottomLine(to: previousRow) }
                break
            }
            widest = max(widest, column)
            arena.append(tr, to: table)
            rows += 1
            previousRow = tr
            if stop == .end { break }
        }
        display = savedDisplay
        envDepth -= 1
        let endStart = pos
        _ = try readCommandName()
        let endName = try readEnvName(command: "end", at: endStart)
        guard endName == name else {
            throw error("\\end{\(endName)} does not match \\begin{\(name)}", at: endStart)
        }
        switch env {
        case .matrix(let open, let close, let small):
            if small { arena[table].attrs = arena.store(#" scriptlevel="1""#) }
            return fenced(table, open: open, close: close)
        case .cases:
            arena[table].attrs = arena.store(#" class="mml-cases" columnalign="left left""#)
            return fenced(table, open: "{", close: "")
        case .align:
            var align = ""
            for i in 0..<max(widest, 1) { align += i % 2 == 0 ? (i == 0 ? "right" : " right") : " left" }
            arena[table].attrs = arena.store(#" class="mml-align" displaystyle="true" columnalign=""# + align + "\"")
            return table
        case .gather:
            arena[table].attrs = arena.store(#" displaystyle="true""#)
            return table
        case .array:
            var align = ""
            for c in columns {
                if !align.isEmpty { align += " " }
                align += c.align == UInt8(ascii: "l") ? "left" : c.align == UInt8(ascii: "r") ? "right" : "center"
            }
            arena[table].attrs = arena.store(#" columnalign=""# + align + "\"")
            return table
        }
    }

    mutating func fenced(_ table: Int32, open: String, close: String) -> Int32 {
        if open.isEmpty && close.isEmpty { return table }
        let node = arena.add(.mrow)
        if !open.isEmpty { arena.append(arena.add(.mo, open, attrs: #" form="prefix" stretchy="true""#), to: node) }
        arena.append(table, to: node)
        if !close.isEmpty { arena.append(arena.add(.mo, close, attrs: #" form="postfix" stretchy="true""#), to: node) }
        return node
    }

    mutating func addBottomLine(to row: Int32) {
        var cell = arena[row].first
        while cell >= 0 {
            arena.addClass("mml-bb", to: cell)
            cell = arena[cell].next
        }
    }

    /// `{name}` after `\begin` / `\end`.
    mutating func readEnvName(command: String, at start: Int) throws(MathError) -> String {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\\(command) needs an environment name", at: start) }
        let nameStart = pos + 1
        var i = nameStart
        while i < src.count && (isLetter(src[i]) || src[i] == UInt8(ascii: "*")) { i += 1 }
        guard i < src.count, src[i] == rbrace, i > nameStart else {
            throw error("\\\(command) needs an environment name", at: start)
        }
        pos = i + 1
        return String(decoding: src[nameStart..<i], as: UTF8.self)
    }

    mutating func readColumnSpec(at start: Int) throws(MathError) -> ([Column], Bool) {
        skipSpace()
        guard pos < src.count, src[pos] == lbrace else { throw error("\\begin{array} needs a column spec", at: start) }
        pos += 1
        var columns: [Column] = []
        var line = false
        while true {
            guard pos < src.count else { throw error("missing } to close the column spec of \\begin{array}", at: pos) }
            let c = src[pos]
            pos += 1
            switch c {
            case rbrace:
                guard !columns.isEmpty else { throw error("\\begin{array} needs a column spec", at: start) }
                return (columns, line)
            case UInt8(ascii: "l"), UInt8(ascii: "c"), UInt8(ascii: "r"):
                columns.append(Column(align: c, lineBefore: line))
                line = false
            case UInt8(ascii: "|"):
                line = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                break
            default:
                throw error("unsupported column type \(String(UnicodeScalar(c))) in \\begin{array} (use l, c, r, |)", at: pos - 1)
            }
        }
    }

    /// After `\\` in a table: an optional `[length]`, ignored.
    mutating func skipRowSpacing() throws(MathError) {
        var i = pos
        while i < src.count && (src[i] == UInt8(ascii: " ") || src[i] == UInt8(ascii: "\n")) { i += 1 }
        guard i < src.count, src[i] == UInt8(ascii: "[") else { return }
        let open = i
        while i < src.count && src[i] != UInt8(ascii: "]") { i += 1 }
        guard i < src.count else { throw error("missing ] to close [ at offset \(open)", at: src.count) }
        pos = i + 1
    }
}
