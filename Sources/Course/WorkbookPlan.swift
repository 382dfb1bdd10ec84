import Grading
import Foundation

/// What `mcheck workbook` does for one chapter, and what `mcheck verify` checks: the one place that reads the student's
/// workbook, makes it again from the chapter and compares. `mcheck workbook` prints and writes what it says;
/// `mcheck verify` turns it into a check.
public struct WorkbookPlan: Sendable {
    public enum State: Sendable, Equatable {
        /// No workbook yet: `outcome` is a new one.
        case missing
        case upToDate
        /// The workbook differs from what the chapter makes of it, from this line (1-based) on.
        case stale(line: Int)
        /// The workbook cannot be read (not UTF-8, too large, unreadable, not a file): it must be left alone.
        case unreadable(SourceError)
    }

    public var chapterPath: String
    /// The workbook, e.g. `exercises/ch4.md`.
    public var path: String
    public var exerciseCount: Int
    public var state: State
    /// The workbook as read; nil when missing or unreadable.
    public var existing: Workbook?
    /// The workbook to write; nil when the existing one cannot be read.
    public var outcome: WorkbookWriter.Outcome?

    /// The plan for `chapter`'s workbook in `exercisesFolder`; nil for a chapter without exercises or without a number.
    public static func make(chapter: Workbook, chapterPath: String, exercisesFolder: String) -> WorkbookPlan? {
        guard !chapter.exercises.isEmpty, let name = WorkbookWriter.workbookName(forChapter: chapterPath) else { return nil }
        let path = (exercisesFolder as NSString).appendingPathComponent(name)
        // A multi-part exercise counts once.
        let exerciseCount = chapter.exercises.filter { $0.part == nil || $0.part == "a" }.count
        var plan = WorkbookPlan(chapterPath: chapterPath, path: path, exerciseCount: exerciseCount, state: .missing)
        // lstat, not stat: a symbolic link to nothing is the student's, not a missing workbook to create in its place.
        guard (try? FileManager.default.attributesOfItem(atPath: path)) != nil else {
            plan.outcome = WorkbookWriter.make(chapter: chapter, chapterPath: chapterPath, existing: nil)
            return plan
        }
        let existing: Workbook
        do { existing = try Workbook.load(path) } catch {
            plan.state = .unreadable(error)
            return plan
        }
        let outcome = WorkbookWriter.make(chapter: chapter, chapterPath: chapterPath, existing: existing)
        plan.existing = existing
        plan.outcome = outcome
        if existing.text.utf8.elementsEqual(outcome.text.utf8) {
            plan.state = .upToDate
        } else {
            let a = outcome.text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
            let b = existing.text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
            let firstDiff = zip(a, b).enumerated().first { !$0.element.0.elementsEqual($0.element.1) }?.offset ?? Swift.min(a.count, b.count)
            plan.state = .stale(line: firstDiff + 1)
        }
        return plan
    }

    /// Whether the workbook holds the chapter's solutions or mistakes (it was copied from the chapter).
    public var holdsSolutions: Bool {
        existing?.exercises.contains { $0.solution != nil || !$0.mistakes.isEmpty } ?? false
    }

    /// Writes the new workbook when it differs from the file: atomically, through a symbolic link, keeping the
    /// previous file as `chN.md~`. Returns whether it wrote. Never writes over a workbook it could not read.
    @discardableResult
    public func write() throws(SourceError) -> Bool {
        guard let outcome else { if case .unreadable(let e) = state { throw e }; return false }
        switch state {
        case .upToDate, .unreadable: return false
        case .missing, .stale:
            try SourceFile.replace(path, with: Data(outcome.text.utf8), backup: existing.map { Data($0.text.utf8) })
            return true
        }
    }

    /// The line `mcheck workbook` prints for this chapter (after writing, or finding it up to date).
    public var summary: String {
        guard let outcome, state != .upToDate else { return "\(path): up to date (\(exerciseCount) exercises)" }
        var line = "\(path): \(exerciseCount) exercises"
        if existing == nil { line += " (new workbook)" }
        if !outcome.added.isEmpty { line += "; new: " + outcome.added.joined(separator: ", ") }
        if !outcome.removed.isEmpty { line += "; gone: " + outcome.removed.joined(separator: ", ") + " (answers kept at the end)" }
        if outcome.kept > 0 { line += "; \(outcome.kept) answers kept" }
        return line
    }
}
