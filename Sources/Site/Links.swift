import Markdown

/// Where a link in a chapter goes, checked against the site: chapters, their anchors, figures.
///
/// * `#anchor`: a heading, exercise id, equation label or footnote on the same page;
/// * `04-jacobian.md` or `04-jacobian.md#anchor` (also `.html`, `./`): another chapter, rewritten to its page;
/// * `figures/x.svg`: a figure of `chapters/figures/`;
/// * `http:`, `https:`, `mailto:` and `//…`: external, not checked.
///
/// Anything else (another local file, `javascript:` or another scheme) is an error.
struct LinkResolver: Sendable {
    var chapters: [String: PreparedChapter]
    var figures: [String: String]
    /// Files of the figures folder that are not published, with why.
    var refused: [String: String] = [:]

    struct Target {
        var href: String
        /// Text for a link written without any (`[](#eq:x)`): the equation number, section title, …
        var defaultText: String?
    }

    func resolve(_ destination: String, from page: PreparedChapter?, isImage: Bool = false) -> Result<Target, LinkError> {
        let dest = destination.trimmingSpaces()
        if dest.isEmpty { return .failure(LinkError("empty link destination")) }
        if dest.hasPrefix("//") { return .success(Target(href: dest)) }
        if let scheme = LinkResolver.scheme(of: dest) {
            switch scheme.lowercased() {
            case "http", "https", "mailto": return .success(Target(href: dest))
            default: return .failure(LinkError("links with '\(scheme):' are not allowed (use http, https or mailto)"))
            }
        }
        var path = Substring(dest)
        var fragment: Substring?
        if let hash = dest.firstIndex(of: "#") {
            path = dest[..<hash]
            fragment = dest[dest.index(after: hash)...]
        }
        if let q = path.firstIndex(of: "?") { path = path[..<q] }
        while path.hasPrefix("./") { path = path.dropFirst(2) }

        if path.isEmpty {
            guard let page else { return .failure(LinkError("link to '\(dest)' on a page without anchors")) }
            return anchorTarget(fragment.map(String.init) ?? "", in: page, href: "", what: "this chapter")
        }
        if let name = LinkResolver.figureName(dest) {
            if let why = refused[name] {
                return .failure(LinkError("\(isImage ? "image" : "link") '\(dest)': the figure is not published: it is \(why)"))
            }
            guard figures[name] != nil else {
                return .failure(LinkError("\(isImage ? "image" : "link") '\(dest)': no such figure in the figures folder"))
            }
            return .success(Target(href: dest))
        }
        var name = String(path)
        for ext in [".md", ".html"] where name.hasSuffix(ext) {
            name.removeLast(ext.count)
            guard let chapter = chapters[name] else {
                if name == "index" && ext == ".html" { return .success(Target(href: "index.html", defaultText: "Contents")) }
                return .failure(LinkError("link to '\(path)': no such chapter"))
            }
            if let fragment, !fragment.isEmpty {
                return anchorTarget(String(fragment), in: chapter, href: chapter.pageName, what: chapter.source.path)
            }
            return .success(Target(href: chapter.pageName, defaultText: chapter.navTitle))
        }
        return .failure(LinkError("link to '\(dest)': not a chapter, a figure or an anchor of the site"))
    }

    func anchorTarget(_ id: String, in chapter: PreparedChapter, href: String, what: String) -> Result<Target, LinkError> {
        guard !id.isEmpty else { return .success(Target(href: href.isEmpty ? "#" : href, defaultText: chapter.navTitle)) }
        guard chapter.anchors[id] != nil else {
            return .failure(LinkError("link to '#\(id)': no such anchor in \(what)" + LinkResolver.suggestion(id, chapter.anchors.keys)))
        }
        return .success(Target(href: href + "#" + id, defaultText: chapter.anchorText(id)))
    }

    /// `x.svg` for `figures/x.svg`, `./figures/x.svg#part`; nil for anything that is not a figure.
    static func figureName(_ destination: String) -> String? {
        var path = Substring(destination.trimmingSpaces())
        if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        return path.hasPrefix("figures/") ? String(path.dropFirst("figures/".count)) : nil
    }

    /// `javascript` for `javascript:alert(1)`; nil for a relative path.
    static func scheme(of dest: String) -> String? {
        guard let colon = dest.firstIndex(of: ":") else { return nil }
        let head = dest[..<colon]
        guard let first = head.first, first.isASCII, first.isLetter,
              head.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return nil }
        return String(head)
    }

    /// ` (did you mean '#x'?)` for a near miss.
    static func suggestion(_ id: String, _ candidates: some Sequence<String>) -> String {
        let best = candidates.filter { $0.hasPrefix(id) || id.hasPrefix($0) || $0.replacingOccurrences(of: "-", with: "") == id.replacingOccurrences(of: "-", with: "") }.min()
        return best.map { " (did you mean '#\($0)'?)" } ?? ""
    }
}

struct LinkError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension PreparedChapter {
    /// What an empty link to anchor `id` shows: `(4.2)` for an equation, `Exercise 4.3`, a section's title.
    func anchorText(_ id: String) -> String? {
        if let number = equationNumbers[id] { return "(\(number))" }
        if let e = exercises.values.first(where: { $0.block.id == id }) { return "Exercise \(source.number).\(e.number)" }
        if let s = sections.first(where: { $0.id == id }) { return s.text }
        return nil
    }
}

extension Document {
    /// Every link and image, in document order, with its destination.
    var linksAndImages: [(node: Node, destination: String, isImage: Bool)] {
        nodes { if case .link = $0.kind { return true }; if case .image = $0.kind { return true }; return false }.map { node in
            if case .image(let source, _) = node.kind { return (node, source, true) }
            if case .link(let destination, _) = node.kind { return (node, destination, false) }
            return (node, "", false)
        }
    }
}
