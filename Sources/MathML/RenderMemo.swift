import Synchronization

/// Rendered short formulas, kept for the next time the same LaTeX comes: a course writes `\mathbf{x}`, `x` and
/// `f(x)` hundreds of times (60% of the course's inline spans repeat one before them). Shared by the copies of a
/// renderer and safe between threads; bounded, so that a large site does not keep every formula it rendered.
final class RenderMemo: Sendable {
    struct Key: Hashable, Sendable {
        var latex: String
        var display: Bool
    }

    /// Longer LaTeX is rarely written twice, and its MathML is large: not kept.
    static let longestKept = 80
    /// At most this many formulas are kept (about 10 MB at most); later ones are rendered each time.
    static let capacity = 20_000

    private let table = Mutex<[Key: Result<RenderedMath, MathError>]>([:])

    /// The rendering of `latex`, from the memo or made by `render` (and kept if short).
    func rendering(_ latex: String, display: Bool, _ render: () throws(MathError) -> RenderedMath) throws(MathError) -> RenderedMath {
        guard latex.utf8.count <= Self.longestKept else { return try render() }
        let key = Key(latex: latex, display: display)
        if let known = table.withLock({ $0[key] }) { return try known.get() }
        let result = Result { () throws(MathError) in try render() }
        table.withLock { t in
            if t.count < Self.capacity { t[key] = result }
        }
        return try result.get()
    }
}
