import Course
import Foundation
import Grading
import Markdown
import MathML

extension FuzzTarget {
    static let mathml = FuzzTarget("mathml", "the LaTeX to MathML renderer, inline and display; what renders must be one well-formed <math> element") { data in
        let latex = String(decoding: data, as: UTF8.self)
        let renderer = MathMLRenderer()
        for display in [false, true] {
            guard let out = try? renderer.render(latex, display: display) else { continue }
            if let broken = XMLCheck.wellFormed(out) { return "'\(latex)' renders to ill-formed MathML (\(broken)): \(out)" }
        }
        return nil
    }

    static let markdown = FuzzTarget("markdown", "the Markdown layer (cmark-gfm and the math extension): every node's range lies in the file, and every math offset and column maps back into it") { data in
        guard let document = try? MarkdownParser.parse(data: Data(data), file: "fuzz.md") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // Lines as cmark counts them: LF, CRLF or a lone CR ends one.
        let lineCount = 1 + zip(data, data.dropFirst().map(Optional.some) + [nil]).filter { $0 == 0x0A || ($0 == 0x0D && $1 != 0x0A) }.count
        let columns = CharacterColumns(text)
        var broken: String?
        document.walk { node in
            guard broken == nil, node.documentOrder > 0 else { return }
            let r = node.range
            if r.start.line < 1 || r.end.line < r.start.line || r.end.line > lineCount || r.start.column < 0 {
                broken = "node \(node.documentOrder) (\(node.kind)) has the range \(r) in a file of \(lineCount) lines"
                return
            }
            _ = columns.column(of: r.start)
            guard let tex = node.tex else { return }
            for offset in [0, tex.utf8.count / 2, tex.utf8.count] {
                let at = node.location(ofTeXOffset: offset)
                // The end of a TeX that ends in a newline is the line after (past the file, for math left open at its end).
                if at.line < r.start.line || at.line > Swift.max(r.end.line, lineCount) + 1 {
                    broken = "TeX offset \(offset) of math node \(node.documentOrder) at \(r) maps to line \(at.line)"
                    return
                }
            }
        }
        _ = document.debugDump()
        return broken
    }

    /// Smaller inputs: every exercise is graded, answers and solutions.
    static let grade = FuzzTarget("grade", maxBytes: 16 * 1024, "reading, grading and reporting a workbook (text, JSON, JUnit): exercises, asks, answers, solutions, mistakes") { data in
        guard let workbook = try? Workbook.parse(data: Data(data), file: "fuzz.md") else { return nil }
        let reports = [false, true].map { Grader().grade(workbook, useSolutions: $0) }
        for format in ReportFormat.allCases { _ = Reporter(format: format, color: true).render(reports) }
        return nil
    }
}

/// Just enough XML to check the renderer's output: tags balance, quotes close, and there is one root element.
enum XMLCheck {
    static func wellFormed(_ xml: String) -> String? {
        let s = Array(xml.utf8)
        var stack: [ArraySlice<UInt8>] = []
        var roots = 0
        var i = 0
        while i < s.count {
            guard s[i] == UInt8(ascii: "<") else {
                if stack.isEmpty && !RawText.isSpace(s[i]) { return "text outside the root element at byte \(i)" }
                i += 1
                continue
            }
            var j = i + 1
            var quote: UInt8?
            while j < s.count && (quote != nil || s[j] != UInt8(ascii: ">")) {
                if let q = quote { if s[j] == q { quote = nil } } else if s[j] == UInt8(ascii: "\"") || s[j] == UInt8(ascii: "'") { quote = s[j] } else if s[j] == UInt8(ascii: "<") { return "'<' inside a tag at byte \(j)" }
                j += 1
            }
            guard j < s.count else { return "a tag at byte \(i) never closes" }
            let inside = s[(i + 1)..<j]
            let closing = inside.first == UInt8(ascii: "/")
            let selfClosing = inside.last == UInt8(ascii: "/")
            let name = inside.drop { $0 == UInt8(ascii: "/") }.prefix { !RawText.isSpace($0) && $0 != UInt8(ascii: "/") }
            if name.isEmpty { return "a tag without a name at byte \(i)" }
            if closing {
                guard let open = stack.popLast(), open.elementsEqual(name) else { return "</\(String(decoding: name, as: UTF8.self))> at byte \(i) closes nothing open" }
            } else if !selfClosing {
                if stack.isEmpty { roots += 1 }
                stack.append(name)
            } else if stack.isEmpty {
                roots += 1
            }
            i = j + 1
        }
        if let open = stack.last { return "<\(String(decoding: open, as: UTF8.self))> is never closed" }
        if roots != 1 { return "\(roots) root elements" }
        if !xml.hasPrefix("<math") { return "the root is not <math>" }
        return nil
    }
}

/// Bytes of text files.
enum RawText {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }
}
