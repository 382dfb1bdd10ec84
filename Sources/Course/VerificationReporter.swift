import Foundation
import Grading

/// Prints a verification: failures as `file:line: error: …`, then the counts, the coverage of each chapter and
/// the coverage line.
public enum VerificationReporter {
    public static func text(_ report: Verifier.Report, verbose: Bool = false, minCoverage: Double = 0) -> String {
        var out = ""
        for e in report.errors { out += e.description + "\n" }
        for c in report.checks {
            let narrowed = c.conditions.map { " (for \($0))" } ?? ""
            switch c.status {
            case .failed: out += "\(c.file):\(c.line): error: \(c.kind.rawValue): \(c.message)\(narrowed)\n"
            case .verified where verbose: out += "\(c.file):\(c.line): ok: \(c.kind.rawValue): \(c.message)\(narrowed)\n"
            case .unchecked where verbose: out += "\(c.file):\(c.line): unchecked: \(c.kind.rawValue): \(c.message)\(narrowed)\n"
            default: break
            }
        }
        return out + summary(report, minCoverage: minCoverage)
    }

    /// The counts of each kind of check, each chapter's coverage, the coverage line and the verdict.
    static func summary(_ report: Verifier.Report, minCoverage: Double) -> String {
        var out = ""
        for kind in Check.Kind.allCases {
            let of = report.checks.filter { $0.kind == kind }
            guard !of.isEmpty else { continue }
            let v = of.filter { $0.status == .verified }.count, f = of.filter { $0.status == .failed }.count, u = of.filter { $0.status == .unchecked }.count
            // A math span is only rendered: it renders, it is not verified.
            if kind == .math { out += "math spans: \(v) render, \(f) fail to render\n"; continue }
            out += "\(kind.rawValue) checks: \(v) verified, \(f) failed" + (u > 0 ? ", \(u) unchecked" : "") + "\n"
        }
        let c = report.coverage
        for file in c.chapters.keys.sorted() where c.chapters.count > 1 {
            let t = c.tally(file: file)
            out += "  \((file as NSString).lastPathComponent): \(t.checked) of \(t.claims) claims checked (\(percent(ClaimCoverage.percent(t))))"
            out += ": " + kinds(c, file: file) + "\n"
        }
        let all = c.tally()
        var line = "coverage: \(all.checked) of \(all.claims) claims checked (\(percent(c.percent))): \(kinds(c, file: nil)); \(all.definitions) definitions; \(all.marked) marked unchecked"
        let reasons = all.notCheckable.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        if all.notCheckableCount > 0 {
            line += "; \(all.notCheckableCount) not checkable: " + reasons.map { "\($0.value) × \($0.key)" }.joined(separator: "; ")
        }
        if minCoverage > 0 { line += c.percent >= minCoverage ? " — meets the \(percent(minCoverage)) target" : " — BELOW the \(percent(minCoverage)) target" }
        out += line + "\n"
        out += report.failed.isEmpty && report.errors.isEmpty ? "verify: all checks hold\n" : "verify: \(report.failed.count) check\(report.failed.count == 1 ? "" : "s") failed\n"
        return out
    }

    /// `display 115 of 116, inline 60 of 61, …`: the kinds that have claims.
    static func kinds(_ c: ClaimCoverage, file: String?) -> String {
        ClaimCoverage.Kind.allCases.compactMap { kind in
            let t = c.tally(kind: kind, file: file)
            return t.claims == 0 ? nil : "\(kind.rawValue) \(t.checked) of \(t.claims)"
        }.joined(separator: ", ")
    }

    /// `99.1%`: one decimal, cut (not rounded) so 89.99% never reads as meeting 90%.
    static func percent(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e15 else { return "\(x)%" }
        return "\(Double(Int(x * 10)) / 10)%"
    }

    struct JSONSummary: Codable {
        var verified: Int; var failed: Int; var unchecked: Int
        /// Per chapter and kind of claim.
        var coverage: ClaimCoverage
        /// All chapters, per kind of claim.
        var claims: [String: ClaimCoverage.Tally]
        var coveragePercent: Double
    }
    struct JSONReport: Codable { var checks: [Check]; var summary: JSONSummary; var errors: [String] }

    public static func json(_ report: Verifier.Report) -> String {
        var claims: [String: ClaimCoverage.Tally] = [:]
        for kind in ClaimCoverage.Kind.allCases { claims[kind.rawValue] = report.coverage.tally(kind: kind) }
        claims["total"] = report.coverage.tally()
        let s = JSONSummary(
            verified: report.checks.filter { $0.status == .verified }.count,
            failed: report.checks.filter { $0.status == .failed }.count,
            unchecked: report.checks.filter { $0.status == .unchecked }.count,
            coverage: report.coverage, claims: claims, coveragePercent: report.coverage.percent)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(JSONReport(checks: report.checks, summary: s, errors: report.errors.map(\.description)))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
