import Calculus
import Grading
import Markdown

/// The lead-in of an exercise (the paragraph right before its ```` ```exercise ```` block) against its `ask`.
///
/// The site renders the question from `ask`; the prose may restate it, and when it does it must state the same
/// question. The function is the first formula after "of", "differentiate" or "find" (a definition lends its
/// body: `$g(x, y, z) = x^2 + yz$`); the variables are the last formula between "with respect to" and the end of
/// its clause. A formula with a derivative operator (`Find $\frac{\partial}{\partial x}3x^2y$`) states both. A
/// lead-in that states neither claims nothing; a formula that cannot be read is not checkable.
struct LeadInChecker {
    let file: String

    enum Piece { case text(String), math(String, line: Int) }

    /// The claim the lead-in makes, checked: nil when it states no question.
    func check(_ paragraph: Node, question: Question) -> (Check, ClaimCoverage.Kind?)? {
        guard !question.isEquality, case .derivative(let request) = question.ask else { return nil }
        var pieces: [Piece] = []
        for node in paragraph.descendants {
            switch node.kind {
            case .text(let s): pieces.append(.text(s))
            case .softBreak: pieces.append(.text(" "))
            case .inlineMath(let tex), .displayMath(let tex): pieces.append(.math(tex, line: node.contentStart.line))
            default: break
            }
        }
        var function: (String, Int)?
        var variables: (String, Int)?
        var before = ""
        var inRespect = false
        for piece in pieces {
            switch piece {
            case .text(let s):
                if inRespect, s.contains(".") || s.contains(",") || s.contains("(") || s.contains(" for ") || s.contains(" at ") { inRespect = false }
                before += s
                if before.lowercased().hasSuffix("with respect to ") || s.lowercased().contains("with respect to") { inRespect = true }
            case .math(let tex, let line):
                if inRespect { variables = (tex, line); continue }
                let lower = before.lowercased()
                let introduced = ["of ", "differentiate ", "find "].contains { lower.hasSuffix($0) } || lower.hasSuffix("of the three functions ")
                if function == nil, introduced || ClaimRule.hasDerivative(tex), !isBareVariable(tex, question) { function = (tex, line) }
                before = ""
            }
        }
        guard function != nil || variables != nil else { return nil }
        let id = question.name
        let at = function?.1 ?? variables!.1
        func result(_ status: Check.Status, _ message: String) -> (Check, ClaimCoverage.Kind?) {
            (Check(file: file, line: at, kind: .exercise, status: status, message: "\(id): the lead-in \(message)", marked: status == .unchecked ? false : nil), .exercise)
        }
        var stated = request
        if let (tex, line) = function {
            let body = ClaimRule.trimmed(Parser.splitEquation(tex).last!.text)
            guard let e = try? Parser.parse(body, scope: question.scope, syntax: .latex) else {
                return result(.unchecked, "states $\(tex)$, which cannot be read")
            }
            if case .derivative(let r) = e { stated = r } else { stated.function = e }
            if !sameFunction(stated.function, request.function, question) {
                return (Check(file: file, line: line, kind: .exercise, status: .failed,
                              message: "\(id): the lead-in asks about $\(ClaimRule.trimmed(tex))$ but the ask grades \(Printer.latex(request.function))"), .exercise)
            }
        }
        if let (tex, line) = variables {
            let first = Parser.splitEquation(ClaimRule.trimmed(tex))[0].text
            if let e = try? Parser.parse(first, scope: question.scope, syntax: .latex), let names = LeadInChecker.names(e) {
                stated.variables = names.map { Variable($0) }
            } else {
                return result(.unchecked, "names the variables $\(tex)$, which cannot be read")
            }
            let asked = request.variables.map(\.name)
            if stated.variables.map(\.name) != asked {
                return (Check(file: file, line: line, kind: .exercise, status: .failed,
                              message: "\(id): the lead-in takes the derivative with respect to $\(ClaimRule.trimmed(tex))$ but the ask with respect to [\(asked.joined(separator: ", "))]"), .exercise)
            }
        } else if function != nil, stated.variables.map(\.name) != request.variables.map(\.name) {
            return result(.failed, "takes the derivative with respect to \(stated.variables.map(\.name).joined(separator: ", ")) but the ask with respect to \(request.variables.map(\.name).joined(separator: ", "))")
        }
        return result(.verified, "states the question the ask grades")
    }

    func isBareVariable(_ tex: String, _ question: Question) -> Bool {
        guard let e = try? Parser.parse(Parser.splitEquation(ClaimRule.trimmed(tex))[0].text, scope: question.scope, syntax: .latex) else { return false }
        if case .variable = e { return true }
        return false
    }

    func sameFunction(_ a: Expr, _ b: Expr, _ question: Question) -> Bool {
        let equivalence = Equivalence(conditions: question.conditions)
        if equivalence.compare(a, b).isEqual { return true }
        // `[f, g]` written as a row in prose and as a column in the ask.
        return equivalence.compare(.transpose(a), b).isEqual
    }

    /// `x` or `[x, y]`: the names, in order.
    static func names(_ e: Expr) -> [String]? {
        switch e {
        case .variable(let v): return [v.name]
        case .block(let rows):
            let all = rows.flatMap { $0 }.map { e -> String? in if case .variable(let v) = e { return v.name }; return nil }
            return all.contains(nil) ? nil : all.compactMap { $0 }
        case .transpose(let inner): return names(inner)
        default: return nil
        }
    }
}
