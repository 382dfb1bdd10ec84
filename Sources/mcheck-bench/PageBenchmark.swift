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
        // Each sample is one answer graded `repeats` times in a row, divided by `repeats`: the statistic
        // `scripts/browser-test.py --bench` computes in the browser, whose clock is too coarse for one grading.
        let repeats = 8
        var samples: [Double] = []
        var wrong = 0
        for _ in 0..<rounds {
            for request in requests {
                let start = ContinuousClock.now
                for k in 0..<repeats {
                    let json = PageGrading.grade(request)
                    if k == 0 && !json.contains(#""verdict":"correct""#) { wrong += 1 }
                }
                let d = ContinuousClock.now - start
                samples.append((Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12) / Double(repeats))
            }
        }
        let mean = samples.reduce(0, +) / Double(samples.count)
        samples.sort()
        print("page grading, native (\(requests.count) solutions, \(rounds) rounds of \(repeats) gradings each): median \(String(format: "%.1f", samples[samples.count / 2])) µs per answer, mean \(String(format: "%.1f", mean)) µs" + (wrong == 0 ? "" : " — \(wrong) NOT graded correct"))
    }
}
