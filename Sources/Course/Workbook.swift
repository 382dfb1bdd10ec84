import Foundation
import Grading
import Markdown

/// A Markdown file with exercises: a student's workbook or an author's chapter.
public struct Workbook: Sendable {
    public var file: String
    public var text: String
    public var document: Document
    public var exercises: [ExerciseBlock]
    /// Malformed blocks: errors of the file; the other exercises are still graded.
    public var errors: [SourceError]
    /// Answers kept from exercises a chapter no longer has (`answer-kept ID` blocks), by id.
    public var keptAnswers: [(String, String)]

    /// Largest file read (a workbook is a few kilobytes; a course chapter well under a megabyte): the one cap on
    /// workbooks and chapters, for `mcheck`, `mcheck workbook`, `mcheck verify` and `mcheck build`.
    public static let maxBytes = 16 * 1024 * 1024

    /// Reads and parses a file. Throws for a file that cannot be read at all.
    public static func load(_ path: String) throws(SourceError) -> Workbook {
        try parse(data: try SourceFile.read(path), file: path)
    }

    public static func parse(data: Data, file: String) throws(SourceError) -> Workbook {
        let document: Document
        do { document = try MarkdownParser.parse(data: data, file: file) } catch {
            switch error {
            case .invalidUTF8(_, let location, _):
                throw SourceError(file: file, line: location.line, column: location.column, message: "the file is not valid UTF-8 (save it as UTF-8)")
            }
        }
        let text = String(decoding: data, as: UTF8.self)
        return Workbook(file: file, text: text, document: document)
    }

    public init(file: String, text: String) {
        let document = (try? MarkdownParser.parse(text, file: file)) ?? (try! MarkdownParser.parse("", file: file))
        self.init(file: file, text: text, document: document)
    }

    init(file: String, text: String, document: Document) {
        self.file = file
        self.text = text
        self.document = document
        (exercises, errors, keptAnswers) = Workbook.extract(document, file: file)
        if !exercises.isEmpty {
            let lines = RawLines(text)
            for e in exercises where !lines.closesFence(openedOn: e.line, on: e.endLine) {
                errors.append(SourceError(file: file, line: e.line, column: 1,
                                          message: "this exercise block is never closed: add a line ``` after its last field (the rest of the file is read as part of it)"))
            }
        }
    }

    static let fieldKeys = Field.exerciseKeys

