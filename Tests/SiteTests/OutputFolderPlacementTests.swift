import Foundation
import Testing
@testable import Site

/// A fresh build into an empty `--out` that cannot be replaced by renaming the temporary folder onto it: a mount point
/// (rename fails with EBUSY or EXDEV; played here by failing steps), or a folder whose parent cannot hold the temporary
/// folder (a real one: the parent made unwritable).
@Suite("A fresh build into a folder that cannot be replaced")
struct OutputFolderPlacementTests {
    /// An empty `out` folder in a scratch folder of its own.
    struct Scratch {
        let root = NSTemporaryDirectory() + "mcheck-placement-\(UUID().uuidString)"
        var out: String { root + "/out" }

        init(makeOut: Bool = true) throws {
            try FileManager.default.createDirectory(atPath: makeOut ? out : root, withIntermediateDirectories: true)
        }

        /// What lies beside `out` (a temporary folder left behind would show here).
        func beside() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: root).sorted() }

        func read(_ relative: String) -> String? { try? String(contentsOfFile: out + "/" + relative, encoding: .utf8) }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Writes a small site (a page, a page in a folder) through `folder` and finishes it.
    func writeSite(into folder: inout OutputFolder) throws(SiteFailure) {
        folder.write("index.html", "<p>contents</p>\n")
        folder.write("figures/plot.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        try folder.finish()
    }

    func expectSite(in scratch: Scratch) throws {
        #expect(scratch.read("index.html") == "<p>contents</p>\n")
        #expect(scratch.read("figures/plot.svg") == "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        let manifest = try #require(scratch.read(OutputFolder.manifestName))
        #expect(OutputFolder.entries(manifest) == ["index.html", "figures/plot.svg"])
        #expect(try scratch.beside() == ["out"])
    }

    /// rename(2) of the temporary folder onto a mount point fails with EBUSY: the files are renamed into it one by one.
    @Test func aMountPointIsFilledWithTheFiles() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let out = scratch.out
        var steps = OutputFolder.FreshBuildSteps()
        steps.rename = { from, to in to == out ? EBUSY : (Foundation.rename(from, to) == 0 ? 0 : errno) }
        var folder = try OutputFolder(out, protecting: [], steps: steps)
        #expect(folder.staging != out)
        try writeSite(into: &folder)
        try expectSite(in: scratch)
    }

    /// On another file system nothing can be renamed into it (EXDEV): the files are copied.
    @Test func aFolderOnAnotherFileSystemGetsCopies() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var steps = OutputFolder.FreshBuildSteps()
        steps.rename = { _, _ in EXDEV }
        var folder = try OutputFolder(scratch.out, protecting: [], steps: steps)
        try writeSite(into: &folder)
        try expectSite(in: scratch)
        // The next build is a rebuild in place, as for any folder with a manifest.
        var next = try OutputFolder(scratch.out, protecting: [], steps: steps)
        #expect(next.staging == scratch.out && next.previous == ["index.html", "figures/plot.svg"])
        next.write("index.html", "<p>contents</p>\n")
        try next.finish()
        #expect(scratch.read("index.html") == "<p>contents</p>\n")
        #expect(!FileManager.default.fileExists(atPath: scratch.out + "/figures"))
    }

    /// No temporary folder can be made beside it: the build writes into the folder itself.
    @Test func noRoomBesideItWritesInPlace() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var steps = OutputFolder.FreshBuildSteps()
        steps.makeTemporaryFolder = { out throws(SiteFailure) in
            throw SiteFailure(SiteError(.write, file: out, "cannot create a temporary folder beside it: Permission denied"))
        }
        var folder = try OutputFolder(scratch.out, protecting: [], steps: steps)
        #expect(folder.staging == scratch.out)
        try writeSite(into: &folder)
        try expectSite(in: scratch)
    }

    /// A folder that was empty when the build began but holds a file when the site is put in place is not written
    /// into: the error names it, the temporary folder is removed and the file stays.
    @Test func aFolderThatFilledUpMeanwhileIsAnErrorNamingIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let out = scratch.out
        var steps = OutputFolder.FreshBuildSteps()
        steps.rename = { from, to in to == out ? ENOTEMPTY : (Foundation.rename(from, to) == 0 ? 0 : errno) }
        var folder = try OutputFolder(out, protecting: [], steps: steps)
        try "mine".write(toFile: out + "/notes.txt", atomically: false, encoding: .utf8)
        #expect { try writeSite(into: &folder) } throws: { error in
            let first = (error as? SiteFailure)?.errors.first
            return first?.file == out && first?.message == "cannot move the new site into place: \(String(cString: strerror(ENOTEMPTY)))"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["notes.txt"])
        #expect(try scratch.beside() == ["out"])
    }

    /// A missing `--out` the temporary folder cannot be renamed to: the error names it and says why, and nothing is
    /// left beside it.
    @Test func aFailedRenameToAMissingFolderIsAnErrorNamingIt() throws {
        let scratch = try Scratch(makeOut: false)
        defer { scratch.remove() }
        var steps = OutputFolder.FreshBuildSteps()
        steps.rename = { _, _ in EACCES }
        var folder = try OutputFolder(scratch.out, protecting: [], steps: steps)
        #expect { try writeSite(into: &folder) } throws: { error in
            let first = (error as? SiteFailure)?.errors.first
            return first?.file == scratch.out && first?.message == "cannot move the new site into place: \(String(cString: strerror(EACCES)))"
        }
        #expect(try scratch.beside() == [])
    }

    /// A missing `--out` whose parent is a file: the message names the folder it could not make.
    @Test func aParentThatIsAFileIsAnErrorNamingIt() throws {
        let scratch = try Scratch(makeOut: false)
        defer { scratch.remove() }
        try "not a folder".write(toFile: scratch.root + "/file", atomically: false, encoding: .utf8)
        #expect { _ = try OutputFolder(scratch.root + "/file/out", protecting: []) } throws: { error in
            let first = (error as? SiteFailure)?.errors.first
            return first?.file == scratch.root + "/file" && first?.message.hasPrefix("cannot create the folder") == true
        }
    }

    /// Whether a folder's entries can be made read-only here: by its mode when not root, else by the immutable
    /// attribute (chattr +i: ext4 and friends, with CAP_LINUX_IMMUTABLE); root ignores modes.
    static let canLockAFolder: Bool = {
        let probe = NSTemporaryDirectory() + "mcheck-lock-probe-\(UUID().uuidString)"
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard lock(probe, true) else { return false }
        let locked = mkdir(probe + "/x", 0o755) != 0
        _ = lock(probe, false)
        return locked
    }()

    /// Makes `folder`'s own entries unchangeable (`locked`) or changeable again.
    @discardableResult
    static func lock(_ folder: String, _ locked: Bool) -> Bool {
        if getuid() != 0 { return chmod(folder, locked ? 0o555 : 0o755) == 0 }
        let chattr = Process()
        chattr.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        chattr.arguments = [locked ? "+i" : "-i", folder]
        chattr.standardError = FileHandle.nullDevice
        guard (try? chattr.run()) != nil else { return false }
        chattr.waitUntilExit()
        return chattr.terminationStatus == 0
    }

    /// The container case for real: `/out` is a writable empty folder, `/` beside it is not. The build writes into
    /// the folder, and the next build rebuilds it.
    @Test(.enabled(if: canLockAFolder, "cannot make a folder read-only here (root without chattr +i)"))
    func aParentThatCannotBeWrittenToForReal() throws {
        let course = try ScratchCourse(oneChapter)
        let parent = course.root + "/volume"
        let out = parent + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(Self.lock(parent, true))
        defer {
            Self.lock(parent, false)
            course.remove()
        }
        try SiteBuilder.build(course.options(out: out))
        #expect(course.files(in: out).isSuperset(of: ["01-a.html", "index.html", OutputFolder.manifestName]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
        try course.write("01-a.md", "# A\n\nChanged.\n")
        try SiteBuilder.build(course.options(out: out))
        #expect(try String(contentsOfFile: out + "/01-a.html", encoding: .utf8).contains("Changed."))
    }

    /// A missing `--out` in a parent that cannot be written to cannot be made in place either: the error names it and
    /// the parent.
    @Test(.enabled(if: canLockAFolder, "cannot make a folder read-only here (root without chattr +i)"))
    func aMissingFolderInAParentThatCannotBeWrittenTo() throws {
        let scratch = try Scratch(makeOut: false)
        #expect(Self.lock(scratch.root, true))
        defer {
            Self.lock(scratch.root, false)
            scratch.remove()
        }
        #expect { _ = try OutputFolder(scratch.out, protecting: []) } throws: { error in
            let first = (error as? SiteFailure)?.errors.first
            return first?.file == scratch.out && first?.message.hasPrefix("cannot create a temporary folder beside it, in \(scratch.root): ") == true
        }
        #expect(try scratch.beside() == [])
    }
}
