import Synchronization

/// Rendered short formulas, kept for the next time the same LaTeX comes: a course writes `\mathbf{x}`, `x` and
/// `f(x)` hundreds of times (60% of the course's inline spans repeat one before them). Shared by the copies of a
/// renderer and safe between threads; bounded, so that a large site does not keep every formula it rendered.
final class RenderMemo: Sendable {
    /// The LaTeX's bytes, not the String: Strings compare by canonical equivalence, so `é` as one code point and as `e`
    /// with a combining accent would be one key, while the renderer copies the bytes into the annotation and counts
    /// error offsets in them.
    struct Key: Hashable, Sendable {
        var latex: [UInt8]
        var display: Bool
    }

    /// Longer LaTeX is rarely written twice, and its MathML is large: not kept.
    static let longestKept = 80
    /// At most this much MathML is kept (a formula of up to 80 bytes of LaTeX is about 300 bytes of it, so some
    /// 25,000 formulas); later ones are rendered each time.
    static let capacity = 8 << 20

    private struct Kept {
        var table: [Key: Result<RenderedMath, MathError>] = [:]
        var bytes = 0
    }

    private let kept = Mutex(Kept())

    /// The rendering of `latex`, from the memo or made by `render` (and kept if short).
    func rendering(_ latex: String, display: Bool, _ render: () throws(MathError) -> RenderedMath) throws(MathError) -> RenderedMath {
        guard latex.utf8.count <= Self.longestKept else { return try render() }
        let key = Key(latex: Array(latex.utf8), display: display)
        if let known = kept.withLock({ $0.table[key] }) { return try known.get() }
        let result = Result { () throws(MathError) in try render() }
        // What the entry holds: the key, the MathML and labels (or the error's message), and the table's own share.
        let rendered = try? result.get()
        let size = 64 + key.latex.count + (rendered.map { $0.mathml.utf8.count + $0.labels.reduce(0) { $0 + $1.utf8.count + 16 } + ($0.tag?.utf8.count ?? 0) } ?? 128)
        kept.withLock { k in
            // Two threads may render the same formula at once: the first to finish keeps it, and it is counted once.
            if k.table[key] == nil && k.bytes + size <= Self.capacity { k.table[key] = result; k.bytes += size }
        }
        return try result.get()
    }
}
