import Calculus

/// Which inline math spans are claims, and which are notation.
///
/// The rule: an inline span is a **claim** when it has a top-level `=` (outside brackets and environments) and
/// either one of its sides applies a derivative operator (`\frac{d}{dx}`, `\frac{\partial}{\partial w}`,
/// `\frac{\partial y}{\partial x}`, `\nabla`), or every side can be read by the engine. A claim is checked exactly
/// as a display equation is. A span `name = …` (`f(x) = x^2`, `\mathbf{y} = \mathbf{w} + \mathbf{x}`) is a
/// **definition**: it defines the name, replacing an earlier definition (prose reuses `y` for each example); a
/// value that is only numbers (`\mathbf{x} = [1, 3, 4]^T`, `w = 3`) is the point of an example instead, and the
/// claims after it in the same paragraph are checked there. Everything else is **notation** and claims nothing:
/// spans with no `=` (`\mathbf{x}`, `x_i`, `n \times 1`, a derivative operator alone), sizes (`(m \times k)(k \times n)
/// = m \times n`), and an `=` between sides that name abstract things the engine cannot read and that take no
/// derivative (`y_i = f_i(\mathbf{w}) \bigcirc g_i(\mathbf{x})`).
enum ClaimRule {
    enum Reading: Equatable {
        case notation
        case claim
        /// `name = …` (or `f(x) = …`): defines the name, or gives a declared name a value for an example.
        case definition
    }

    /// The commands that take a derivative.
    static let derivativeOperators = ["\\frac{d", "\\frac{\\partial", "\\partial", "\\nabla", "\\dfrac{d", "\\dfrac{\\partial", "\\tfrac{d", "\\tfrac{\\partial"]

    static func hasDerivative(_ tex: String) -> Bool { derivativeOperators.contains { tex.contains($0) } }

    /// Trailing punctuation belongs to the sentence, not the equation.
    static func trimmed(_ tex: String) -> String {
        var t = tex
        while let last = t.unicodeScalars.last, last == "." || last == "," || last == " " || last == "\n" || last == ";" { t.unicodeScalars.removeLast() }
        return t
    }

    static func read(_ rawTex: String, scope: Scope) -> Reading {
        let tex = trimmed(rawTex)
        let sides = Parser.splitEquation(tex)
        guard sides.count >= 2 else { return .notation }
        if sides.contains(where: { isShape($0.text) }) { return .notation }
        if sides.count == 2, Parser.definitionHead(sides[0].text, scope: Scope()) != nil || isBareName(sides[0].text) { return .definition }
        if sides.contains(where: { hasDerivative($0.text) }) { return .claim }
        if Parser.definitionHead(sides[0].text, scope: scope) != nil { return .claim }
        let readable = sides.allSatisfy { side in
            EquationChecker.undefinedFunctions(in: side.text, scope: scope).isEmpty
                && (try? Parser.parse(side.text, scope: scope, syntax: .latex)) != nil
        }
        return readable ? .claim : .notation
    }

    /// `m \times n`, `(m \times k)(k \times n)`, `1 \times 1`: sizes, not values.
    static func isShape(_ text: String) -> Bool {
        guard text.contains("\\times") else { return false }
        let rest = text.replacingOccurrences(of: "\\times", with: " ").filter { !" ()".contains($0) }
        return rest.allSatisfy { $0.isLetter || $0.isNumber }
    }

    /// `x`, `x_1`, `\mathbf{x}`, `x_{ij}`: a name with at most a subscript.
    static func isBareName(_ text: String) -> Bool {
        var t = text.trimmingSpaces
        for wrapper in ["\\mathbf{", "\\boldsymbol{", "\\vec{"] where t.hasPrefix(wrapper) {
            t = String(t.dropFirst(wrapper.count)).replacingOccurrences(of: "}", with: "")
        }
        let base = t.split(separator: "_", maxSplits: 1).first.map(String.init) ?? t
        let sub = t.dropFirst(base.count)
        return !base.isEmpty && base.count <= 2 && base.allSatisfy(\.isLetter) && !sub.contains("(") && !sub.contains("\\")
    }
}

extension Expr {
    /// A plain number (or a negated one): `2`, `-3`, `0.5`.
    var isNumber: Bool {
        switch self {
        case .number: return true
        case .mul(let factors): return factors.allSatisfy(\.isNumber)
        default: return false
        }
    }
}
