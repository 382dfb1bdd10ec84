import Foundation

// Benchmarks, run in a release build from the repository root:
//   swift run -c release mcheck-bench                 all benchmarks
//   swift run -c release mcheck-bench engine          equivalence decisions on the course's questions
//   swift run -c release mcheck-bench workbook FILE   write a 100-exercise workbook to time `mcheck FILE`
//   swift run -c release mcheck-bench site            the course site's build against cmark-gfm's parse
//   swift run -c release mcheck-bench hostile         long answers, deep nesting and long products (linear time)
//   swift run -c release mcheck-bench page            every solution graded as the page grades it (natively)
//   swift run -c release mcheck-bench long-answers    the 240 KB answers alone, 101 rounds (for a profiler)
let arguments = Array(CommandLine.arguments.dropFirst())
let chapters = "chapters"

do {
    switch arguments.first {
    case "workbook":
        try WorkbookGenerator.write(chapters: chapters, count: 100, to: arguments.count > 1 ? arguments[1] : "/tmp/mcheck-workbook-100.md")
    case "engine":
        try EngineBenchmark.run(chapters: chapters, rounds: 30)
    case "site":
        try SiteBenchmark.run(chapters: chapters, rounds: 50)
    case "hostile":
        try HostileBenchmark.run(chapters: chapters, rounds: 15)
    case "page":
        try PageBenchmark.run(chapters: chapters, rounds: 10)
    case "long-answers":
        try HostileBenchmark.longAnswers(chapters: chapters, rounds: 101)
    default:
        try EngineBenchmark.run(chapters: chapters, rounds: 30)
        try SiteBenchmark.run(chapters: chapters, rounds: 50)
        try HostileBenchmark.run(chapters: chapters, rounds: 15)
    }
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
