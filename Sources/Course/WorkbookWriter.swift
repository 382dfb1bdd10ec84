import Foundation
import Grading

/// Makes a student's workbook from a chapter: its prose and exercises, an empty answer block after each
/// exercise, no solutions and no mistakes. Made again after the chapter changes, it keeps every answer
/// already written (by exercise id); an answer whose exercise is gone is kept at the end of the file.
public struct WorkbookWriter: Sendable {
    public struct Outcome: Sendable {
        public var text: String
        public var added: [String]
        public var removed: [String]
        public var kept: Int
        /// Answer blocks of the previous workbook that could not go under an exercise, and notes: kept at the end.
        public var notices: [WorkbookNotice] = []
        /// Where the answer block under each exercise begins: the exercise's key and the block's offset in the text's
        /// UTF-8 (its opening fence), in the order of the text.
        public var answerSlots: [(key: String, offset: Int)] = []
    }

    /// `chapters/04-jacobian.md` → `ch4.md`; nil for a file without a leading number.
    public static func workbookName(forChapter path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        let digits = name.prefix { $0.isNumber }
        guard let n = Int(digits), name.hasSuffix(".md") else { return nil }
        return "ch\(n).md"
    }

    static let keptHeading = "## Answers to exercises no longer in the chapter"
    static let keptExplanation = "Kept so that no work is lost; they are not graded."
    static let notesHeading = "## Notes kept from the previous workbook"
    static let notesExplanation = "Text from outside the answer blocks that is not in the chapter (your notes, or prose the chapter has since changed), kept as it was so that nothing you wrote is lost."
    static let headerStart = "<!-- Workbook made by `mcheck workbook`"

