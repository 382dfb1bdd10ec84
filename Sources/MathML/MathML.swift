import Foundation

// LaTeX to MathML Core, for the course site (math that shows with JavaScript off) and for the verifier
// (every math span must render). Strict: anything not understood is a `MathError` with a location.
//
//     let renderer = MathMLRenderer()
//     let html = try renderer.render(#"\frac{\partial f}{\partial x}"#, display: false)
//     let full = try renderer.renderDetailed(#"E = mc^2 \label{eq:energy} \tag{1}"#, display: true)
//     // full.labels == ["eq:energy"], full.tag == "1"
//
// Output is compact (no whitespace between elements), UTF-8 characters are written as themselves, and the
// original TeX is kept in `<annotation encoding="application/x-tex">` so copy-paste keeps the source.

/// A LaTeX error: what went wrong and where.
public struct MathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, e.g. `unknown command \foo` or `missing } to close { at offset 4`.
    public let message: String
    /// UTF-8 byte offset into the LaTeX source where the problem was found (for an unclosed construct: where
    /// its end was expected; the message names the opener's offset). Inside a user macro's expansion it is
    /// the offset of the macro's invocation.
    public let offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) (at offset \(offset))" }
}

/// The result of rendering one math span, with what the page around it may need.
public struct RenderedMath: Sendable, Equatable {
    /// The `<math>…</math>` element.
    public let mathml: String
    /// Every `\label{…}` name, in order of appearance (not rendered).
    public let labels: [String]
    /// The text of `\tag{…}` / `\tag*{…}` if there was one (it is also rendered as the equation number).
    public let tag: String?
    /// Whether the equation said `\notag` or `\nonumber`: it takes no number, given or automatic.
    public var unnumbered: Bool = false
}

/// Converts LaTeX math to MathML Core. Cheap to copy; safe to share between threads.
public struct MathMLRenderer: Sendable {
    let macros: [String: Macro]
    /// Short formulas already rendered, when memoizing.
    private(set) var memo: RenderMemo?

    /// - Parameter macros: user macros without arguments or with `#1`…`#9`, e.g. `["\\R": "\\mathbb{R}",
    ///   "\\norm": "\\left\\lVert #1 \\right\\rVert"]` (the leading backslash of a name is optional).
    ///   A macro's body must be balanced on its own. User macros take precedence over built-in commands.
    /// - Parameter memoizing: keep short formulas once rendered, for when the same LaTeX comes again (a site build);
    ///   the memo is shared by the renderer's copies.
    public init(macros: [String: String] = [:], memoizing: Bool = false) {
        memo = memoizing ? RenderMemo() : nil
        var table: [String: Macro] = [:]
        for (rawName, body) in macros {
            let name = rawName.hasPrefix("\\") ? String(rawName.dropFirst()) : rawName
            guard !name.isEmpty else { continue }
            table[name] = Macro(body: body)
        }
        self.macros = table
    }

    /// The same renderer without the memo, for formulas that come once (an equation with its number appended).
    public var unmemoized: MathMLRenderer {
        var copy = self
        copy.memo = nil
        return copy
    }

    /// Renders `latex` as a `<math>` element (`display="block"` when `display`).
    public func render(_ latex: String, display: Bool) throws(MathError) -> String {
        try renderDetailed(latex, display: display).mathml
    }

    /// Renders `latex` and also returns its `\label`s and `\tag`.
    public func renderDetailed(_ latex: String, display: Bool) throws(MathError) -> RenderedMath {
        guard let memo else { return try renderUnmemoized(latex, display: display) }
        return try memo.rendering(latex, display: display) { () throws(MathError) in try renderUnmemoized(latex, display: display) }
    }

    private func renderUnmemoized(_ latex: String, display: Bool) throws(MathError) -> RenderedMath {
        do {
            return try render(latex, display: display, depthLimit: Parser.callerStackDepth)
        } catch let error where error.offset == Self.retryOnLargeStack {
            return try renderOnLargeStack(latex, display: display)
        }
    }

    /// Marks "nested deeper than is safe on the caller's stack" (never returned to callers).
    private static let retryOnLargeStack = -1

