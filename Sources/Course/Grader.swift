import Calculus

/// Grades answers: reads them, compares them with the truth the engine derives, and explains a mismatch.
public struct Grader: Sendable {
    public init() {}

    /// Grades one exercise of a workbook. `answerText` defaults to the exercise's answer block.
    public func grade(_ block: ExerciseBlock, question: Question, file: String, answerText: String? = nil, answerLine: Int? = nil) -> GradeResult {
        let text = answerText ?? block.answer?.text ?? ""
        let line = answerLine ?? block.answer?.contentLine ?? block.line
        var result = GradeResult(id: question.id, line: block.line, verdict: .unanswered, score: 0, message: "no answer yet", feedback: [])
        if text.allSatisfy(\.isWhitespace) { return result }
        var readText = Grader.withoutComments(text).trimmingTrailingWhitespace
        if readText.allSatisfy(\.isWhitespace) { return result }
        var lineShift = 0
        // `dy/dx = 2x`: grade the last side of an equation.
        let sides = Parser.splitEquation(readText)
        if sides.count > 1, let last = sides.last {
            lineShift = readText.unicodeScalars.prefix(last.offset).filter { $0 == "\n" }.count
            readText = String(repeating: "\n", count: lineShift) + last.text
        }
        let answer: Expr
        do {
            answer = try Parser.parse(readText, scope: question.scope, layout: question.layout)
        } catch let e {
            var located = e
            if sides.count > 1, let last = sides.last, let o = e.offset { located.offset = o - lineShift + last.offset }
            let d = Diagnostic(located, in: text, lineOffset: line - 1)
            result.verdict = .invalid
            result.message = "cannot read the answer (\(file):\(d.line):\(d.column)): \(e.message)"
            result.feedback = [Feedback("syntax", d.excerpt(indent: ""))]
            return result
        }
        result.feedback.append(Feedback("readAs", "read as: " + Printer.explicit(answer) + (sides.count > 1 ? " (the right-hand side of your equation)" : "")))
        // A name the question never uses is a typo, not a different answer.
        let known = Set(question.ask.variables.map(\.name)).union(question.scope.variables.keys)
        if let stranger = answer.variables.map(\.name).sorted().first(where: { !known.contains($0) }) {
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
        var diagnosis = Diagnosis(truth: question.truth, answer: fitted, conditions: question.conditions, layout: question.layout)
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

    /// An answer's notes to itself: lines starting with `#`, and LaTeX comments from an unescaped `%` to the end of
    /// the line, blanked with spaces so that every offset of the rest stays where it was (errors point at the
    /// student's own text).
    static func withoutComments(_ text: String) -> String {
        guard text.contains("#") || text.contains("%") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let scalars = Array(line.unicodeScalars)
            var cut = scalars.count
            if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") { cut = 0 }
            else if let k = scalars.indices.first(where: { scalars[$0] == "%" && ($0 == 0 || scalars[$0 - 1] != "\\") }) { cut = k }
            var out = String.UnicodeScalarView(scalars[..<cut])
            out.append(contentsOf: repeatElement(" " as Unicode.Scalar, count: scalars.count - cut))
            return String(out)
        }.joined(separator: "\n")
    }

    /// Grades every exercise of a workbook (answers, or solutions when `useSolutions`).
    public func grade(_ workbook: Workbook, useSolutions: Bool = false) -> FileReport {
        var report = FileReport(file: workbook.file, results: [], errors: workbook.errors)
        if workbook.exercises.isEmpty && workbook.errors.isEmpty {
            let what = workbook.text.allSatisfy(\.isWhitespace) ? "the file is empty" : "no exercises in this file"
            report.errors.append(SourceError(file: workbook.file, line: 1, message: "\(what): an exercise is a fenced block with info string 'exercise' (see exercises/README.md)"))
        }
        for block in workbook.exercises {
            guard block.id != nil else { continue }
            let question: Question
            do { question = try Question(block, file: workbook.file) } catch {
                report.errors.append(error)
                continue
            }
            let attached = useSolutions ? block.solution : block.answer
            report.results.append(grade(block, question: question, file: workbook.file, answerText: attached?.text ?? "", answerLine: attached?.contentLine))
        }
        report.errors.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
        return report
    }
}

/// The grades of one file, and its errors.
public struct FileReport: Sendable {
    public var file: String
    public var results: [GradeResult]
    public var errors: [SourceError]

    public func count(_ v: GradeResult.Verdict) -> Int { results.filter { $0.verdict == v }.count }
    public var score: Double { results.reduce(0) { $0 + $1.score } }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var s = self
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return s
    }
}
