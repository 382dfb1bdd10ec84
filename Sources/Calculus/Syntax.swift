/// The two surface syntaxes of the one expression language.
public enum Syntax: String, Sendable {
    /// As students type it: `3x^2 y`, `[a; b]`, `x^T`, `w . x`.
    case ascii
    /// As authors write it inside `$…$`: `\frac{d}{dx}`, `\mathbf{x}`, `\begin{bmatrix}`.
    case latex

    /// LaTeX when the text uses a backslash command or braces; ASCII otherwise.
    public static func detect(_ text: String) -> Syntax {
        // All four are ASCII, and no byte of a longer UTF-8 sequence is ASCII: one pass over the bytes.
        var text = text
        let latex = text.withUTF8 { bytes in
            bytes.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "&") }
        }
        return latex ? .latex : .ascii
    }
}

/// Words with a meaning of their own: functions (from `FunctionTable`), constants, Greek letters.
enum Vocabulary {
    /// Every function name, from the function table.
    static let functions: Set<String> = FunctionTable.names
    static let greek: Set<String> = WordTable.set("""
        alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|rho|sigma|tau|\
        upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega
        """)
    static let constants: Set<String> = WordTable.set("pi|e")
    /// The length of the longest word above (splitting run-together names never looks further).
    static let longestWord: Int = functions.union(greek).union(constants).reduce(1) { Swift.max($0, $1.unicodeScalars.count) }
}
