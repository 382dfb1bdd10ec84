import Markdown

/// The page template: the theme's template.html with `{{name}}` placeholders, split once at load time so that
/// filling it is a single pass of appends.
///
/// Placeholders (all but `content` may be left out of a template):
///
/// | name | value |
/// |---|---|
/// | `{{site_title}}` | the site's title (escaped text) |
/// | `{{title}}` | the page's title (escaped text) |
/// | `{{content}}` | the page's body: the chapter, or the table of contents on the index page |
/// | `{{sidebar}}` | the chapter list: a link to the contents page and `toc.js`, which draws the list in its place |
/// | `{{toc}}` | the in-page table of contents (`<nav class="toc">…`), empty on the index page |
/// | `{{prev}}` / `{{next}}` | a link to the previous / next page, or nothing |
/// | `{{index}}` | the address of the index page |
/// | `{{reference}}` | the address of the rule reference page |
/// | `{{search_index}}` | the address of the search index script |
/// | `{{stylesheet}}` | the address of the stylesheet |
/// | `{{language}}` | the course's language (`<html lang>`), from mcheck.toml; `en` by default |
/// | `{{author}}` | the course's author (escaped text), from mcheck.toml, or empty |
/// | `{{head}}` | extra elements for `<head>`: the author's `<meta>`, the page's canonical address (from the base URL) |
/// | `{{edit}}` | an "Edit this page" link to the chapter's source in the repository, or nothing |
public struct Template: Sendable {
    public enum Slot: String, Sendable, CaseIterable {
        case site_title, title, content, sidebar, toc, prev, next, index, reference, search_index, stylesheet
        case language, author, head, edit
    }

    enum Piece: Sendable {
        case text(String)
        case slot(Slot)
    }

    let pieces: [Piece]
    let size: Int

    /// Reads a template; an unknown or unclosed placeholder, or a missing `{{content}}`, is an error
    /// naming its line and column.
    public init(_ text: String, file: String) throws(SiteFailure) {
        var pieces: [Piece] = []
        var errors: [SiteError] = []
        let bytes = Array(text.utf8)
        let columns = CharacterColumns(text)
        var i = 0
        var start = 0
        var line = 1
        var lineStart = 0
        var hasContent = false
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                lineStart = i + 1
                i += 1
                continue
            }
            guard b == UInt8(ascii: "{"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") else {
                i += 1
                continue
            }
            var j = i + 2
            while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "}") && bytes[j + 1] == UInt8(ascii: "}")), bytes[j] != 0x0A {
                j += 1
            }
            guard j + 1 < bytes.count, bytes[j] == UInt8(ascii: "}") else {
                errors.append(SiteError(.load, file: file, line: line, column: columns.column(of: SourceLocation(line: line, column: i - lineStart + 1)), "'{{' without '}}' on the same line"))
                i += 2
                continue
            }
            let name = String(decoding: bytes[(i + 2)..<j], as: UTF8.self).trimmingSpaces()
            guard let slot = Slot(rawValue: name) else {
                let known = Slot.allCases.map { "{{\($0.rawValue)}}" }.joined(separator: ", ")
                errors.append(SiteError(.load, file: file, line: line, column: columns.column(of: SourceLocation(line: line, column: i - lineStart + 1)), "unknown placeholder '{{\(name)}}'; the template may use \(known)"))
                i = j + 2
                continue
            }
            if slot == .content { hasContent = true }
            if start < i { pieces.append(.text(String(decoding: bytes[start..<i], as: UTF8.self))) }
            pieces.append(.slot(slot))
            i = j + 2
            start = i
        }
        if start < bytes.count { pieces.append(.text(String(decoding: bytes[start...], as: UTF8.self))) }
        if !hasContent && errors.isEmpty {
            errors.append(SiteError(.load, file: file, "the template has no '{{content}}' placeholder"))
        }
        guard errors.isEmpty else { throw SiteFailure(errors) }
        self.pieces = pieces
        self.size = bytes.count
    }

    /// The page, with each slot's value (a missing value is empty).
    func fill(_ values: [Slot: String]) -> String {
        var out = ""
        out.reserveCapacity(size + (values[.content]?.utf8.count ?? 0) + (values[.sidebar]?.utf8.count ?? 0) + 4096)
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .slot(let s): if let v = values[s] { out += v }
            }
        }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
