import Foundation
import Testing

/// `mcheck gradebook` on the fixture class (`Fixtures/class/submissions`): alice (everything), bob (a workbook
/// missing), carol (a cloned repository with a README and a workbook that is not UTF-8), Dave (the same workbook
/// twice: `Dave-ch1.md` and `dave/ch1.md`), and `notes.md`, which belongs to nobody.
@Suite(.serialized) struct GradebookTests {
    struct Book {
        var header: [String]
        var rows: [[String: String]]
        var json: [String: Any]
        var stderr: String
        var status: Int32
        func row(_ student: String) throws -> [String: String] { try #require(rows.first { $0["student"] == student }) }
    }

    static func make() throws -> Book {
        let out = try MCheckProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let csv = out.appendingPathComponent("grades.csv").path, json = out.appendingPathComponent("grades.json").path
        let r = try MCheckProcess.run(["gradebook", "submissions", "--csv", csv, "--json", json], in: "class")
        let table = CSV.parse(try String(contentsOfFile: csv, encoding: .utf8))
        let header = try #require(table.first)
        let rows = table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        return Book(header: header, rows: rows, json: document, stderr: r.stderr, status: r.status)
    }

    /// What grading the file alone says: each exercise's verdict and score.
    static func graded(_ file: String) throws -> [String: (verdict: String, score: Double)] {
        let r = try MCheckProcess.run([file, "--format", "json"], in: "class")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let results = try #require((document["files"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        var out: [String: (String, Double)] = [:]
        for x in results { out[x["id"] as! String] = (x["verdict"] as! String, x["score"] as! Double) }
        return out
    }

    @Test func oneRowPerStudentAndAColumnPerExercise() throws {
        let book = try Self.make()
        #expect(book.status == 0)
        #expect(book.rows.map { $0["student"] ?? "" } == ["alice", "bob", "carol", "Dave"], "a student once, whatever the spelling")
        for workbook in ["ch1.md", "ch2.md"] {
            let ids = try Self.graded("submissions/alice/\(workbook)").keys.sorted()
            #expect(book.header.filter { $0.hasPrefix(workbook + ":") }.map { String($0.dropFirst(workbook.count + 1)) }.sorted() == ids)
            #expect(book.header.contains("\(workbook) total (of \(ids.count))"))
        }
    }

