import Calculus

/// The conditions of a `cases` environment: disjoint and exhaustive, and true to the course's kink convention.
///
/// Each case's condition is read as `E rel c`, all on one expression `E` (`z`, `\mathbf{w} \cdot \mathbf{x} + b`)
/// against numbers `c`. The value of `E` is sampled at every boundary `c`, just beside it (±10⁻⁶), a unit away and
/// beyond the outermost ones. At a sample where no case holds (and none says `otherwise`) the cases are not
/// exhaustive; where two hold and their values differ (compared with `E` put in when `E` is one variable) they
/// overlap: both are errors at the line of the later case. When `E` is one variable and the cases are one side of
/// an equation, the other side is compared with the case that holds exactly at each boundary: `\frac{d}{dz}\max(0, z)`
/// is 0 at `z = 0` in this course (the "on" side of the ReLU's kink is `> 0`), so a case `1 & z \ge 0` is an error.
struct CasesChecker {
    let file: String
    let scope: Scope

    struct Case {
        var value: String
        var condition: String?
        var offset: Int
    }

    func check(_ rawTex: String, line first: Int) -> [Check] {
        let tex = ClaimRule.trimmed(rawTex)
        var checks: [Check] = []
        for (body, start) in CasesChecker.environments(in: tex) {
            let cases = CasesChecker.cases(body, offset: start)
            let lineOf = { (offset: Int) in first + tex.unicodeScalars.prefix(offset).filter { $0 == "\n" }.count }
            func fail(_ at: Int, _ message: String) { checks.append(Check(file: file, line: lineOf(at), kind: .cases, status: .failed, message: message)) }
            func unchecked(_ message: String) { checks.append(Check(file: file, line: first, kind: .cases, status: .unchecked, message: "not checkable: \(message)", marked: false)) }
            // Each condition as (E, relation, c).
            var read: [(index: Int, e: Expr, relation: Condition.Relation, c: Double)] = []
            var otherwise = false
            var problem: String?
            for (k, c) in cases.enumerated() {
                guard let text = c.condition else { otherwise = true; continue }
                guard let conditions = try? Parser.parseConditions(text, scope: scope, syntax: .latex), conditions.count == 1 else {
                    problem = "the condition '\(text)' cannot be read"; break
                }
                var condition = conditions[0]
                if condition.lhs.isNumber && !condition.rhs.isNumber { condition = Condition(condition.rhs, condition.relation.flipped, condition.lhs) }
                var evaluator = Evaluator(Environment())
                guard condition.rhs.isNumber, case .scalar(let bound)? = try? evaluator.evaluate(condition.rhs) else {
                    problem = "the condition '\(text)' does not compare an expression with a number"; break
                }
                read.append((k, Simplifier.simplify(condition.lhs), condition.relation, bound))
            }
            if let problem { unchecked(problem); continue }
            guard let e = read.first?.e else { continue }
            guard read.allSatisfy({ $0.e == e }) else { unchecked("the conditions are not all on one expression"); continue }
            let bounds = Set(read.map(\.c)).sorted()
            var samples = bounds.flatMap { [$0 - 1, $0 - 1e-6, $0, $0 + 1e-6, $0 + 1] }
            samples += [bounds[0] - 10, bounds[bounds.count - 1] + 10]
            let variable: String? = if case .variable(let v) = e, v.isScalar { v.name } else { nil }
            var reported = false
            for t in samples.sorted() where !reported {
                let holding = read.filter { $0.relation.holds(t, $0.c) }
                if holding.isEmpty && !otherwise {
                    fail(cases[read.last!.index].offset, "the cases are not exhaustive: none holds where \(Printer.latex(e)) = \(Value.scalar(t).description)")
                    reported = true
                } else if holding.count >= 2 {
                    let a = cases[holding[0].index], b = cases[holding[1].index]
                    if !sameValue(a.value, b.value, variable: variable, at: t) {
                        fail(b.offset, "the cases overlap where \(Printer.latex(e)) = \(Value.scalar(t).description): '\(a.condition ?? "")' gives \(a.value.trimmingSpaces) and '\(b.condition ?? "")' gives \(b.value.trimmingSpaces)")
                        reported = true
                    }
                }
            }
            if reported { continue }
            if let variable, let message = kinkConvention(tex, cases: cases, read: read, otherwise: otherwise, variable: variable, bounds: bounds, environmentStart: start) {
                fail(start, message)
                continue
            }
            checks.append(Check(file: file, line: lineOf(start), kind: .cases, status: .verified, message: "the \(cases.count) cases on \(Printer.latex(e)) are disjoint and exhaustive"))
        }
        return checks
    }

