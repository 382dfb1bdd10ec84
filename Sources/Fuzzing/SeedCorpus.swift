import Course
import Foundation
import Grading
import Markdown

/// The seed corpus, made from the course: math spans, exercise asks, solutions and mistakes, chapters and
/// workbooks, each target's inputs in a folder of its own (`OUT/TARGET/`, one file per input, named by its hash).
public enum SeedCorpus {
    /// Writes the seeds from the Markdown files of `folders` (chapters and workbooks); returns the count per target.
    public static func write(to out: String, from folders: [String]) throws -> [String: Int] {
        var seeds: [String: Set<String>] = [:]
        func add(_ target: FuzzTarget, _ text: String) {
            if !text.isEmpty && text.utf8.count <= target.maxBytes { seeds[target.name, default: []].insert(text) }
        }
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() where name.hasSuffix(".md") {
                guard let workbook = try? Workbook.load((folder as NSString).appendingPathComponent(name)) else { continue }
                add(.markdown, workbook.text)
                add(.grade, workbook.text)
                add(.workbook, workbook.text)
                for node in workbook.document.mathNodes {
                    guard let tex = node.tex else { continue }
                    for target in [FuzzTarget.latex, .mathml, .calculus] { add(target, tex) }
                }
                let lines = workbook.text.split(separator: "\n", omittingEmptySubsequences: false)
                for exercise in workbook.exercises {
                    let declarations = exercise.field("let")?.value
                    var expressions = exercise.mistakes.map(\.answer)
                    if let ask = exercise.field("ask")?.value { expressions.append(ask) }
                    for block in [exercise.solution, exercise.answer].compactMap({ $0 }) { expressions.append(block.text) }
                    for e in expressions {
                        for target in [FuzzTarget.ascii, .calculus] { add(target, ExpressionInput.seed(e, declarations: declarations)) }
                    }
                    // The exercise with the blocks after it, as a workbook of one exercise.
                    let last = ([exercise.endLine, exercise.solution?.endLine ?? 0, exercise.answer?.endLine ?? 0] + exercise.mistakes.map(\.endLine)).max()!
                    add(.grade, lines[(exercise.line - 1)..<Swift.min(last, lines.count)].joined(separator: "\n") + "\n")
                }
            }
        }
        for text in WorkbookFuzzing.seeds { add(.workbook, text) }
        var counts: [String: Int] = [:]
        for (target, texts) in seeds {
            let dir = (out as NSString).appendingPathComponent(target)
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for text in texts {
                try Data(text.utf8).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent(hashName(text))))
            }
            counts[target] = texts.count
        }
        return counts
    }

    /// FNV-1a of the bytes, in hex: a stable name for an input.
    static func hashName(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }
}

extension WorkbookFuzzing {
    /// Workbooks of the fuzzed chapter: new, answered, with an answer of a gone exercise, with notes, and damaged.
    static var seeds: [String] {
        let fresh = WorkbookWriter.make(chapter: chapter, chapterPath: chapterPath, existing: nil).text
        var answered = fresh
        for answer in ["3x^2", "[2x y, x^2]", "x^T"] {
            if let r = answered.range(of: "```answer\n```") { answered.replaceSubrange(r, with: "```answer\n\(answer)\n```") }
        }
        let kept = answered + "\n```answer-kept gone\nsin(x)\n```\n\nMy own note.\n"
        let unclosed = answered.replacingOccurrences(of: "x^T\n```", with: "x^T\n")
        let crlf = answered.replacingOccurrences(of: "\n", with: "\r\n")
        let quoted = answered.replacingOccurrences(of: "```answer\n3x^2\n```", with: "> ```answer\n> 3x^2\n> ```")
        return [fresh, answered, kept, unclosed, crlf, quoted]
    }
}
