import Grading

/// A class's grades: one row per student, a column per exercise (workbook and id), totals per workbook (chapter)
/// and the verdict counts. Built from `ClassSubmissions` and the outcome of grading each of its files.
public struct Gradebook: Sendable {
    /// One exercise column: `ch4.md:jacobian-fg`.
    public struct Column: Sendable, Hashable {
        public var workbook: String
        public var id: String
        public var name: String { "\(workbook):\(id)" }
    }

    /// One workbook (chapter) and how many points it holds: one per exercise.
    public struct Chapter: Sendable, Equatable {
        public var workbook: String
        public var exercises: Int
    }

    public struct Row: Sendable {
        public enum Status: String, Sendable { case ok, error }
        public var student: String
        /// `error` when a workbook of the student's could not be read or has errors; the rest is graded.
        public var status: Status
        /// The score of each column, 0–1; nil when unanswered or not submitted.
        public var scores: [Column: Double]
        /// The sum of each submitted workbook's scores; a workbook not submitted has none.
        public var chapterTotals: [String: Double]
        public var total: Double
        public var counts: [GradeResult.Verdict: Int]
        /// Workbooks of the course this student did not submit.
        public var missing: [String]
        /// The errors of the student's files, `file:line:column: message`.
        public var errors: [SourceError]
        /// The student's workbooks found more than once.
        public var duplicates: [ClassSubmissions.Duplicate]
    }

    public var columns: [Column] = []
    public var chapters: [Chapter] = []
    public var rows: [Row] = []
    public var duplicates: [ClassSubmissions.Duplicate] = []
    /// Files of no student, folders that cannot be read.
    public var errors: [SourceError] = []

    public var maxTotal: Int { columns.count }

    /// Grades every submission (in parallel) and builds the gradebook. Columns are every exercise found in any
    /// student's copy of a workbook, in workbook order and then in the order of the first copy holding them. With
    /// `course`, every workbook is graded on its chapter's questions (`CourseQuestions`), so the columns are the
    /// course's exercises and what a student changed in a question, or added, counts for nothing (and is noted).
    public static func grade(_ submissions: ClassSubmissions, course: CourseQuestions? = nil) -> Gradebook {
        let outcomes = ParallelGrading.grade(submissions.submissions.map(\.path), course: course)
        var book = Gradebook(submissions, outcomes: outcomes)
        for case .success(let graded) in outcomes { book.errors += graded.notes }
        return book
    }

    init(_ submissions: ClassSubmissions, outcomes: [ParallelGrading.Outcome]) {
        duplicates = submissions.duplicates
        errors = submissions.errors
        // A Markdown file without exercise blocks (a README) is not a workbook; a damaged one is.
        let graded = zip(submissions.submissions, outcomes).filter {
            if case .success(let g) = $0.1 { return g.isWorkbook } else { return true }
        }
        var seen = Set<Column>()
        var byWorkbook: [String: [Column]] = [:]
        for (s, outcome) in graded {
            guard case .success(let g) = outcome else { continue }
            for r in g.report.exercises {
                let c = Column(workbook: s.workbook, id: r.id)
                if seen.insert(c).inserted { byWorkbook[s.workbook, default: []].append(c) }
            }
        }
        let workbooks = Set(graded.map(\.0.workbook)).sorted(by: WorkbookName.precedes)
        chapters = workbooks.map { Chapter(workbook: $0, exercises: byWorkbook[$0]?.count ?? 0) }
        columns = workbooks.flatMap { byWorkbook[$0] ?? [] }
        for student in submissions.students {
            let mine = graded.filter { $0.0.student == student }
            var row = Row(student: student, status: .ok, scores: [:], chapterTotals: [:], total: 0, counts: [:], missing: [], errors: [],
                          duplicates: duplicates.filter { $0.student == student })
            var submitted = Set<String>()
            for (s, outcome) in mine {
                submitted.insert(s.workbook)
                switch outcome {
                case .failure(let error):
                    row.errors.append(error)
                case .success(let g):
                    row.errors += g.report.errors
                    // A column and a point per exercise: a multi-part exercise's score is the mean of its parts';
                    // the verdicts count each part.
                    var sum = 0.0
                    for r in g.report.results { row.counts[r.verdict, default: 0] += 1 }
                    for e in g.report.exercises {
                        sum += e.score
                        if !e.unanswered { row.scores[Column(workbook: s.workbook, id: e.id)] = e.score }
                    }
                    row.chapterTotals[s.workbook] = sum
                    row.total += sum
                }
            }
            row.missing = workbooks.filter { !submitted.contains($0) }
            if !row.errors.isEmpty { row.status = .error }
            rows.append(row)
        }
    }
}
