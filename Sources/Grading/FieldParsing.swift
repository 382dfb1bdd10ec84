import Calculus

extension Field {
    /// The keys an `exercise` block may have: `part` names one part of a multi-part exercise (`a`, `b`, …), `steps`
    /// is the derivation of a find-the-error question (`ask: step(N)`).
    public static let exerciseKeys: Set<String> = WordTable.set("id|part|let|where|ask|layout|steps")
    /// The keys a later part of an exercise takes from its part a when it does not set them itself. Not `where`: a
    /// condition that narrows part a's sampling (`x > 0`) would hide a later part's error outside it, so a later part
    /// states its own conditions, or takes part a's with `where: inherit` (`ExerciseBlock.inherit(from:)`).
    public static let inheritedKeys = ["let", "layout"]
    /// The value of `where: inherit`: a later part takes part a's conditions.
    public static let inheritValue = "inherit"

    /// Reads the `key: value` lines of a block whose first content line is `firstLine`: one field per line, blank
    /// lines skipped; a line without a colon, an unknown key or a key given twice is an error at that line. The value
    /// is trimmed of spaces and tabs. No Foundation: the WebAssembly build reads blocks with it too.
    public static func parse(_ code: String, firstLine: Int, file: String, allowed: Set<String>) -> ([Field], [SourceError]) {
        var fields: [Field] = []
        var errors: [SourceError] = []
        for (k, raw) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = firstLine + k
            let text = String(raw)
            if text.allSatisfy(CharacterClasses.isWhiteSpace) { continue }
            guard let colon = text.firstIndex(of: ":") else {
                errors.append(SourceError(file: file, line: line, column: 1, message: "expected 'key: value', such as 'ask: derivative(x^2, x)'", sourceLine: text, length: text.count))
                continue
            }
            let key = trimmed(text[..<colon])
            guard allowed.contains(key) else {
                errors.append(SourceError(file: file, line: line, column: 1, message: "unknown key '\(key)'; expected one of \(allowed.sorted().joined(separator: ", "))", sourceLine: text, length: Swift.max(1, key.count)))
                continue
            }
            if fields.contains(where: { $0.key == key }) {
                errors.append(SourceError(file: file, line: line, column: 1, message: "'\(key)' is given twice", sourceLine: text, length: key.count))
                continue
            }
            let afterColon = text[text.index(after: colon)...]
            let leading = afterColon.prefix { $0 == " " || $0 == "\t" }.count
            let column = text.distance(from: text.startIndex, to: colon) + 2 + leading
            fields.append(Field(key: key, value: trimmed(afterColon), line: line, valueColumn: column, text: text))
        }
        return (fields, errors)
    }

    /// Spaces and tabs off both ends: a tab or a space separator (`Zs`), as Foundation's `.whitespaces` has them.
    static func trimmed(_ text: Substring) -> String {
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == "\t" || CharacterClasses.isSpaceSeparator(s) }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}

extension ExerciseBlock {
    /// The block's content as `Field.parse` reads it: each field's line where it stood, the other lines blank (what
    /// the course site sends to the grader in the page).
    /// Fields a later part takes from its part a stand outside the block: they follow its lines.
    public var code: String {
        var lines = Array(repeating: "", count: Swift.max(0, endLine - line - 1))
        for field in fields where field.line > line && field.line < endLine { lines[field.line - line - 1] = field.text }
        for field in fields where field.line <= line || field.line >= endLine { lines.append(field.key + ": " + field.value) }
        return lines.joined(separator: "\n")
    }
}

extension ExerciseBlock {
    /// A later part completed from its part a: the `let` and `layout` it does not set itself, and part a's `where`
    /// in place of `where: inherit`. The fields taken keep part a's lines (outside this block), as `code` expects.
    public mutating func inherit(from partA: ExerciseBlock) {
        for key in Field.inheritedKeys where field(key) == nil {
            if let inherited = partA.field(key) { fields.append(inherited) }
        }
        if let k = fields.firstIndex(where: { $0.key == "where" && $0.value == Field.inheritValue }), let conditions = partA.field("where"),
           conditions.value != Field.inheritValue {
            fields[k] = conditions
        }
    }
}
