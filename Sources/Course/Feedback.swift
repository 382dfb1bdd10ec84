/// One piece of feedback a student can act on.
public struct Feedback: Sendable, Equatable, Codable {
    /// `readAs`, `shape`, `transposed`, `factor`, `sign`, `kink`, `entries`, `value`, `syntax`.
    public var kind: String
    public var message: String
    public init(_ kind: String, _ message: String) { self.kind = kind; self.message = message }
}

/// The grade of one exercise.
public struct GradeResult: Sendable {
    public enum Verdict: String, Sendable, Codable, CaseIterable { case correct, incorrect, unanswered, invalid }
    public var id: String
    public var line: Int
    public var verdict: Verdict
    /// 1 for correct, a fraction for a matrix with some entries right, else 0.
    public var score: Double
    /// One line: why.
    public var message: String
    public var feedback: [Feedback]
}
