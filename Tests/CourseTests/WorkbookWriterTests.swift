import Foundation
import Grading
import Testing
@testable import Course

/// `mcheck workbook`: a workbook from a chapter, made again as the chapter changes, never losing an answer.
@Suite struct WorkbookWriterTests {
    static let chapterPath = "chapters/07-demo.md"

    func chapter(_ version: Int) throws -> Workbook {
        try Workbook.load(Fixtures.path("writer/07-demo-v\(version).md"))
    }

    func student() throws -> Workbook { try Workbook.load(Fixtures.path("writer/ch7-student.md")) }

    func make(_ version: Int, _ existing: Workbook?) throws -> WorkbookWriter.Outcome {
        WorkbookWriter.make(chapter: try chapter(version), chapterPath: Self.chapterPath, existing: existing)
    }

    /// The answers the student wrote, by id (non-empty only), from answer blocks and kept blocks.
    func answers(_ workbook: Workbook) -> [String: String] {
        var out: [String: String] = [:]
        for e in workbook.exercises { if let id = e.id, let a = e.answer, !a.text.isEmpty { out[id] = a.text } }
        for (id, text) in workbook.keptAnswers { out[id] = text }
        return out
    }

    /// The workbook of chapter 1 of the fixture as `mcheck workbook` first writes it: every exercise with an empty
    /// answer block, no solution and no mistake.
    @discardableResult
    func expectNewWorkbook(_ text: String) -> Workbook {
        let workbook = Workbook(file: "ch7.md", text: text)
        #expect(workbook.errors.isEmpty)
        #expect(workbook.exercises.map(\.id) == ["square", "jacobian", "sine", "exp"])
        for e in workbook.exercises {
            #expect(e.solution == nil)
            #expect(e.mistakes.isEmpty)
            #expect(e.answer?.text == "")
        }
        #expect(!text.contains("```solution"))
        #expect(!text.contains("```mistake"))
        #expect(!text.contains("feedback: factor"))
        return workbook
    }

    static let written: [String: String] = [
        "square": "2*x   \n",
        "jacobian": "\\begin{bmatrix}\n  6xy & 3x^2 \\\\\n  2 & 8y^7\n\\end{bmatrix}\n",
        "sine": "cos(x)\n```\nmy scratch notes, in a fence of their own\n```\n",
    ]

    @Test func theStudentFixtureHoldsTheAnswers() throws {
        #expect(answers(try student()) == Self.written)
    }

    /// A chapter saved with CRLF line endings (an author on Windows), or with lone CRs (old Mac files): its workbook has
    /// an empty answer block under every exercise and no solution or mistake, as from the LF file, and answers written in
    /// it are kept when it is made again. (Splitting the text at the Character "\n" found no line in a CRLF file: the
    /// workbook kept every solution.)
    @Test(arguments: ["\r\n", "\r"])
    func aChapterWithOtherLineEndingsMakesTheSameWorkbook(ending: String) throws {
        let lf = try chapter(1)
        let crlf = Workbook(file: lf.file, text: lf.text.replacingOccurrences(of: "\n", with: ending))
        #expect(crlf.exercises.map(\.id) == lf.exercises.map(\.id))
        let outcome = WorkbookWriter.make(chapter: crlf, chapterPath: Self.chapterPath, existing: nil)
        expectNewWorkbook(outcome.text)
        // The chapter's lines keep their CRLF; the text is the LF workbook's with those line endings.
        let fromLF = WorkbookWriter.make(chapter: lf, chapterPath: Self.chapterPath, existing: nil).text
        #expect(outcome.text.replacingOccurrences(of: ending, with: "\n") == fromLF)
        // Answered and made again, the answer stays.
        var answered = outcome.text
        let empty = "```answer\n```\n"
        let at = try #require(answered.range(of: empty))
        answered.replaceSubrange(at, with: "```answer\n2*x\n```\n")
        let again = WorkbookWriter.make(chapter: crlf, chapterPath: Self.chapterPath, existing: Workbook(file: "ch7.md", text: answered))
        #expect(again.text == answered)
        #expect(again.kept == 1)
    }

