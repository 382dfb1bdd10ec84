/// One `key: value` line of an exercise block, with where it stands.
public struct Field: Sendable, Equatable {
    public var key: String
    public var value: String
    public var line: Int
    /// The column where the value starts (1-based).
    public var valueColumn: Int
    public var text: String

    public init(key: String, value: String, line: Int, valueColumn: Int, text: String) {
        self.key = key; self.value = value; self.line = line; self.valueColumn = valueColumn; self.text = text
    }
}

/// A block of text that stands after an exercise: an `answer`, a `solution` or a `mistake`.
public struct AttachedBlock: Sendable, Equatable {
    public var text: String
    /// The line of the first content line (for an empty block, the line after the fence).
    public var contentLine: Int
    /// The line of the opening fence, and of the closing one.
    public var fenceLine: Int
    public var endLine: Int

    public init(text: String, contentLine: Int, fenceLine: Int, endLine: Int) {
        self.text = text; self.contentLine = contentLine; self.fenceLine = fenceLine; self.endLine = endLine
    }
}

/// A common mistake a chapter shows: a wrong answer and the feedback it must get.
public struct Mistake: Sendable, Equatable {
    public var answer: String
    /// The kind of feedback the grader must give the answer.
    public var feedback: FeedbackKind
    /// The line of the `answer:` field.
    public var line: Int
    public var fenceLine: Int
    public var endLine: Int

    public init(answer: String, feedback: FeedbackKind, line: Int, fenceLine: Int, endLine: Int) {
        self.answer = answer; self.feedback = feedback; self.line = line; self.fenceLine = fenceLine; self.endLine = endLine
    }

    /// Reads the fields of a `mistake` block: an `answer:` and a `feedback:` naming a `FeedbackKind`. A missing
    /// answer or kind is an error at the fence, an unknown kind an error at its value, listing the valid kinds.
    public init(fields: [Field], file: String, fenceLine: Int, endLine: Int) throws(SourceError) {
        guard let answer = fields.first(where: { $0.key == "answer" }) else {
            throw SourceError(file: file, line: fenceLine, message: "a mistake block needs an 'answer:' line")
        }
        guard let kind = fields.first(where: { $0.key == "feedback" }) else {
            throw SourceError(file: file, line: fenceLine, message: "a mistake block needs a 'feedback:' line naming the feedback the answer must get: one of \(FeedbackKind.list)")
        }
        guard let feedback = FeedbackKind(rawValue: kind.value) else {
            throw SourceError(file: file, line: kind.line, column: kind.valueColumn, message: "unknown feedback kind '\(kind.value)'; expected one of \(FeedbackKind.list)",
                              sourceLine: kind.text, length: Swift.max(1, kind.value.count))
        }
        self.init(answer: answer.value, feedback: feedback, line: answer.line, fenceLine: fenceLine, endLine: endLine)
    }
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

    public init(fields: [Field], line: Int, endLine: Int, answer: AttachedBlock? = nil, solution: AttachedBlock? = nil, mistakes: [Mistake] = []) {
        self.fields = fields; self.line = line; self.endLine = endLine
        self.answer = answer; self.solution = solution; self.mistakes = mistakes
    }

    public func field(_ key: String) -> Field? { fields.first { $0.key == key } }
    public var id: String? { field("id")?.value }
    /// The part's letter (`a`, `b`, …) in a multi-part exercise; nil for an exercise of one question.
    public var part: String? { field("part")?.value }
    /// What tells this question from every other of its file: the id, and the part after a dot (`chain-sin.b`).
    public var key: String? { id.map { ExerciseBlock.key(id: $0, part: part) } }
    /// How messages name it: `chain-sin (b)`, or the id.
    public var name: String? { id.map { ExerciseBlock.name(id: $0, part: part) } }

    public static func key(id: String, part: String?) -> String { part.map { id + "." + $0 } ?? id }
    public static func name(id: String, part: String?) -> String { part.map { id + " (" + $0 + ")" } ?? id }
}
