// Spacing that MathML does not infer where LaTeX puts it: a thin space on each side of a function name (`r\cos t`)
// and unary signs after an opening bracket, a comma or an operator (`(-x)`, `[a, -b]`, `= -1`).

/// LaTeX's thin space (`\,`), as MathML writes it.
let thinSpace = #" width="0.1667em""#

extension Parser {
    /// Whether the last child of `row` is an ordinary atom or a closing bracket, after which LaTeX puts a thin space
    /// before a function name (`r\sin t`, `f(x)\cos y`), and not an operator, an opening bracket or nothing (`(\sin`, `= \cos`).
    func endsWithOrdinary(_ row: Int32) -> Bool {
        let last = arena[row].last
        guard last >= 0 else { return false }
        switch arena[last].kind {
        case .mspace: return false
        case .mo: return Parser.closing.contains(Array(arena.bytes(arena[last].text)))
        default: return true
        }
    }

    /// Whether a sign whose row ends with this child is unary: after an opening bracket, a separator, a relation or
    /// another operator (a sign first in its row is prefix in MathML already).
    func makesUnary(_ row: Int32) -> Bool {
        let last = arena[row].last
        guard last >= 0, arena[last].kind == .mo else { return false }
        return Parser.beforeUnary.contains(Array(arena.bytes(arena[last].text)))
    }

    /// Whether `node` is a sign: `+`, `−`, `±`, `∓`.
    func isSign(_ node: Int32) -> Bool {
        arena[node].kind == .mo && arena[node].first < 0 && Parser.signs.contains(Array(arena.bytes(arena[node].text)))
    }

    /// Whether the token at `pos` opens a bracket, after which a function name takes no thin space (`\sin(x)`).
    func nextOpensBracket() -> Bool {
        guard pos < src.count else { return false }
        switch src[pos] {
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "|"): return true
        case backslash:
            guard let name = peekCommandName() else { return false }
            if name == "left" || name.hasPrefix("big") || name.hasPrefix("Big") { return true }
            if case .fence(_, let opening)? = Symbols.table[name] { return opening }
            return false
        default:
            return false
        }
    }

    static let closing: Set<[UInt8]> = Set([")", "]", "}", "⟩", "⌋", "⌉", "|", "‖"].map { Array($0.utf8) })
    static let signs: Set<[UInt8]> = Set(["+", "−", "±", "∓"].map { Array($0.utf8) })
    static let beforeUnary: Set<[UInt8]> = Set([
        "(", "[", "{", "⟨", "⌊", "⌈", ",", ";", ":", "=", "&lt;", "&gt;", "≤", "≥", "≠", "≈", "≡", "∼", "→", "↦", "∈",
        "+", "−", "±", "∓", "×", "⋅", "∗", "/", "&#x2061;",
    ].map { Array($0.utf8) })
}