    /// An exercise block never closed (it runs to the end of the chapter) gets no answer block: one after it would be
    /// inside the exercise. The other answers are kept when it is made again.
    @Test func anExerciseNeverClosedGetsNoAnswerBlock() throws {
        let chapter = Workbook(file: "chapters/01-t.md", text: "# T\n\n```exercise\nid: sq\nlet: x: scalar\nask: derivative(x^2, x)\n```\n\n```exercise\nid: open\nlet: x: scalar\nask: derivative(x^3, x)\n")
        let outcome = WorkbookWriter.make(chapter: chapter, chapterPath: "chapters/01-t.md", existing: nil)
        #expect(outcome.answerSlots.map(\.key) == ["sq"])
        #expect(outcome.text.components(separatedBy: "```answer").count == 2)
        let written = outcome.text.replacingOccurrences(of: "```answer\n```\n", with: "```answer\n2x\n```\n")
        let again = WorkbookWriter.make(chapter: chapter, chapterPath: "chapters/01-t.md", existing: Workbook(file: "ch1.md", text: written))
        #expect(again.text.contains("2x\n"))
    }

    @Test func firstWorkbook() throws {
        let outcome = try make(1, nil)
        let workbook = expectNewWorkbook(outcome.text)
        // The prose stays, links point back into the chapters' folder; anchors and URLs are left alone.
        #expect(outcome.text.contains("Adding a scalar to a vector adds it to every entry."))
        #expect(outcome.text.contains("[plot](../chapters/figures/plot.svg)"))
        #expect(outcome.text.contains("[next chapter](../chapters/08-next.md)"))
        #expect(outcome.text.contains("[the top](#scalar-expansion)"))
        #expect(outcome.text.contains("That is all for this chapter.\n"))
        #expect(outcome.text.hasPrefix("<!-- Workbook made by `mcheck workbook` from chapters/07-demo.md."))
        #expect(outcome.added.isEmpty && outcome.removed.isEmpty && outcome.kept == 0)
        // Graded, it is all unanswered.
        #expect(Grader().grade(workbook).results.allSatisfy { $0.verdict == .unanswered })
    }

    /// Made again from the same chapter, the student's workbook comes back byte for byte.
    @Test func sameChapterSameWorkbook() throws {
        let student = try student()
        let outcome = try make(1, student)
        #expect(outcome.text == student.text)
        #expect(outcome.added.isEmpty && outcome.removed.isEmpty)
        #expect(outcome.kept == 3)
    }

    @Test func chapterChangedAnswersKept() throws {
        let outcome = try make(2, try student())
        let workbook = Workbook(file: "ch7.md", text: outcome.text)
        #expect(workbook.errors.isEmpty)
        #expect(outcome.added == ["cosine"])
        #expect(outcome.removed == ["jacobian"])
        #expect(outcome.kept == 2)
        // The chapter's order, with the edited prose. The prose the chapter no longer has is kept in the notes section
        // at the end: mcheck cannot tell it from a note the student wrote.
        #expect(workbook.exercises.map(\.id) == ["square", "exp", "sine", "cosine"])
        #expect(outcome.text.contains("(the prose was edited)"))
        let body = try #require(outcome.text.components(separatedBy: WorkbookWriter.keptHeading).first)
        #expect(!body.contains("[next chapter]"))
        #expect(outcome.text.components(separatedBy: WorkbookWriter.notesHeading).last?.contains("[next chapter]") == true)
        // Every answer, byte for byte; the removed exercise's answer is kept at the end.
        #expect(answers(workbook) == Self.written)
        #expect(workbook.keptAnswers.map(\.0) == ["jacobian"])
        let kept = try #require(outcome.text.range(of: "```answer-kept jacobian\n"))
        #expect(outcome.text[kept.lowerBound...].hasPrefix("```answer-kept jacobian\n\\begin{bmatrix}\n  6xy & 3x^2 \\\\\n  2 & 8y^7\n\\end{bmatrix}\n```\n"))
        #expect(outcome.text.contains("## Answers to exercises no longer in the chapter"))
        // The answer with fences inside gets a longer fence, and reads back whole.
        #expect(outcome.text.contains("````answer\ncos(x)\n```\nmy scratch notes"))
        // New and unanswered exercises have empty blocks.
        let cosine = try #require(workbook.exercises.first { $0.id == "cosine" })
        #expect(cosine.answer?.text == "")
        // Kept answers are not graded.
        #expect(Grader().grade(workbook).results.map(\.id) == ["square", "exp", "sine", "cosine"])
    }

