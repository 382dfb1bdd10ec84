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
    }

    /// `chapters/04-jacobian.md` → `ch4.md`; nil for a file without a leading number.
    public static func workbookName(forChapter path: String) -> String? {
        let name = (path as NSString).lastPathComponent
        let digits = name.prefix { $0.isNumber }
        guard let n = Int(digits), name.hasSuffix(".md") else { return nil }
        return "ch\(n).md"
    }

    public static func make(chapter: Workbook, chapterPath: String, existing: Workbook?) -> Outcome {
        var answers: [String: String] = [:]
        var previousOrder: [String] = []
        if let existing {
            for (id, text) in existing.keptAnswers where !id.isEmpty { answers[id] = text }
            for e in existing.exercises {
                guard let id = e.id else { continue }
                previousOrder.append(id)
                if let a = e.answer, !a.text.allSatisfy(\.isWhitespace) { answers[id] = a.text } else if answers[id] == nil { answers[id] = "" }
            }
        }
        let lines = chapter.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Lines to drop (solutions, mistakes, stray answers) and where to insert answer blocks.
        var drop = Set<Int>()
        var insertAfter: [Int: String] = [:]
        var ids: [String] = []
        for e in chapter.exercises {
            if let s = e.solution { for l in s.fenceLine...s.endLine { drop.insert(l) } }
            if let a = e.answer { for l in a.fenceLine...a.endLine { drop.insert(l) } }
            for m in e.mistakes { for l in m.fenceLine...m.endLine { drop.insert(l) } }
            guard let id = e.id else { continue }
            ids.append(id)
            insertAfter[e.endLine] = id
        }
        // The chapter as `folder/file`, however its path was spelled (`chapters/…`, `./chapters/…`, absolute), so the
        // workbook does not change with the working directory (links are made the same way in `relinked`).
        let shownPath = ((chapterPath as NSString).deletingLastPathComponent as NSString).lastPathComponent + "/" + (chapterPath as NSString).lastPathComponent
        var out = "<!-- Workbook made by `mcheck workbook` from \(shownPath.hasPrefix("/") ? String(shownPath.dropFirst()) : shownPath). Write each answer in the empty answer block\n"
        out += "     under its exercise, then run `mcheck` on this file. Made again after the chapter changes, it keeps your answers. -->\n\n"
        var previousDropped = false
        for (k, line) in lines.enumerated() {
            let n = k + 1
            if drop.contains(n) { previousDropped = true; continue }
            // Collapse the blank line a dropped block leaves behind.
            if previousDropped && line.isEmpty && out.hasSuffix("\n\n") { previousDropped = false; continue }
            previousDropped = false
            out += relinked(line, from: chapterPath)
            if k < lines.count - 1 { out += "\n" }
            if let id = insertAfter[n] {
                out += "\n" + answerBlock(info: "answer", answers[id] ?? "")
            }
        }
        let current = Set(ids)
        let removed = previousOrder.filter { !current.contains($0) }
        let keptGone = removed.filter { !(answers[$0] ?? "").allSatisfy(\.isWhitespace) }
        let oldKept = answers.keys.filter { !current.contains($0) && !removed.contains($0) && !(answers[$0] ?? "").allSatisfy(\.isWhitespace) }.sorted()
        if !keptGone.isEmpty || !oldKept.isEmpty {
            if !out.hasSuffix("\n") { out += "\n" }
            out += "\n## Answers to exercises no longer in the chapter\n\nKept so that no work is lost; they are not graded.\n"
            for id in keptGone + oldKept {
                out += "\n" + answerBlock(info: "answer-kept \(id)", answers[id]!)
            }
        }
        if !out.hasSuffix("\n") { out += "\n" }
        let previous = Set(previousOrder)
        let added = existing == nil ? [] : ids.filter { !previous.contains($0) }
        return Outcome(text: out, added: added, removed: removed, kept: ids.filter { !(answers[$0] ?? "").allSatisfy(\.isWhitespace) }.count)
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

    static func answerBlock(info: String, _ text: String) -> String {
        var fence = "```"
        while text.contains(fence) { fence += "`" }
        var body = text
        if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
        return fence + info + "\n" + body + fence + "\n"
    }
}
