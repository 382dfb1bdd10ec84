import ArgumentParser
import Testing
@testable import mcheck

/// The command line: which command each argument list selects, and which lists are refused before any work.
@Suite struct CommandLineTests {
    @Test(arguments: [
        (["exercises/ch4.md"], "grade"),
        (["exercises/", "--format", "json"], "grade"),
        (["grade", "a.md", "b.md", "--format", "junit", "--color", "never"], "grade"),
        (["diff", "ln(sin(x^3)^2)", "--wrt", "x"], "diff"),
        (["diff", "max(0, w . x + b)", "--wrt", "w", "--let", "w, x: vector(n); b: scalar", "--check"], "diff"),
        (["diff", "-sin(x)", "--wrt", "x"], "diff"),
        (["workbook", "--check"], "workbook"),
        (["verify", "--format", "json", "--min-coverage", "90"], "verify"),
        (["build", "--out", "/tmp/site"], "build"),
        (["build", "--format", "github"], "build"),
        (["verify", "chapters/04-jacobian.md", "--format", "github"], "verify"),
        (["exercises/", "--format", "github", "--min-score", "0.8"], "grade"),
        (["gradebook", "Tests/MCheckTests/Fixtures/class/submissions", "--csv", "grades.csv", "--json", "grades.json"], "gradebook"),
    ])
    func selectsTheCommand(arguments: [String], command: String) throws {
        let parsed = try MCheck.parseAsRoot(arguments)
        let name = type(of: parsed).configuration.commandName
        #expect(name == command)
    }

    @Test(arguments: [
        [String](),                                            // grade needs a workbook
        ["diff", "x^2"],                                       // --wrt is required
        ["diff", "x^2", "--wrt", "x", "--layout", "sideways"], // numerator or denominator
        ["verify", "--min-coverage", "120"],                   // a percentage
        ["grade", "a.md", "--format", "xml"],                  // text, json, junit or github
        ["grade", "a.md", "--min-score", "80"],                // a fraction
        ["build", "--format", "junit"],                        // text or github
        ["gradebook"],                                         // a folder of submissions
        ["gradebook", ".", "--csv", "-", "--json", "-"],       // one standard output
        ["grade", "a.md", "--color", "sometimes"],             // auto, always or never
        ["diff", "x", "--wrt", "x", "--frobnicate"],           // an unknown option, not an expression
        ["diff", "x", "y", "--wrt", "x"],                      // one expression
        ["diff", "x^2", "--wrt", "x", "--notation", "braille"], // ascii, latex or unicode
        ["diff", "x^2", "--wrt", "x", "--notation"],           // a notation is named
    ])
    func refusesBadArguments(arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try MCheck.parseAsRoot(arguments) }
    }

    /// `diff`'s `--` goes (ArgumentParser would read `--wrt` after it as an argument); other commands keep it.
    @Test func diffDropsTheTerminator() throws {
        #expect(MCheck.arguments(["diff", "--", "-x^2", "--wrt", "x"]) == ["diff", "-x^2", "--wrt", "x"])
        #expect(MCheck.arguments(["grade", "--", "-a.md"]) == ["grade", "--", "-a.md"])
        let diff = try #require(try MCheck.parseAsRoot(MCheck.arguments(["diff", "--", "-x^2", "--wrt", "x"])) as? DiffCommand)
        #expect(diff.expression == "-x^2")
        #expect(diff.wrt == "x")
    }

    @Test func optionsKeepTheirValues() throws {
        let diff = try #require(try MCheck.parseAsRoot(["diff", "w . x", "--wrt", "w", "--let", "w, x: vector(n)", "--layout", "denominator"]) as? DiffCommand)
        #expect(diff.expression == "w . x")
        #expect(diff.wrt == "w")
        #expect(diff.declarations == "w, x: vector(n)")
        #expect(diff.layout == .denominator)
        #expect(!diff.check)
        // A condition may begin with a minus sign.
        let bounded = try #require(try MCheck.parseAsRoot(["diff", "asin(x)", "--wrt", "x", "--where", "-1 < x < 1", "--check"]) as? DiffCommand)
        #expect(bounded.where == "-1 < x < 1")
        #expect(bounded.check)
        let grade = try #require(try MCheck.parseAsRoot(["a.md", "--solutions"]) as? GradeCommand)
        #expect(grade.paths == ["a.md"])
        #expect(grade.solutions)
        #expect(grade.format == .text)
    }

    /// `--notation`, repeated, keeps its order and prints each notation once; without it, ASCII and LaTeX.
    @Test func notationsAreTheOnesAskedFor() throws {
        let plain = try #require(try MCheck.parseAsRoot(["diff", "x^2", "--wrt", "x"]) as? DiffCommand)
        #expect(plain.notations == [.ascii, .latex])
        let asked = try #require(try MCheck.parseAsRoot(["diff", "x^2", "--wrt", "x", "--notation", "unicode", "--notation", "latex", "--notation", "unicode"]) as? DiffCommand)
        #expect(asked.notations == [.unicode, .latex])
        #expect(NotationOption.allCases.map(\.rawValue) == ["ascii", "latex", "unicode"])
    }
}