    @Test func exerciseComesBackWithItsAnswer() throws {
        let v2 = Workbook(file: "ch7.md", text: try make(2, try student()).text)
        let outcome = try make(3, v2)
        let workbook = Workbook(file: "ch7.md", text: outcome.text)
        #expect(outcome.added == ["jacobian"])
        #expect(outcome.removed.isEmpty)
        #expect(workbook.keptAnswers.isEmpty)
        #expect(!outcome.text.contains("answer-kept"))
        #expect(!outcome.text.contains("## Answers to exercises no longer in the chapter"))
        #expect(answers(workbook) == Self.written)
        let jacobian = try #require(workbook.exercises.first { $0.id == "jacobian" })
        #expect(jacobian.answer?.text == Self.written["jacobian"])
        // And the restored LaTeX answer is graded correct in its new place.
        #expect(Grader().grade(workbook).results.first { $0.id == "jacobian" }?.verdict == .correct)
    }

    /// Any sequence of chapter versions: no answer is ever lost, and making it twice changes nothing.
    @Test(arguments: [[2, 1], [2, 3], [3, 2, 1], [2, 2, 3, 1], [3, 1, 2, 3], [1, 3, 2, 1, 2]])
    func neverLosesAnAnswer(versions: [Int]) throws {
        var workbook = try student()
        for v in versions {
            let outcome = try make(v, workbook)
            let next = Workbook(file: "ch7.md", text: outcome.text)
            #expect(next.errors.isEmpty)
            #expect(answers(next) == Self.written, "after version \(v) of \(versions)")
            #expect(try make(v, next).text == outcome.text, "making version \(v) again changes the workbook")
            workbook = next
        }
    }

    /// Found by fuzzing: a note that is an HTML comment closed on a line of its own was kept without that line (the
    /// Markdown layer ended the block a line early), so each run lost a line of it.
    @Test func aCommentNoteIsKeptWhole() throws {
        let text = try make(1, nil).text + "\n```answer-kept gone\nx\n```\n<!-- my note\n-->\n"
        let outcome = try make(1, Workbook(file: "ch7.md", text: text))
        #expect(outcome.text.hasSuffix("<!-- my note\n-->\n"), "\(outcome.text)")
        #expect(try make(1, Workbook(file: "ch7.md", text: outcome.text)).text == outcome.text)
    }

    /// Found by fuzzing: the answer under an exercise whose id is not valid was kept as ```` ```answer-kept ` ````, which
    /// is no fence (a backtick fence's info has no backtick), so the next run lost it.
    @Test(arguments: ["`", "a b", "x`y"])
    func anAnswerUnderAnInvalidIDKeepsAFence(id: String) throws {
        let text = "```exercise\nid: \(id)\nask: derivative(x^2, x)\n```\n\n```answer\n2x\n```\n"
        let outcome = try make(1, Workbook(file: "ch7.md", text: text))
        #expect(outcome.text.hasSuffix("\n```answer-kept\n2x\n```\n"), "\(outcome.text)")
        let again = try make(1, Workbook(file: "ch7.md", text: outcome.text))
        #expect(again.text == outcome.text)
        #expect(!outcome.removed.contains(id))
    }

    /// Found by fuzzing: a kept block or a note ended by a lone CR ran into the blank line written after it (CR LF is
    /// one line ending), so the next run changed the workbook. The answer's bytes are untouched.
    @Test(arguments: ["```answer-kept gone\nT\n```\r", "```answer-kept gone\nT\n```\n\nmy note\r", "```answer-kept gone\nT\r```\r|\n"])
    func aLoneCRAtTheEndOfABlockChangesNothingTheSecondTime(tail: String) throws {
        let text = try make(1, nil).text + "\n" + tail
        let outcome = try make(1, Workbook(file: "ch7.md", text: text))
        #expect(outcome.text.contains("```answer-kept gone\nT"))
        #expect(try make(1, Workbook(file: "ch7.md", text: outcome.text)).text == outcome.text)
    }

