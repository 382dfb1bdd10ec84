/// One piece of feedback a student can act on.
public struct Feedback: Sendable, Equatable {
    public var kind: FeedbackKind
    public var message: String
    public init(_ kind: FeedbackKind, _ message: String) { self.kind = kind; self.message = message }
}

/// The grade of one exercise.
public struct GradeResult: Sendable {
    public enum Verdict: String, Sendable, CaseIterable { case correct, incorrect, unanswered, invalid }
    public var id: String
    /// The part's letter in a multi-part exercise; nil for an exercise of one question.
    public var part: String?
    public var line: Int
    public var verdict: Verdict
    /// 1 for correct, a fraction for a matrix with some entries right, else 0.
    public var score: Double
    /// One line: why.
    public var message: String
    public var feedback: [Feedback]

    public init(id: String, part: String? = nil, line: Int, verdict: Verdict, score: Double, message: String, feedback: [Feedback]) {
        self.id = id; self.part = part; self.line = line; self.verdict = verdict; self.score = score; self.message = message; self.feedback = feedback
    }

    /// How reports name it: `chain-sin (b)`, or the id.
    public var name: String { ExerciseBlock.name(id: id, part: part) }

    /// The kinds of feedback given, in order.
    public var kinds: [FeedbackKind] { feedback.map({ $0.kind }) }
}

// JSON output is the native build's (Embedded Swift, the WebAssembly build, has no Codable; it writes its JSON itself).
#if !hasFeature(Embedded)
extension Feedback: Codable {}
extension GradeResult.Verdict: Codable {}
extension FeedbackKind: Codable {}
#endif
