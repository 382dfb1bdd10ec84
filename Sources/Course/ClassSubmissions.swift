import Foundation
import Grading

/// The workbooks of a class, found in a folder of submissions: one folder per student (`alice/ch4.md`, at any
/// depth: `alice/exercises/ch4.md`, as a cloned repository has it) or files named by student (`alice-ch4.md`,
/// `alice_ch4.md`: the student is the name before the last `-` or `_`). Students are told apart without regard
/// to case (`Alice/` and `alice-ch4.md` are one student, as GitHub user names are). Hidden files and folders
/// (`.git`, `.github`) are left out.
public struct ClassSubmissions: Sendable, Equatable {
    /// One workbook of one student.
    public struct Submission: Sendable, Equatable {
        public var student: String
        /// The workbook's name, as the gradebook's columns name it: `ch4.md`.
        public var workbook: String
        public var path: String
    }

    /// The same workbook of one student found more than once: the first (the shallowest, then in path order) is
    /// graded, the others are not.
    public struct Duplicate: Sendable, Equatable, CustomStringConvertible {
        public var student: String
        public var workbook: String
        public var graded: String
        public var ignored: [String]
        public var description: String {
            "\(student): \(workbook) submitted \(ignored.count + 1) times; graded \(graded), not \(ignored.joined(separator: ", "))"
        }
    }

    /// Students in order (case-insensitively), each under the spelling first found.
    public var students: [String] = []
    /// The workbooks to grade, by student in the order of `students`.
    public var submissions: [Submission] = []
    public var duplicates: [Duplicate] = []
    /// Files that belong to no student, folders that cannot be read.
    public var errors: [SourceError] = []

    /// Finds the submissions in each folder.
    public static func find(in folders: [String]) -> ClassSubmissions {
        var found: [Submission] = []
        var errors: [SourceError] = []
        let fm = FileManager.default
        for folder in folders {
            guard SourceFile.kind(atPath: folder) == .folder, let names = try? fm.contentsOfDirectory(atPath: folder) else {
                errors.append(SourceError(file: folder, line: 0, message: SourceFile.kind(atPath: folder) == .missing ? "no such folder" : "cannot read this folder"))
                continue
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = (folder as NSString).appendingPathComponent(name)
                if SourceFile.kind(atPath: path) == .folder {
                    guard let inside = try? fm.subpathsOfDirectory(atPath: path) else {
                        errors.append(SourceError(file: path, line: 0, message: "cannot read this folder"))
                        continue
                    }
                    for sub in inside.sorted() where sub.hasSuffix(".md") && !sub.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                        found.append(Submission(student: name, workbook: (sub as NSString).lastPathComponent, path: (path as NSString).appendingPathComponent(sub)))
                    }
                } else if name.hasSuffix(".md") {
                    guard let cut = name.lastIndex(where: { $0 == "-" || $0 == "_" }), cut != name.startIndex, name.index(after: cut) < name.index(name.endIndex, offsetBy: -3) else {
                        errors.append(SourceError(file: path, line: 0, message: "whose workbook is this? Name it STUDENT-chN.md, or put it in a folder named after the student"))
                        continue
                    }
                    found.append(Submission(student: String(name[..<cut]), workbook: String(name[name.index(after: cut)...]), path: path))
                }
            }
        }
        return group(found, errors: errors)
    }

    /// Students and their workbooks from what was found; the same workbook twice for one student is a duplicate.
    static func group(_ found: [Submission], errors: [SourceError]) -> ClassSubmissions {
        var result = ClassSubmissions(errors: errors)
        var spelling: [String: String] = [:]
        var byKey: [String: [Submission]] = [:]
        for s in found {
            let key = s.student.lowercased()
            if spelling[key] == nil { spelling[key] = s.student; result.students.append(s.student) }
            byKey[key, default: []].append(s)
        }
        result.students.sort { $0.lowercased() < $1.lowercased() }
        for student in result.students {
            var byWorkbook: [String: [Submission]] = [:]
            var order: [String] = []
            for s in byKey[student.lowercased()] ?? [] {
                if byWorkbook[s.workbook] == nil { order.append(s.workbook) }
                byWorkbook[s.workbook, default: []].append(Submission(student: student, workbook: s.workbook, path: s.path))
            }
            for workbook in order.sorted(by: WorkbookName.precedes) {
                let copies = byWorkbook[workbook]!.sorted { depth($0.path) != depth($1.path) ? depth($0.path) < depth($1.path) : $0.path < $1.path }
                result.submissions.append(copies[0])
                if copies.count > 1 {
                    result.duplicates.append(Duplicate(student: student, workbook: workbook, graded: copies[0].path, ignored: copies.dropFirst().map(\.path)))
                }
            }
        }
        return result
    }

    static func depth(_ path: String) -> Int { path.split(separator: "/").count }
}

/// Workbook names in the course's order: `ch2.md` before `ch10.md` (numbers compared as numbers).
enum WorkbookName {
    static func precedes(_ a: String, _ b: String) -> Bool {
        let ka = key(a), kb = key(b)
        return ka != kb ? ka.lexicographicallyPrecedes(kb) : a < b
    }

    /// Runs of digits as numbers, other characters as themselves.
    static func key(_ name: String) -> [Part] {
        var parts: [Part] = []
        var digits = ""
        for c in name {
            if c.isASCII && c.isNumber { digits.append(c); continue }
            if !digits.isEmpty { parts.append(.number(Int(digits.prefix(18)) ?? 0)); digits = "" }
            parts.append(.text(String(c)))
        }
        if !digits.isEmpty { parts.append(.number(Int(digits.prefix(18)) ?? 0)) }
        return parts
    }

    enum Part: Comparable {
        case number(Int)
        case text(String)
    }
}
