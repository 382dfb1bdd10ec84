import Foundation
import Grading
import Markdown
import Testing
@testable import Course

/// The corpus of `Fixtures/corpus/`: realistic answers in ASCII, LaTeX and Unicode, each with the verdict a teacher gives
/// and, for a wrong one, the feedback a teacher would give first. It is the contract for what mcheck reads and how it
/// judges; `KNOWN-GAPS.md` lists where mcheck disagrees today.
///
/// A case is an `exercise` block, its `answer` block and then an `expect` block (a fenced block mcheck's workbook
/// reader ignores):
///
/// ````
/// ```expect
/// verdict: incorrect        # correct, incorrect, invalid or unanswered
/// feedback: factor          # only for incorrect: shape, transposed, factor, sign, kink, entries or value
/// says: a·b                 # optional: words the message must hold (both readings, a refused command)
/// note: lost the factor 3   # optional, for the reader
/// ```
/// ````
///
/// An incorrect answer agrees when mcheck says incorrect and the expected kind is among the result's feedback kinds.
///
/// `MCHECK_CORPUS_WRITE_GAPS=1 swift test --filter CorpusTests` rewrites `KNOWN-GAPS.md` in the source tree from the
/// disagreements of the run; every run also writes that list to the system's temporary folder, as
/// `mcheck-corpus-KNOWN-GAPS.md`.
@Suite struct CorpusTests {
    /// What a teacher decided about one answer.
    struct Expectation {
        var file: String
        var id: String
        var line: Int
        var verdict: GradeResult.Verdict
        var feedback: FeedbackKind?
        /// Words the message must hold (both readings of a word read two ways, the command refused).
        var says: String?

        var described: String {
            let said = says.map { " saying '\($0)'" } ?? ""
            if let feedback { return "\(verdict.rawValue) (\(feedback.rawValue))\(said)" } else { return verdict.rawValue + said }
        }
    }

    /// An annotated corpus file: its workbook, expectations and the problems of its annotations.
    struct CorpusFile {
        var name: String
        var workbook: Workbook
        var expectations: [Expectation]
        var problems: [String]
    }

    static let folder = "corpus"
    static let gapsName = "KNOWN-GAPS.md"
    static let kinds: [FeedbackKind] = [.shape, .transposed, .factor, .sign, .kink, .entries, .value]

    static func corpusFiles() throws -> [CorpusFile] {
        let dir = Fixtures.path(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasSuffix(".md") && $0 != gapsName }.sorted()
        return try names.map { name in try read(name, path: (dir as NSString).appendingPathComponent(name)) }
    }

