/// The numbers that decide equality, in one place: how close two values must be, how many points are compared,
/// and the seed that makes every verdict the same from run to run.
public enum Tolerances {
    /// Relative tolerance per entry when two values are compared (`Equivalence.close`).
    public static let relative = 1e-9
    /// The absolute floor added to it, as a fraction of `relative`, so values near zero compare sensibly.
    public static let absoluteFraction = 1e-2
    /// Relative tolerance at points far from the origin (a value beyond 10), where equal forms round further apart.
    public static let far = 1e-7
    /// Looser tolerance for ratios computed from two sampled values (a constant factor, a scaling).
    public static let ratio = 1e-7
    /// A ratio within this of 1 is "very close" rather than a different constant factor.
    public static let nearMiss = 0.01
    /// A symbolic derivative agrees with central differences when their relative error is below this.
    public static let finiteDifference = 1e-5
    /// The step of central differences, relative to the point's magnitude.
    public static let finiteDifferenceStep = 1e-5
}

/// How sample points are drawn.
public enum Sampling {
    /// The seed of every sampler: the same input gives the same points, so verdicts never change.
    public static let seed: UInt64 = 0x6D63_6865_636B
    /// Points compared to decide equality.
    public static let decisionPoints = 12
    /// Points where a derivative is compared with central differences (`mcheck diff --check`).
    public static let derivativeCheckPoints = 10
    /// Points compared by a diagnosis (which asks several questions of one wrong answer).
    public static let diagnosisPoints = 6
}
