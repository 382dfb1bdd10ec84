/// How large the values the engine builds may be. Sizes are symbolic in the engine (`vector(n)`); these bound
/// the concrete ones an author or a student writes, and what evaluation allocates, so no input can exhaust
/// memory or time.
public enum Limits {
    /// The largest whole-number size of a vector or matrix (`vector(1000)`, `ones(1000)`, `I(1000)`).
    public static let maxDimension = 1_000
    /// The most entries a declared or written object may have (`matrix(100, 100)`).
    public static let maxDeclaredEntries = 10_000
    /// The most entries one evaluated value may have (an outer product of two long vectors).
    public static let maxEntries = 1_000_000
    /// The most multiply-adds one evaluated matrix product may take.
    public static let maxProductWork = 20_000_000

    /// A whole-number size as written: 1 to `maxDimension`, or an error at the text that wrote it.
    public static func dimension(_ text: Substring, at offset: Int, length: Int) throws(CalculusError) -> Dimension? {
        guard text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), !text.isEmpty else { return nil }
        guard let k = Int(text), k <= maxDimension else {
            throw CalculusError(.limit, "the size \(text) is too large (the largest is \(maxDimension))", at: offset, length: length)
        }
        return k >= 1 ? .fixed(k) : nil
    }

    /// Checks that a written shape of whole-number sizes stays within `maxDeclaredEntries`.
    public static func check(_ shape: Shape, at offset: Int, length: Int) throws(CalculusError) {
        if case .fixed(let r) = shape.rows, case .fixed(let c) = shape.cols, r * c > maxDeclaredEntries {
            throw CalculusError(.limit, "a \(r)×\(c) object has \(r * c) entries; the most is \(maxDeclaredEntries)", at: offset, length: length)
        }
    }
}