    /// Found by fuzzing (`Fuzz/corpus/workbook/found-note-trailing-blank-lines`): cmark-gfm counted the blank lines at
    /// the end of the file as part of the last note, which was kept with them, then without them on the next run.
    @Test(arguments: ["```answer-kept gone\nT\n```\n\nmy note ``\n\n\n", "```answer-kept gone\nT\n```\n\n- a\n- b →``\n\n\n\n"])
    func aNoteAtTheEndKeepsNoBlankLinesAfterIt(tail: String) throws {
        let text = try make(1, nil).text + "\n" + tail
        let outcome = try make(1, Workbook(file: "ch7.md", text: text))
        #expect(outcome.text.contains("```answer-kept gone\nT"))
        #expect(try make(1, Workbook(file: "ch7.md", text: outcome.text)).text == outcome.text)
    }

    /// Found by fuzzing (`Fuzz/corpus/workbook/found-adjacent-notes-split`): a note whose first line was a paragraph's
    /// lazy, indented last line, taken by a table, was written after a blank line, where that line is an indented
    /// code block: the next run wrote two notes with a blank line between. Notes that stood on consecutive lines are
    /// written on consecutive lines.
    @Test func notesOnConsecutiveLinesStayTogether() throws {
        let tail = "```answer-kept gone\nT\n```\n\nmy note\n     goes on here |||\n-|-|-\n|a|b|c|\n"
        let text = try make(1, nil).text + "\n" + tail
        let outcome = try make(1, Workbook(file: "ch7.md", text: text))
        #expect(outcome.text.contains("     goes on here |||\n-|-|-\n"), "\(outcome.text)")
        let again = try make(1, Workbook(file: "ch7.md", text: outcome.text))
        #expect(again.text == outcome.text)
        #expect(try make(1, Workbook(file: "ch7.md", text: again.text)).text == again.text)
    }

    /// A workbook whose answer was deleted by the student and an answer-kept block the student edited.
    @Test func keptAnswersAreRestoredFromWhatTheStudentHas() throws {
        let v2 = try make(2, try student()).text
        let edited = v2.replacingOccurrences(of: "\\end{bmatrix}\n```\n", with: "\\end{bmatrix}\n% checked again\n```\n")
        let outcome = try make(3, Workbook(file: "ch7.md", text: edited))
        let workbook = Workbook(file: "ch7.md", text: outcome.text)
        #expect(workbook.exercises.first { $0.id == "jacobian" }?.answer?.text == Self.written["jacobian"]! + "% checked again\n")
    }

    @Test(arguments: [
        ("chapters/04-jacobian.md", "ch4.md" as String?),
        ("/abs/path/chapters/12-summary.md", "ch12.md"),
        ("01-introduction.md", "ch1.md"),
        ("chapters/CHECKLIST.md", nil),
        ("chapters/04-jacobian.txt", nil),
    ])
    func workbookNames(chapter: String, name: String?) {
        #expect(WorkbookWriter.workbookName(forChapter: chapter) == name)
    }

    /// The real course: every workbook in exercises/ is what `mcheck workbook` makes of its chapter.
    @Test func theCourseWorkbooksAreInSync() throws {
        let root = Fixtures.repositoryRoot()
        let chapterCount = try ChapterFiles.list(in: root + "/chapters").count
        #expect(chapterCount >= 13)
        for n in 1...chapterCount {
            let names = try FileManager.default.contentsOfDirectory(atPath: root + "/chapters").filter { $0.hasPrefix(String(format: "%02d-", n)) }
            let name = try #require(names.first)
            let chapter = try Workbook.load(root + "/chapters/" + name)
            let existing = try Workbook.load(root + "/exercises/ch\(n).md")
            #expect(WorkbookWriter.make(chapter: chapter, chapterPath: "chapters/" + name, existing: existing).text == existing.text, "ch\(n).md")
        }
    }
}
