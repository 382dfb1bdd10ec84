import Calculus
import Course
import Foundation
import Grading

/// Times equivalence decisions on the course's own questions: every exercise's solution (equal) and
/// every common mistake (not equal) — scalar, Jacobian and vector-level questions mixed.
enum EngineBenchmark {
    struct Case { var question: Question; var answer: Expr; var expectEqual: Bool; var kind: String }

    static func cases(chapters: String) throws -> [Case] {
        var out: [Case] = []
        let paths = try ChapterFiles.list(in: chapters)
        for path in paths {
            let wb = try Workbook.load(path)
            for block in wb.exercises {
                // Shape and step questions are not equivalence decisions (their answers are a shape and a number).
                guard let q = try? Question(block, file: path), q.kind == .derivative || q.kind == .equality else { continue }
                let kind = q.truth.shape.isScalar ? "scalar" : (q.truth.shape.isMatrix ? "jacobian" : "vector")
                if let s = block.solution, let a = try? Parser.parse(s.text.trimmingSpaces, scope: q.scope, layout: q.layout) {
                    out.append(Case(question: q, answer: a, expectEqual: true, kind: kind))
                }
                for m in block.mistakes {
                    if let a = try? Parser.parse(m.answer, scope: q.scope, layout: q.layout) {
                        out.append(Case(question: q, answer: a, expectEqual: false, kind: kind))
                    }
                }
            }
        }
        return out
    }

    static func run(chapters: String, rounds: Int) throws {
        let all = try cases(chapters: chapters)
        print("equivalence decisions: \(all.count) course questions (\(all.filter(\.expectEqual).count) solutions, \(all.filter { !$0.expectEqual }.count) mistakes)")
        // Correctness first: a benchmark of wrong answers measures nothing.
        for c in all {
            let v = Equivalence(conditions: c.question.conditions).compare(c.question.truth, c.answer)
            if v.isEqual != c.expectEqual { print("  WRONG verdict for \(c.question.id): \(v)"); exit(1) }
        }
        for kind in ["scalar", "vector", "jacobian", "all"] {
            let subset = kind == "all" ? all : all.filter { $0.kind == kind }
            guard !subset.isEmpty else { continue }
            var samples: [Double] = []
            for _ in 0..<rounds {
                let start = ContinuousClock.now
                for c in subset { _ = Equivalence(conditions: c.question.conditions).compare(c.question.truth, c.answer) }
                let d = ContinuousClock.now - start
                samples.append(Double(d.components.attoseconds) / 1e12 + Double(d.components.seconds) * 1e6)
            }
            samples.sort()
            let perDecision = samples[samples.count / 2] / Double(subset.count)
            print("  \(kind.padding(toLength: 9, withPad: " ", startingAt: 0)) \(subset.count) decisions: median \(format(perDecision)) µs per decision (min \(format(samples[0] / Double(subset.count))) µs)")
        }
        // The whole grading path: read the answer, then decide.
        var samples: [Double] = []
        let texts = all.map { Printer.ascii($0.answer) }
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            for (c, text) in zip(all, texts) {
                if let a = try? Parser.parse(text, scope: c.question.scope) { _ = Equivalence(conditions: c.question.conditions).compare(c.question.truth, a) }
            }
            let d = ContinuousClock.now - start
            samples.append(Double(d.components.attoseconds) / 1e12 + Double(d.components.seconds) * 1e6)
        }
        samples.sort()
        print("  parse + decide: median \(format(samples[samples.count / 2] / Double(all.count))) µs per answer")
    }

    static func format(_ x: Double) -> String { String(Double(Int(x * 10)) / 10) }
}
