import Course
import Foundation
import Grading
import PageGrading
import Testing

/// The grader in the page gives what `mcheck --format json` gives: every solution and every mistake of the course,
/// and every answer of the grader's notation corpus, graded natively by PageGrading and by mcheck.wasm under node.
@Suite struct ParityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// One answer and the JSON object the command line writes for it.
    struct Case {
        var request: PageGrading.Request
        var expected: NSDictionary
    }

    /// The course's chapters (solutions and mistakes) and the corpus workbooks (answers).
    nonisolated(unsafe) static let cases: [Case] = {
        let chapters = (try? ChapterFiles.list(in: root.appendingPathComponent("chapters").path)) ?? []
        let corpusFolder = root.appendingPathComponent("Tests/CourseTests/Fixtures/corpus").path
        let corpus = ((try? FileManager.default.contentsOfDirectory(atPath: corpusFolder)) ?? []).filter { $0.hasSuffix(".md") && $0 != "KNOWN-GAPS.md" }.sorted()
            .map { (corpusFolder as NSString).appendingPathComponent($0) }
        // Shape, find-the-error and multi-part questions (a later part's code carries the fields it takes from part a).
        let parts = ["chapters/03-chain.md", "answered/ch3.md"].map { root.appendingPathComponent("Tests/CourseTests/Fixtures/course-parts/" + $0).path }
        var cases: [Case] = []
        for path in chapters + corpus + parts {
            guard let workbook = try? Workbook.load(path) else { continue }
            for block in workbook.exercises {
                guard block.id != nil, let question = try? Question(block, file: workbook.file) else { continue }
                var answers: [(String, Int)] = []
                if let s = block.solution { answers.append((s.text, s.contentLine)) }
                for m in block.mistakes { answers.append((m.answer, m.line)) }
                if let a = block.answer { answers.append((a.text, a.contentLine)) }
                for (text, line) in answers {
                    let result = Grader().grade(block, question: question, file: workbook.file, answerText: text, answerLine: line)
                    cases.append(Case(request: PageGrading.Request(file: workbook.file, fenceLine: block.line, code: block.code, answer: text, answerLine: line),
                                      expected: commandLineJSON(result, file: workbook.file)))
                }
            }
        }
        return cases
    }()

    /// What `mcheck --format json` writes for the result: its object in `files[0].results`.
    static func commandLineJSON(_ result: GradeResult, file: String) -> NSDictionary {
        let text = Reporter(format: .json, color: false).render([FileReport(file: file, results: [result], errors: [])])
        let run = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        let files = run?["files"] as? [NSDictionary]
        return (files?.first?["results"] as? [NSDictionary])?.first ?? [:]
    }

    static func parse(_ json: String) -> NSDictionary? { try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary }

    @Test func theCasesCoverShapeStepAndMultiPartQuestions() {
        let kinds = Set(Self.cases.flatMap { ($0.expected["feedback"] as? [NSDictionary] ?? []).compactMap { $0["kind"] as? String } })
        #expect(kinds.isSuperset(of: ["step", "transposed", "shape", "syntax"]))
        #expect(Set(Self.cases.compactMap { $0.expected["part"] as? String }).isSuperset(of: ["a", "b", "c", "d"]))
    }

    @Test func theCasesCoverTheCourseAndTheCorpus() {
        // 119+ solutions, their mistakes, and the corpus's 1,000+ answers.
        #expect(Self.cases.count > 1_100, "\(Self.cases.count) cases")
        #expect(Set(Self.cases.compactMap { $0.expected["verdict"] as? String }) == ["correct", "incorrect", "invalid", "unanswered"])
    }

    @Test func nativePageGradingWritesTheCommandLinesJSON() {
        var differing = 0
        for c in Self.cases {
            let got = Self.parse(PageGrading.grade(c.request))
            if got != c.expected {
                differing += 1
                if differing <= 5 { Issue.record("\(c.request.file):\(c.request.answerLine) '\(c.request.answer)': \(got.map { "\($0)" } ?? "not JSON") ≠ \(c.expected)") }
            }
        }
        #expect(differing == 0)
    }

    @Test func theWireFormReadsBack() throws {
        let request = PageGrading.Request(file: "exercises/ch4.md", fenceLine: 12, code: "id: a\nask: derivative(x^2, x)", answer: "2x\n# note: ünïcode, \\frac{1}{2}", answerLine: 18)
        #expect(PageGrading.Request(wire: request.wire) == request)
        #expect(PageGrading.Request(wire: "no parts") == nil)
        let malformed = try #require(Self.parse(PageGrading.grade(wire: "x")))
        #expect(malformed["errors"] != nil)
    }

    @Test func aBlockThatCannotBeReadIsAnErrorAtItsLine() throws {
        let r = try #require(Self.parse(PageGrading.grade(PageGrading.Request(file: "answer", fenceLine: 3, code: "id: a\nask derivative(x^2, x)", answer: "2x", answerLine: 1))))
        let errors = try #require(r["errors"] as? [NSDictionary])
        #expect(errors.first?["line"] as? Int == 5)
    }

    /// The module `make wasm` built: MCHECK_WASM, else .build/wasm/mcheck.wasm; the test needs node too.
    static let module: String? = {
        let path = ProcessInfo.processInfo.environment["MCHECK_WASM"] ?? root.appendingPathComponent(".build/wasm/mcheck.wasm").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }()

    @Test(.enabled(if: module != nil, "no mcheck.wasm: `make wasm` builds it (make test does)"))
    func theWebAssemblyModuleGradesAsTheCommandLineDoes() throws {
        let requests = Self.cases.map { c -> String in
            let object: [String: Any] = ["file": c.request.file, "fenceLine": c.request.fenceLine, "code": c.request.code, "answer": c.request.answer, "answerLine": c.request.answerLine]
            return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }.joined(separator: "\n")
        let output = try Self.node(["scripts/wasm-grade.js", try #require(Self.module)], input: requests)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: true)
        try #require(lines.count == Self.cases.count, "\(lines.count) results for \(Self.cases.count) requests")
        var differing = 0
        for (c, line) in zip(Self.cases, lines) where Self.parse(String(line)) != c.expected {
            differing += 1
            if differing <= 5 { Issue.record("\(c.request.file):\(c.request.answerLine) '\(c.request.answer)': wasm \(line) ≠ \(c.expected)") }
        }
        #expect(differing == 0, "\(differing) of \(Self.cases.count) differ")
    }

    /// Runs node from the repository root with `input` on standard input; its standard output.
    static func node(_ arguments: [String], input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node"] + arguments
        process.currentDirectoryURL = root
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mcheck-parity-\(UUID().uuidString)")
        try Data(input.utf8).write(to: scratch.appendingPathExtension("in"))
        FileManager.default.createFile(atPath: scratch.appendingPathExtension("out").path, contents: nil)
        defer { try? FileManager.default.removeItem(at: scratch.appendingPathExtension("in")); try? FileManager.default.removeItem(at: scratch.appendingPathExtension("out")) }
        process.standardInput = try FileHandle(forReadingFrom: scratch.appendingPathExtension("in"))
        process.standardOutput = try FileHandle(forWritingTo: scratch.appendingPathExtension("out"))
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "node exited \(process.terminationStatus)")
        return String(decoding: try Data(contentsOf: scratch.appendingPathExtension("out")), as: UTF8.self)
    }
}
