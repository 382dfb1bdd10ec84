import Foundation
import Testing
@testable import Course
import Grading

/// The fuzzing reproducers of `mcheck workbook` (Fixtures/workbook-cases): every byte of every answer block of the
/// student's file survives, what fits no exercise is kept at the end with a warning, a second run changes nothing,
/// and a workbook that cannot be read is an error and left alone.
@Suite struct WorkbookCaseTests {
    /// A course in a temporary folder: the case's chapter, and its student file as `exercises/ch1.md`.
    struct TestCourse {
        let folder: TemporaryFolder
        var chapters: String { folder.file("chapters") }
        var exercises: String { folder.file("exercises") }
        var workbook: String { folder.file("exercises/ch1.md") }

        init(_ name: String, student: Data? = nil) throws {
            folder = try TemporaryFolder()
            let source = Fixtures.path("workbook-cases/\(name)")
            let fm = FileManager.default
            try fm.createDirectory(atPath: chapters, withIntermediateDirectories: true)
            try fm.createDirectory(atPath: exercises, withIntermediateDirectories: true)
            try fm.copyItem(atPath: source + "/chapters/01-c.md", toPath: chapters + "/01-c.md")
            let before = try student ?? Data(contentsOf: URL(fileURLWithPath: source + "/student-file-before.md"))
            #expect(fm.createFile(atPath: workbook, contents: before))
        }

        /// What `mcheck workbook` does for the chapter: plan, then write.
        func run() throws -> (WorkbookPlan, wrote: Bool) {
            let chapter = try Workbook.load(chapters + "/01-c.md")
            let plan = try #require(WorkbookPlan.make(chapter: chapter, chapterPath: "chapters/01-c.md", exercisesFolder: exercises))
            // The command never asks to write a workbook it could not read (`write` would throw).
            return (plan, plan.outcome == nil ? false : try plan.write())
        }

