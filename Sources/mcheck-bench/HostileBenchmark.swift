import Calculus
import Course
import Foundation
import Grading

/// Times hostile input, which must cost time linear in its size: a 240 KB answer, 20,000 nested parentheses,
/// and long products (differentiated, element-wise, matrix), at several sizes so the growth shows.
enum HostileBenchmark {
    static func run(chapters: String, rounds: Int) throws {
        print("hostile input (median of \(rounds) rounds)")
        try longAnswers(chapters: chapters, rounds: rounds)
        let parens = String(repeating: "(", count: 20_000) + "x" + String(repeating: ")", count: 20_000)
        report("20,000 nested parentheses: the limit error", rounds: rounds) {
            failure { () throws(CalculusError) in try Parser.parse(parens) } == .limit ? "limit error" : "WRONG"
        }
        for n in [1_000, 3_000, 10_000] {
            let text = String(repeating: "x ", count: n)
            report("d/dx of x x … x, \(n) factors", rounds: rounds, per: n, unit: "factor") {
                guard let f = try? Parser.parse(text), let d = try? Differentiator.derivative(f, .scalar("x")) else { return "failed" }
                let result = Printer.ascii(Simplifier.simplify(d))
                return result == "\(n)x^\(n - 1)" ? "ok" : "WRONG: \(result.prefix(40))"
            }
        }
        let vector = try Scope(declarations: "x: vector(n); A: matrix(n, n)")
        for n in [1_000, 3_000, 10_000] {
            let text = Array(repeating: "x", count: n).joined(separator: " .* ")
            report("parse x .* x .* … (vectors), \(n) factors", rounds: rounds, per: n, unit: "factor") {
                guard case .hadamard(let xs)? = try? Parser.parse(text, scope: vector) else { return "failed" }
                return xs.count == n ? "ok" : "WRONG"
            }
        }
        for n in [1_000, 3_000, 10_000] {
            let text = String(repeating: "A ", count: n) + "x x"
            report("A A … A x x, \(n) matrices: the shape error", rounds: rounds, per: n, unit: "factor") {
                failure { () throws(CalculusError) in try Parser.parse(text, scope: vector) } == .shape ? "shape error" : "WRONG"
            }
        }
    }

    /// A 240 KB answer graded as `mcheck` grades it (comments, equation sides, parse, decision), and a 240 KB expression.
    static func longAnswers(chapters: String, rounds: Int) throws {
        // A scalar question about x, answered with its solution.
        var answered: [(ExerciseBlock, Question, String)] = []
        var path = ""
        for file in try ChapterFiles.list(in: chapters) where answered.isEmpty {
            path = file
            answered = try Workbook.load(file).exercises.compactMap { block -> (ExerciseBlock, Question, String)? in
                guard let solution = block.solution?.text.trimmingSpaces, let q = try? Question(block, file: file),
                      q.truth.shape.isScalar, q.ask.variables.contains(where: { $0.name == "x" && $0.shape.isScalar }) else { return nil }
                return (block, q, solution)
            }
        }
        guard let (block, question, solution) = answered.first else { print("  no scalar question about x in \(chapters)"); return }
        var notes = ""
        while notes.utf8.count < 240_000 { notes += "# working: differentiate term by term, then collect like terms (\(notes.utf8.count))\n" }
        let answer = notes + "d/dx = " + solution
        report("240 KB answer (notes, then the solution): graded", rounds: rounds, per: answer.unicodeScalars.count, unit: "character") {
            let r = Grader().grade(block, question: question, file: path, answerText: answer)
            return r.verdict == .correct ? "correct" : "WRONG: \(r.message)"
        }
        var dense = ""
        while dense.utf8.count < 240_000 { dense += "x^2 + 3x - x^2 - 3x + " }
        dense += solution
        report("240 KB expression (\(dense.utf8.count / 6) terms): parsed", rounds: rounds, per: dense.unicodeScalars.count, unit: "character") {
            (try? Parser.parse(dense, scope: question.scope)) != nil ? "ok" : "failed"
        }
        report("240 KB expression: graded", rounds: max(3, rounds / 4), per: dense.unicodeScalars.count, unit: "character") {
            let r = Grader().grade(block, question: question, file: path, answerText: dense)
            return r.verdict == .correct ? "correct" : "WRONG: \(r.message)"
        }
    }

    /// The kind of error reading fails with, or nil.
    static func failure(_ read: () throws(CalculusError) -> Expr) -> CalculusError.Kind? {
        do { _ = try read(); return nil } catch { return error.kind }
    }

    /// Times `body` (which checks its own result), printing the median and, with `per`, the time per unit.
    static func report(_ what: String, rounds: Int, per count: Int? = nil, unit: String = "", _ body: () -> String) {
        var samples: [Double] = []
        var outcome = ""
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            outcome = body()
            let d = ContinuousClock.now - start
            samples.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15)
        }
        samples.sort()
        let median = samples[samples.count / 2]
        var line = "  \(what): median \(format(median)) ms (min \(format(samples[0])) ms)"
        if let count { line += ", \(format(median * 1e6 / Double(count))) ns per \(unit)" }
        print(line + " [\(outcome)]")
    }

    static func format(_ x: Double) -> String { x >= 100 ? String(Int(x.rounded())) : String(format: "%.3g", x) }
}
