import Course
import Foundation
import Grading
import PageGrading

/// The grader in the page, natively: every solution of the course graded as the page grades it (`PageGrading`,
/// file "answer", the answer on line 1), the figure `scripts/browser-test.py --bench` compares the browser with.
enum PageBenchmark {
    static func run(chapters: String, rounds: Int) throws {
        var requests: [PageGrading.Request] = []
        for file in try ChapterFiles.list(in: chapters) {
            for block in try Workbook.load(file).exercises where block.id != nil {
                guard let solution = block.solution else { continue }
                requests.append(PageGrading.Request(file: "answer", fenceLine: block.line, code: block.code, answer: solution.text, answerLine: 1))
            }
        }
        var samples: [Double] = []
        var wrong = 0
        for _ in 0..<rounds {
            for request in requests {
                let start = ContinuousClock.now
                let json = PageGrading.grade(request)
                let d = ContinuousClock.now - start
                samples.append(Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12)
                if !json.contains(#""verdict":"correct""#) { wrong += 1 }
            }
        }
        samples.sort()
        print("page grading, native (\(requests.count) solutions × \(rounds) rounds): median \(String(format: "%.1f", samples[samples.count / 2])) µs per answer" + (wrong == 0 ? "" : " — \(wrong) NOT graded correct"))
    }
}
