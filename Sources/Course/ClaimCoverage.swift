/// How the course's claims fared, per chapter and per kind of claim: the coverage lines of `mcheck verify`.
///
/// A claim is one display equation (all the links of its chain), one inline span that states an equation, one
/// table claim (an equation in a cell, or a row under a declared relation), or one exercise claim (a solution, a
/// mistake, the lead-in's question). Definitions (`f(x) = x^2`) define a name and claim nothing.
public struct ClaimCoverage: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case display, inline, table, exercise }

    /// The claims of one kind in one chapter.
    public struct Tally: Sendable, Codable, Equatable {
        /// Claims all of whose parts were evaluated (they held or failed).
        public var checked = 0
        /// Claims marked `<!-- unchecked: … -->`.
        public var marked = 0
        /// Claims with a part that could not be evaluated, by reason.
        public var notCheckable: [String: Int] = [:]
        /// Names defined (no claim).
        public var definitions = 0

        public var notCheckableCount: Int { notCheckable.values.reduce(0, +) }
        public var claims: Int { checked + marked + notCheckableCount }

        mutating func merge(_ other: Tally) {
            checked += other.checked; marked += other.marked; definitions += other.definitions
            for (k, v) in other.notCheckable { notCheckable[k, default: 0] += v }
        }
    }

    /// Chapter file → kind (`display`, `inline`, `table`, `exercise`) → tally.
    public var chapters: [String: [String: Tally]] = [:]

    public init() {}

    mutating func record(_ file: String, _ kind: Kind, _ change: (inout Tally) -> Void) {
        change(&chapters[file, default: [:]][kind.rawValue, default: Tally()])
    }

    mutating func checked(_ file: String, _ kind: Kind) { record(file, kind) { $0.checked += 1 } }
    mutating func marked(_ file: String, _ kind: Kind) { record(file, kind) { $0.marked += 1 } }
    mutating func definition(_ file: String, _ kind: Kind) { record(file, kind) { $0.definitions += 1 } }
    mutating func notCheckable(_ file: String, _ kind: Kind, _ reason: String) { record(file, kind) { $0.notCheckable[reason, default: 0] += 1 } }

    mutating func merge(_ other: ClaimCoverage) {
        for (file, kinds) in other.chapters {
            for (kind, tally) in kinds { chapters[file, default: [:]][kind, default: Tally()].merge(tally) }
        }
    }

    /// One kind over all chapters, or every kind of one chapter, or everything.
    public func tally(kind: Kind? = nil, file: String? = nil) -> Tally {
        var out = Tally()
        for (f, kinds) in chapters where file == nil || f == file {
            for (k, t) in kinds where kind == nil || k == kind!.rawValue { out.merge(t) }
        }
        return out
    }

    /// Checked claims as a share of all claims (marked and not checkable ones included).
    public var percent: Double { ClaimCoverage.percent(tally()) }

    static func percent(_ t: Tally) -> Double { t.claims == 0 ? 100 : 100 * Double(t.checked) / Double(t.claims) }
}
