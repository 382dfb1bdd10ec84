extension Verifier.Report {
    /// Adds another verification's checks, coverage and errors (chapters from several folders, one report).
    public mutating func merge(_ other: Verifier.Report) {
        checks += other.checks
        coverage.merge(other.coverage)
        errors += other.errors
    }
}

extension Verifier.Report {
    /// One report of several.
    public static func merged(_ reports: [Verifier.Report]) -> Verifier.Report {
        var all = Verifier.Report()
        for r in reports { all.merge(r) }
        return all
    }
}
