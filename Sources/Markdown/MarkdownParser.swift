import CCMarkGFM
import CMarkMath
import Foundation

/// Parses Markdown (CommonMark + GFM tables, strikethrough, autolinks, task lists, footnotes,
/// and `$`/`$$` math) into a `Document`.
///
/// Thread-safe: any number of tasks may parse at once. cmark-gfm keeps its table of special
/// inline characters in a process-wide array that every parse edits (extensions add `$`, `~`, …
/// on entry and remove them on exit), so the cmark part of each parse runs under one lock; the
/// conversion into Swift nodes runs outside it.
public enum MarkdownParser {
    /// Parses `text`. `file` is only kept for messages. Never fails for a `String`
    /// (it is valid UTF-8); `throws` matches `parse(data:file:)`.
    public static func parse(_ text: String, file: String? = nil) throws(MarkdownError) -> Document {
        var text = text
        return text.withUTF8 { Converter.document(from: $0, file: file) }
    }

    /// Parses UTF-8 bytes, rejecting ill-formed UTF-8 with the line and column of the first bad byte.
    public static func parse(data: Data, file: String? = nil) throws(MarkdownError) -> Document {
        let result: Result<Document, MarkdownError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let offset = firstInvalidUTF8Offset(bytes) {
                let location = sourceLocation(ofByte: offset, in: bytes)
                return .failure(.invalidUTF8(file: file, location: location, byteOffset: offset))
            }
            return .success(Converter.document(from: bytes, file: file))
        }
        return try result.get()
    }

    /// The cmark options: source positions and footnotes. Not `CMARK_OPT_UNSAFE` (it only matters
    /// to cmark's own HTML renderer, which this project does not use, but stays off by policy), not
    /// smart punctuation (it would rewrite quotes and dashes in text).
    static let options: Int32 = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES

    /// The GFM extensions attached to every parser, besides math.
    static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    private static let lock = NSLock()

    /// Runs cmark over `bytes` and returns the root of the tree it builds; the caller frees it
    /// with `cmark_node_free`.
    static func cmarkTree(_ bytes: UnsafeBufferPointer<UInt8>) -> OpaquePointer {
        lock.lock()
        defer { lock.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(options) else { fatalError("cmark_parser_new failed (out of memory)") }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            guard let ext = cmark_find_syntax_extension(name) else {
                preconditionFailure("cmark-gfm has no \(name) extension")
            }
            cmark_parser_attach_syntax_extension(parser, ext)
        }
        cmark_parser_attach_syntax_extension(parser, mcheck_math_extension())
        if let base = bytes.baseAddress, bytes.count > 0 {
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                cmark_parser_feed(parser, $0, bytes.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { fatalError("cmark_parser_finish failed") }
        return root
    }
}