    /// A score is what grading the file alone gives (0–1), blank when unanswered; totals add them up.
    @Test func scoresAreTheFilesGrades() throws {
        let book = try Self.make()
        for (student, files) in [("alice", ["submissions/alice/ch1.md", "submissions/alice/ch2.md"]), ("bob", ["submissions/bob/ch1.md"]),
                                 ("Dave", ["submissions/Dave-ch1.md", "submissions/dave/ch2.md"])] {
            let row = try book.row(student)
            var total = 0.0
            var counts: [String: Int] = [:]
            for file in files {
                let workbook = (file as NSString).lastPathComponent.split(separator: "-").last.map(String.init)!
                var sum = 0.0
                for (id, g) in try Self.graded(file) {
                    let cell = try #require(row["\(workbook):\(id)"])
                    if g.verdict == "unanswered" { #expect(cell == "", "\(student) \(id)") } else { #expect(Double(cell) == g.score, "\(student) \(id)") }
                    sum += g.score
                    counts[g.verdict, default: 0] += 1
                }
                #expect(Double(row["\(workbook) total (of 2)"] ?? "") == sum)
                total += sum
            }
            #expect(Double(row["total (of 4)"] ?? "") == total)
            for verdict in ["correct", "incorrect", "unanswered", "invalid"] { #expect(row[verdict] == "\(counts[verdict, default: 0])", "\(student) \(verdict)") }
        }
    }

    @Test func aMissingWorkbookIsBlankAndNoted() throws {
        let row = try Self.make().row("bob")
        #expect(row["missing"] == "1")
        #expect(row["ch2.md total (of 2)"] == "")
        #expect(row["ch2.md:sine"] == "" && row["ch2.md:exp"] == "")
        #expect(row["notes"]?.contains("not submitted: ch2.md") == true)
        #expect(row["status"] == "ok")
    }

    /// The damaged workbook makes carol's row an error row, with the file's location; her other workbook is graded,
    /// and her README (no exercise in it) is not a workbook.
    @Test func aDamagedWorkbookIsAnErrorRowAndTheRestIsGraded() throws {
        let book = try Self.make()
        let row = try book.row("carol")
        #expect(row["status"] == "error")
        #expect(row["notes"]?.contains("submissions/carol/exercises/ch2.md:") == true)
        #expect(row["notes"]?.contains("UTF-8") == true)
        #expect(row["ch2.md total (of 2)"] == "")
        #expect(row["missing"] == "0", "submitted, though damaged")
        let ch1 = try Self.graded("submissions/carol/exercises/ch1.md")
        #expect(Double(row["ch1.md total (of 2)"] ?? "") == ch1.values.reduce(0) { $0 + $1.score })
        #expect(!book.header.contains { $0.hasPrefix("README.md") })
        #expect(book.stderr.contains("carol/exercises/ch2.md:"))
        #expect(book.rows.filter { $0["status"] == "error" }.count == 1)
    }

    /// Dave's ch1.md twice: the shallower file is graded, the other named, in the row, the JSON and on stderr.
    @Test func duplicatesAreGradedOnceAndReported() throws {
        let book = try Self.make()
        let row = try book.row("Dave")
        let alone = try Self.graded("submissions/Dave-ch1.md")
        #expect(Double(row["ch1.md total (of 2)"] ?? "") == alone.values.reduce(0) { $0 + $1.score })
        #expect(row["notes"]?.contains("not submissions/dave/ch1.md") == true)
        let duplicates = try #require(book.json["duplicates"] as? [[String: Any]])
        #expect(duplicates.count == 1)
        #expect(duplicates.first?["graded"] as? String == "submissions/Dave-ch1.md")
        #expect(duplicates.first?["ignored"] as? [String] == ["submissions/dave/ch1.md"])
        #expect(book.stderr.contains("warning: Dave: ch1.md submitted 2 times"))
    }

    @Test func aFileOfNobodyIsReported() throws {
        let book = try Self.make()
        let errors = try #require(book.json["errors"] as? [[String: Any]])
        #expect(errors.map { $0["file"] as? String } == ["submissions/notes.md"])
        #expect(book.stderr.contains("submissions/notes.md: warning: whose workbook is this?"))
    }

    /// The JSON holds the same rows: null where the CSV is blank.
    @Test func jsonAgreesWithCSV() throws {
        let book = try Self.make()
        let students = try #require(book.json["students"] as? [[String: Any]])
        #expect(students.map { $0["student"] as? String } == book.rows.map { $0["student"] })
        for (s, row) in zip(students, book.rows) {
            let scores = try #require(s["scores"] as? [String: Any])
            for (column, value) in scores {
                let cell = try #require(row[column])
                if value is NSNull { #expect(cell == "") } else { #expect(Double(cell) == (value as? Double)) }
            }
            #expect(s["status"] as? String == row["status"])
        }
    }

    /// Files are graded in parallel; the gradebook is the same on every run, to the byte.
    @Test func theSameOnEveryRun() throws {
        let runs = try (0..<3).map { _ in try MCheckProcess.run(["gradebook", "submissions"], in: "class").stdout }
        #expect(!runs[0].isEmpty)
        #expect(Set(runs).count == 1)
    }

    @Test func badArgumentsExitTwo() throws {
        #expect(try MCheckProcess.run(["gradebook"], in: "class").status == 2)
        let r = try MCheckProcess.run(["gradebook", "no-such-folder"], in: "class")
        #expect(r.status == 2)
        #expect(r.stderr.contains("no-such-folder: no such folder"))
    }

    /// A student's name a spreadsheet would run as a formula is written as text; commas and quotes are quoted.
    @Test func csvCellsAreSafe() throws {
        let folder = try MCheckProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = MCheckProcess.fixtures.appendingPathComponent("class/submissions/alice/ch1.md")
        for student in ["=HYPERLINK(\"x\")", "o'brien, \"jr\""] {
            let dir = folder.appendingPathComponent(student)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: dir.appendingPathComponent("ch1.md"))
        }
        let r = try MCheckProcess.run(["gradebook", folder.path])
        let rows = CSV.parse(r.stdout).dropFirst().map { $0.first ?? "" }
        #expect(Set(rows) == ["'=HYPERLINK(\"x\")", "o'brien, \"jr\""])
    }
}

/// RFC 4180, as a spreadsheet reads it: quoted fields, doubled quotes, CRLF between records.
enum CSV {
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { chars.removeFirst(); field.unicodeScalars.append(c) } else { quoted = false } } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\r": break
            case "\n": record.append(field); records.append(record); record = []; field = ""
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
