/// When to rebuild after the sources change (debouncing): once they have been quiet for `quiet` seconds, since an
/// editor's save or a `git checkout` is often several writes in a row; but no later than `patience` seconds after the
/// first change of a burst, so that a file rewritten without pause still gets built.
///
/// Times are plain seconds from any fixed origin, so that the schedule can be tested without a clock.
public struct RebuildSchedule: Sendable, Equatable {
    public var quiet: Double
    public var patience: Double
    /// The first and the last change not yet built; nil when nothing is pending.
    public private(set) var firstChange: Double?
    public private(set) var lastChange: Double?
    /// The paths changed since the last build started.
    public private(set) var pending: Set<String> = []

    public init(quiet: Double = 0.2, patience: Double = 2) {
        self.quiet = quiet
        self.patience = patience
    }

    /// Notes that `paths` changed at time `t`.
    public mutating func noteChanges(_ paths: [String], at t: Double) {
        guard !paths.isEmpty else { return }
        if firstChange == nil { firstChange = t }
        lastChange = t
        pending.formUnion(paths)
    }

    /// Whether a build should start at time `t`.
    public func isDue(at t: Double) -> Bool {
        guard let firstChange, let lastChange else { return false }
        return t - lastChange >= quiet || t - firstChange >= patience
    }

    /// A build starts: returns the paths it is for and forgets them; a change from now on waits for the next build.
    public mutating func start() -> [String] {
        let paths = pending.sorted()
        firstChange = nil
        lastChange = nil
        pending = []
        return paths
    }
}
