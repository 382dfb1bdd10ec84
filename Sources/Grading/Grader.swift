import Calculus

/// Grades answers: reads them, compares them with the truth the engine derives, and explains a mismatch.
public struct Grader: Sendable {
    public init() {}

    /// Grades one exercise of a workbook. `answerText` defaults to the exercise's answer block.
    public func grade(_ block: ExerciseBlock, question: Question, file: String, answerText: String? = nil, answerLine: Int? = nil) -> GradeResult {
        let text = answerText ?? block.answer?.text ?? ""
        let line = answerLine ?? block.answer?.contentLine ?? block.line
        var result = GradeResult(id: question.id, part: question.part, line: block.line, verdict: .unanswered, score: 0, message: "no answer yet", feedback: [])
        /// An answer that cannot be read: the message points at the spot in the student's own text.
        func unreadable(_ e: CalculusError) -> GradeResult {
            var result = result
            let at = TextPosition(scalarOffset: e.offset ?? 0, in: text)
            result.verdict = .invalid
            result.message = "cannot read the answer (\(file):\(line - 1 + at.line):\(at.column)): \(e.message)"
            result.feedback = [Feedback(.syntax, Diagnostic(e, in: text).excerpt(indent: ""))]
            return result
        }
        // The length limit first: nothing below looks at a text longer than an expression may be.
        if let tooLong = Parser.lengthError(text) { return unreadable(tooLong) }
        // Notes blanked, then the blank lines before the answer proper (often most of a long answer) set aside:
        // what is read starts `bodyOffset` scalars into the student's text.
        let (body, bodyOffset) = Grader.withoutLeadingBlankLines(Grader.withoutComments(text))
        var readText = body.trimmingTrailingWhitespace
        if Grader.isBlank(readText) { return result }
        switch question.kind {
        case .shape: return gradeShape(readText, offset: bodyOffset, question: question, result: result, unreadable: unreadable)
        case .step: return gradeStep(readText, offset: bodyOffset, question: question, result: result, unreadable: unreadable)
        case .derivative, .equality: break
        }
        // `dy/dx = 2x`: grade the last side of an equation, after blanks where the other sides were.
        let sides = Parser.splitEquation(readText)
        if sides.count > 1, let last = sides.last {
            readText = Grader.blankedPrefix(of: readText, scalars: last.offset) + last.text
        }
        let answer: Expr
        do {
            answer = try Parser.parse(readText, scope: question.scope, layout: question.layout)
        } catch let e {
            var located = e
            if let o = e.offset { located.offset = bodyOffset + o }
            return unreadable(located)
        }
        result.feedback.append(Feedback(.readAs, "read as: " + Printer.explicit(answer) + (sides.count > 1 ? " (the right-hand side of your equation)" : "")))
        // A name the question never uses is a typo, not a different answer.
        // The question's names, and the sizes of its vectors and matrices (`\sum_{j=1}^{n}` for x: vector(n)).
        let sizes = (Array(question.scope.variables.values) + Array(question.ask.variables)).flatMap { $0.shape.dimensionNames }
        let known = Set(question.ask.variables.map({ $0.name })).union(question.scope.variables.keys).union(sizes)
        if let stranger = answer.variables.map({ $0.name }).sorted().first(where: { !known.contains($0) }) {
            result.verdict = .invalid
            let names = known.sorted().joined(separator: ", ")
            result.message = "unknown name '\(stranger)': the question uses \(names.isEmpty ? "no names" : names)"
            return result
        }
        let verdict = Equivalence(conditions: question.conditions).compare(question.truth, answer)
        if case .equal = verdict {
            result.verdict = .correct
            result.score = 1
            result.message = "correct"
            return result
        }
        if case .undecidable(let why) = verdict {
            result.verdict = .invalid
            result.message = "could not be decided: \(why)"
            return result
        }
        // Wrong: find out how, on the answer as compared (operators applied, free sizes fixed).
        let resolved = (try? Differentiator.resolve(answer)) ?? answer
        let fitted = resolved.hasFreeSize ? resolved.fitted(to: question.truth.shape) : resolved
        var byMatrix = false
        if case .derivative(let request) = question.ask, request.variables.count == 1, request.variables[0].shape.isMatrix { byMatrix = true }
        var diagnosis = Diagnosis(truth: question.truth, answer: fitted, conditions: question.conditions, layout: question.layout, byMatrix: byMatrix)
        switch verdict {
        case .shapesDiffer(let expected, let actual): diagnosis.shapes(expected: expected, actual: actual)
        case .notEqual(let counterexample): diagnosis.values(counterexample)
        case .equal, .undecidable: break
        }
        result.verdict = .incorrect
        result.score = diagnosis.score
        result.feedback += diagnosis.feedback
        result.message = diagnosis.feedback.first?.message ?? "not equal to the expected answer"
        return result
    }
}
