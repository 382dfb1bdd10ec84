import Foundation
import Testing

/// The same input gives byte-identical output in separate processes, whose hash seeds differ: nothing the
/// engine prints may depend on hashing order.
@Suite struct DeterminismTests {
    static let expressions: [(String, String, String)] = [
        ("max(0, w . x + b)", "w", "w, x: vector(n); b: scalar"),
        ("sum(softmax(x) .* x) + norm(x)^2", "x", "x: vector(n)"),
        ("ln(sin(x^3)^2) + x y z + sec(x) cot(y)", "x", ""),
        ("tr(A X) + a^T X b + det(X)", "X", "X, A: matrix(n, n); a, b: vector(n)"),
        ("jacobian([3x^2 y, 2x + y^8, x y z], [x, y, z])", "x", ""),
    ]

    @Test(arguments: expressions)
    func diffPrintsTheSameInEveryProcess(expression: String, wrt: String, declarations: String) throws {
        var outputs = Set<String>()
        for _ in 0..<4 {
            let r = try MCheckProcess.run(["diff", expression, "--wrt", wrt, "--let", declarations])
            #expect(r.status == 0, "\(r.stderr)")
            outputs.insert(r.stdout)
        }
        #expect(outputs.count == 1, "\(outputs)")
    }

    @Test func gradingPrintsTheSameInEveryProcess() throws {
        var outputs = Set<String>()
        for _ in 0..<3 { outputs.insert(try MCheckProcess.run(["workbook.md", "--format", "json"]).stdout) }
        #expect(outputs.count == 1)
    }
}
