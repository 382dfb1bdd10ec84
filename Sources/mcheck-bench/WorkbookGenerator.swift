import Course
import Foundation
import Grading

/// Writes a workbook of `count` exercises taken from the chapters, answered with their solutions
/// (every fifth with a common mistake instead), for timing `mcheck` on a realistic file.
enum WorkbookGenerator {
    static func write(chapters: String, count: Int, to path: String) throws {
        var out = "# Benchmark workbook: \(count) exercises from the course\n\n"
        var n = 0
        let paths = try ChapterFiles.list(in: chapters)
        outer: while n < count {
            for path in paths {
                let wb = try Workbook.load(path)
                for block in wb.exercises {
                    guard n < count, let solution = block.solution else { if n >= count { break outer }; continue }
                    n += 1
                    let fields = block.fields.map { $0.key == "id" ? "id: \($0.value)-\(n)" : "\($0.key): \($0.value)" }
                    out += "Exercise \(n), with some $\\frac{\\partial f}{\\partial x}$ prose around it.\n\n```exercise\n" + fields.joined(separator: "\n") + "\n```\n\n"
                    let answer = (n % 5 == 0 ? block.mistakes.first?.answer : nil) ?? solution.text.trimmingCharacters(in: .whitespacesAndNewlines)
                    out += "```answer\n\(answer)\n```\n\n"
                }
            }
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
        print("wrote \(path): \(n) exercises")
    }
}
