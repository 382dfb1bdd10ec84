import Foundation
import Grading
import Testing
@testable import Course

/// Malformed blocks are errors of the file, with file and line; every other exercise is still graded.
@Suite struct MalformedBlockTests {
    func errors() throws -> (Workbook, FileReport) {
        let workbook = try Fixtures.workbook("malformed.md")
        return (workbook, Grader().grade(workbook))
    }

    func line(_ text: String, _ workbook: Workbook, after: Int = 0) throws -> Int {
        try #require(Fixtures.line(of: text, in: workbook.text, after: after))
    }

    @Test func answerBeforeAnyExercise() throws {
        let (w, report) = try errors()
        let e = try #require(report.errors.first { $0.message.contains("before any exercise") })
        #expect(e.file == w.file)
        #expect(e.line == (try line("```answer", w)))
        #expect(e.description.hasPrefix("\(w.file):\(e.line): error: answer block before any exercise"))
    }

    @Test func exerciseWithoutID() throws {
        let (w, report) = try errors()
        let fence = try line("```exercise", w, after: try line("**2** No id.", w))
        let e = try #require(report.errors.first { $0.message.contains("no id") }, "\(report.errors.map(\.description))")
        #expect(e.line == fence)
        #expect(e.description.hasPrefix("\(w.file):\(fence): error: "))
    }

    @Test func duplicateID() throws {
        let (w, report) = try errors()
        let first = try line("```exercise", w, after: try line("**1** Good.", w))
        let second = try line("id: good-1", w, after: first + 1)
        let e = try #require(report.errors.first { $0.message.contains("duplicate id") })
        #expect(e.message == "duplicate id 'good-1' (first used on line \(first))")
        #expect(e.line == second)
        #expect(e.column == 5)
        #expect(e.description.hasPrefix("\(w.file):\(second):5: error: duplicate id 'good-1'"))
        #expect(e.description.hasSuffix("    id: good-1\n        ^^^^^^"))
        // The first exercise keeps its id and is graded once.
        #expect(report.results.filter { $0.id == "good-1" }.count == 1)
    }

    @Test func unknownAsk() throws {
        let (w, report) = try errors()
        let e = try #require(report.errors.first { $0.message.contains("unknown ask") })
        #expect(e.line == (try line("ask: integral(x^2, x)", w)))
        #expect(e.column == 6)
        #expect(e.message.contains("'integral'"))
        #expect(!report.results.contains { $0.id == "integral" })
    }

    @Test func unreadableLetWithColumn() throws {
        let (w, report) = try errors()
        let e = try #require(report.errors.first { $0.message.hasPrefix("let:") })
        #expect(e.line == (try line("let: x: vektor(n)", w)))
        #expect(e.column == 9, "the column of 'vektor(n)'")
        #expect(e.message.contains("unknown shape 'vektor(n)'"))
        #expect(e.description.hasPrefix("\(w.file):\(e.line):9: error: let: unknown shape"))
        #expect(!report.results.contains { $0.id == "bad-let" })
    }

    @Test func unknownKey() throws {
        let (w, report) = try errors()
        let e = try #require(report.errors.first { $0.message.contains("unknown key") })
        #expect(e.line == (try line("hint: use the power rule", w)))
        #expect(e.column == 1)
        #expect(e.message.contains("'hint'"))
    }

    /// Six malformed blocks, six errors, each once; the good exercises are graded.
    @Test func everyOtherExerciseIsStillGraded() throws {
        let (_, report) = try errors()
        #expect(report.errors.count == 6, "\(report.errors.map(\.description))")
        let verdicts = Dictionary(report.results.map { ($0.id, $0.verdict) }, uniquingKeysWith: { a, _ in a })
        #expect(verdicts["good-1"] == .correct)
        #expect(verdicts["good-2"] == .correct)
        #expect(verdicts["unknown-key"] == .correct)
        // Errors are sorted by line.
        #expect(report.errors.map(\.line) == report.errors.map(\.line).sorted())
    }

    @Test func textOutputListsTheErrors() throws {
        let (w, report) = try errors()
        let out = Reporter(format: .text, color: false).render([report])
        for e in report.errors {
            #expect(out.contains("\(e.location): error: \(e.message)"))
        }
        #expect(out.contains("\(w.file):"))
        #expect(out.hasSuffix("; 6 errors in files\n"))
        #expect(Reporter.exitCode([report]) == 2)
    }

    @Test(arguments: [
        ("```mistake\nanswer: 1\n```\n", "mistake block before any exercise"),
        ("```solution\n1\n```\n", "solution block before any exercise"),
        ("```exercise\nid: a\nask: derivative(x, x)\n```\n\n```answer\n1\n```\n\n```answer\n1\n```\n", "a second answer block for exercise 'a'"),
        ("```exercise\nid: a b\nask: derivative(x, x)\n```\n", "id 'a b' may hold only letters"),
        ("```exercise\nid: a\nask: derivative(x, x)\nask: derivative(x, x)\n```\n", "'ask' is given twice"),
        ("```exercise\nid: a\njust some words\n```\n", "expected 'key: value'"),
        ("```exercise\nid: a\n```\n", "has no ask"),
        ("```exercise\nid: a\nlayout: sideways\nask: derivative(x, x)\n```\n", "layout must be numerator or denominator"),
        ("```exercise\nid: a\nwhere: x >\nask: derivative(x, x)\n```\n", "where:"),
        ("```exercise\nid: a\nask: derivative(x^2 +, x)\n```\n", "ask:"),
    ])
    func otherMalformedBlocks(text: String, message: String) throws {
        let workbook = Workbook(file: "m.md", text: "# M\n\n" + text)
        let report = Grader().grade(workbook)
        let e = try #require(report.errors.first { $0.message.contains(message) }, "\(report.errors.map(\.message))")
        #expect(e.message.contains(message), "\(e.message)")
        #expect(e.file == "m.md")
        #expect(e.line >= 3)
    }
}
