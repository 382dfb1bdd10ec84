/// The engine's tables of words (LaTeX command names, Greek letters, exercise keys), each written as one literal
/// with the words separated by `|`: a `Set` literal compiles to code for every element, which cost 1–2 KB a table in
/// the grader for the page, while one string is a few bytes of data.
public enum WordTable {
    /// Not inlined: each table's initializer is then one call (the split and the set cost 0.9 KB where inlined).
    @inline(never)
    public static func set(_ words: String) -> Set<String> {
        Set(words.split(separator: "|", omittingEmptySubsequences: false).map { String($0) })
    }
}

extension WordTable {
    /// A table from characters to words, written `⁰0|¹1|αalpha`: each entry is its character followed by its word.
    @inline(never)
    public static func scalarMap(_ entries: String) -> [Unicode.Scalar: String] {
        var map: [Unicode.Scalar: String] = [:]
        for entry in entries.split(separator: "|") {
            let scalars = entry.unicodeScalars
            guard let key = scalars.first else { continue }
            map[key] = String(String.UnicodeScalarView(scalars.dropFirst()))
        }
        return map
    }
}