    func parse(_ text: String) -> Expr? { try? Parser.parse(text, scope: scope, syntax: .latex) }

    func substituted(_ e: Expr, _ variable: String?, _ t: Double) -> Expr {
        guard let variable else { return e }
        return e.substituting([variable: .number(.real(t))])
    }

    func sameValue(_ a: String, _ b: String, variable: String?, at t: Double) -> Bool {
        guard let x = parse(a), let y = parse(b) else { return a.trimmingSpaces == b.trimmingSpaces }
        return Equivalence().compare(substituted(x, variable, t), substituted(y, variable, t)).isEqual
    }

    /// At each boundary, the other side of the equation against the case that holds there.
    func kinkConvention(_ tex: String, cases: [Case], read: [(index: Int, e: Expr, relation: Condition.Relation, c: Double)],
                        otherwise: Bool, variable: String, bounds: [Double], environmentStart: Int) -> String? {
        let sides = Parser.splitEquation(tex)
        guard sides.count == 2 else { return nil }
        let other = sides.first { !$0.text.contains("\\begin{cases}") }
        guard let other, let expr = parse(other.text), let resolved = try? Differentiator.resolve(expr) else { return nil }
        let truth = Simplifier.simplify(resolved)
        for c in bounds {
            let holding = read.first { $0.relation.holds(c, $0.c) }
            guard let index = holding?.index ?? (otherwise ? cases.firstIndex { $0.condition == nil } : nil),
                  let value = parse(cases[index].value) else { continue }
            let there = Simplifier.simplify(truth.substituting([variable: .number(.real(c))]))
            if !Equivalence().compare(there, substituted(value, variable, c)).isEqual {
                var evaluator = Evaluator(Environment())
                let expected = (try? evaluator.evaluate(there))?.description ?? Printer.latex(there)
                return "at the kink \(variable) = \(Value.scalar(c).description) the cases give \(cases[index].value.trimmingSpaces), but the course's convention (the \"on\" side of a kink is > 0) gives \(expected)"
            }
        }
        return nil
    }

    /// The bodies of the `cases` environments of a TeX text, with their offsets (in Unicode scalars).
    static func environments(in tex: String) -> [(String, Int)] {
        let s = Array(tex.unicodeScalars)
        let open = Array("\\begin{cases}".unicodeScalars), close = Array("\\end{cases}".unicodeScalars)
        var out: [(String, Int)] = []
        var i = 0
        while i + open.count <= s.count {
            if Array(s[i..<(i + open.count)]) == open {
                let start = i + open.count
                var j = start, depth = 1
                while j < s.count {
                    if j + open.count <= s.count && Array(s[j..<(j + open.count)]) == open { depth += 1 }
                    if j + close.count <= s.count && Array(s[j..<(j + close.count)]) == close {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    j += 1
                }
                out.append((String(String.UnicodeScalarView(s[start..<min(j, s.count)])), start))
                i = j + close.count
            } else { i += 1 }
        }
        return out
    }

    /// The rows of a `cases` body: value before `&`, condition after (nil for `otherwise`/`else`).
    static func cases(_ body: String, offset: Int) -> [Case] {
        let s = Array(body.unicodeScalars)
        var out: [Case] = []
        var depth = 0, start = 0, amp: Int? = nil, i = 0
        func finish(_ end: Int) {
            let value = String(String.UnicodeScalarView(s[start..<(amp ?? end)]))
            var condition: String? = amp.map { String(String.UnicodeScalarView(s[($0 + 1)..<end])) }
            if var c = condition {
                c = c.trimmingSpaces
                for prefix in ["\\text{if }", "\\text{if}", "\\mbox{if }", "\\text{ if }", "if "] where c.hasPrefix(prefix) { c = String(c.dropFirst(prefix.count)).trimmingSpaces }
                while c.hasSuffix(",") || c.hasSuffix(".") || c.hasSuffix(";") { c.removeLast() }
                condition = c.contains("otherwise") || c.contains("else") ? nil : c.trimmingSpaces
            }
            if !value.trimmingSpaces.isEmpty { out.append(Case(value: value, condition: condition, offset: offset + start)) }
        }
        while i < s.count {
            let c = s[i]
            if c == "{" { depth += 1 } else if c == "}" { depth -= 1 }
            if depth == 0 && c == "&" && amp == nil { amp = i }
            if depth == 0 && c == "\\" && i + 1 < s.count && s[i + 1] == "\\" {
                finish(i); start = i + 2; amp = nil; i += 2; continue
            }
            i += 1
        }
        finish(s.count)
        return out
    }
}
