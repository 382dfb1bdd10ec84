/// One `key: value` line of an exercise block, with where it stands.
public struct Field: Sendable, Equatable {
    public var key: String
    public var value: String
    public var line: Int
    /// The column where the value starts (1-based).
    public var valueColumn: Int
    public var text: String
}

/// A block of text that stands after an exercise: an `answer`, a `solution` or a `mistake`.
public struct AttachedBlock: Sendable, Equatable {
    public var text: String
    /// The line of the first content line (for an empty block, the line after the fence).
    public var contentLine: Int
    /// The line of the opening fence, and of the closing one.
    public var fenceLine: Int
    public var endLine: Int
}

/// A common mistake a chapter shows: a wrong answer and the feedback it must get.
public struct Mistake: Sendable, Equatable {
    public var answer: String
    public var feedback: String
    public var line: Int
    public var fenceLine: Int
    public var endLine: Int
}

/// An exercise as written: its fields and the blocks that follow it, before its expressions are read.
public struct ExerciseBlock: Sendable, Equatable {
    public var fields: [Field]
    /// The line of the opening fence and of the closing fence.
    public var line: Int
    public var endLine: Int
    public var answer: AttachedBlock?
    public var solution: AttachedBlock?
    public var mistakes: [Mistake] = []

    public func field(_ key: String) -> Field? { fields.first { $0.key == key } }
    public var id: String? { field("id")?.value }
}
