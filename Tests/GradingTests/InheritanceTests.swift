import Calculus
import Testing
@testable import Grading

/// What a later part of a multi-part exercise takes from its part a (`ExerciseBlock.inherit(from:)`), without Markdown.
@Suite struct InheritanceTests {
    /// A block of `key: value` lines whose fence is at `line`.
    func block(_ text: String, line: Int) -> ExerciseBlock {
        let (fields, errors) = Field.parse(text, firstLine: line + 1, file: "p.md", allowed: Field.exerciseKeys)
        #expect(errors.isEmpty, "\(errors)")
        return ExerciseBlock(fields: fields, line: line, endLine: line + text.split(separator: "\n").count + 1)
    }

    @Test func letAndLayoutAreTakenButNotWhere() throws {
        let a = block("id: p\npart: a\nlet: x: scalar\nwhere: x > 0\nlayout: denominator\nask: derivative(ln(x), x)", line: 1)
        var b = block("id: p\npart: b\nask: derivative(abs(x), x)", line: 20)
        b.inherit(from: a)
        #expect(b.field("let") == a.field("let"))
        #expect(b.field("layout") == a.field("layout"))
        #expect(b.field("where") == nil)
        #expect(try Question(b, file: "p.md").conditions.isEmpty)
    }

    /// A part's own `let` and `where` stay; `where: inherit` becomes part a's `where`.
    @Test func ownFieldsStayAndInheritIsReplaced() throws {
        let a = block("id: p\npart: a\nlet: x: scalar\nwhere: x > 0\nask: derivative(ln(x), x)", line: 1)
        var b = block("id: p\npart: b\nlet: y: scalar\nwhere: y < 0\nask: derivative(ln(-y), y)", line: 20)
        b.inherit(from: a)
        #expect(b.field("let")?.value == "y: scalar" && b.field("where")?.value == "y < 0")
        var c = block("id: p\npart: c\nwhere: inherit\nask: derivative(x ln(x), x)", line: 40)
        c.inherit(from: a)
        #expect(c.field("where") == a.field("where"))
        #expect(c.fields.filter { $0.key == "where" }.count == 1)
        #expect(try Question(c, file: "p.md").conditions.count == 1)
    }

    /// With nothing to take (no part a's `where`, or the exercise's own first part), `where: inherit` is an error at
    /// its value.
    @Test func whereInheritWithoutConditionsIsAnError() throws {
        let a = block("id: p\npart: a\nlet: x: scalar\nask: derivative(x^2, x)", line: 1)
        var b = block("id: p\npart: b\nwhere: inherit\nask: derivative(x^3, x)", line: 20)
        b.inherit(from: a)
        #expect(b.field("where")?.value == "inherit")
        do {
            _ = try Question(b, file: "p.md")
            Issue.record("where: inherit without part a's conditions was read")
        } catch {
            #expect(error.line == 23 && error.column == 8)
            #expect(error.message.hasPrefix("where: 'inherit' (part a's conditions) stands only in a later part"))
        }
    }
}