    /// Finds exercise blocks and the answer, solution and mistake blocks after each.
    static func extract(_ document: Document, file: String) -> ([ExerciseBlock], [SourceError], [(String, String)]) {
        var exercises: [ExerciseBlock] = []
        var errors: [SourceError] = []
        var ids: [String: Int] = [:]
        var keptAnswers: [(String, String)] = []
        /// The multi-part exercise whose part the previous exercise block was: its id, letters so far, part a's index.
        var group: (id: String, letters: [String], lines: [Int], first: Int)?
        for node in document.codeBlocks() {
            guard let block = node.codeBlock, block.isFenced else { continue }
            let fence = node.range.start.line, end = node.range.end.line
            switch block.language {
            case "exercise":
                let (fields, fieldErrors) = parseFields(block, file: file, allowed: fieldKeys)
                errors += fieldErrors
                var exercise = ExerciseBlock(fields: fields, line: fence, endLine: end)
                let previousGroup = group
                group = nil
                if let f = exercise.field("part"), !isValidPart(f.value) {
                    errors.append(SourceError(file: file, line: f.line, column: f.valueColumn, message: "part must be one lowercase letter (a, b, c, …), not '\(f.value)'", sourceLine: f.text, length: Swift.max(1, f.value.count)))
                    exercise.fields.removeAll { $0.key == "part" }
                }
                if let id = exercise.id, let f = exercise.field("part"), isValidID(id) {
                    // A part: `a` opens a multi-part exercise, each next letter continues the one just before.
                    let part = f.value
                    if let g = previousGroup, g.id == id {
                        if let k = g.letters.firstIndex(of: part) {
                            errors.append(SourceError(file: file, line: f.line, column: f.valueColumn, message: "part '\(part)' of exercise '\(id)' is given twice (first on line \(g.lines[k]))", sourceLine: f.text, length: part.count))
                            exercise.fields.removeAll { $0.key == "id" }
                            group = g
                        } else if part != nextPart(after: g.letters.last!) {
                            errors.append(SourceError(file: file, line: f.line, column: f.valueColumn, message: "part '\(part)' of exercise '\(id)' follows part '\(g.letters.last!)': the parts go a, b, c, … in order (expected '\(nextPart(after: g.letters.last!))')", sourceLine: f.text, length: part.count))
                            exercise.fields.removeAll { $0.key == "id" }
                            group = g
                        } else {
                            exercise.inherit(from: exercises[g.first])
                            group = (id, g.letters + [part], g.lines + [fence], g.first)
                        }
                        exercises.append(exercise)
                        continue
                    }
                    if part != "a" {
                        let why = ids[id].map { "is not right after its other parts (line \($0)): the parts of an exercise are consecutive exercise blocks, with only prose between them" }
                            ?? "has no part 'a' before it (a multi-part exercise starts with 'part: a')"
                        errors.append(SourceError(file: file, line: f.line, column: f.valueColumn, message: "part '\(part)' of exercise '\(id)' \(why)", sourceLine: f.text, length: part.count))
                        exercise.fields.removeAll { $0.key == "id" }
                        exercises.append(exercise)
                        continue
                    }
                    if ids[id] == nil { group = (id, [part], [fence], exercises.count) }
                }
                if let id = exercise.id {
                    if !isValidID(id) {
                        let f = exercise.field("id")!
                        errors.append(SourceError(file: file, line: f.line, column: f.valueColumn, message: "id '\(id)' may hold only letters, digits, - and _", sourceLine: f.text, length: id.count))
                    } else if let first = ids[id] {
                        let f = exercise.field("id")!
                        errors.append(SourceError(file: file, line: f.line, column: f.valueColumn, message: "duplicate id '\(id)' (first used on line \(first))", sourceLine: f.text, length: id.count))
                        exercise.fields.removeAll { $0.key == "id" }
                    } else {
                        ids[id] = fence
                    }
                } else {
                    // Without an id it can be neither graded nor given an answer block: say so, don't skip it silently.
                    errors.append(SourceError(file: file, line: fence, message: "exercise has no id (add a line such as 'id: jacobian-fg')"))
                }
                exercises.append(exercise)
            case "answer", "solution":
                let attached = AttachedBlock(text: block.code, contentLine: block.contentStartLine, fenceLine: fence, endLine: end)
                guard !exercises.isEmpty else {
                    errors.append(SourceError(file: file, line: fence, message: "\(block.language) block before any exercise"))
                    continue
                }
                let k = exercises.count - 1
                if block.language == "answer" {
                    if exercises[k].answer != nil {
                        errors.append(SourceError(file: file, line: fence, message: "a second answer block for exercise '\(exercises[k].name ?? "?")' (the first is on line \(exercises[k].answer!.fenceLine))"))
                    } else { exercises[k].answer = attached }
                } else {
                    if exercises[k].solution != nil {
                        errors.append(SourceError(file: file, line: fence, message: "a second solution block for exercise '\(exercises[k].name ?? "?")'"))
                    } else { exercises[k].solution = attached }
                }
            case "answer-kept":
                let id = block.info.split(separator: " ").dropFirst().first.map(String.init) ?? ""
                keptAnswers.append((id, block.code))
            case "mistake":
                guard !exercises.isEmpty else {
                    errors.append(SourceError(file: file, line: fence, message: "mistake block before any exercise"))
                    continue
                }
                let (fields, fieldErrors) = parseFields(block, file: file, allowed: ["answer", "feedback"])
                errors += fieldErrors
                do {
                    exercises[exercises.count - 1].mistakes.append(try Mistake(fields: fields, file: file, fenceLine: fence, endLine: end))
                } catch {
                    errors.append(error)
                }
            default: continue
            }
        }
        return (exercises, errors, keptAnswers)
    }

    /// A part's letter: one of a to z.
    static func isValidPart(_ part: String) -> Bool {
        part.unicodeScalars.count == 1 && ("a"..."z").contains(part.unicodeScalars.first!)
    }

    static func nextPart(after part: String) -> String {
        String(Unicode.Scalar(part.unicodeScalars.first!.value + 1).map(Character.init) ?? "?")
    }

    /// An exercise's key in a workbook: a valid id, and a part after a dot (`chain-sin.b`).
    static func isValidKey(_ key: String) -> Bool {
        let pieces = key.split(separator: ".", omittingEmptySubsequences: false)
        return (pieces.count == 1 || (pieces.count == 2 && isValidPart(String(pieces[1])))) && isValidID(String(pieces[0]))
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
    }

    /// `key: value` lines; blank lines are skipped.
    static func parseFields(_ block: CodeBlock, file: String, allowed: Set<String>) -> ([Field], [SourceError]) {
        Field.parse(block.code, firstLine: block.contentStartLine, file: file, allowed: allowed)
    }
}