        func bytes(_ path: String? = nil) throws -> [UInt8] {
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: path ?? workbook)))
        }
    }

    /// The answer blocks' contents as `shared/robustness/check.sh` finds them (backtick and tilde fences), as bytes.
    static func answerContents(_ bytes: [UInt8]) -> [[UInt8]] {
        let text = String(bytes.map { Character(Unicode.Scalar($0)) })  // Latin-1: one character per byte
        var found: [[UInt8]] = []
        for pattern in ["```answer[^\n]*\n(.*?)\n```", "~~~answer[^\n]*\n(.*?)\n~~~"] {
            let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
            for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let content = (text as NSString).substring(with: m.range(at: 1))
                if !content.allSatisfy(\.isWhitespace) { found.append(content.unicodeScalars.map { UInt8($0.value) }) }
            }
        }
        return found
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool { contains(haystack, Array(needle.utf8)) }

    static let readableCases = [
        "answer-before-exercise-dropped", "cr-in-answer", "crlf-workbook", "duplicate-id-in-chapter", "duplicate-id-in-workbook",
        "exercise-without-id-in-workbook", "indented-fence-answer", "kept-block-tab-separated", "kept-block-without-id-dropped",
        "kept-id-equals-current-answered-exercise", "notes-outside-answer-blocks-dropped", "nul-in-answer",
        "second-answer-block-dropped", "tilde-fence-answer-with-backticks", "two-kept-blocks-same-id", "unterminated-answer-fence",
    ]

    /// The invariant, on every case: the bytes of every answer block of the file before are in the file after; the
    /// first run keeps the previous file as `ch1.md~`; a second run finds it up to date (`--check` passes) and writes nothing.
    @Test(arguments: readableCases)
    func everyAnswerSurvivesAndASecondRunChangesNothing(name: String) throws {
        let course = try TestCourse(name)
        defer { course.folder.remove() }
        let before = try course.bytes()
        let (plan, wrote) = try course.run()
        let after = try course.bytes()
        #expect(wrote)
        for answer in Self.answerContents(before) {
            #expect(Self.contains(after, answer), "\(name): lost \(String(decoding: answer, as: UTF8.self).debugDescription)")
        }
        #expect(try course.bytes(course.workbook + "~") == before)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: course.exercises)) == ["ch1.md", "ch1.md~"])
        let (again, wroteAgain) = try course.run()
        #expect(again.state == .upToDate)
        #expect(!wroteAgain)
        #expect(try course.bytes() == after)
        #expect(again.summary == "\(course.workbook): up to date (\(plan.exerciseCount) exercises)")
        // And the workbook made reads back without errors of its own making.
        #expect(Workbook(file: "ch1.md", text: String(decoding: after, as: UTF8.self)).exercises.count == plan.exerciseCount)
    }

    /// What each case's workbook holds after the run, and what the command says.
    @Test(arguments: [
        ("answer-before-exercise-dropped", ["```answer-kept\nmoved answer 2x\n```\n"], ["5:1: warning: an answer block before the first exercise"]),
        ("cr-in-answer", ["```answer\n2x\r\n# note\r\n```\n"], []),
        ("crlf-workbook", ["```answer\r\n2x\r\n# note\r\n```\r\n"], []),
        ("duplicate-id-in-chapter", ["id: a\nask: derivative(x^2, x)\n```\n\n```answer\nanswer one\n```\n", "```answer\nanswer b\n```\n"], []),
        ("duplicate-id-in-workbook", ["```answer\nanswer first a\n```\n", "```answer-kept\nanswer second a\n```\n", "```answer\nanswer b\n```\n"],
         ["19:1: warning: an answer block under the exercise of line 14, whose id 'a' is not usable"]),
        ("exercise-without-id-in-workbook", ["```answer\n2x\n```\n", "```answer-kept\nanswer to id-less\n```\n"],
         ["9:1: warning: an answer block under the exercise of line 5, which has no id"]),
        ("indented-fence-answer", ["  ```answer\n  2x\n    # indented note\n  ```\n"], []),
        ("kept-block-tab-separated", ["```answer-kept\tgone\nold work tab\n```\n"], []),
        ("kept-block-without-id-dropped", ["```answer-kept\nold work without id\n```\n"], []),
        ("kept-id-equals-current-answered-exercise", ["```answer\nnew answer 2x\n```\n", "```answer-kept a\nold kept answer\n```\n"], []),
        ("notes-outside-answer-blocks-dropped", [WorkbookWriter.notesHeading + "\n", "\nMy own note: remember the chain rule.\n"],
         ["14:1: warning: text outside the answer blocks that is not in the chapter"]),
        ("nul-in-answer", ["```answer\n2x\u{0} # note\n```\n"], []),
        ("second-answer-block-dropped", ["```answer\n2x\n```\n", "```answer-kept a\nsecond attempt: 2 x\n```\n"],
         ["14:1: warning: a second answer block for exercise 'a' (its answer is the block on line 10)"]),
        ("tilde-fence-answer-with-backticks", ["~~~answer\n2x\n```\nnot a fence\n~~~\n"], []),
        ("two-kept-blocks-same-id", ["```answer-kept gone\nfirst kept\n```\n\n```answer-kept gone\nsecond kept\n```\n"], []),
        ("unterminated-answer-fence", ["```answer-kept a\n3x^2\n```\n"],
         ["10:1: warning: the answer block of exercise 'a' runs on over the exercise block of line 13: is its closing fence missing?",
          "18:1: warning: a second answer block for exercise 'a'"]),
    ])
    func whatIsKeptAndWhatIsSaid(name: String, holds: [String], says: [String]) throws {
        let course = try TestCourse(name)
        defer { course.folder.remove() }
        let (plan, _) = try course.run()
        let after = try course.bytes()
        for text in holds { #expect(Self.contains(after, text), "\(name): \(text.debugDescription)") }
        let notices = (plan.outcome?.notices ?? []).map(\.description)
        #expect(notices.count == says.count, "\(notices)")
        for (notice, expected) in zip(notices, says) { #expect(notice.hasPrefix(course.workbook + ":" + expected), "\(notice)") }
    }

    /// The kept answer of an exercise that comes back, and answers, is graded again: it stays in the answer block.
    @Test func aKeptAnswerGoesBackUnderItsExercise() throws {
        let text = try String(contentsOfFile: Fixtures.path("workbook-cases/kept-id-equals-current-answered-exercise/student-file-before.md"), encoding: .utf8)
        let cleared = text.replacingOccurrences(of: "```answer\nnew answer 2x\n```", with: "```answer\n```")
        let course = try TestCourse("kept-id-equals-current-answered-exercise", student: Data(cleared.utf8))
        defer { course.folder.remove() }
        _ = try course.run()
        let workbook = try Workbook.load(course.workbook)
        #expect(workbook.exercises.first?.answer?.text == "old kept answer\n")
        #expect(workbook.keptAnswers.isEmpty)
    }

    /// A workbook with no answer at all is as mcheck wrote it: text the chapter does not have is old prose, dropped with
    /// a warning (and still in `ch1.md~`), so the course's own workbooks do not collect stale paragraphs.
    @Test func oldProseOfAWorkbookWithoutAnswersIsDropped() throws {
        let text = try String(contentsOfFile: Fixtures.path("workbook-cases/notes-outside-answer-blocks-dropped/student-file-before.md"), encoding: .utf8)
        let course = try TestCourse("notes-outside-answer-blocks-dropped", student: Data(text.replacingOccurrences(of: "```answer\n2x\n```", with: "```answer\n```").utf8))
        defer { course.folder.remove() }
        let (plan, _) = try course.run()
        #expect(!Self.contains(try course.bytes(), "My own note"))
        #expect(Self.contains(try course.bytes(course.workbook + "~"), "My own note"))
        #expect(plan.outcome?.notices.map(\.description) == ["\(course.workbook):13:1: warning: text that is not in the chapter, in a workbook without answers: taken as prose the chapter no longer has, and dropped (the previous file is kept as \(course.workbook)~)"])
    }

    // MARK: Workbooks that cannot be read are left alone

    func expectLeftAlone(_ course: TestCourse, before: [UInt8], message: String, location: String? = nil) throws {
        let (plan, _) = try course.run()
        guard case .unreadable(let error) = plan.state else {
            Issue.record("\(plan.state): the workbook should be unreadable")
            return
        }
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.description.hasPrefix((location ?? course.workbook) + ": error: "))
        #expect(plan.outcome == nil)
        #expect(throws: SourceError.self) { try plan.write() }
        #expect(try course.bytes() == before)
        #expect(!FileManager.default.fileExists(atPath: course.workbook + "~"))
    }

    @Test(arguments: [("latin1-note-wipes-all-answers", "24:14"), ("invalid-utf8-in-answer-wipes-all-answers", "11:4")])
    func notUTF8(name: String, location: String) throws {
        let course = try TestCourse(name)
        defer { course.folder.remove() }
        try expectLeftAlone(course, before: try course.bytes(), message: "not valid UTF-8", location: course.workbook + ":" + location)
    }

    @Test func seventeenMegabytes() throws {
        var text = "<!-- Workbook made by `mcheck workbook` from chapters/01-c.md. -->\n\n# Chapter\n\n```exercise\nid: a\nask: derivative(x^2, x)\n```\n\n```answer\n2x # "
        text += String(repeating: "n", count: 17 * 1024 * 1024) + "\n```\n"
        let course = try TestCourse("huge-workbook-17MB", student: Data(text.utf8))
        defer { course.folder.remove() }
        try expectLeftAlone(course, before: Array(text.utf8), message: "the file is too large (17 MB; the limit is 16 MB)")
    }

    /// Unreadable by its mode: only meaningful when the tests do not run as root (root reads it anyway).
    @Test(.enabled(if: getuid() != 0)) func unreadableForTheUser() throws {
        let course = try TestCourse("workbook-unreadable-for-user")
        defer { course.folder.remove() }
        let before = try course.bytes()
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: course.workbook)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: course.workbook) }
        let (plan, _) = try course.run()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: course.workbook)
        #expect(plan.outcome == nil)
        #expect(try course.bytes() == before)
    }

    /// Unreadable for anyone, root included: a symbolic link to itself, one to nothing, a folder, a FIFO.
    @Test(arguments: ["loop", "dangling", "folder", "fifo"])
    func notAFileToRead(kind: String) throws {
        let course = try TestCourse("workbook-unreadable-for-user")
        defer { course.folder.remove() }
        let fm = FileManager.default
        try fm.removeItem(atPath: course.workbook)
        var message = ""
        switch kind {
        case "loop":
            try fm.createSymbolicLink(atPath: course.workbook, withDestinationPath: "ch1.md")
            message = "cannot read the file"
        case "dangling":
            try fm.createSymbolicLink(atPath: course.workbook, withDestinationPath: "../my-ch1.md")
            message = "a symbolic link to ../my-ch1.md, which does not exist"
        case "folder":
            try fm.createDirectory(atPath: course.workbook, withIntermediateDirectories: false)
            message = "is a folder"
        default:
            #expect(mkfifo(course.workbook, 0o644) == 0)
            message = "is a named pipe (FIFO), not a regular file"
        }
        let (plan, _) = try course.run()
        guard case .unreadable(let error) = plan.state else {
            Issue.record("\(plan.state): should be unreadable")
            return
        }
        #expect(error.message.contains(message), "\(error.message)")
        #expect(try fm.attributesOfItem(atPath: course.workbook)[.type] as? FileAttributeType != .typeRegular)
        #expect(!fm.fileExists(atPath: course.workbook + "~"))
    }

    // MARK: Writing

    /// A workbook that is a symbolic link is written through: the link stays, the file it points to gets the workbook.
    @Test func aSymbolicLinkIsWrittenThrough() throws {
        let course = try TestCourse("workbook-is-symlink")
        defer { course.folder.remove() }
        let fm = FileManager.default
        let target = course.folder.file("my-ch1.md")
        try fm.moveItem(atPath: course.workbook, toPath: target)
        let before = try course.bytes(target)
        try fm.createSymbolicLink(atPath: course.workbook, withDestinationPath: "../my-ch1.md")
        let (_, wrote) = try course.run()
        #expect(wrote)
        #expect(try fm.destinationOfSymbolicLink(atPath: course.workbook) == "../my-ch1.md")
        let after = try course.bytes(target)
        #expect(after != before)
        #expect(Self.contains(after, "```answer\n2x via link\n```\n"))
        #expect(try course.bytes(course.workbook + "~") == before)
        // Nothing left behind next to the target either.
        #expect(try fm.contentsOfDirectory(atPath: course.folder.path).sorted() == ["chapters", "exercises", "my-ch1.md"])
        #expect(try course.run().0.state == .upToDate)
    }

    /// The workbook keeps its permissions when it is replaced.
    @Test func permissionsAreKept() throws {
        let course = try TestCourse("second-answer-block-dropped")
        defer { course.folder.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: course.workbook)
        _ = try course.run()
        #expect(try FileManager.default.attributesOfItem(atPath: course.workbook)[.posixPermissions] as? Int == 0o640)
    }

    /// A new workbook: no backup, and the summary says so as before.
    @Test func aNewWorkbook() throws {
        let course = try TestCourse("second-answer-block-dropped")
        defer { course.folder.remove() }
        try FileManager.default.removeItem(atPath: course.workbook)
        let (plan, wrote) = try course.run()
        #expect(wrote)
        #expect(plan.state == .missing)
        #expect(plan.summary == "\(course.workbook): 1 exercises (new workbook)")
        #expect(!FileManager.default.fileExists(atPath: course.workbook + "~"))
    }

    /// `mcheck verify` asks the same plan: a workbook it cannot read is a failed check at the bad byte.
    @Test func verifyUsesThePlan() throws {
        let course = try TestCourse("latin1-note-wipes-all-answers")
        defer { course.folder.remove() }
        let checks = Verifier(chapters: course.chapters, exercises: course.exercises).workbookSync(try Workbook.load(course.chapters + "/01-c.md"), chapterPath: "chapters/01-c.md")
        #expect(checks.map(\.status) == [.failed])
        #expect(checks.first?.line == 24)
        #expect(checks.first?.message.contains("not valid UTF-8") == true)
    }
}
