import Markdown

/// The lines of a file as cmark numbers them (LF, CRLF or a lone CR ends a line), as byte ranges that include the
/// line ending: what `mcheck workbook` copies from a student's file, byte for byte, instead of re-serialising it.
struct RawLines {
    let bytes: [UInt8]
    /// `starts[k]` is the offset of line k + 1; the last entry is the end of the file.
    let starts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() {
            if b == 0x0A || (b == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) { starts.append(i + 1) }
        }
        if starts.last != bytes.count { starts.append(bytes.count) }
        self.starts = starts
    }

    var count: Int { starts.count - 1 }

    /// Whether line `close` closes the fenced block whose opening fence is on line `open` (1-based).
    func closesFence(openedOn open: Int, on close: Int) -> Bool {
        guard close > open, open >= 1, close <= count else { return false }
        let opening = slice(open, open)
        guard let start = opening.firstIndex(where: { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~") }) else { return false }
        let end = opening[start...].firstIndex { $0 != opening[start] } ?? opening.endIndex
        return RawBlock.closes(slice(close, close), fence: opening[start..<end])
    }

    /// Lines `first...last` (1-based, clamped to the file).
    func slice(_ first: Int, _ last: Int) -> ArraySlice<UInt8> {
        let a = Swift.min(Swift.max(first, 1), count + 1), b = Swift.min(Swift.max(last, a - 1), count)
        return bytes[starts[a - 1]..<starts[b]]
    }
}

/// A fenced block of a student's file, as its bytes: opening fence line, content lines, closing fence line.
struct RawBlock {
    var fenceLine: Int
    var column: Int
    var info: String
    var opening: ArraySlice<UInt8>
    var content: ArraySlice<UInt8>
    /// nil when the fence is never closed (the block runs to the end of the file).
    var closing: ArraySlice<UInt8>?
    /// What comes before the fence characters on the opening line: indentation, `> ` of a quote.
    var prefix: ArraySlice<UInt8>
    var fence: ArraySlice<UInt8>

    init(_ node: Node, _ block: CodeBlock, lines: RawLines) {
        fenceLine = node.range.start.line
        column = node.range.start.column
        info = block.info
        let opening = lines.slice(fenceLine, fenceLine)
        let fenceStart = opening.firstIndex { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~") } ?? opening.startIndex
        let fenceEnd = opening[fenceStart...].firstIndex { $0 != opening[fenceStart] } ?? opening.endIndex
        self.opening = opening
        prefix = opening[..<fenceStart]
        let fence = opening[fenceStart..<fenceEnd]
        self.fence = fence
        let end = Swift.min(node.range.end.line, lines.count)
        let last = lines.slice(end, end)
        if end > fenceLine && RawBlock.closes(last, fence: fence) {
            closing = last
            content = lines.slice(fenceLine + 1, end - 1)
        } else {
            closing = nil
            content = lines.slice(fenceLine + 1, end)
        }
    }

    /// Whether `line` (container prefix and indentation aside) is only fence characters, at least as many as `fence`.
    static func closes(_ line: ArraySlice<UInt8>, fence: ArraySlice<UInt8>) -> Bool {
        guard let char = fence.first else { return false }
        let body = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: ">") }
        let run = body.prefix { $0 == char }
        return run.count >= fence.count && body.dropFirst(run.count).allSatisfy(RawBlock.isSpace)
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }

    /// The line of the first content line that opens an exercise block (a closing fence forgotten above it), if any.
    var swallowedExerciseLine: Int? {
        var line = fenceLine + 1
        var atLineStart = true
        for (k, b) in zip(content.indices, content) {
            if atLineStart {
                let rest = content[k...].drop { $0 == 0x20 }
                let run = rest.prefix { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~") }
                if run.count >= 3 && rest.dropFirst(run.count).starts(with: "exercise".utf8) { return line }
            }
            atLineStart = b == 0x0A || (b == 0x0D && (k + 1 == content.endIndex || content[k + 1] != 0x0A))
            if atLineStart { line += 1 }
        }
        return nil
    }

    /// Only whitespace between the fences: nothing a student wrote.
    var isBlank: Bool { content.allSatisfy(RawBlock.isSpace) }

    /// The second word of the info string: `gone` for ```` ```answer-kept gone ```` (a space or a tab between).
    var keptID: String? {
        info.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.map(String.init)
    }

    /// The block's bytes, the content untouched; with `info`, the opening fence line says that instead. A fence never
    /// closed is closed, and the last line ends in LF (one without a line ending, or ended by a lone CR, gets one), so
    /// the block ends where it did.
    func bytes(info newInfo: String? = nil) -> [UInt8] {
        var out: [UInt8] = []
        if let newInfo {
            out += prefix + fence + Array(newInfo.utf8)
            out += opening.reversed().prefix(while: { $0 == 0x0A || $0 == 0x0D }).reversed()
        } else {
            out += opening
        }
        if out.last != 0x0A && out.last != 0x0D { out.append(0x0A) }
        out += content
        if !content.isEmpty && content.last != 0x0A && content.last != 0x0D { out.append(0x0A) }
        out += closing ?? (prefix.filter { $0 == UInt8(ascii: ">") || $0 == 0x20 }[...] + fence)
        // Ends in LF: a closing fence line ended by a lone CR would run into the blank line written after the block
        // (CR LF is one line ending), so the next run would find another file (found by fuzzing).
        if out.last != 0x0A { out.append(0x0A) }
        return out
    }
}

/// A workbook about to be made again, cut into what the writer keeps: every answer and `answer-kept` block (as bytes,
/// in the order of the file) and, on request, the notes written outside them.
struct Previous {
    enum Kind: Equatable {
        /// An `answer` block, under the exercise (or part) with this key (nil: before any exercise, or under one without a usable id).
        case answer(String?)
        case kept
    }

    struct Piece {
        var index: Int
        var kind: Kind
        var block: RawBlock
        /// Why an answer block fits no exercise, for the message; nil when it does.
        var why: String?
    }

    struct Note {
        /// Already in the notes section of the workbook: kept again without a word.
        var wasKept: Bool
        var line: Int
        var column: Int
        var bytes: ArraySlice<UInt8>

        /// The last line the note's bytes reach.
        var endLine: Int { line + Swift.max(0, bytes.dropLast().reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }) }
    }

    let file: String
    let workbook: Workbook
    let lines: RawLines
    var pieces: [Piece] = []
    /// Exercise key (id, and part: `chain-sin.b`) → the piece that is its answer: the first answer block after it with something in it, else the first.
    var answers: [String: Int] = [:]
    /// The exercise ids, in the order of the file.
    var order: [String] = []

    /// The fenced blocks of a workbook that are not prose: the chapter's and the student's.
    static let blockKinds: Set<String> = ["exercise", "answer", "answer-kept", "solution", "mistake"]

    init(_ workbook: Workbook) {
        self.workbook = workbook
        file = workbook.file
        lines = RawLines(workbook.text)
        var exercise = -1
        var exerciseBlock: CodeBlock?
        for node in workbook.document.codeBlocks() {
            guard let block = node.codeBlock, block.isFenced else { continue }
            let raw = RawBlock(node, block, lines: lines)
            switch block.language {
            case "exercise":
                exercise += 1
                exerciseBlock = block
                if let key = workbook.exercises[exercise].key, Workbook.isValidKey(key) { order.append(key) }
            case "answer-kept":
                pieces.append(Piece(index: pieces.count, kind: .kept, block: raw))
            case "answer":
                guard exercise >= 0 else {
                    pieces.append(Piece(index: pieces.count, kind: .answer(nil), block: raw, why: "an answer block before the first exercise"))
                    continue
                }
                let e = workbook.exercises[exercise]
                // A part whose exercise block the workbook broke (its part a deleted, say) still has the id and part
                // letter the student's file gives it: its answer keeps that key, so that it goes back to its part.
                let fields = exerciseBlock.map { Workbook.parseFields($0, file: file, allowed: Workbook.fieldKeys).0 } ?? []
                let writtenKey = fields.first { $0.key == "id" }.flatMap { id in fields.first { $0.key == "part" }.map { id.value + "." + $0.value } }
                // Only a valid id may label a kept block: ```` ```answer-kept ` ```` is no fence (found by fuzzing).
                guard let id = e.key ?? writtenKey, Workbook.isValidKey(id) else {
                    let written = exerciseBlock.flatMap { Workbook.parseFields($0, file: file, allowed: Workbook.fieldKeys).0.first { $0.key == "id" }?.value }
                    let why = written.map { "an answer block under the exercise of line \(e.line), whose id '\($0)' is not usable (used before, or not a valid id)" }
                        ?? "an answer block under the exercise of line \(e.line), which has no id"
                    pieces.append(Piece(index: pieces.count, kind: .answer(nil), block: raw, why: why))
                    continue
                }
                let index = pieces.count
                var why: String?
                if let first = answers[id] {
                    if pieces[first].block.isBlank && !raw.isBlank {
                        answers[id] = index
                    } else {
                        why = "a second answer block for exercise '\(id)' (its answer is the block on line \(pieces[first].block.fenceLine))"
                    }
                } else {
                    answers[id] = index
                }
                pieces.append(Piece(index: index, kind: .answer(id), block: raw, why: why))
            default: continue
            }
        }
    }

    /// Top-level blocks of the workbook that are not its answers, not the chapter's blocks and not text of
    /// `generated` (the workbook made from the chapter now): the student's own notes.
    func notes(outside generated: Workbook) -> [Note] {
        var known = Set([WorkbookWriter.keptHeading, WorkbookWriter.keptExplanation, WorkbookWriter.notesHeading, WorkbookWriter.notesExplanation])
        let made = generated.document.blocks
        let madeLines = RawLines(generated.text)
        for node in made { known.insert(Previous.normalized(madeLines.slice(node.range.start.line, node.range.end.line))) }
        var notes: [Note] = []
        var inNotes = false
        for node in workbook.document.blocks {
            let isOurs = ([node] + node.descendants).contains { n in
                guard let block = n.codeBlock, block.isFenced else { return false }
                return Previous.blockKinds.contains(block.language)
            }
            if isOurs { continue }
            if case .htmlBlock(let html) = node.kind, html.hasPrefix(WorkbookWriter.headerStart) { continue }
            let bytes = Previous.withoutTrailingBlankLines(lines.slice(node.range.start.line, node.range.end.line))
            let text = Previous.normalized(bytes)
            if text == WorkbookWriter.notesHeading { inNotes = true }
            if known.contains(text) { continue }
            notes.append(Note(wasKept: inNotes, line: node.range.start.line, column: node.range.start.column, bytes: bytes))
        }
        return notes
    }

    /// A block's lines without the blank lines at its end: cmark-gfm may count the blank lines after a block at the
    /// end of a file as its own, and a note kept with them would be one line shorter on the next run.
    static func withoutTrailingBlankLines(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        // Back over spaces, tabs and line endings to the last byte of content.
        var end = bytes.endIndex
        while end > bytes.startIndex, [0x0A, 0x0D, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
        if end == bytes.startIndex { return bytes }
        // Forward to the end of that line, its line ending (LF, CR or CR LF) included.
        var lineEnd = end
        while lineEnd < bytes.endIndex, bytes[lineEnd] != 0x0A, bytes[lineEnd] != 0x0D { lineEnd += 1 }
        if lineEnd == bytes.endIndex { return bytes }
        if bytes[lineEnd] == 0x0D, lineEnd + 1 < bytes.endIndex, bytes[lineEnd + 1] == 0x0A { lineEnd += 1 }
        return bytes[bytes.startIndex...lineEnd]
    }

    /// Text for comparing blocks: line endings as LF, no trailing blank lines or spaces.
    static func normalized(_ bytes: ArraySlice<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        while let last = text.unicodeScalars.last, last == "\n" || last == " " || last == "\t" { text.unicodeScalars.removeLast() }
        return text
    }
}

/// Something `mcheck workbook` did with a student's block that the student should know: `file:line:column: warning: …`.
public struct WorkbookNotice: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(file):\(line):\(column): warning: \(message)" }
}
