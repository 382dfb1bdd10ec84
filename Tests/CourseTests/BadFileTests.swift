import Foundation
import Grading
import Testing
@testable import Course

/// Files that are not workbooks, or not files.
@Suite struct BadFileTests {
    @Test func emptyFile() throws {
        let workbook = try Fixtures.workbook("empty.md")
        #expect(workbook.exercises.isEmpty)
        #expect(workbook.errors.isEmpty)
        let report = Grader().grade(workbook)
        #expect(report.results.isEmpty)
        #expect(report.errors.map(\.message) == ["the file is empty: an exercise is a fenced block with info string 'exercise' (see exercises/README.md)"])
        #expect(Reporter(format: .text, color: false).render([report]).hasSuffix("0 exercises in 1 file: 0 correct, 0 incorrect, 0 unanswered, 0 invalid; score 0/0; 1 error in files\n"))
        #expect(Reporter.exitCode([report]) == 2)
    }

    @Test func fileWithoutExercises() {
        let report = Grader().grade(Workbook(file: "notes.md", text: "# Notes\n\nNothing to grade, but $x^2$ math.\n"))
        #expect(report.errors.first?.message.hasPrefix("no exercises in this file") == true)
        #expect(report.errors.first?.line == 1)
        #expect(Reporter.exitCode([report]) == 2)
    }

    @Test func invalidUTF8() throws {
        let path = Fixtures.path("workbooks/invalid-utf8.md")
        let error = try #require(throws: SourceError.self) { try Workbook.load(path) }
        // Line 9 is `2x \xE9t\xE9`: the first bad byte is the 4th character.
        #expect(error.file == path)
        #expect(error.line == 9)
        #expect(error.column == 4)
        #expect(error.message.contains("not valid UTF-8"))
        #expect(error.description.hasPrefix("\(path):9:4: error: "))
    }

    @Test func invalidUTF8OnTheFirstLine() throws {
        let error = try #require(throws: SourceError.self) {
            try Workbook.parse(data: Data([0xFF, 0x61, 0x0A]), file: "bad.md")
        }
        #expect(error.location == "bad.md:1:1")
    }

    @Test func aFolderIsNotAFile() throws {
        let error = try #require(throws: SourceError.self) { try Workbook.load(Fixtures.path("workbooks")) }
        #expect(error.message.contains("folder"))
        #expect(error.file == Fixtures.path("workbooks"))
    }

    @Test func missingFile() throws {
        let path = Fixtures.path("workbooks/no-such-workbook.md")
        let error = try #require(throws: SourceError.self) { try Workbook.load(path) }
        #expect(error.message == "no such file")
        #expect(error.description == "\(path): error: no such file")
    }

    /// Larger than `Workbook.maxBytes`: refused before it is read, with a clear message.
    @Test func tooLarge() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("huge.md")
        let size = 20 * 1024 * 1024
        #expect(size > Workbook.maxBytes)
        // A sparse file: its size is what matters, and it costs nothing to make.
        #expect(FileManager.default.createFile(atPath: path, contents: Data("# Huge\n".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        let error = try #require(throws: SourceError.self) { try Workbook.load(path) }
        #expect(error.message.contains("too large"))
        #expect(error.message.contains("20 MB"))
        #expect(error.message.contains("limit is 16 MB"))
    }

    /// A 2 MB workbook of real prose and exercises still parses and grades, with the right lines.
    @Test func twoMegabytesStillParse() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var text = "# A long workbook\n\n"
        let paragraph = String(repeating: "The gradient $\\nabla f = [6xy, 3x^2]$ of *one* function is a row; it costs $5 to print. ", count: 8) + "\n\n"
        let exercise = "```exercise\nid: EX\nask: derivative(x^3, x)\n```\n\n```answer\n3x^2\n```\n\n"
        var k = 0
        while text.utf8.count < 2 * 1024 * 1024 {
            for _ in 0..<50 { text += paragraph }
            text += exercise.replacingOccurrences(of: "EX", with: "ex-\(k)")
            k += 1
        }
        let path = try folder.write("long.md", text)
        let workbook = try Workbook.load(path)
        #expect(workbook.errors.isEmpty)
        #expect(workbook.exercises.count == k)
        let last = try #require(workbook.exercises.last)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[last.line] == "id: ex-\(k - 1)")
        let report = Grader().grade(Workbook(file: path, text: String(text.suffix(2000).drop { $0 != "\n" })))
        #expect(report.results.last?.verdict == .correct)
    }
}
