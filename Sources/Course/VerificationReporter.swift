import Foundation
import Grading

/// Prints a verification: failures as `file:line: error: …`, then the counts and the coverage line.
public enum VerificationReporter {
    public static func text(_ report: Verifier.Report, verbose: Bool = false, minCoverage: Double = 0) -> String {
        var out = ""
        for e in report.errors { out += e.description + "\n" }
        for c in report.checks {
            switch c.status {
            case .failed: out += "\(c.file):\(c.line): error: \(c.kind.rawValue): \(c.message)\n"
            case .verified where verbose: out += "\(c.file):\(c.line): ok: \(c.kind.rawValue): \(c.message)\n"
            case .unchecked where verbose: out += "\(c.file):\(c.line): unchecked: \(c.kind.rawValue): \(c.message)\n"
            default: break
            }
        }
        for kind in [Check.Kind.equation, .exercise, .workbook, .math, .link] {
            let of = report.checks.filter { $0.kind == kind }
            guard !of.isEmpty else { continue }
            let v = of.filter { $0.status == .verified }.count, f = of.filter { $0.status == .failed }.count, u = of.filter { $0.status == .unchecked }.count
            out += "\(kind.rawValue) checks: \(v) verified, \(f) failed" + (u > 0 ? ", \(u) unchecked" : "") + "\n"
        }
        let c = report.coverage
        var line = "coverage: \(c.checked) of \(c.equations - c.definitions) display equations checked (\(percent(c.percent))); \(c.definitions) definitions; \(c.marked) marked unchecked"
        let reasons = c.notCheckable.sorted { $0.value > $1.value }
        let notCheckable = reasons.reduce(0) { $0 + $1.value }
        if notCheckable > 0 {
            line += "; \(notCheckable) not checkable: " + reasons.map { "\($0.value) × \($0.key)" }.joined(separator: "; ")
        }
        if minCoverage > 0 { line += c.percent >= minCoverage ? " — meets the \(percent(minCoverage)) target" : " — BELOW the \(percent(minCoverage)) target" }
        out += line + "\n"
        out += report.failed.isEmpty && report.errors.isEmpty ? "verify: all checks hold\n" : "verify: \(report.failed.count) check\(report.failed.count == 1 ? "" : "s") failed\n"
        return out
    }

    /// `99.1%`: one decimal, cut (not rounded) so 89.99% never reads as meeting 90%.
    static func percent(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return "\(x)%" }
        return "\(Double(Int(x * 10)) / 10)%"
    }

    struct JSONSummary: Codable {
        var verified: Int; var failed: Int; var unchecked: Int
        var coverage: EquationCoverage; var coveragePercent: Double
    }
    struct JSONReport: Codable { var checks: [Check]; var summary: JSONSummary; var errors: [String] }

    public static func json(_ report: Verifier.Report) -> String {
        let s = JSONSummary(
            verified: report.checks.filter { $0.status == .verified }.count,
            failed: report.checks.filter { $0.status == .failed }.count,
            unchecked: report.checks.filter { $0.status == .unchecked }.count,
            coverage: report.coverage, coveragePercent: report.coverage.percent)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONReport(checks: report.checks, summary: s, errors: report.errors.map(\.description)))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
