@testable import Grading

/// Grades one answer to an exercise made of these fields (`id: q`, then `let`, `ask` and, if given, `where`), as the
/// grader grades a workbook's: the suites that test a question end to end share it.
func gradeExercise(_ answer: String, ask: String, let declarations: String, where condition: String? = nil) throws -> GradeResult {
    var fields = [("id", "q"), ("let", declarations), ("ask", ask)]
    if let condition { fields.append(("where", condition)) }
    let parsed = fields.enumerated().map { k, f in Field(key: f.0, value: f.1, line: k + 2, valueColumn: f.0.count + 3, text: "\(f.0): \(f.1)") }
    let block = ExerciseBlock(fields: parsed, line: 1, endLine: fields.count + 2)
    return Grader().grade(block, question: try Question(block, file: "q.md"), file: "q.md", answerText: answer, answerLine: 10)
}
