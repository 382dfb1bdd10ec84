import Foundation
import Grading

/// The course's own questions, for grading what students hand in (`mcheck --course chapters/`, `mcheck gradebook`):
/// a student's workbook is graded on the exercises of its chapter as the chapter states them, not as the
/// workbook does, so an edited `ask:`, a deleted exercise or an exercise the student added cannot change a grade.
public struct CourseQuestions: Sendable {
    /// The folder the chapters were read from.
    public let folder: String
    /// Workbook file name (`ch4.md`) → the chapter it is made from.
    let chapters: [String: Workbook]

    /// Reads every chapter of `folder`.
    public init(folder: String) throws(SourceError) {
        self.folder = folder
        var chapters: [String: Workbook] = [:]
        for path in try ChapterFiles.list(in: folder) {
            guard let name = WorkbookWriter.workbookName(forChapter: path) else { continue }
            let chapter = try Workbook.load(path)
            if !chapter.exercises.isEmpty { chapters[name] = chapter }
        }
        self.chapters = chapters
    }

    /// The file names of the course's workbooks (`ch1.md` …), in order.
    public var workbookNames: [String] { chapters.keys.sorted(by: WorkbookName.precedes) }

    /// The chapter whose workbook has the file name of `path`, if the course has one.
    public func chapter(forWorkbook path: String) -> Workbook? { chapters[(path as NSString).lastPathComponent] }

    /// The workbook with the chapter's exercises in the chapter's order, each with the student's answer (matched by
    /// id; none when the student's file lacks the exercise), and a note for each exercise whose question the
    /// workbook states otherwise, or that the course does not have (neither is graded as the workbook states it).
    public func questions(of workbook: Workbook) -> (workbook: Workbook, notes: [SourceError]) {
        guard let chapter = chapter(forWorkbook: workbook.file) else { return (workbook, []) }
        var byID: [String: ExerciseBlock] = [:]
        for block in workbook.exercises { if let key = block.key, byID[key] == nil { byID[key] = block } }
        var notes: [SourceError] = []
        var exercises: [ExerciseBlock] = []
        for question in chapter.exercises {
            guard let key = question.key, let id = question.name else { continue }
            guard let mine = byID[key] else {
                exercises.append(ExerciseBlock(fields: question.fields, line: 1, endLine: 1))
                continue
            }
            for key in Field.exerciseKeys where mine.field(key)?.value != question.field(key)?.value {
                notes.append(SourceError(file: workbook.file, line: mine.field(key)?.line ?? mine.line,
                                         message: "exercise '\(id)': its '\(key)' differs from the course's (\(chapter.file)); graded on the course's question"))
            }
            exercises.append(ExerciseBlock(fields: question.fields, line: mine.line, endLine: mine.endLine, answer: mine.answer))
        }
        let known = Set(chapter.exercises.compactMap(\.key))
        for block in workbook.exercises {
            guard let key = block.key, let id = block.name, !known.contains(key) else { continue }
            notes.append(SourceError(file: workbook.file, line: block.line, message: "exercise '\(id)' is not in the course (\(chapter.file)): not graded"))
        }
        var graded = workbook
        graded.exercises = exercises
        return (graded, notes)
    }
}
