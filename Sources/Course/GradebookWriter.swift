import Foundation
import Grading

/// A gradebook as CSV (RFC 4180, for a spreadsheet or an LMS import) and as JSON.
public enum GradebookWriter {
    /// Header: `student, status, ch1.md:id…, ch1.md total…, total, correct, incorrect, unanswered, invalid, missing,
    /// notes`. A score is 0–1 (partial credit included), blank when unanswered or not submitted; a chapter total is
    /// blank when the workbook was not submitted; `notes` holds the errors, the missing workbooks and the duplicates.
    public static func csv(_ book: Gradebook) -> String {
        var header = ["student", "status"] + book.columns.map(\.name)
        header += book.chapters.map { "\($0.workbook) total (of \($0.exercises))" }
        header += ["total (of \(book.maxTotal))"] + GradeResult.Verdict.allCases.map(\.rawValue) + ["missing", "notes"]
        var lines = [header.map(field).joined(separator: ",")]
        for row in book.rows {
            var cells = [field(row.student), row.status.rawValue]
            cells += book.columns.map { row.scores[$0].map(number) ?? "" }
            cells += book.chapters.map { row.chapterTotals[$0.workbook].map(number) ?? "" }
            cells.append(number(row.total))
            cells += GradeResult.Verdict.allCases.map { String(row.counts[$0, default: 0]) }
            cells.append(String(row.missing.count))
            cells.append(field(notes(row).joined(separator: "; ")))
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// What a teacher should know about a row, in words.
    static func notes(_ row: Gradebook.Row) -> [String] {
        row.errors.map { "\($0.location): \($0.message)" }
            + (row.missing.isEmpty ? [] : ["not submitted: " + row.missing.joined(separator: ", ")])
            + row.duplicates.map(\.description)
    }

    /// A text cell: quoted when it holds a comma, a quote or a line break (quotes doubled); one that a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or CR first) is prefixed with `'`.
    static func field(_ s: String) -> String {
        var s = s
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `1`, `0.5`, `0.3333`: at most four decimals.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        let rounded = (x * 10_000).rounded() / 10_000
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }

    struct JSONColumn: Codable { var column: String; var workbook: String; var id: String }
    struct JSONChapter: Codable { var workbook: String; var exercises: Int }
    struct JSONError: Codable { var file: String; var line: Int; var column: Int?; var message: String }
    struct JSONDuplicate: Codable { var student: String; var workbook: String; var graded: String; var ignored: [String] }
    struct JSONRow: Codable {
        var student: String; var status: String
        /// By column; null when unanswered or not submitted.
        var scores: [String: Double?]
        var chapters: [String: Double?]
        var total: Double
        var counts: [String: Int]
        var missing: [String]
        var errors: [JSONError]
        var duplicates: [JSONDuplicate]
    }
    struct JSONBook: Codable {
        var columns: [JSONColumn]; var chapters: [JSONChapter]; var maxTotal: Int
        var students: [JSONRow]; var duplicates: [JSONDuplicate]; var errors: [JSONError]
    }

    public static func json(_ book: Gradebook) -> String {
        func err(_ e: SourceError) -> JSONError { JSONError(file: e.file, line: e.line, column: e.column, message: e.message) }
        func dup(_ d: ClassSubmissions.Duplicate) -> JSONDuplicate { JSONDuplicate(student: d.student, workbook: d.workbook, graded: d.graded, ignored: d.ignored) }
        let rows = book.rows.map { row in
            JSONRow(student: row.student, status: row.status.rawValue,
                    scores: Dictionary(uniqueKeysWithValues: book.columns.map { ($0.name, row.scores[$0]) }),
                    chapters: Dictionary(uniqueKeysWithValues: book.chapters.map { ($0.workbook, row.chapterTotals[$0.workbook]) }),
                    total: row.total,
                    counts: Dictionary(uniqueKeysWithValues: GradeResult.Verdict.allCases.map { ($0.rawValue, row.counts[$0, default: 0]) }),
                    missing: row.missing, errors: row.errors.map(err), duplicates: row.duplicates.map(dup))
        }
        let document = JSONBook(
            columns: book.columns.map { JSONColumn(column: $0.name, workbook: $0.workbook, id: $0.id) },
            chapters: book.chapters.map { JSONChapter(workbook: $0.workbook, exercises: $0.exercises) }, maxTotal: book.maxTotal,
            students: rows, duplicates: book.duplicates.map(dup), errors: book.errors.map(err))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
