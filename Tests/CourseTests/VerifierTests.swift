import Foundation
import Testing
import Calculus
import Grading
@testable import Course

/// `mcheck verify` on small courses of our own, and on the real course.
@Suite struct VerifierTests {
    static let good = Fixtures.path("course-good")
    static let bad = Fixtures.path("course-bad")

    func run(_ course: String, exercises: String? = nil) throws -> Verifier.Report {
        try Verifier(chapters: course + "/chapters", exercises: exercises ?? course + "/exercises").run()
    }

    func checks(_ report: Verifier.Report, _ file: String, line: Int, kind: Check.Kind = .equation) -> [Check] {
        report.checks.filter { $0.file.hasSuffix("/" + file) && $0.line == line && $0.kind == kind }
    }

    // MARK: A course where everything holds

    @Test func goodCourseHasNoFailures() throws {
        let report = try run(Self.good)
        #expect(report.errors.isEmpty)
        #expect(report.failed.isEmpty, "\(report.failed.map { "\($0.file):\($0.line): \($0.message)" })")
        for kind in [Check.Kind.equation, .exercise, .workbook, .math] {
            #expect(report.checks.contains { $0.kind == kind && $0.status == .verified }, "no verified \(kind) check")
        }
        #expect(VerificationReporter.text(report).hasSuffix("verify: all checks hold\n"))
    }

    /// Every link of every true chain is verified, on the line where its right side starts.
    @Test(arguments: [
        ("01-rules.md", 5, 2),    // d/dx x^3 = 3x^{3-1} = 3x^2
        ("01-rules.md", 11, 1),   // multi-line chain: the second line…
        ("01-rules.md", 12, 1),   // …and the third
        ("01-rules.md", 23, 1),   // ∂f/∂x with f defined above
        ("01-rules.md", 25, 1),
        ("01-rules.md", 30, 1),   // ln(xy) = ln x + ln y under where: x > 0; y > 0
        ("01-rules.md", 35, 2),   // w · x = x^T w = w1x1 + …, with let: w, x: vector(3)
        ("01-rules.md", 37, 1),   // the let holds for the rest of the chapter
        ("02-layout.md", 7, 1),
    ])
    func trueLinksAreVerified(file: String, line: Int, links: Int) throws {
        let found = checks(try run(Self.good), file, line: line)
        #expect(found.count == links)
        #expect(found.allSatisfy { $0.status == .verified }, "\(found.map(\.message))")
    }

    @Test func multiLineEquationReportsTheLineOfEachLink() throws {
        let report = try run(Self.good)
        #expect(checks(report, "01-rules.md", line: 9).isEmpty && checks(report, "01-rules.md", line: 10).isEmpty)
        #expect(checks(report, "01-rules.md", line: 11).first?.message == "\\frac{d}{dx} (x^2 + 1)^3 = 3(x^2 + 1)^2 \\cdot 2x")
        #expect(checks(report, "01-rules.md", line: 12).first?.message == "3(x^2 + 1)^2 \\cdot 2x = 6x(x^2 + 1)^2")
    }

    @Test func definitionsAreNotClaims() throws {
        let report = try run(Self.good)
        #expect(checks(report, "01-rules.md", line: 21).isEmpty)
        #expect(report.coverage.tally(kind: .display).definitions == 1)
    }

    /// Unknown functions and `\dots` cannot be evaluated: reported as not checkable, never as failures.
    @Test func abstractRulesAreNotCheckable() throws {
        let report = try run(Self.good)
        for line in [17, 41] {
            let found = checks(report, "01-rules.md", line: line)
            #expect(!found.isEmpty)
            #expect(found.allSatisfy { $0.status == .unchecked && $0.marked == false && $0.message.hasPrefix("not checkable: ") }, "\(found.map(\.message))")
        }
        #expect(checks(report, "01-rules.md", line: 41).first?.message.contains("\\dots") == true)
    }

    @Test(arguments: [
        ("\\frac{d}{dx} f(g(x)) = f'(g(x)) g'(x)", ["f", "g"]),
        ("h\\left(x\\right) = 2", ["h"]),
        ("x(x + 1) = x^2 + x", []),
        ("\\max(0, x) = \\operatorname{relu}(x)", []),
        ("\\frac{d}{dx}(x^2) = 2x", []),
        ("\\mathbf{x}(t) = t", []),
        ("\\frac{\\partial}{\\partial x_j}\\sum_{i=1}^{m} f_i(\\mathbf{x}) = 0", ["f_i"]),
        ("f_{i}(x) + f_i = 1", []),
    ])
    func whichNamesAreAbstractFunctions(tex: String, names: [String]) {
        #expect(EquationChecker.undefinedFunctions(in: tex, scope: Scope()).sorted() == names)
    }