    private func render(_ latex: String, display: Bool, depthLimit: Int) throws(MathError) -> RenderedMath {
        var parser = Parser(source: Array(latex.utf8), display: display, macros: macros, depthLimit: depthLimit)
        let root: Int32
        do {
            root = try parser.parseDocument()
        } catch {
            if parser.needsLargeStack { throw MathError(message: "", offset: Self.retryOnLargeStack) }
            throw error
        }
        var out: [UInt8] = []
        out.reserveCapacity(latex.utf8.count * 12 + 160)
        out.append(contentsOf: #"<math xmlns="http://www.w3.org/1998/Math/MathML""#.utf8)
        if display { out.append(contentsOf: #" display="block""#.utf8) }
        out.append(contentsOf: ">".utf8)
        // With an equation number: a table spanning the line (an empty cell, the equation, the number), as the direct
        // child of <math>. Inside <semantics>, whose width is its content's, the table's 100% would shrink to the
        // formula and the number would sit right after it; so <semantics> goes into the equation's cell.
        let tagged = parser.tagNode >= 0
        if tagged {
            out.append(contentsOf: #"<mtable class="mml-tagged" displaystyle="true"><mtr><mtd class="mml-tag-pad"></mtd><mtd>"#.utf8)
        }
        out.append(contentsOf: "<semantics>".utf8)
        parser.arena.write(root, into: &out)
        out.append(contentsOf: #"<annotation encoding="application/x-tex">"#.utf8)
        appendEscaped(latex.utf8, into: &out)
        out.append(contentsOf: "</annotation></semantics>".utf8)
        if tagged {
            out.append(contentsOf: "</mtd>".utf8)
            let number = parser.arena.make(.mtd, parser.tagNode, attrs: #" class="mml-tag""#)
            parser.arena.write(number, into: &out)
            out.append(contentsOf: "</mtr></mtable>".utf8)
        }
        out.append(contentsOf: "</math>".utf8)
        return RenderedMath(mathml: String(decoding: out, as: UTF8.self), labels: parser.labels, tag: parser.tagText, unnumbered: parser.unnumbered)
    }

    /// Deeply nested input: parse on a thread whose stack holds `Parser.maxDepth` levels (then fail cleanly).
    private func renderOnLargeStack(_ latex: String, display: Bool) throws(MathError) -> RenderedMath {
        final class Outcome: @unchecked Sendable {
            var result: Result<RenderedMath, MathError> = .failure(MathError(message: "internal error", offset: 0))
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.result = Result { () throws(MathError) in
                try self.render(latex, display: display, depthLimit: Parser.maxDepth)
            }
            done.signal()
        }
        thread.stackSize = 64 << 20
        thread.start()
        done.wait()
        return try outcome.result.get()
    }

    /// CSS the page should include. MathML Core has no column alignment attributes (Firefox reads the
    /// `columnalign` this renderer also writes; Chromium and WebKit need these rules), and equation numbers
    /// from `\tag` need the table to span the line.
    public static let stylesheet: String = """
        math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", math; }
        math[display="block"] { width: 100%; }
        .mml-l { text-align: left; text-align: -webkit-left; }
        .mml-r { text-align: right; text-align: -webkit-right; }
        .mml-align > mtr > mtd:nth-child(odd) { text-align: right; text-align: -webkit-right; padding-right: 0; }
        .mml-align > mtr > mtd:nth-child(even) { text-align: left; text-align: -webkit-left; padding-left: 0; }
        .mml-align > mtr > mtd:nth-child(odd):not(:first-child) { padding-left: 1em; }
        .mml-cases > mtr > mtd { text-align: left; text-align: -webkit-left; padding-left: 0; padding-right: 1em; }
        .mml-bl { border-left: 0.06em solid; }
        .mml-br { border-right: 0.06em solid; }
        .mml-bt { border-top: 0.06em solid; }
        .mml-bb { border-bottom: 0.06em solid; }
        .mml-tagged { width: 100%; }
        .mml-tagged > mtr > mtd { padding: 0; }
        .mml-tag-pad, .mml-tag { width: 50%; }
        .mml-tag { text-align: right; text-align: -webkit-right; }

        """
}

/// Appends `text` with `&`, `<` and `>` escaped for XML text content.
func appendEscaped<S: Sequence<UInt8>>(_ text: S, into out: inout [UInt8]) {
    let done: Bool? = text.withContiguousStorageIfAvailable { bytes in
        guard !bytes.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
        else { return false }
        out.append(contentsOf: bytes)
        return true
    }
    if done == true { return }
    for b in text {
        switch b {
        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
        default: out.append(b)
        }
    }
}
