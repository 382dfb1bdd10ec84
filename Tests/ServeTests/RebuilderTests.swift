import Foundation
import Testing
@testable import Serve
import Site

@Suite("Rebuilding for mcheck serve")
struct SiteRebuilderTests {
    @Test func firstBuildChangesEverythingThenOnlyWhatAnEditTouches() throws {
        let course = try TestCourse()
        defer { course.remove() }
        var rebuilder = course.rebuilder
        guard case .built(let first) = rebuilder.build() else { Issue.record("the new course does not build"); return }
        #expect(first.pages == 3)  // the chapter, the contents and print.html
        #expect(first.changed.contains("01-derivatives.html"))
        #expect(first.changed.contains("index.html"))
        #expect(first.changed.contains("style.css"))

        guard case .built(let again) = rebuilder.build() else { Issue.record("a rebuild failed"); return }
        #expect(again.changed.isEmpty)

        try course.editChapter("A derivative says how fast", "A derivative tells how quickly")
        guard case .built(let edited) = rebuilder.build() else { Issue.record("the edited course does not build"); return }
        #expect(edited.changed.contains("01-derivatives.html"))
        #expect(!edited.changed.contains("style.css"))
        #expect(!edited.changed.contains("index.html"))
        #expect(try course.read(course.out + "/01-derivatives.html").contains("A derivative tells how quickly"))
    }

    @Test func aBrokenChapterKeepsTheLastGoodBuildAndSaysWhere() throws {
        let course = try TestCourse()
        defer { course.remove() }
        var rebuilder = course.rebuilder
        guard case .built = rebuilder.build() else { Issue.record("the new course does not build"); return }
        let good = try course.read(course.out + "/01-derivatives.html")

        // New text and a link to a chapter that does not exist, in one edit: neither reaches the folder.
        try course.editChapter("## A worked example", "## A worked example, renamed\n\nSee [the next chapter](02-missing.md).")
        guard case .failed(let failure) = rebuilder.build() else { Issue.record("a link to a missing chapter built"); return }
        let error = try #require(failure.errors.first)
        #expect(error.file == course.chapter)
        let line = try #require(error.line)
        let lines = try course.read(course.chapter).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[line - 1].contains("02-missing.md"))
        #expect(error.column != nil)
        #expect(error.description.hasPrefix("\(course.chapter):\(line):"))
        #expect(try course.read(course.out + "/01-derivatives.html") == good)

        try course.editChapter("See [the next chapter](02-missing.md).", "")
        guard case .built(let fixed) = rebuilder.build() else { Issue.record("the fixed course does not build"); return }
        #expect(fixed.changed.contains("01-derivatives.html"))
        #expect(try course.read(course.out + "/01-derivatives.html").contains("A worked example, renamed"))
    }

    @Test func readsTheConfigFileAgainOnEveryBuild() throws {
        let course = try TestCourse()
        defer { course.remove() }
        var rebuilder = course.rebuilder
        guard case .built = rebuilder.build() else { Issue.record("the new course does not build"); return }
        #expect(try course.read(course.out + "/index.html").contains("Serve test"))
        try course.write(course.config, "[course]\ntitle = \"Renamed course\"\n")
        guard case .built(let renamed) = rebuilder.build() else { Issue.record("the renamed course does not build"); return }
        #expect(renamed.changed.contains("index.html"))
        #expect(try course.read(course.out + "/index.html").contains("Renamed course"))

        try course.write(course.config, "[course]\ntitle = \n")
        guard case .failed(let failure) = rebuilder.build() else { Issue.record("a broken mcheck.toml built"); return }
        #expect(failure.errors.first?.file == course.config)
        #expect(try course.read(course.out + "/index.html").contains("Renamed course"))
    }

    @Test func aThemeOverrideAddedLaterIsBuilt() throws {
        let course = try TestCourse()
        defer { course.remove() }
        var rebuilder = course.rebuilder
        guard case .built = rebuilder.build() else { Issue.record("the new course does not build"); return }
        // site/ appears while serving, with a stylesheet of the course's own.
        try FileManager.default.createDirectory(atPath: course.theme, withIntermediateDirectories: true)
        try course.write(course.theme + "/style.css", "body { background: rgb(1, 2, 3); }\n")
        guard case .built(let themed) = rebuilder.build() else { Issue.record("the course with a theme folder does not build"); return }
        #expect(themed.changed == ["style.css"])
        #expect(try course.read(course.out + "/style.css").contains("rgb(1, 2, 3)"))
    }

    @Test func aRemovedChapterIsAChangeAndItsPageGoes() throws {
        let course = try TestCourse()
        defer { course.remove() }
        try course.write(course.chapters + "/02-more.md", "# More\n\nSome more text.\n")
        var rebuilder = course.rebuilder
        guard case .built = rebuilder.build() else { Issue.record("the course does not build"); return }
        #expect(FileManager.default.fileExists(atPath: course.out + "/02-more.html"))
        try FileManager.default.removeItem(atPath: course.chapters + "/02-more.md")
        guard case .built(let after) = rebuilder.build() else { Issue.record("the course does not build without chapter 2"); return }
        #expect(after.changed.contains("02-more.html"))
        #expect(!FileManager.default.fileExists(atPath: course.out + "/02-more.html"))
    }
}
