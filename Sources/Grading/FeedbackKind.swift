/// What a piece of feedback is about. The raw values are the names written in `mistake` blocks
/// (`feedback: transposed`) and printed in JSON and JUnit output.
public enum FeedbackKind: String, Sendable, CaseIterable {
    /// How the answer was read (every answer that parses gets it).
    case readAs
    /// The answer has the wrong shape.
    case shape
    /// The answer is the transpose of the right one.
    case transposed
    /// The answer is a constant multiple of the right one.
    case factor
    /// The answer is the negative of the right one.
    case sign
    /// The answer is wrong on one side of a kink of max, min or a case distinction.
    case kink
    /// Some entries of a matrix are right, the others wrong.
    case entries
    /// The values differ at a sample point (every incorrect answer of the right shape gets it).
    case value
    /// The answer cannot be read.
    case syntax
    /// A find-the-error answer names a step that is right (or not the first wrong one): the error is earlier or later.
    case step

    /// The feedback in one sentence, for a reader of the course (the site's common-mistake notes).
    public var summary: String {
        switch self {
        case .transposed: "This is the transpose of the answer: the layout is mixed up (rows and columns swapped)."
        case .entries: "Some entries of the matrix are wrong; the others are right."
        case .shape: "The answer has the wrong shape."
        case .sign: "The sign is wrong."
        case .factor: "The answer is off by a constant factor."
        case .kink: "The answer is wrong where the function has a kink (check the conditions of max/min)."
        case .readAs: "The answer is read differently from what was meant (check the parentheses)."
        case .value: "The value is wrong."
        case .syntax: "The answer cannot be read."
        case .step: "That step is not where the derivation goes wrong: the error is in an earlier or a later step."
        }
    }

    /// `readAs, shape, …`: every kind, for messages.
    public static var list: String { allCases.map({ $0.rawValue }).joined(separator: ", ") }
}
