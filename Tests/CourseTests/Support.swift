import Foundation
import Grading
import Testing
@testable import Course

/// Where the fixtures and the repository are, and small helpers shared by the suites.
enum Fixtures {
    /// The copied `Fixtures` folder of the test bundle.
    static let root: String = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("the Fixtures folder is missing from the test bundle")
        }
        return url.path
    }()

    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    static func workbook(_ name: String) throws -> Workbook {
        try Workbook.load(path("workbooks/\(name)"))
    }

    /// Grades a fixture workbook and returns the report and its results by id.
    static func grade(_ name: String) throws -> (FileReport, [String: GradeResult]) {
        let report = Grader().grade(try workbook(name))
        var byID: [String: GradeResult] = [:]
        for r in report.results { byID[r.id] = r }
        return (report, byID)
    }

    /// The repository: three folders up from this file (Tests/CourseTests/Support.swift).
    static func repositoryRoot(_ filePath: String = #filePath) -> String {
        var url = URL(fileURLWithPath: filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    /// The line (1-based) of the first line of `text` equal to `line` after `from` (a line number).
    static func line(of needle: String, in text: String, after from: Int = 0) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (k, l) in lines.enumerated() where k + 1 > from && l == needle { return k + 1 }
        return nil
    }
}

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String
    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("mcheck-course-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    func write(_ name: String, _ text: String) throws -> String {
        let p = file(name)
        try FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// FNV-1a over the bytes of a file: enough to see that grading left it untouched.
func fingerprint(_ path: String) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return "\(String(h, radix: 16))/\(data.count)"
}
