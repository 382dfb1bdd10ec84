import Calculus
import Grading

/// Grading in the page: the course site sends an exercise block and a student's answer to this code, compiled to
/// WebAssembly (`make wasm`), and shows the result. The same code runs natively, where the parity tests compare it
/// with `mcheck --format json`.
public enum PageGrading {
    /// One answer to grade, as the page sends it.
    public struct Request: Sendable, Equatable {
        /// The file named in messages: the workbook's path, or what the page calls the answer box.
        public var file: String
        /// The exercise block's opening fence line, and its content (the `key: value` lines).
        public var fenceLine: Int
        public var code: String
        /// The answer, and the line of the file where it starts.
        public var answer: String
        public var answerLine: Int

        public init(file: String, fenceLine: Int, code: String, answer: String, answerLine: Int) {
            self.file = file; self.fenceLine = fenceLine; self.code = code; self.answer = answer; self.answerLine = answerLine
        }

        /// The wire form: the five parts separated by NUL characters (file, fence line, code, answer line, answer).
        public init?(wire: String) {
            let parts = wire.split(separator: "\u{0}", maxSplits: 4, omittingEmptySubsequences: false)
            guard parts.count == 5, let fence = Int(parts[1]), let line = Int(parts[3]) else { return nil }
            self.init(file: String(parts[0]), fenceLine: fence, code: String(parts[2]), answer: String(parts[4]), answerLine: line)
        }

        public var wire: String { [file, String(fenceLine), code, String(answerLine), answer].joined(separator: "\u{0}") }
    }

    /// Grades a request; the result as JSON: the object `mcheck --format json` writes for an exercise
    /// (`id`, `line`, `verdict`, `score`, `message`, `feedback`), or `{"errors": [...]}` when the block cannot be read.
    public static func grade(_ request: Request) -> String {
        let (fields, fieldErrors) = Field.parse(request.code, firstLine: request.fenceLine + 1, file: request.file, allowed: Field.exerciseKeys)
        if !fieldErrors.isEmpty { return errorsJSON(fieldErrors) }
        let lineCount = request.code.split(separator: "\n", omittingEmptySubsequences: false).count
        let block = ExerciseBlock(fields: fields, line: request.fenceLine, endLine: request.fenceLine + lineCount + 1)
        let question: Question
        do { question = try Question(block, file: request.file) } catch let e { return errorsJSON([e]) }
        let result = Grader().grade(block, question: question, file: request.file, answerText: request.answer, answerLine: request.answerLine)
        return resultJSON(result)
    }

    /// Grades a request in its wire form; a malformed one gets an error object.
    public static func grade(wire: String) -> String {
        guard let request = Request(wire: wire) else { return #"{"errors":[{"file":"","line":0,"message":"a malformed request"}]}"# }
        return grade(request)
    }

    static func resultJSON(_ r: GradeResult) -> String {
        let json = JSONText()
        json.object {
            json.field("id") { json.string(r.id) }
            if let part = r.part { json.field("part") { json.string(part) } }
            json.field("line") { json.integer(r.line) }
            json.field("verdict") { json.string(r.verdict.rawValue) }
            json.field("score") { json.number(r.score) }
            json.field("message") { json.string(r.message) }
            json.field("feedback") {
                json.array(r.feedback) { f in
                    json.object {
                        json.field("kind") { json.string(f.kind.rawValue) }
                        json.field("message") { json.string(f.message) }
                    }
                }
            }
        }
        return json.text
    }

    static func errorsJSON(_ errors: [SourceError]) -> String {
        let json = JSONText()
        json.object {
            json.field("errors") {
                json.array(errors) { e in
                    json.object {
                        json.field("file") { json.string(e.file) }
                        json.field("line") { json.integer(e.line) }
                        if let column = e.column { json.field("column") { json.integer(column) } }
                        json.field("message") { json.string(e.message) }
                    }
                }
            }
        }
        return json.text
    }
}
