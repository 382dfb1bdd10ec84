import Course
import Foundation
import Grading
import PageGrading
import Testing

/// A later part of a multi-part exercise takes part a's `let` and `layout` but not its `where`: the fixture
/// `Tests/CourseTests/Fixtures/where-parts/parts.md` read as the course reads it, graded natively and by the page's
/// grader (PageGrading, the code the page sends).
@Suite struct WhereInheritanceTests {
    static let path = ParityTests.root.appendingPathComponent("Tests/CourseTests/Fixtures/where-parts/parts.md").path

    func parts() throws -> [ExerciseBlock] {
        let workbook = try Workbook.load(Self.path)
        #expect(workbook.errors.isEmpty, "\(workbook.errors)")
        let parts = workbook.exercises.filter { $0.id == "root-parts" }
        try #require(parts.map { $0.part } == ["a", "b", "c", "d"])
        return parts
    }

    func grade(_ block: ExerciseBlock, _ answer: String) throws -> GradeResult {
        let question = try Question(block, file: Self.path)
        return Grader().grade(block, question: question, file: Self.path, answerText: answer, answerLine: block.endLine + 2)
    }

    /// The page grades what the command line grades: the verdict of the block's code under PageGrading.
    func pageVerdict(_ block: ExerciseBlock, _ answer: String) -> String? {
        let request = PageGrading.Request(file: Self.path, fenceLine: block.line, code: block.code, answer: answer, answerLine: block.endLine + 2)
        return ParityTests.parse(PageGrading.grade(request))?["verdict"] as? String
    }

    /// Part b sets no `where` and takes none: the slope of the positive side alone is wrong, at the negative points.
    @Test func aLaterPartWithoutWhereIsSampledEverywhere() throws {
        let parts = try parts()
        let b = parts[1]
        #expect(b.field("where") == nil)
        #expect(b.field("let")?.value == "x: scalar")
        #expect(try Question(b, file: Self.path).conditions.isEmpty)
        let wrong = try grade(b, "1")
        #expect(wrong.verdict == .incorrect)
        #expect(wrong.kinds.contains(.kink), "\(wrong.feedback)")
        #expect(try grade(b, "sign(x)").verdict == .correct)
        #expect(pageVerdict(b, "1") == "incorrect")
        // Under part a's x > 0, as parts took it before, the same wrong answer passed: the inheritance hid it.
        var inherited = b
        inherited.fields.append(parts[0].field("where")!)
        #expect(try grade(inherited, "1").verdict == .correct)
    }

    /// Part c states its own `where`, read at its own line.
    @Test func aLaterPartRestatesItsWhere() throws {
        let c = try parts()[2]
        let question = try Question(c, file: Self.path)
        #expect(question.conditions.count == 1)
        #expect(c.field("where")!.line > c.line && c.field("where")!.line < c.endLine)
        #expect(try grade(c, "2/x").verdict == .correct)
        #expect(pageVerdict(c, "2/x") == "correct")
    }

    /// `where: inherit` takes part a's conditions: the field is part a's (its line outside the block), and the page's
    /// code carries it after the block's lines.
    @Test func whereInheritTakesPartAsConditions() throws {
        let parts = try parts()
        var d = parts[3]
        d.inherit(from: parts[0])
        #expect(d.field("where") == parts[0].field("where"))
        #expect(d.code.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(4).contains("where: x > 0"))
        #expect(try Question(d, file: Self.path).conditions.count == 1)
        #expect(try grade(d, "ln(x) + 1").verdict == .correct)
        #expect(pageVerdict(d, "ln(x) + 1") == "correct")
        // Inheriting again changes nothing.
        var twice = d
        twice.inherit(from: parts[0])
        #expect(twice == d)
    }
}
