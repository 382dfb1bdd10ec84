/// TeX as plain text, for search: what a reader would type or read aloud. Letters stay ASCII (`\mathbf{x}` → `x`),
/// Greek letters and operators become their characters (`\alpha` → `α`, `\cdot` → `⋅`), function names stay words
/// (`\sin` → `sin`), fractions read `a/b`, matrix cells are separated by commas and rows by semicolons; spacing
/// commands, `\left`/`\right` and font switches vanish. Not a renderer: an unknown command keeps its name.
public enum MathPlainText {
    public static func of(_ tex: String) -> String {
        var reader = Reader(Array(tex.unicodeScalars))
        var out = ""
        reader.text(into: &out, until: nil)
        return collapsed(out)
    }

    /// Single spaces, none at the ends, none inside brackets' edges.
    static func collapsed(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in s.unicodeScalars {
            if c == " " || c == "\n" || c == "\t" { pendingSpace = !out.isEmpty; continue }
            if pendingSpace, !(out.unicodeScalars.last.map { "([{".unicodeScalars.contains($0) } ?? true), !")]},;".unicodeScalars.contains(c) {
                out += " "
            }
            pendingSpace = false
            out.unicodeScalars.append(c)
        }
        return out
    }

    private struct Reader {
        let s: [Unicode.Scalar]
        var i = 0
        init(_ s: [Unicode.Scalar]) { self.s = s }

        static let dropped: Set<String> = [
            "left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
            "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "nonumber", "notag", "label", "tag",
            "begin", "end",
        ]
        /// Commands whose argument is dropped with them.
        static let droppedWithArgument: Set<String> = ["label", "tag", "begin", "end", "color", "hspace", "vspace"]
        /// Commands that only change how their argument looks.
        static let transparent: Set<String> = ["text", "textbf", "textit", "textrm", "mbox", "operatorname", "underbrace", "overbrace"]

        mutating func text(into out: inout String, until close: Unicode.Scalar?) {
            while i < s.count {
                let c = s[i]
                if let close, c == close { i += 1; return }
                switch c {
                case "\\": command(into: &out)
                case "{": i += 1; text(into: &out, until: "}")
                case "}": i += 1
                case "&": i += 1; out += ", "
                case "~": i += 1; out += " "
                default:
                    i += 1
                    out.unicodeScalars.append(c)
                }
            }
        }

        /// One `{…}` group or single token, as text.
        mutating func argument() -> String {
            while i < s.count, s[i] == " " { i += 1 }
            guard i < s.count else { return "" }
            var out = ""
            if s[i] == "{" { i += 1; text(into: &out, until: "}") }
            else if s[i] == "\\" { command(into: &out) }
            else { out.unicodeScalars.append(s[i]); i += 1 }
            return out
        }

        mutating func command(into out: inout String) {
            i += 1
            guard i < s.count else { return }
            var name = ""
            if isLetter(s[i]) {
                while i < s.count, isLetter(s[i]) { name.unicodeScalars.append(s[i]); i += 1 }
            } else {
                name.unicodeScalars.append(s[i]); i += 1
            }
            if name == "\\" { out += "; "; return }
            if Self.droppedWithArgument.contains(name) { _ = argument(); out += " "; return }
            if Self.dropped.contains(name) { out += " "; return }
            if name == "frac" || name == "dfrac" || name == "tfrac" {
                let top = grouped(argument()), bottom = grouped(argument())
                out += " " + top + "/" + bottom + " "
                return
            }
            if name == "sqrt" { out += " √(" + argument() + ") "; return }
            if Symbols.fontCommands[name] != nil || Symbols.accents[name] != nil || Self.transparent.contains(name) {
                out += argument()
                return
            }
            if Symbols.fontSwitches[name] != nil { return }
            if let d = Symbols.delimiters["\\" + name] { out += d; return }
            switch Symbols.table[name] {
            case .ident(let t), .op(let t, _), .fence(let t, _), .largeOp(let t, _): out += t
            case .greek(let scalar): out.unicodeScalars.append(Unicode.Scalar(scalar) ?? " ")
            case .function(let t, _): out += " " + t + " "
            case .space: out += " "
            case nil: out += name.count == 1 ? name : " " + name + " "
            }
        }

        /// A fraction's part: bare when it is one word or symbol, else in parentheses.
        func grouped(_ text: String) -> String {
            let t = collapsed(text)
            return t.unicodeScalars.contains(" ") || t.unicodeScalars.contains("+") || t.unicodeScalars.contains("-") ? "(" + t + ")" : t
        }

        func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
    }
}
