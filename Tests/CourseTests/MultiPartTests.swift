import Foundation
import Grading
import Testing
@testable import Course

/// Multi-part exercises (`part: a`, `part: b`, …), shape and find-the-error questions in a course: reading the parts,
/// grading them one by one with a score per exercise (text, JSON, JUnit), the gradebook, verify, and workbooks that
/// keep each part's answer.
@Suite struct MultiPartTests {
    /// `where: inherit` read from a file: the later part has part a's conditions, not the word (and b, with none of its
    /// own, has none).
    @Test func whereInheritTakesPartAsConditionsInAFile() throws {
        let workbook = try Workbook.load(Fixtures.path("where-parts/parts.md"))
        let parts = workbook.exercises.filter { $0.id == "root-parts" }
        #expect(parts.map(\.part) == ["a", "b", "c", "d"])
        #expect(parts[0].field("where")?.value == "x > 0")
        #expect(parts[1].field("where") == nil)
        #expect(parts[3].field("where")?.value == "x > 0")
    }

    static let course = Fixtures.path("course-parts")
    static let chapterPath = course + "/chapters/03-chain.md"
    static let answeredPath = course + "/answered/ch3.md"

    func chapter() throws -> Workbook { try Workbook.load(Self.chapterPath) }
    func answered() throws -> Workbook { try Workbook.load(Self.answeredPath) }

    // MARK: Reading

