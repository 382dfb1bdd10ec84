import Dispatch
import Grading

/// Grading many workbooks at once, on all cores: each file is read and graded on its own (cmark-gfm's parse is
/// serialized inside `Markdown`; grading, most of the time, runs in parallel).
public enum ParallelGrading {
    /// One file's outcome: its grades, or why it could not be read.
    public typealias Outcome = Result<Workbook.Graded, SourceError>

    /// The outcome of each path, in the order of the paths.
    /// With `course`, each workbook is graded on its chapter's questions (`CourseQuestions`), and what differs is noted.
    public static func grade(_ paths: [String], useSolutions: Bool = false, course: CourseQuestions? = nil) -> [Outcome] {
        let grader = Grader()
        return parallelMap(paths) { path -> Outcome in
            do throws(SourceError) {
                let read = try Workbook.load(path)
                let isWorkbook = !read.exercises.isEmpty || !read.errors.isEmpty
                if let course, course.chapter(forWorkbook: path) == nil {
                    let note = SourceError(file: path, line: 1, message: "not a workbook of the course (\(course.folder)): not graded")
                    return .success(Workbook.Graded(report: FileReport(file: path, results: [], errors: []), isWorkbook: false, notes: isWorkbook ? [note] : []))
                }
                let (workbook, notes) = course?.questions(of: read) ?? (read, [])
                // A course workbook is one even with its exercises deleted: they count, unanswered.
                return .success(Workbook.Graded(report: grader.grade(workbook, useSolutions: useSolutions), isWorkbook: isWorkbook || course != nil, notes: notes))
            } catch {
                return .failure(error)
            }
        }
    }
}

extension Workbook {
    /// A workbook's grades; `isWorkbook` is false for a Markdown file without any exercise block (a README).
    public struct Graded: Sendable {
        public var report: FileReport
        public var isWorkbook: Bool
        /// Where the workbook differs from the course it was graded against (warnings, not errors).
        public var notes: [SourceError] = []
    }
}

/// `items.map(transform)` on all cores; the order of the results is the order of the items (also the site's pages).
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    if items.count < 2 { return items.map(transform) }
    // Each slot is initialized exactly once, by its own iteration.
    return [R](unsafeUninitializedCapacity: items.count) { buffer, count in
        nonisolated(unsafe) let slots = buffer.baseAddress!
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            (slots + i).initialize(to: transform(items[i]))
        }
        count = items.count
    }
}
