import Grading

extension Workbook {
    /// The workbook with every `mistake` block read by `Mistake(fields:file:fenceLine:endLine:)`: a block whose
    /// `feedback:` is missing or names no `FeedbackKind` becomes an error of the file at its line and is dropped.
    ///
    /// Transitional: `Workbook.extract` (not this file's to change) still reads a mistake's kind as a string and
    /// defaults a missing one to `value`. Once it reads mistake blocks with `Mistake(fields:…)` and appends the
    /// error it throws, this pass is redundant and can go.
    public func checkingMistakeKinds() -> Workbook {
        guard exercises.contains(where: { !$0.mistakes.isEmpty }) else { return self }
        var read: [Int: Mistake] = [:]
        var copy = self
        for node in document.codeBlocks() {
            guard let block = node.codeBlock, block.isFenced, block.language == "mistake" else { continue }
            let (fields, _) = Workbook.parseFields(block, file: file, allowed: ["answer", "feedback"])
            // A block without an answer is already an error of the file.
            guard fields.contains(where: { $0.key == "answer" }) else { continue }
            do { read[node.range.start.line] = try Mistake(fields: fields, file: file, fenceLine: node.range.start.line, endLine: node.range.end.line) } catch {
                copy.errors.append(error)
            }
        }
        for k in copy.exercises.indices {
            copy.exercises[k].mistakes = copy.exercises[k].mistakes.compactMap { read[$0.fenceLine] }
        }
        return copy
    }
}
