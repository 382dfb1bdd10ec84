import Foundation
import Testing
@testable import Serve
import Site

@Suite("What the watcher sees")
struct SourceSnapshotTests {
    @Test func seesAFileWrittenAddedAndRemoved() throws {
        let course = try TestCourse()
        defer { course.remove() }
        let roots = [course.chapters, course.theme, course.config]
        let before = SourceSnapshot.take(roots)
        #expect(before.stamps.keys.contains(course.chapter))
        #expect(before.stamps.keys.contains(course.config))
        #expect(SourceSnapshot.take(roots).changes(since: before).isEmpty)

        try course.editChapter("# Derivatives", "# Derivatives, edited")
        let edited = SourceSnapshot.take(roots)
        #expect(edited.changes(since: before) == [course.chapter])

        // The theme folder does not exist yet: a file in it once it does is a change too.
        try FileManager.default.createDirectory(atPath: course.theme, withIntermediateDirectories: true)
        try course.write(course.theme + "/style.css", "body { color: red }\n")
        let themed = SourceSnapshot.take(roots)
        #expect(themed.changes(since: edited) == [course.theme + "/style.css"])

        try FileManager.default.removeItem(atPath: course.config)
        #expect(SourceSnapshot.take(roots).changes(since: themed) == [course.config])
    }

    @Test func seesAFileReplacedWithTheSameSizeAndTime() throws {
        let course = try TestCourse()
        defer { course.remove() }
        let text = try course.read(course.chapter)
        let before = SourceSnapshot.take([course.chapters])
        let stamp = try #require(before.stamps[course.chapter])
        // An editor saving by renaming a new file into place, within the same clock tick and at the same size.
        let replacement = course.chapters + "/.replacement"
        try text.uppercased().write(toFile: replacement, atomically: false, encoding: .utf8)
        var times = [timespec(tv_sec: Int(stamp.seconds), tv_nsec: Int(stamp.nanoseconds)), timespec(tv_sec: Int(stamp.seconds), tv_nsec: Int(stamp.nanoseconds))]
        #expect(utimensat(AT_FDCWD, replacement, &times, 0) == 0)
        #expect(rename(replacement, course.chapter) == 0)
        let after = SourceSnapshot.take([course.chapters])
        #expect(after.stamps[course.chapter]?.size == stamp.size)
        #expect(after.changes(since: before) == [course.chapter])
    }

    @Test func leavesOutEditorsTemporaryFiles() throws {
        let course = try TestCourse()
        defer { course.remove() }
        let before = SourceSnapshot.take([course.chapters])
        try course.write(course.chapters + "/.01-derivatives.md.swp", "swap")
        try course.write(course.chapters + "/01-derivatives.md~", "backup")
        #expect(SourceSnapshot.take([course.chapters]).changes(since: before).isEmpty)
        #expect(SourceSnapshot.isIgnored(".01-derivatives.md.swp"))
        #expect(!SourceSnapshot.isIgnored("01-derivatives.md"))
    }

    @Test func seesAFigureInsideTheChaptersFolder() throws {
        let course = try TestCourse()
        defer { course.remove() }
        let before = SourceSnapshot.take([course.chapters])
        try FileManager.default.createDirectory(atPath: course.chapters + "/figures", withIntermediateDirectories: true)
        try course.write(course.chapters + "/figures/plot.svg", "<svg/>")
        #expect(SourceSnapshot.take([course.chapters]).changes(since: before) == [course.chapters + "/figures/plot.svg"])
    }
}

@Suite("When a change is rebuilt")
struct RebuildScheduleTests {
    @Test func waitsUntilTheSourcesAreQuiet() {
        var schedule = RebuildSchedule(quiet: 0.2, patience: 2)
        #expect(!schedule.isDue(at: 0))
        schedule.noteChanges(["a.md"], at: 1.0)
        #expect(!schedule.isDue(at: 1.1))
        // A second write of the same save.
        schedule.noteChanges(["a.md", "b.md"], at: 1.15)
        #expect(!schedule.isDue(at: 1.3))
        #expect(schedule.isDue(at: 1.35))
        #expect(schedule.start() == ["a.md", "b.md"])
        #expect(!schedule.isDue(at: 5))
        #expect(schedule.pending.isEmpty)
    }

    @Test func buildsAFileRewrittenWithoutPauseAfterItsPatience() {
        var schedule = RebuildSchedule(quiet: 0.2, patience: 2)
        var t = 0.0
        while t < 1.9 {
            schedule.noteChanges(["log.md"], at: t)
            #expect(!schedule.isDue(at: t))
            t += 0.1
        }
        schedule.noteChanges(["log.md"], at: 2.0)
        #expect(schedule.isDue(at: 2.0))
    }

    @Test func noChangeSchedulesNothing() {
        var schedule = RebuildSchedule()
        schedule.noteChanges([], at: 1)
        #expect(!schedule.isDue(at: 100))
        #expect(schedule.firstChange == nil)
    }

    @Test func aChangeDuringABuildWaitsForTheNext() {
        var schedule = RebuildSchedule(quiet: 0.2, patience: 2)
        schedule.noteChanges(["a.md"], at: 0)
        #expect(schedule.start() == ["a.md"])
        schedule.noteChanges(["b.md"], at: 0.3)
        #expect(!schedule.isDue(at: 0.4))
        #expect(schedule.isDue(at: 0.5))
        #expect(schedule.start() == ["b.md"])
    }
}

@Suite("What mcheck serve watches")
struct WatchedPathsTests {
    @Test func theChaptersTheThemeAndTheConfig() {
        let options = ServeOptions(site: SiteOptions(chapters: "notes", theme: "look"), configPath: "course.toml", configRequired: true, port: 0)
        #expect(options.watched == ["notes", "look", "course.toml"])
    }

    @Test func withTheGraderTheModuleAndTheWorkbooksToo() {
        var site = SiteOptions(chapters: "chapters", theme: "site", grader: ".build/wasm/mcheck.wasm")
        #expect(ServeOptions(site: site, configPath: "mcheck.toml", configRequired: false, port: 0).watched
            == ["chapters", "site", "mcheck.toml", ".build/wasm/mcheck.wasm", "exercises"])
        // Workbooks beside the course's root would mean watching the root and its .build/: they are left out.
        site.workbookPattern = "ch%d.md"
        #expect(ServeOptions(site: site, configPath: "mcheck.toml", configRequired: false, port: 0).watched
            == ["chapters", "site", "mcheck.toml", ".build/wasm/mcheck.wasm"])
    }
}
