import Foundation
@testable import Serve
import Site

/// A new course (`mcheck init`'s) in a temporary folder, for the serve tests.
struct TestCourse {
    let root: String
    var chapters: String { root + "/chapters" }
    var chapter: String { chapters + "/01-derivatives.md" }
    var theme: String { root + "/site" }
    var config: String { root + "/" + CourseConfig.fileName }
    var out: String { root + "/out" }

    init() throws {
        root = NSTemporaryDirectory() + "mcheck-serve-test-\(UUID().uuidString)"
        try NewCourse.create(at: root, title: "Serve test")
    }

    var options: SiteOptions { SiteOptions(chapters: chapters, theme: theme, out: out) }

    var rebuilder: SiteRebuilder { SiteRebuilder(options: options, configPath: config) }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func write(_ path: String, _ text: String) throws { try text.write(toFile: path, atomically: true, encoding: .utf8) }

    /// Replaces the first `old` of the chapter with `new`.
    func editChapter(_ old: String, _ new: String) throws {
        let text = try read(chapter)
        guard let range = text.range(of: old) else { throw TestCourseError.notFound(old) }
        try write(chapter, text.replacingCharacters(in: range, with: new))
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

enum TestCourseError: Error { case notFound(String) }
