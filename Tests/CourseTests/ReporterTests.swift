import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Grading
import Testing
@testable import Course

/// Text, JSON and JUnit output, and the exit code.
@Suite struct ReporterTests {
    func reports() throws -> [FileReport] {
        try ["correct.md", "verdicts.md", "feedback.md"].map { try Fixtures.grade($0).0 }
    }

    @Test func textLines() throws {
        let (report, _) = try Fixtures.grade("verdicts.md")
        let out = Reporter(format: .text, color: false).render([report])
        let file = report.file
        #expect(!out.contains("\u{1B}"))
        let lines = out.split(separator: "\n").map(String.init)
        for r in report.results {
            let head = "\(file):\(r.line): \(r.id): \(r.verdict.rawValue)"
            let line = try #require(lines.first { $0.hasPrefix(head) }, "no line for \(r.id)")
            if r.verdict == .correct { #expect(line == head) } else { #expect(line == head + " — " + r.message) }
        }
        #expect(lines.contains("\(file):5: wrong: incorrect — \(report.results[0].message)"))
        #expect(lines.contains("\(file):27: empty-answer: unanswered — no answer yet"))
        // Feedback under an incorrect answer, indented; the syntax excerpt under an invalid one.
        #expect(lines.contains("    read as: 3*x^3"))
        #expect(lines.contains { $0.hasPrefix("    ") && $0.hasSuffix("6x*y + ) 3") })
        #expect(lines.last == "9 exercises in 1 file: 0 correct, \(report.count(.incorrect)) incorrect, 3 unanswered, \(report.count(.invalid)) invalid; score 0/9")
    }

    @Test func summaryOverSeveralFilesWithPartialCredit() throws {
        let reports = try reports()
        let out = Reporter(format: .text, color: false).render(reports)
        let total = reports.reduce(0) { $0 + $1.results.count }
        let correct = reports.reduce(0) { $0 + $1.count(.correct) }
        #expect(out.hasSuffix("\(total) exercises in 3 files: \(correct) correct, \(reports.reduce(0) { $0 + $1.count(.incorrect) }) incorrect, 3 unanswered, \(reports.reduce(0) { $0 + $1.count(.invalid) }) invalid; score \(correct).75/\(total)\n"), "\(out.split(separator: "\n").last ?? "")")
        #expect(out.contains(": one-entry-wrong: incorrect — 1 of 4 entries are wrong: (1, 2) (partial credit 0.75)\n"))
    }

    @Test func colorOnlyWhenAsked() throws {
        let reports = try reports()
        let plain = Reporter(format: .text, color: false).render(reports)
        let colored = Reporter(format: .text, color: true).render(reports)
        #expect(!plain.contains("\u{1B}["))
        #expect(colored.contains("\u{1B}[32mcorrect\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[31mincorrect\u{1B}[0m"))
        // Without the escapes, the coloured text is the plain text.
        let stripped = colored.replacing(/\x{1B}\[[0-9;]*m/, with: "")
        #expect(stripped == plain)
    }

    @Test func json() throws {
        let reports = try reports() + [try Fixtures.grade("malformed.md").0]
        let out = Reporter(format: .json, color: true).render(reports, commandErrors: [SourceError(file: "gone.md", line: 0, message: "no such file or folder")])
        #expect(!out.contains("\u{1B}"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["files", "summary", "errors"])
        let files = try #require(root["files"] as? [[String: Any]])
        #expect(files.count == 4)
        #expect(files.map { $0["file"] as? String } == reports.map(\.file))
        for (file, report) in zip(files, reports) {
            let results = try #require(file["results"] as? [[String: Any]])
            #expect(results.count == report.results.count)
            for (json, r) in zip(results, report.results) {
                #expect(Set(json.keys) == ["id", "line", "verdict", "score", "message", "feedback"])
                #expect(json["id"] as? String == r.id)
                #expect(json["line"] as? Int == r.line)
                #expect(json["verdict"] as? String == r.verdict.rawValue)
                #expect((json["score"] as? NSNumber)?.doubleValue == r.score)
                #expect(json["message"] as? String == r.message)
                let feedback = try #require(json["feedback"] as? [[String: Any]])
                #expect(feedback.map { $0["kind"] as? String } == r.feedback.map(\.kind.rawValue))
                #expect(feedback.map { $0["message"] as? String } == r.feedback.map(\.message))
            }
            let errors = try #require(file["errors"] as? [[String: Any]])
            #expect(errors.count == report.errors.count)
            for (json, e) in zip(errors, report.errors) {
                #expect(json["file"] as? String == e.file)
                #expect(json["line"] as? Int == e.line)
                #expect(json["column"] as? Int == e.column)
                #expect(json["message"] as? String == e.message)
            }
        }
        let summary = try #require(root["summary"] as? [String: Any])
        let all = reports.flatMap(\.results)
        #expect(summary["exercises"] as? Int == all.count)
        #expect(summary["correct"] as? Int == all.filter { $0.verdict == .correct }.count)
        #expect(summary["incorrect"] as? Int == all.filter { $0.verdict == .incorrect }.count)
        #expect(summary["unanswered"] as? Int == 3)
        #expect(summary["invalid"] as? Int == all.filter { $0.verdict == .invalid }.count)
        #expect((summary["score"] as? NSNumber)?.doubleValue == all.reduce(0) { $0 + $1.score })
        #expect(summary["errors"] as? Int == 7)
        let commandErrors = try #require(root["errors"] as? [[String: Any]])
        #expect(commandErrors.first?["file"] as? String == "gone.md")
    }

    @Test func junit() throws {
        let reports = try reports() + [try Fixtures.grade("malformed.md").0]
        let out = Reporter(format: .junit, color: true).render(reports)
        #expect(!out.contains("\u{1B}"))
        #expect(out.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"mcheck\""))
        let all = reports.flatMap(\.results)
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(data: Data(out.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        // Each error of a file is a test case too (6 here), so the counts agree with the cases.
        #expect(root.attribute(forName: "tests")?.stringValue == "\(all.count + 6)")
        #expect(root.attribute(forName: "failures")?.stringValue == "\(all.filter { $0.verdict == .incorrect }.count)")
        #expect(root.attribute(forName: "errors")?.stringValue == "\(all.filter { $0.verdict == .invalid }.count + 6)")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 4)
        for (suite, report) in zip(suites, reports) {
            #expect(suite.attribute(forName: "name")?.stringValue == report.file)
            #expect(suite.attribute(forName: "skipped")?.stringValue == "\(report.count(.unanswered))")
            let cases = suite.elements(forName: "testcase")
            #expect(cases.count == report.results.count + report.errors.count)
            // The schema has no line attribute: exercises follow the file's errors, in order.
            for (r, c) in zip(report.results, cases.dropFirst(report.errors.count)) {
                #expect(c.attribute(forName: "name")?.stringValue == r.id)
                switch r.verdict {
                case .correct: #expect(c.childCount == 0)
                case .incorrect:
                    let f = try #require(c.elements(forName: "failure").first)
                    #expect(f.attribute(forName: "message")?.stringValue == r.message)
                    #expect(f.stringValue == (["\(report.file):\(r.line): \(r.message)"] + r.feedback.map(\.message).filter { $0 != r.message }).joined(separator: "\n"))
                case .invalid: #expect(c.elements(forName: "error").count == 1)
                case .unanswered: #expect(c.elements(forName: "skipped").count == 1)
                }
            }
        }
        #else
        #expect(out.components(separatedBy: "<testsuite ").count - 1 == 4)
        #expect(out.components(separatedBy: "<testcase ").count - 1 == all.count + 6)
        #endif
    }

    /// Characters XML reserves, in a file name and a message, are escaped.
    @Test func junitEscapes() throws {
        let report = FileReport(file: "a&b<c>.md", results: [
            GradeResult(id: "q\"1", line: 3, verdict: .incorrect, score: 0, message: "x < y & \"z\"", feedback: [Feedback(.value, "a\u{7}b")]),
        ], errors: [])
        let out = Reporter(format: .junit, color: false).render([report])
        #expect(out.contains("name=\"a&amp;b&lt;c&gt;.md\""))
        #expect(out.contains("message=\"x &lt; y &amp; &quot;z&quot;\""))
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(data: Data(out.utf8))
        #expect(document.rootElement()?.elements(forName: "testsuite").first?.attribute(forName: "name")?.stringValue == "a&b<c>.md")
        #endif
    }

    @Test func exitCodes() throws {
        let (correct, _) = try Fixtures.grade("correct.md")
        let (verdicts, _) = try Fixtures.grade("verdicts.md")
        let (malformed, _) = try Fixtures.grade("malformed.md")
        let (empty, _) = try Fixtures.grade("math-prose.md")
        #expect(Reporter.exitCode([correct]) == 0)
        #expect(Reporter.exitCode([correct, empty]) == 0)
        #expect(Reporter.exitCode([]) == 0)
        #expect(Reporter.exitCode([correct, verdicts]) == 1)
        #expect(Reporter.exitCode([correct, malformed]) == 2)
        #expect(Reporter.exitCode([correct], commandErrors: [SourceError(file: "x.md", line: 0, message: "no such file")]) == 2)
        let unanswered = FileReport(file: "u.md", results: [GradeResult(id: "u", line: 1, verdict: .unanswered, score: 0, message: "no answer yet", feedback: [])], errors: [])
        #expect(Reporter.exitCode([unanswered]) == 1)
    }
}