    /// A product written like an application is still checked when the letter is also used as a value.
    @Test func productBeforeParenthesisIsChecked() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("chapters/01-p.md", "# P\n\n$$x(x + 1) = x^2 + x$$\n\n$$x(x + 1) = x^2 + 2x$$\n\n$$f(x) = x^2$$\n\n$$f(3) = 9$$\n")
        let report = try run(folder.path)
        #expect(checks(report, "01-p.md", line: 3).map(\.status) == [.verified])
        #expect(checks(report, "01-p.md", line: 5).map(\.status) == [.failed])
        #expect(checks(report, "01-p.md", line: 9).map(\.status) == [.verified])
    }

    @Test func markedUnchecked() throws {
        let found = checks(try run(Self.good), "01-rules.md", line: 44)
        #expect(found == [Check(file: Self.good + "/chapters/01-rules.md", line: 44, kind: .equation, status: .unchecked,
                                message: "marked unchecked: this is notation for an infinitely long chain of terms", marked: true)])
    }

    @Test func coverageNumbers() throws {
        let c = try run(Self.good).coverage
        let display = c.tally(kind: .display)
        #expect(display.claims == 11)
        #expect(display.definitions == 1)
        #expect(display.checked == 8)
        #expect(display.marked == 1)
        #expect(display.notCheckableCount == 2)
        #expect(c.tally(kind: .exercise).checked == 6)
        #expect(abs(c.percent - 1400.0 / 17) < 1e-9)
        let text = VerificationReporter.text(try run(Self.good), minCoverage: 90)
        #expect(text.contains("coverage: 14 of 17 claims checked (82.3%): display 8 of 11, exercise 6 of 6; 1 definitions; 1 marked unchecked; 2 not checkable: "))
        #expect(text.contains("  01-rules.md: 11 of 14 claims checked (78.5%): display 7 of 10, exercise 4 of 4\n"))
        #expect(text.contains(" — BELOW the 90.0% target"))
        #expect(VerificationReporter.text(try run(Self.good), minCoverage: 80).contains(" — meets the 80.0% target"))
    }

    @Test func solutionsAndMistakesHold() throws {
        let report = try run(Self.good)
        let exercises = report.checks.filter { $0.kind == .exercise }
        #expect(exercises.count == 6)  // two solutions, three mistakes, one lead-in that restates its ask
        #expect(exercises.allSatisfy { $0.status == .verified })
        #expect(exercises.contains { $0.message == "jacobian-denominator: the mistake '[[6x y, 3x^2], [2, 8y^7]]' is marked incorrect with transposed feedback" })
    }

    @Test func workbooksInSync() throws {
        let report = try run(Self.good)
        let workbooks = report.checks.filter { $0.kind == .workbook }
        #expect(workbooks.map { ($0.file as NSString).lastPathComponent } == ["ch1.md", "ch2.md"])
        #expect(workbooks.allSatisfy { $0.status == .verified })
        // Links are resolved by the site (Site.SiteChecks), as `mcheck build` resolves them.
        #expect(report.checks.allSatisfy { $0.kind != .link })
    }

    // MARK: A course with mistakes

    /// The false link fails on its own line; the true links before and after it pass.
    @Test func oneFalseLinkFailsAtItsLine() throws {
        let report = try run(Self.bad)
        for line in [7, 8, 10] {
            #expect(checks(report, "01-mixed.md", line: line).map(\.status) == [.verified], "line \(line)")
        }
        let failed = try #require(checks(report, "01-mixed.md", line: 9).first)
        #expect(failed.status == .failed)
        #expect(failed.message.hasPrefix("2(2x^3 + 3x^2 + x) ≠ 4x^3 + 6x^2 + 3x: at x = "))
        #expect(failed.message.contains("the left side is"))
        #expect(VerificationReporter.text(report).contains("01-mixed.md:9: error: equation: 2(2x^3 + 3x^2 + x) ≠ 4x^3 + 6x^2 + 3x"))
    }

    @Test(arguments: [
        (15, "\\frac{d}{dx} \\sin x ≠ -\\cos x: at x = "),
        (22, "\\sqrt{x^2} ≠ x: at x = "),   // the where of line 20 is for that equation only
        (27, "\\mathbf{x} ≠ 2: the left side is a 3×1 column and the right side a scalar"),
        (31, "let: unknown shape 'vektor(3)'"),
    ])
    func falseEquations(line: Int, message: String) throws {
        let found = checks(try run(Self.bad), "01-mixed.md", line: line)
        #expect(found.count == 1)
        #expect(found.first?.status == .failed)
        #expect(found.first?.message.hasPrefix(message) == true, "\(found.first?.message ?? "")")
    }

    @Test func whereMakesTheLogRuleTrue() throws {
        #expect(checks(try run(Self.bad), "01-mixed.md", line: 20).map(\.status) == [.verified])
        // Without it, the rule is not verified (ln of a negative number).
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("chapters/01-logs.md", "# Logs\n\n$$\\ln(xy) = \\ln x + \\ln y$$\n\n<!-- where: x > 0; y > 0 -->\n$$\\ln(xy) = \\ln x + \\ln y$$\n")
        let report = try run(folder.path)
        #expect(checks(report, "01-logs.md", line: 3).first?.status != .verified)
        #expect(checks(report, "01-logs.md", line: 6).first?.status == .verified)
    }

    @Test(arguments: [
        (50, "cube: the solution is graded incorrect: "),
        (65, "square: the mistake '4x' should be incorrect with sign feedback, but is feedback factor"),
        (72, "square: the mistake '2*x' should be incorrect with value feedback, but is correct"),
        (78, "no-solution: no solution block"),
    ])
    func wrongSolutionsAndMistakes(line: Int, message: String) throws {
        let found = checks(try run(Self.bad), "01-mixed.md", line: line, kind: .exercise)
        #expect(found.count == 1)
        #expect(found.first?.status == .failed)
        #expect(found.first?.message.hasPrefix(message) == true, "\(found.first?.message ?? "")")
    }

    @Test func mathThatDoesNotRender() throws {
        let found = checks(try run(Self.bad), "01-mixed.md", line: 34, kind: .math)
        #expect(found.count == 1)
        #expect(found.first?.status == .failed)
        #expect(found.first?.message.contains("\\badcommand") == true)
    }

    @Test func textOutput() throws {
        let report = try run(Self.bad)
        let out = VerificationReporter.text(report)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains(": error: ") }.count == report.failed.count)
        for c in report.failed { #expect(lines.contains("\(c.file):\(c.line): error: \(c.kind.rawValue): \(c.message)")) }
        #expect(!out.contains(": ok: "))
        #expect(lines.last == "verify: \(report.failed.count) checks failed")
        #expect(VerificationReporter.text(report, verbose: true).contains("01-mixed.md:7: ok: equation: "))
    }

    // MARK: The convention for a matrix

    /// The course lays the derivative of a scalar with respect to a matrix out in the matrix's shape (chapter 5):
    /// the transposed answer of exercise 11.11 is told that convention, not that it is in the wrong layout.
    @Test func aTransposedMatrixGradientIsToldTheMatrixsShape() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let exercise = "```exercise\nid: matrix-gradient\nlet: u, x: vector(n); W: matrix(n, n)\nask: gradient(u^T W x, W)\n```\n\n"
        let path = try folder.write("ch11.md", "# M\n\n" + exercise + "```answer\nx u^T\n```\n")
        let result = try #require(Grader().grade(try Workbook.load(path)).results.first)
        #expect(result.verdict == .incorrect)
        #expect(result.feedback.map(\.kind).contains(.transposed))
        #expect(result.message.contains("has the matrix's shape"))
        #expect(!result.message.contains("numerator layout"))
        let right = try folder.write("ch11-right.md", "# M\n\n" + exercise + "```answer\nu x^T\n```\n")
        #expect(try #require(Grader().grade(try Workbook.load(right)).results.first).verdict == .correct)
    }

    // MARK: The real course

    @Test func theRealCourseVerifies() throws {
        let root = Fixtures.repositoryRoot()
        let report = try Verifier(chapters: root + "/chapters", exercises: root + "/exercises").run()
        #expect(report.errors.isEmpty)
        #expect(report.failed.isEmpty, "\(report.failed.prefix(10).map { "\($0.file):\($0.line): \($0.message)" })")
        #expect(report.coverage.percent >= 96, "coverage \(report.coverage.percent)%")
        let chapterCount = try ChapterFiles.list(in: root + "/chapters").count
        #expect(chapterCount >= 13)
        #expect(report.checks.filter { $0.kind == .workbook && $0.status == .verified }.count == chapterCount)
        #expect(report.checks.filter { $0.kind == .exercise }.count > 100)
    }
}