    public static func make(chapter: Workbook, chapterPath: String, existing: Workbook?) -> Outcome {
        let previous = existing.map(Previous.init)
        // The chapter's lines as cmark numbers them (LF, CRLF or a lone CR ends one), each written back with its own ending.
        let lines = RawLines(chapter.text)
        // Lines to drop (solutions, mistakes, stray answers) and where to insert answer blocks.
        var drop = Set<Int>()
        var insertAfter: [Int: String] = [:]
        var ids: [String] = []
        for e in chapter.exercises {
            if let s = e.solution { for l in s.fenceLine...s.endLine { drop.insert(l) } }
            if let a = e.answer { for l in a.fenceLine...a.endLine { drop.insert(l) } }
            for m in e.mistakes { for l in m.fenceLine...m.endLine { drop.insert(l) } }
            // One answer block per question: a multi-part exercise gets one under each part, by its key (`chain-sin.b`).
            guard let id = e.key else { continue }
            ids.append(id)
            // An answer block goes after the exercise's closing fence; with none (the block runs to the end of the
            // file), it would land inside the exercise: none is inserted, and the chapter's error says why.
            guard lines.closesFence(openedOn: e.line, on: e.endLine) else { continue }
            insertAfter[e.endLine] = id
        }
        let current = Set(ids)
        var notices: [WorkbookNotice] = []
        var used = Set<Int>()
        var kept = 0
        /// The answer block under exercise `id`: the student's own bytes, or an `answer-kept` block of a returning
        /// exercise relabelled, or an empty one.
        func answer(_ id: String) -> [UInt8] {
            guard let previous else { return Array("```answer\n```\n".utf8) }
            let own = previous.answers[id].map { previous.pieces[$0] }
            if let own, !own.block.isBlank {
                used.insert(own.index); kept += 1
                if let line = own.block.swallowedExerciseLine {
                    notices.append(WorkbookNotice(file: previous.file, line: own.block.fenceLine, column: own.block.column,
                                                  message: "the answer block of exercise '\(id)' runs on over the exercise block of line \(line): is its closing fence missing? (kept whole, as the answer)"))
                }
                return own.block.bytes()
            }
            if let k = previous.pieces.first(where: { $0.kind == .kept && $0.block.keptID == id && !$0.block.isBlank && !used.contains($0.index) }) {
                used.insert(k.index); kept += 1
                return k.block.bytes(info: "answer")
            }
            if let own { used.insert(own.index); return own.block.bytes() }
            return Array("```answer\n```\n".utf8)
        }
        // The chapter as `folder/file`, however its path was spelled (`chapters/…`, `./chapters/…`, absolute), so the
        // workbook does not change with the working directory (links are made the same way in `relinked`).
        let shownPath = ((chapterPath as NSString).deletingLastPathComponent as NSString).lastPathComponent + "/" + (chapterPath as NSString).lastPathComponent
        var out = Array("\(headerStart) from \(shownPath.hasPrefix("/") ? String(shownPath.dropFirst()) : shownPath). Write each answer in the empty answer block\n".utf8)
        out += "     under its exercise, then run `mcheck` on this file. Made again after the chapter changes, it keeps your answers. -->\n\n".utf8
        var previousDropped = false
        var slots: [(key: String, offset: Int)] = []
        // Whether what is written so far ends with a blank line (the header does).
        var endsBlank = true
        for n in stride(from: 1, through: lines.count, by: 1) {
            let line = lines.slice(n, n)
            var contentEnd = line.endIndex
            if contentEnd > line.startIndex && line[contentEnd - 1] == 0x0A { contentEnd -= 1 }
            if contentEnd > line.startIndex && line[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let content = line[..<contentEnd]
            if drop.contains(n) { previousDropped = true; continue }
            // Collapse the blank line a dropped block leaves behind.
            if previousDropped && content.isEmpty && endsBlank { previousDropped = false; continue }
            previousDropped = false
            out += relinked(String(decoding: content, as: UTF8.self), from: chapterPath).utf8
            out += line[contentEnd...]
            endsBlank = content.isEmpty
            if let id = insertAfter[n] {
                out.append(0x0A)
                slots.append((id, out.count))
                out += answer(id)
                endsBlank = false
            }
        }
        var removed: [String] = []
        if let previous {
            removed = previous.order.filter { !current.contains($0) }
            // Everything else the student wrote, in the order of the file, so that making the workbook again changes nothing.
            var keptBlocks: [[UInt8]] = []
            for piece in previous.pieces where !used.contains(piece.index) && !piece.block.isBlank {
                switch piece.kind {
                case .kept:
                    keptBlocks.append(piece.block.bytes())
                case .answer(let id?) where !current.contains(id) && previous.answers[id] == piece.index:
                    keptBlocks.append(piece.block.bytes(info: "answer-kept \(id)"))
                case .answer(let id):
                    let label = id.map { "answer-kept \($0)" } ?? "answer-kept"
                    keptBlocks.append(piece.block.bytes(info: label))
                    notices.append(WorkbookNotice(file: previous.file, line: piece.block.fenceLine, column: piece.block.column,
                                                  message: "\(piece.why ?? "an answer block that fits no exercise"): kept at the end of the workbook, as '\(label)' (not graded)"))
                }
            }
            var notes = previous.notes(outside: Workbook(file: chapter.file, text: String(decoding: out, as: UTF8.self)))
            // A workbook without any answer, kept block or note of the student's is as mcheck wrote it (the course's own
            // exercises/, a workbook not started): what the chapter no longer has is old prose, not notes.
            let untouched = !previous.pieces.contains { !$0.block.isBlank } && !notes.contains { $0.wasKept }
            for note in notes where !note.wasKept {
                notices.append(WorkbookNotice(file: previous.file, line: note.line, column: note.column, message: untouched
                    ? "text that is not in the chapter, in a workbook without answers: taken as prose the chapter no longer has, and dropped (the previous file is kept as \(previous.file)~)"
                    : "text outside the answer blocks that is not in the chapter: kept at the end of the workbook"))
            }
            if untouched { notes = [] }
            if out.last != 0x0A && out.last != 0x0D { out.append(0x0A) }
            if !keptBlocks.isEmpty {
                out += "\n\(keptHeading)\n\n\(keptExplanation)\n".utf8
                for block in keptBlocks { out.append(0x0A); out += block }
            }
            if !notes.isEmpty {
                out += "\n\(notesHeading)\n\n\(notesExplanation)\n".utf8
                for (k, note) in notes.enumerated() {
                    // Blocks that stood on consecutive lines stay together: a blank line between them could make
                    // them other blocks on the next run (a table's header line read as an indented code block).
                    let adjacent = k > 0 && note.line == notes[k - 1].endLine + 1
                    if !adjacent { out.append(0x0A) }
                    out += note.bytes
                    // LF, not a lone CR: the LF before the next note would make CR LF of it, one line ending.
                    if out.last != 0x0A { out.append(0x0A) }
                }
            }
        }
        // The text ends with a line ending (a lone CR is one, in a file whose lines end so).
        if out.last != 0x0A && out.last != 0x0D { out.append(0x0A) }
        let previousIDs = Set(previous?.order ?? [])
        let added = existing == nil ? [] : ids.filter { !previousIDs.contains($0) }
        return Outcome(text: String(decoding: out, as: UTF8.self), added: added, removed: removed, kept: kept, notices: notices, answerSlots: slots)
    }

    /// Relative links and images of a chapter (`figures/x.svg`, `05-x.md`) point back into its folder.
    static func relinked(_ line: String, from chapterPath: String) -> String {
        guard line.contains("](") else { return line }
        let folder = "../" + ((chapterPath as NSString).deletingLastPathComponent as NSString).lastPathComponent + "/"
        var out = ""
        var rest = Substring(line)
        while let r = rest.range(of: "](") {
            out += rest[..<r.upperBound]
            rest = rest[r.upperBound...]
            let target = rest.prefix { $0 != ")" && $0 != " " }
            let external = target.contains(":") || target.hasPrefix("#") || target.hasPrefix("/") || target.hasPrefix("../") || target.isEmpty
            if !external { out += folder }
        }
        return out + rest
    }
}