    @Test func partsAreExercisesOfOneIdWithKeys() throws {
        let chapter = try chapter()
        #expect(chapter.errors.isEmpty, "\(chapter.errors)")
        #expect(chapter.exercises.compactMap(\.key) == ["shape-wx-jacobian", "chain-sin-square.a", "chain-sin-square.b", "chain-sin-square.c",
                                                        "find-error-sin-square.a", "find-error-sin-square.b"])
        #expect(chapter.exercises.map(\.part) == [nil, "a", "b", "c", "a", "b"])
        // Each part has its own solution and mistakes.
        #expect(chapter.exercises.allSatisfy { $0.solution != nil && !$0.mistakes.isEmpty })
    }

    /// Part c sets no `let` and takes part a's; part b sets its own and keeps it.
    @Test func laterPartsInheritWhatTheyDoNotSet() throws {
        let parts = try chapter().exercises.filter { $0.id == "chain-sin-square" }
        #expect(parts.map { $0.field("let")?.value } == ["x: scalar", "u: scalar", "x: scalar"])
        // The inherited field points at part a's line, and the page's code carries it.
        #expect(parts[2].field("let")?.line == parts[0].field("let")?.line)
        #expect(parts[2].code.hasSuffix("\nlet: x: scalar"))
        let question = try Question(parts[2], file: Self.chapterPath)
        #expect(question.scope.variables["x"] != nil && question.part == "c")
    }

    /// Errors of the part structure, each at its `part:` value.
    @Test(arguments: [
        ("id: p\npart: a\nask: derivative(x^2, x)", "id: p\npart: a\nask: derivative(x^3, x)", "part 'a' of exercise 'p' is given twice (first on line 1)", 11),
        ("id: p\npart: a\nask: derivative(x^2, x)", "id: p\npart: c\nask: derivative(x^3, x)", "part 'c' of exercise 'p' follows part 'a': the parts go a, b, c, … in order (expected 'b')", 11),
        ("id: p\nask: derivative(x^2, x)", "id: q\npart: b\nask: derivative(x^3, x)", "part 'b' of exercise 'q' has no part 'a' before it (a multi-part exercise starts with 'part: a')", 10),
        ("id: p\npart: a\nask: derivative(x^2, x)", "id: p\npart: B\nask: derivative(x^3, x)", "part must be one lowercase letter (a, b, c, …), not 'B'", 11),
    ])
    func aBadPartIsAnErrorAtItsLetter(first: String, second: String, message: String, line: Int) throws {
        let text = "```exercise\n\(first)\n```\n\nProse between.\n\n```exercise\n\(second)\n```\n"
        let workbook = Workbook(file: "p.md", text: text)
        let error = try #require(workbook.errors.first, "no error for \(second)")
        #expect(error.message == message)
        #expect(error.location == "p.md:\(line):7")
    }

    @Test func partsMustBeConsecutive() throws {
        let text = "```exercise\nid: p\npart: a\nask: derivative(x^2, x)\n```\n\n```exercise\nid: other\nask: derivative(x, x)\n```\n\n```exercise\nid: p\npart: b\nask: derivative(x^3, x)\n```\n"
        let workbook = Workbook(file: "p.md", text: text)
        #expect(workbook.errors.map(\.description).first?.hasPrefix("p.md:14:7: error: part 'b' of exercise 'p' is not right after its other parts (line 1)") == true)
        // A part-less exercise of the same id after the parts is a duplicate id, as before.
        let duplicate = Workbook(file: "d.md", text: "```exercise\nid: p\npart: a\nask: derivative(x^2, x)\n```\n\n```exercise\nid: p\nask: derivative(x^3, x)\n```\n")
        #expect(duplicate.errors.map(\.message) == ["duplicate id 'p' (first used on line 1)"])
    }

    // MARK: Grading

    func report() throws -> FileReport { Grader().grade(try answered()) }

    @Test func eachPartIsGradedAndTheExerciseScoresTheirMean() throws {
        let report = try report()
        #expect(report.errors.isEmpty)
        #expect(report.results.map(\.name) == ["shape-wx-jacobian", "chain-sin-square (a)", "chain-sin-square (b)", "chain-sin-square (c)",
                                               "find-error-sin-square (a)", "find-error-sin-square (b)"])
        #expect(report.results.map(\.verdict) == [.correct, .correct, .incorrect, .unanswered, .incorrect, .incorrect])
        #expect(report.results[2].kinds.contains(.sign))
        #expect(report.results[4].kinds == [.readAs, .step])
        let exercises = report.exercises
        #expect(exercises.map(\.id) == ["shape-wx-jacobian", "chain-sin-square", "find-error-sin-square"])
        #expect(exercises.map(\.parts) == [1, 3, 2])
        #expect(exercises.map(\.correct) == [1, 1, 0])
        #expect(exercises.map(\.hasParts) == [false, true, true])
        #expect(abs(exercises[1].score - 1.0 / 3) < 1e-12)
        // The points: one per exercise.
        #expect(abs(report.score - (1 + 1.0 / 3 + exercises[2].score)) < 1e-12)
    }

    @Test func textReportsEachPartThenTheExercise() throws {
        let out = Reporter(format: .text, color: false).render([try report()])
        let file = Self.answeredPath
        #expect(out.contains("\(file):24: chain-sin-square (a): correct\n"))
        #expect(out.contains("\(file):37: chain-sin-square (b): incorrect — off by sign"))
        #expect(out.contains("\(file):50: chain-sin-square (c): unanswered — no answer yet\n\(file):24: chain-sin-square: 1 of 3 parts correct, score 0.33\n"))
        #expect(out.contains("\(file):70: find-error-sin-square (a): incorrect — Step 1 is right; the error comes later.\n    read as: step 1\n"))
        #expect(out.hasSuffix("3 exercises in 1 file (6 answers, each part counted): 2 correct, 3 incorrect, 1 unanswered, 0 invalid; score 1.33/3\n"))
    }

    @Test func jsonHasPartsAndExerciseScores() throws {
        let out = Reporter(format: .json, color: false).render([try report()])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let file = try #require((root["files"] as? [[String: Any]])?.first)
        let results = try #require(file["results"] as? [[String: Any]])
        #expect(results.map { $0["part"] as? String } == [nil, "a", "b", "c", "a", "b"])
        #expect(results[0]["part"] == nil)
        let exercises = try #require(file["exercises"] as? [[String: Any]])
        #expect(exercises.map { $0["id"] as? String } == ["shape-wx-jacobian", "chain-sin-square", "find-error-sin-square"])
        #expect(exercises.map { $0["parts"] as? Int } == [1, 3, 2])
        #expect(exercises.map { $0["correct"] as? Int } == [1, 1, 0])
        #expect(abs(((exercises[1]["score"] as? NSNumber)?.doubleValue ?? 0) - 1.0 / 3) < 1e-12)
        let summary = try #require(root["summary"] as? [String: Any])
        #expect(summary["exercises"] as? Int == 3)
        #expect(summary["answers"] as? Int == 6)
        #expect(summary["correct"] as? Int == 2)
        #expect(abs(((summary["score"] as? NSNumber)?.doubleValue ?? 0) - 4.0 / 3) < 1e-12)
        #expect(Reporter.scoreFraction([try report()]) == (4.0 / 3) / 3)
    }

    @Test func junitHasACasePerPartWithTheExercisesScore() throws {
        let out = Reporter(format: .junit, color: false).render([try report()])
        #expect(out.contains("<testsuite name=\"\(Self.answeredPath)\" tests=\"6\" failures=\"3\" errors=\"0\" skipped=\"1\""))
        #expect(out.contains("<testcase name=\"shape-wx-jacobian\" classname=\"\(JUnitCase.classname(Self.answeredPath))\"/>"))
        #expect(out.contains("<testcase name=\"chain-sin-square (a)\" classname=\"\(JUnitCase.classname(Self.answeredPath))\"><system-out>chain-sin-square: 1 of 3 parts correct, score 0.33</system-out></testcase>"))
        #expect(out.contains("<skipped message=\"no answer yet\"/><system-out>chain-sin-square: 1 of 3 parts correct, score 0.33</system-out></testcase>"))
        #expect(out.contains("</failure><system-out>find-error-sin-square: 0 of 2 parts correct, score 0</system-out>"))
    }

    @Test func theGradebookHasAColumnAndAPointPerExercise() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let alice = (folder.path as NSString).appendingPathComponent("alice")
        try FileManager.default.createDirectory(atPath: alice, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.answeredPath, toPath: (alice as NSString).appendingPathComponent("ch3.md"))
        let book = Gradebook.grade(ClassSubmissions.find(in: [folder.path]))
        #expect(book.columns.map(\.name) == ["ch3.md:shape-wx-jacobian", "ch3.md:chain-sin-square", "ch3.md:find-error-sin-square"])
        #expect(book.maxTotal == 3)
        let row = try #require(book.rows.first)
        #expect(abs((row.scores[Gradebook.Column(workbook: "ch3.md", id: "chain-sin-square")] ?? 0) - 1.0 / 3) < 1e-12)
        #expect(abs(row.total - 4.0 / 3) < 1e-12)
        // The verdicts count each part.
        #expect(row.counts[.correct] == 2 && row.counts[.incorrect] == 3 && row.counts[.unanswered] == 1)
    }

    @Test func theCoursesQuestionsAreMatchedPartByPart() throws {
        let course = try CourseQuestions(folder: Self.course + "/chapters")
        var student = try answered()
        student.file = "ch3.md"
        let (graded, notes) = course.questions(of: student)
        #expect(notes.isEmpty, "\(notes)")
        #expect(graded.exercises.compactMap(\.key) == (try chapter()).exercises.compactMap(\.key))
        #expect(Grader().grade(graded).results.map(\.verdict) == (try report()).results.map(\.verdict))
    }

    // MARK: Verify

    @Test func verifyChecksEveryPartsSolutionAndMistakes() throws {
        let report = try Verifier(chapters: Self.course + "/chapters", exercises: Self.course + "/exercises").run()
        #expect(report.errors.isEmpty)
        #expect(report.failed.isEmpty, "\(report.failed.map { "\($0.line): \($0.message)" })")
        let exercise = report.checks.filter { $0.kind == .exercise }
        // 6 solutions and 9 mistakes, each verified.
        #expect(exercise.count == 15)
        #expect(exercise.contains { $0.message == "chain-sin-square (b): the mistake '-cos(u)' is marked incorrect with sign feedback" })
        #expect(exercise.contains { $0.message == "find-error-sin-square (a): the mistake '3' is marked incorrect with step feedback" })
        #expect(exercise.contains { $0.message == "shape-wx-jacobian: the mistake 'n×m' is marked incorrect with transposed feedback" })
        #expect(report.checks.contains { $0.kind == .workbook && $0.status == .verified })
    }

    @Test func verifyFailsAPartWhoseMistakeGetsOtherFeedback() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let text = try String(contentsOfFile: Self.chapterPath, encoding: .utf8).replacingOccurrences(of: "answer: 3\nfeedback: step", with: "answer: 3\nfeedback: sign")
        let path = (folder.path as NSString).appendingPathComponent("03-chain.md")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let report = try Verifier(chapters: folder.path, exercises: folder.path + "/exercises", files: [path]).run()
        let failed = report.failed.filter { $0.kind == .exercise }
        #expect(failed.map(\.message) == ["find-error-sin-square (a): the mistake '3' should be incorrect with sign feedback, but is feedback step: The error comes earlier than step 3."])
    }

    // MARK: Workbooks

    /// The answers of a workbook by key (non-empty only), from answer blocks and kept blocks.
    func answers(_ workbook: Workbook) -> [String: String] {
        var out: [String: String] = [:]
        for e in workbook.exercises { if let key = e.key, let a = e.answer, !a.text.isEmpty { out[key] = a.text } }
        for (id, text) in workbook.keptAnswers { out[id] = text }
        return out
    }

    @Test func theWorkbookHasAnAnswerBlockPerPart() throws {
        let outcome = WorkbookWriter.make(chapter: try chapter(), chapterPath: "chapters/03-chain.md", existing: nil)
        let made = Workbook(file: "ch3.md", text: outcome.text)
        #expect(made.errors.isEmpty)
        #expect(made.exercises.count == 6 && made.exercises.allSatisfy { $0.answer != nil && $0.solution == nil && $0.mistakes.isEmpty })
        // The fixture's workbook is what mcheck workbook writes.
        #expect(outcome.text == (try String(contentsOfFile: Self.course + "/exercises/ch3.md", encoding: .utf8)))
        let plan = try #require(WorkbookPlan.make(chapter: try chapter(), chapterPath: Self.chapterPath, exercisesFolder: Self.course + "/exercises"))
        #expect(plan.exerciseCount == 3 && plan.state == .upToDate)
    }

    @Test func makingItAgainKeepsEachPartsAnswerByteForByte() throws {
        let student = try answered()
        let outcome = WorkbookWriter.make(chapter: try chapter(), chapterPath: "chapters/03-chain.md", existing: student)
        #expect(outcome.text == student.text)
        #expect(outcome.kept == 5 && outcome.removed.isEmpty && outcome.notices.isEmpty)
        let again = answers(Workbook(file: "ch3.md", text: outcome.text))
        #expect(again == answers(student))
        #expect(again["find-error-sin-square.a"] == "1\n# step 1 looked wrong to me\n")
    }

    @Test func theAnswerOfAPartTheChapterDropsIsKeptAndComesBack() throws {
        // Part b of the find-the-error exercise leaves the chapter: its answer is kept at the end, as
        // `answer-kept find-error-sin-square.b`, and goes back into its box when the part returns.
        var text = try String(contentsOfFile: Self.chapterPath, encoding: .utf8)
        let start = try #require(text.range(of: "**(b)** Write the derivative"))
        text.removeSubrange(start.lowerBound...)
        let shorter = Workbook(file: Self.chapterPath, text: text)
        #expect(shorter.errors.isEmpty)
        let outcome = WorkbookWriter.make(chapter: shorter, chapterPath: "chapters/03-chain.md", existing: try answered())
        #expect(outcome.removed == ["find-error-sin-square.b"])
        let made = Workbook(file: "ch3.md", text: outcome.text)
        #expect(made.keptAnswers.map(\.0) == ["find-error-sin-square.b"])
        #expect(made.keptAnswers.first?.1 == "x cos(x^2)\n")
        #expect(made.exercises.compactMap(\.key).last == "find-error-sin-square.a")
        let back = WorkbookWriter.make(chapter: try chapter(), chapterPath: "chapters/03-chain.md", existing: made)
        #expect(back.text == (try answered()).text)
    }

    @Test func partsWhoseFirstPartTheStudentDeletedKeepTheirAnswers() throws {
        // The student's workbook lost the exercise block of part a of chain-sin-square (a slip while editing):
        // parts b and c no longer make a valid multi-part exercise there, but their answers keep the id and letter
        // their blocks give, and go back into their boxes; part a's answer, now under the exercise before, is kept.
        var text = try answered().text
        let block = try #require(text.range(of: "```exercise\nid: chain-sin-square\npart: a\n"))
        let end = try #require(text.range(of: "```\n", range: block.upperBound..<text.endIndex))
        text.removeSubrange(block.lowerBound..<end.upperBound)
        let damaged = Workbook(file: "ch3.md", text: text)
        let before = answers(try answered())
        #expect(before["chain-sin-square.b"] != nil)
        let outcome = WorkbookWriter.make(chapter: try chapter(), chapterPath: "chapters/03-chain.md", existing: damaged)
        let made = Workbook(file: "ch3.md", text: outcome.text)
        let after = answers(made)
        #expect(after["chain-sin-square.b"] == before["chain-sin-square.b"])
        #expect(after["chain-sin-square.c"] == before["chain-sin-square.c"])
        // Every answer the student wrote is still in the file, byte for byte.
        for answer in before.values { #expect(outcome.text.contains(answer)) }
    }

    @Test func anOldWorkbookWithoutPartsKeepsItsAnswers() throws {
        let old = try Workbook.load(Self.course + "/old/ch3-student.md")
        #expect(answers(old) == ["shape-wx-jacobian": "m by n\n", "chain-sin-square": "2x cos(x^2)\n"])
        let outcome = WorkbookWriter.make(chapter: try chapter(), chapterPath: "chapters/03-chain.md", existing: old)
        let made = Workbook(file: "ch3.md", text: outcome.text)
        #expect(made.errors.isEmpty)
        // The exercise of one question keeps its answer in place; the one that now has parts keeps it at the end.
        #expect(made.exercises.first { $0.key == "shape-wx-jacobian" }?.answer?.text == "m by n\n")
        #expect(made.keptAnswers.map(\.0) == ["chain-sin-square"])
        #expect(made.keptAnswers.first?.1 == "2x cos(x^2)\n")
        #expect(outcome.removed == ["chain-sin-square"])
        // Nothing is lost, and the next run changes nothing.
        #expect(WorkbookWriter.make(chapter: try chapter(), chapterPath: "chapters/03-chain.md", existing: made).text == outcome.text)
    }
}