    /// Reads the expect blocks of a file and pairs each with the exercise before it.
    static func read(_ name: String, path: String) throws -> CorpusFile {
        let workbook = try Workbook.load(path)
        var problems = workbook.errors.map { "\(name):\($0.line): \($0.message)" }
        var expectations: [Expectation] = []
        var expected: [Int: Int] = [:]  // exercise index → expect blocks seen
        let exercises = workbook.exercises
        for node in workbook.document.codeBlocks() {
            guard let block = node.codeBlock, block.isFenced, block.language == "expect" else { continue }
            let line = node.range.start.line
            guard let k = exercises.lastIndex(where: { $0.line < line }) else {
                problems.append("\(name):\(line): expect block before any exercise"); continue
            }
            let exercise = exercises[k]
            guard let id = exercise.id else { problems.append("\(name):\(line): expect block after an exercise without id"); continue }
            expected[k, default: 0] += 1
            if expected[k]! > 1 { problems.append("\(name):\(line): a second expect block for '\(id)'"); continue }
            if let answer = exercise.answer, answer.fenceLine > line {
                problems.append("\(name):\(line): the expect block of '\(id)' comes before its answer")
            }
            var fields: [String: String] = [:]
            for raw in block.code.split(separator: "\n") where !raw.allSatisfy(\.isWhitespace) {
                guard let colon = raw.firstIndex(of: ":") else { problems.append("\(name):\(line): '\(raw)' is not 'key: value'"); continue }
                let key = raw[..<colon].trimmingCharacters(in: .whitespaces)
                let value = raw[raw.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                guard ["verdict", "feedback", "says", "note"].contains(key) else { problems.append("\(name):\(line): unknown key '\(key)' for '\(id)'"); continue }
                if fields[key] != nil { problems.append("\(name):\(line): '\(key)' given twice for '\(id)'") }
                fields[key] = value
            }
            guard let verdict = fields["verdict"].flatMap(GradeResult.Verdict.init(rawValue:)) else {
                problems.append("\(name):\(line): '\(id)' needs 'verdict: correct|incorrect|invalid|unanswered' (got \(fields["verdict"] ?? "nothing"))"); continue
            }
            var feedback: FeedbackKind?
            if let f = fields["feedback"] {
                feedback = FeedbackKind(rawValue: f)
                if feedback == nil || !kinds.contains(feedback!) {
                    problems.append("\(name):\(line): '\(id)': unknown feedback '\(f)'; expected one of \(kinds.map(\.rawValue).joined(separator: ", "))")
                }
                if verdict != .incorrect { problems.append("\(name):\(line): '\(id)': feedback is only for an incorrect answer") }
            } else if verdict == .incorrect {
                problems.append("\(name):\(line): '\(id)': an incorrect answer needs 'feedback: KIND'")
            }
            expectations.append(Expectation(file: name, id: id, line: line, verdict: verdict, feedback: feedback, says: fields["says"]))
        }
        for (k, exercise) in exercises.enumerated() where expected[k] == nil {
            problems.append("\(name):\(exercise.line): exercise '\(exercise.id ?? "?")' has no expect block (no answer without a judgement)")
        }
        for exercise in exercises where exercise.answer == nil {
            problems.append("\(name):\(exercise.line): exercise '\(exercise.id ?? "?")' has no answer block")
        }
        return CorpusFile(name: name, workbook: workbook, expectations: expectations, problems: problems)
    }

    /// One line of `KNOWN-GAPS.md` for each case where mcheck disagrees with the teacher, with mcheck's message.
    static func disagreements() throws -> [(line: String, message: String)] {
        var out: [(line: String, message: String)] = []
        for file in try corpusFiles() {
            let report = Grader().grade(file.workbook)
            var byID: [String: GradeResult] = [:]
            for r in report.results { byID[r.id] = r }
            for e in file.expectations {
                let got: String, message: String, agrees: Bool
                if let r = byID[e.id] {
                    message = r.message
                    if r.verdict == .incorrect {
                        let shown = r.kinds.filter { $0 != .readAs }.map(\.rawValue)
                        got = "incorrect (\(shown.joined(separator: ", ")))"
                    } else {
                        got = r.verdict.rawValue
                    }
                    agrees = r.verdict == e.verdict && (e.verdict != .incorrect || e.feedback.map(r.kinds.contains) == true)
                        && (e.says.map { r.message.contains($0) } ?? true)
                } else {
                    // No result: the question itself could not be read.
                    let exercise = file.workbook.exercises.first { $0.id == e.id }
                    let error = report.errors.first { err in exercise.map { (($0.line)...($0.endLine)).contains(err.line) } ?? false }
                    got = "error (the question cannot be read)"
                    message = error?.message ?? "no result"
                    agrees = false
                }
                guard !agrees else { continue }
                let falseAccept = got == "correct" && e.verdict != .correct
                out.append(("- \(falseAccept ? "FALSE ACCEPT " : "")\(e.file) \(e.id): expected \(e.described), got \(got)", message))
            }
        }
        return out
    }

    /// The gap lines of `KNOWN-GAPS.md`: every line that starts with `- `.
    static func knownGaps() throws -> [String] {
        let text = try String(contentsOfFile: Fixtures.path("\(folder)/\(gapsName)"), encoding: .utf8)
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("- ") }
    }

