import Calculus

/// The HTML comments that narrow or exempt the next claim: `<!-- where: x > 0 -->`, `<!-- unchecked: why -->`,
/// and the relation a table's rows are checked through, `<!-- table: column 3 = d/dx column 2 -->`.
/// (`<!-- let: … -->` is not pending: it declares names for the rest of the chapter at once.)
struct Annotations {
    var whereText: String?
    var whereLine = 0
    var unchecked: String?
    var table: String?
    var tableLine = 0

    var isEmpty: Bool { whereText == nil && unchecked == nil && table == nil }

    /// `<!-- key: value -->` comments in a piece of HTML.
    static func comments(_ html: String) -> [(key: String, value: String)] {
        var out: [(String, String)] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<!--"), let close = rest.range(of: "-->", range: open.upperBound..<rest.endIndex) {
            let body = rest[open.upperBound..<close.lowerBound].trimmingSpaces
            if let colon = body.firstIndex(of: ":") {
                out.append((body[..<colon].trimmingSpaces, body[body.index(after: colon)...].trimmingSpaces))
            }
            rest = rest[close.upperBound...]
        }
        return out
    }
}
