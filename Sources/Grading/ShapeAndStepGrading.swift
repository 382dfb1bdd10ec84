import Calculus

/// Grading the questions whose answer is not an expression: the shape of a derivative (`ask: shape(…)`) and the
/// number of the wrong step of a derivation (`ask: step(N)`).
extension Grader {
    /// The sizes an answer may name: those of the question's variables (`m`, `n` of `W: matrix(m, n)`).
    static func sizeNames(of question: Question) -> Set<String> {
        Set((Array(question.scope.variables.values) + Array(question.ask.variables)).flatMap { $0.shape.dimensionNames } + question.expectedShape.dimensionNames)
    }

    /// A shape answer: right, the transpose of the right one (a layout mix-up), or another shape.
    func gradeShape(_ text: String, offset: Int, question: Question, result: GradeResult, unreadable: (CalculusError) -> GradeResult) -> GradeResult {
        var result = result
        let known = Grader.sizeNames(of: question)
        let answer: Shape
        do { answer = try ShapeAnswer.read(text, known: known) } catch let e {
            var located = e
            if let o = e.offset { located.offset = offset + o }
            return unreadable(located)
        }
        result.feedback.append(Feedback(.readAs, "read as: " + ShapeAnswer.say(answer)))
        if let stranger = answer.dimensionNames.first(where: { !known.contains($0) }) {
            result.verdict = .invalid
            result.message = "unknown size '\(stranger)': the question's sizes are " + (known.isEmpty ? "all numbers" : known.sorted().joined(separator: ", "))
            return result
        }
        let expected = question.expectedShape
        if answer == expected {
            result.verdict = .correct
            result.score = 1
            result.message = "correct"
            return result
        }
        result.verdict = .incorrect
        let layoutNote = question.layout == .numerator
            ? "the numerator layout has one row per function (entry) and one column per variable (entry)"
            : "this exercise asks for the denominator layout: one row per variable (entry), one column per function (entry)"
        if answer == expected.transposed {
            result.feedback.append(Feedback(.transposed, "\(ShapeAnswer.say(answer)) is the transpose of the shape: rows and columns are swapped; \(layoutNote)"))
        } else {
            var hint = ""
            if answer.rows == expected.rows { hint = "; the number of rows is right, the number of columns is not" }
            else if answer.cols == expected.cols { hint = "; the number of columns is right, the number of rows is not" }
            result.feedback.append(Feedback(.shape, "wrong shape: the derivative is not \(Diagnosis.article(answer))\(hint)"))
        }
        result.message = result.feedback.last!.message
        return result
    }

    /// A step number: right, or the step named is not the first wrong one (the error is earlier, or later).
    func gradeStep(_ text: String, offset: Int, question: Question, result: GradeResult, unreadable: (CalculusError) -> GradeResult) -> GradeResult {
        var result = result
        let count = question.steps.count - 1
        let step: Int
        do { step = try StepAnswer.read(text) } catch let e {
            var located = e
            if let o = e.offset { located.offset = offset + o }
            return unreadable(located)
        }
        result.feedback.append(Feedback(.readAs, "read as: step \(step)"))
        guard step >= 1 && step <= count else {
            result.verdict = .invalid
            result.message = "there is no step \(step): the derivation has \(count) step\(count == 1 ? "" : "s"), numbered 1 to \(count)"
            return result
        }
        if step == question.wrongStep {
            result.verdict = .correct
            result.score = 1
            result.message = "correct"
            return result
        }
        result.verdict = .incorrect
        let message = step < question.wrongStep
            ? "Step \(step) is right; the error comes later."
            : "The error comes earlier than step \(step)."
        result.feedback.append(Feedback(.step, message))
        result.message = message
        return result
    }
}
