import ArgumentParser
import Calculus
import Grading

/// `mcheck diff`: differentiate an expression and print the result in ASCII and LaTeX, or in the notations asked for.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Differentiate an expression; print the result in ASCII and LaTeX (or Unicode: --notation).",
        usage: "mcheck diff <expression> --wrt <wrt> [--let <let>] [--where <where>] [--layout <layout>] [--notation <notation> ...] [--check]",
        discussion: """
            Examples:
              mcheck diff 'ln(sin(x^3)^2)' --wrt x
              mcheck diff 'max(0, w . x + b)' --wrt w --let 'w, x: vector(n); b: scalar' --check
              mcheck diff '-sin(x)' --wrt x
              mcheck diff 'sigmoid(w . x)' --wrt w --let 'w, x: vector(n)' --notation unicode
            """)

    /// Every argument that is not an option: the expression, which may begin with `-` (`-sin(x)`), and anything else
    /// given by mistake, refused by `validate()`.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "The expression, in ASCII (3x^2 y, w . x, [a; b]) or LaTeX (\\frac{1}{2}\\mathbf{x}^T\\mathbf{x}); it may begin with '-'.",
        valueName: "expression"))
    var words: [String] = []

    var expression: String { words.first ?? "" }

    @Option(name: .long, help: "The variable, or a list such as '[x, y]' for a gradient or Jacobian of partials.")
    var wrt: String

    @Option(name: .customLong("let"), help: "Shapes of names: 'w, x: vector(n); b: scalar; X: matrix(N, n)'. Undeclared single letters are scalars.")
    var declarations: String = ""

    @Option(name: .long, parsing: .unconditional, help: "Conditions sampled points must meet, such as 'x > 0' or '-1 < x < 1'.")
    var `where`: String = ""

    @Option(name: .long, help: "numerator (the course's: one row per function) or denominator (the transpose).")
    var layout: LayoutOption = .numerator

    @Option(name: .long, help: "A notation to print the result in: ascii, latex or unicode (repeat it for several; default: ascii and latex).")
    var notation: [NotationOption] = []

    /// The notations asked for, in order and once each; ASCII and LaTeX when none is.
    var notations: [NotationOption] {
        var seen: [NotationOption] = []
        for n in notation where !seen.contains(n) { seen.append(n) }
        return seen.isEmpty ? NotationOption.standard : seen
    }

    @Flag(name: .long, help: "Also compare with central finite differences at random points and print the largest relative error.")
    var check = false

    func validate() throws {
        // `--frobnicate` is a mistyped option, not an expression (`-x` and `-sin(x)` are expressions).
        if let unknown = words.first(where: DiffCommand.isOptionLike) { throw ValidationError("Unknown option '\(unknown)'") }
        if words.isEmpty { throw ValidationError("Missing expected argument '<expression>'") }
        if words.count > 1 { throw ValidationError("Unexpected argument '\(words[1])' (quote an expression that has spaces)") }
    }

    /// `--name` or `--name=value`: a long option's shape.
    static func isOptionLike(_ word: String) -> Bool {
        guard word.hasPrefix("--"), let first = word.dropFirst(2).first, first.isLetter else { return false }
        return word.dropFirst(2).prefix { $0 != "=" }.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
    }

    func run() throws {
        do { try differentiate() } catch let e as CLIError { e.report(); throw ExitCode(2) }
    }

    func differentiate() throws {
        let scope: Scope
        do { scope = try Scope(declarations: declarations) } catch let e {
            throw CLIError.input(what: "--let", text: declarations, error: e)
        }
        let f: Expr
        do { f = try Parser.parse(expression, scope: scope) } catch let e {
            throw CLIError.input(what: "expression", text: expression, error: e)
        }
        let r: DerivativeRequest
        do {
            r = try Parser.derivativeRequest(of: f, wrt: wrt, scope: scope, layout: layout.layout)
        } catch let e {
            throw CLIError.input(what: "--wrt", text: wrt, error: e)
        }
        let result: Expr
        do { result = Simplifier.simplify(try Differentiator.evaluate(r)) } catch let e {
            throw CLIError.message("cannot differentiate: \(e.message)")
        }
        // The question in Unicode when the answer's first form is Unicode, else in ASCII.
        print("d/d\(wrt) \(notations.first == .unicode ? Printer.unicode(f) : Printer.ascii(f))")
        for n in notations { print("  \(n.rawValue): \(n.print(result))") }
        print("  shape: \(result.shape)")
        if check {
            let conditions: [Condition]
            do { conditions = try Parser.parseConditions(self.where, scope: scope) } catch let e {
                throw CLIError.input(what: "--where", text: self.where, error: e)
            }
            let report: FiniteDifferences.Report
            do { report = try DerivativeCheck.run(f, request: r, derivative: result, conditions: conditions) } catch DerivativeCheck.Refusal.severalVariables {
                print("  check: only a single variable can be checked against finite differences")
                return
            } catch {
                throw CLIError.message("cannot check against finite differences: \(error)")
            }
            if report.points == 0 {
                print("  check: no sample point where the expression is defined")
                throw ExitCode(1)
            }
            let ok = report.largestError < Tolerances.finiteDifference
            print("  check: \(ok ? "agrees with" : "DISAGREES with") central differences at \(report.points) points; largest relative error \(formatScientific(report.largestError))")
            if !ok, let w = report.worst {
                print("    at \(w.pointDescription): finite differences \(w.valueDescriptions.expected), symbolic \(w.valueDescriptions.actual)")
                throw ExitCode(1)
            }
        }
    }
}

/// `2.0e-11`: one decimal of the mantissa, for a relative error.
func formatScientific(_ x: Double) -> String {
    if x == 0 { return "0" }
    guard x.isFinite, x > 0 else { return "\(x)" }
    var e = 0
    var m = x
    while m < 1 { m *= 10; e -= 1 }
    while m >= 10 { m /= 10; e += 1 }
    return "\(Double(Int(m * 10)) / 10)e\(e)"
}