    static func gapsDocument(_ lines: [String]) -> String {
        let falseAccepts = lines.filter { $0.hasPrefix("- FALSE ACCEPT ") }
        let wrongKind = lines.filter { !$0.hasPrefix("- FALSE ACCEPT ") && $0.range(of: #"expected incorrect \([a-z]+\), got incorrect"#, options: .regularExpression) != nil }
        let other = lines.filter { !falseAccepts.contains($0) && !wrongKind.contains($0) }
        return """
            # Known gaps of the corpus

            Where mcheck disagrees today with the teacher's judgement recorded in the corpus (`Tests/CourseTests/Fixtures/corpus/`).
            `CorpusTests` fails for a disagreement that is not listed here, and for a listed one that no longer occurs exactly
            as written (fixed, or changed): remove or update its line. Every line starting with `- ` is an entry:
            `- [FALSE ACCEPT ]FILE ID: expected VERDICT [(FEEDBACK)], got VERDICT [(FEEDBACK KINDS)]`.
            `MCHECK_CORPUS_WRITE_GAPS=1 swift test --filter CorpusTests` rewrites this file from a run.

            ## False accepts: a wrong answer graded correct (\(falseAccepts.count))

            \(falseAccepts.joined(separator: "\n"))

            ## Wrong verdicts: a right answer rejected, an answer read that should not be, a question mcheck cannot read (\(other.count))

            \(other.joined(separator: "\n"))

            ## Wrong feedback: incorrect, but not for the reason a teacher gives first (\(wrongKind.count))

            \(wrongKind.joined(separator: "\n"))

            """
    }

    @Test func annotationsAreWellFormed() throws {
        let files = try Self.corpusFiles()
        #expect(files.count >= 8, "the corpus files are missing: \(files.map(\.name))")
        for file in files {
            for problem in file.problems { Issue.record(Comment(rawValue: problem)) }
            var seen = Set<String>()
            for e in file.expectations where !seen.insert(e.id).inserted { Issue.record("\(file.name): '\(e.id)' is annotated twice") }
        }
        let total = files.reduce(0) { $0 + $1.expectations.count }
        #expect(total >= 300, "the corpus has \(total) annotated answers; at least 300 are wanted")
        // Every verdict and every feedback kind is represented.
        let all = files.flatMap(\.expectations)
        for v in GradeResult.Verdict.allCases { #expect(all.contains { $0.verdict == v }, "no answer with verdict \(v.rawValue)") }
        for k in Self.kinds { #expect(all.contains { $0.feedback == k }, "no wrong answer with feedback \(k.rawValue)") }
    }

    @Test func knownGapsAreWellFormed() throws {
        let lines = try Self.knownGaps()
        let pattern = /^- (FALSE ACCEPT )?[0-9A-Za-z-]+\.md [A-Za-z0-9_-]+: expected [a-z]+( \([a-z]+\))?, got .+$/
        for line in lines where line.wholeMatch(of: pattern) == nil { Issue.record("KNOWN-GAPS.md: malformed entry: \(line)") }
        #expect(Set(lines).count == lines.count, "KNOWN-GAPS.md lists an entry twice")
    }

    @Test func mcheckAgreesWithTheTeacher() throws {
        let found = try Self.disagreements()
        let known = Set(try Self.knownGaps())
        let lines = found.map(\.line)
        let regenerated = Self.gapsDocument(lines)
        let tmp = (NSTemporaryDirectory() as NSString).appendingPathComponent("mcheck-corpus-KNOWN-GAPS.md")
        try? regenerated.write(toFile: tmp, atomically: true, encoding: .utf8)
        if ProcessInfo.processInfo.environment["MCHECK_CORPUS_WRITE_GAPS"] == "1" {
            let path = Fixtures.repositoryRoot() + "/Tests/CourseTests/Fixtures/\(Self.folder)/\(Self.gapsName)"
            try regenerated.write(toFile: path, atomically: true, encoding: .utf8)
        }
        for (line, message) in found {
            let text = "\(line.dropFirst(2)) — \(message)"
            if known.contains(line) {
                withKnownIssue("listed in KNOWN-GAPS.md") { Issue.record(Comment(rawValue: text)) }
            } else {
                Issue.record(Comment(rawValue: "new disagreement (not in KNOWN-GAPS.md): \(text) [the list of this run: \(tmp)]"))
            }
        }
        for line in known.subtracting(lines).sorted() {
            Issue.record(Comment(rawValue: "KNOWN-GAPS.md lists a gap that no longer occurs as written; remove or update it: \(line) [the list of this run: \(tmp)]"))
        }
    }
}
