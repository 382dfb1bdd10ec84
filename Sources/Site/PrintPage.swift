/// The whole course on one page (`print.html`, as mdBook's): every chapter's text in order, to print or save as PDF.
/// Each chapter's ids get the chapter's page name as a prefix (`04-jacobian.html`'s `#jacobian-fg` becomes
/// `#04-jacobian-jacobian-fg`) so that they stay unique, and links between chapters lead within the page.
/// Scripts are left out: the page is for reading and printing.
struct PrintPage {
    static let name = "print.html"

    /// Page name → its prefix, for every chapter.
    let prefixes: [String: String]

    init(_ chapters: [PreparedChapter]) {
        var prefixes: [String: String] = [:]
        for c in chapters { prefixes[c.pageName] = Self.prefix(c.pageName) }
        self.prefixes = prefixes
    }

    static func prefix(_ page: String) -> String {
        (page.hasSuffix(".html") ? String(page.dropLast(5)) : page) + "-"
    }

    /// A chapter's section of the page: its rendered article, relinked and without scripts. Pure, so chapters' sections
    /// are made in parallel with their pages.
    func section(_ article: String, of chapter: PreparedChapter) -> String {
        let prefix = Self.prefix(chapter.pageName)
        var out = "<section class=\"print-chapter\" id=\"\(HTML.escaped(String(prefix.dropLast())))\">\n"
        out += relinked(Self.headingsOneLevelDown(withoutScripts(Array(article.utf8))), prefix: prefix)
        out += "\n</section>\n"
        return out
    }

    /// The article without its `<script>…</script>` elements.
    func withoutScripts(_ html: String) -> String {
        String(decoding: withoutScripts(Array(html.utf8)), as: UTF8.self)
    }

    /// The same on the article's bytes (a byte scan: the article is long, its markup ASCII).
    func withoutScripts(_ bytes: [UInt8]) -> [UInt8] {
        let open = Array("<script".utf8), close = Array("</script>".utf8)
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            var i = start
            while i + needle.count <= bytes.count {
                if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
                i += 1
            }
            return nil
        }
        guard var start = find(open, from: 0) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        while true {
            out += bytes[copied..<start]
            guard let end = find(close, from: start + open.count) else { return out }
            copied = end + close.count
            guard let next = find(open, from: copied) else { break }
            start = next
        }
        out += bytes[copied...]
        return out
    }

    /// Every heading one level lower (`<h1>` → `<h2>`, `<h5>` → `<h6>`; `<h6>` stays): on the one page, the course's title
    /// is its `h1` and each chapter's title an `h2`.
    static func headingsOneLevelDown(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        let lt = UInt8(ascii: "<"), slash = UInt8(ascii: "/"), h = UInt8(ascii: "h")
        var i = 0
        while i + 3 < out.count {
            defer { i += 1 }
            guard out[i] == lt else { continue }
            let at = out[i + 1] == slash ? i + 2 : i + 1
            guard at + 2 < out.count, out[at] == h, out[at + 1] >= UInt8(ascii: "1"), out[at + 1] <= UInt8(ascii: "5") else { continue }
            let after = out[at + 2]
            guard after == UInt8(ascii: ">") || after == UInt8(ascii: " ") else { continue }
            out[at + 1] += 1
        }
        return out
    }

    /// Ids and references to them prefixed; links to a chapter's page (or a place in it) made links within this page.
    /// One pass over the text: each `name="` is looked at once.
    func relinked(_ html: String, prefix: String) -> String {
        relinked(Array(html.utf8), prefix: prefix)
    }

    func relinked(_ bytes: [UInt8], prefix: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        let idLists: [[UInt8]] = [" id", " for", " aria-describedby", " aria-labelledby", " aria-controls"].map { Array($0.utf8) }
        let href = Array(" href".utf8), quote = UInt8(ascii: "\""), equals = UInt8(ascii: "=")
        func endsWith(_ name: [UInt8], at end: Int) -> Bool {
            end >= name.count && bytes[(end - name.count)..<end].elementsEqual(name)
        }
        var i = 0, copied = 0
        while i + 1 < bytes.count {
            guard bytes[i] == equals, bytes[i + 1] == quote else { i += 1; continue }
            let isHref = endsWith(href, at: i)
            guard isHref || idLists.contains(where: { endsWith($0, at: i) }) else { i += 2; continue }
            let start = i + 2
            guard let end = bytes[start...].firstIndex(of: quote) else { break }
            out += bytes[copied..<start]
            let value = String(decoding: bytes[start..<end], as: UTF8.self)
            var replaced = value
            if isHref {
                if value.hasPrefix("#") {
                    replaced = "#" + prefix + value.dropFirst()
                } else {
                    let parts = value.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                    if let other = prefixes[String(parts[0])] {
                        replaced = "#" + (parts.count == 2 ? other + parts[1] : String(other.dropLast()))
                    }
                }
            } else {
                replaced = value.split(separator: " ").map { prefix + $0 }.joined(separator: " ")
            }
            out += replaced.utf8
            copied = end
            i = end + 1
        }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }
}
