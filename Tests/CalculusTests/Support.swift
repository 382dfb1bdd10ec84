import Testing
@testable import Calculus

/// Shared helpers: parse, differentiate, simplify and check against central differences.
enum TestScopes {
    /// The course's usual declarations: scalars x, y, z, b and vectors w, x (x is redeclared: later wins).
    static let vectors = try! Scope(declarations: "y, z, b: scalar; w, x: vector(n)")
    static let scalars = try! Scope(declarations: "x, y, z, b: scalar")
    /// The loss function's data: a family of inputs x_1 … x_N and targets y.
    static let loss = try! Scope(declarations: "w: vector(n); b: scalar; x: vectors(N, n); y: vector(N)")
    static func make(_ text: String) -> Scope { try! Scope(declarations: text) }
}

func parse(_ text: String, _ scope: Scope = Scope(), layout: Layout = .numerator) throws -> Expr {
    try Parser.parse(text, scope: scope, layout: layout)
}

/// The grader's "read as": every multiplication explicit.
func readAs(_ text: String, _ scope: Scope = Scope()) throws -> String {
    Printer.explicit(try parse(text, scope))
}

/// The error a text raises, or nil when it parses.
func parseError(_ text: String, _ scope: Scope = Scope()) -> CalculusError? {
    do { _ = try Parser.parse(text, scope: scope); return nil } catch { return error }
}

func variable(_ name: String, _ scope: Scope) -> Variable { scope.lookup(name) ?? .scalar(name) }

/// A differentiated function: the function, the variable, the raw and the simplified derivative.
struct Derived {
    var function: Expr
    var variable: Variable
    var raw: Expr
    var simplified: Expr
    var ascii: String { Printer.ascii(simplified) }
}

func differentiate(_ f: String, wrt v: String, _ scope: Scope) throws -> Derived {
    let fe = try parse(f, scope)
    let vv = variable(v, scope)
    let raw = try Differentiator.derivative(fe, vv)
    return Derived(function: fe, variable: vv, raw: raw, simplified: Simplifier.simplify(raw))
}

/// Largest relative error between a derivative and central differences; fails when no point was usable.
func finiteDifferenceError(_ f: Expr, wrt v: Variable, derivative: Expr, conditions: [Condition] = [],
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> Double {
    let report = try FiniteDifferences.check(f, wrt: v, derivative: derivative, conditions: conditions)
    #expect(report.points > 0, "no sample point where \(Printer.ascii(f)) is defined", sourceLocation: sourceLocation)
    return report.largestError
}

/// Checks a derivative both ways: against central differences and, when given, against its printed simplified form.
func checkDerivative(_ f: String, wrt v: String, _ scope: Scope, expected: String?,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
    let d = try differentiate(f, wrt: v, scope)
    if let expected {
        #expect(d.ascii == expected, "d/d\(v) \(f)", sourceLocation: sourceLocation)
    }
    let raw = try finiteDifferenceError(d.function, wrt: d.variable, derivative: d.raw, sourceLocation: sourceLocation)
    #expect(raw < 1e-5, "d/d\(v) \(f) = \(Printer.ascii(d.raw)) disagrees with central differences (\(raw))", sourceLocation: sourceLocation)
    let simplified = try finiteDifferenceError(d.function, wrt: d.variable, derivative: d.simplified, sourceLocation: sourceLocation)
    #expect(simplified < 1e-5, "simplified d/d\(v) \(f) = \(d.ascii) disagrees with central differences (\(simplified))", sourceLocation: sourceLocation)
}

/// Evaluates at one point: scalars by name, and vectors given as arrays (sizes inferred from them).
func evaluate(_ e: Expr, _ values: [String: Double], vectors: [String: [Double]] = [:], sizes: [String: Int] = [:]) throws -> Value {
    var env = Environment(sizes: sizes)
    for (k, v) in values { env.values[k] = .scalar(v) }
    for (k, v) in vectors { env.values[k] = .matrix(rows: v.count, cols: 1, data: v) }
    var ev = Evaluator(env)
    return try ev.evaluate(e)
}
