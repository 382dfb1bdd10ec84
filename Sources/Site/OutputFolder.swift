import Foundation

/// The build's output folder (`--out`), which holds exactly what the last build made.
///
/// A build lists the files it wrote in a manifest inside the folder (`.mcheck-site`); the next build removes the files
/// the manifest lists that it did not write (the pages of a deleted or renamed chapter, an unused figure), and nothing
/// else. A folder is only written to when it is empty, missing, or has the manifest (or is the output of an mcheck
/// from before the manifest: index.html, style.css and search-index.js, where nothing is removed, since the folder may
/// hold files of its own, a `.git` or a `CNAME`); never the course root, `/`, the home folder or a folder holding the
/// chapters or the theme. A symbolic link inside the folder is never followed: one in a file's or a folder's place is
/// replaced by what the build writes there, and nothing under a linked folder is removed.
///
/// A fresh build writes plain files (no fsync per file) into a temporary folder beside `--out`, which is renamed into
/// place once every file is there, so a failed build leaves nothing half-written. A rebuild writes in place, and only
/// the files whose contents changed, so a watching browser or server sees only real changes.
///
/// An empty `--out` that cannot be replaced is written in place instead, as a rebuild is: a mount point (a Docker
/// volume, `mount --bind`), found by its device or when renaming onto it fails, and a folder whose parent cannot hold
/// the temporary folder (`/out` mounted in a container whose `/` the user cannot write).
struct OutputFolder {
    static let manifestName = ".mcheck-site"
    static let manifestHeader = "# Written by mcheck build: the files of this folder that the next build replaces or removes."

    /// The `--out` folder.
    let path: String
    /// Where files are written now: `path`, or the temporary folder of a fresh build.
    let staging: String
    /// The files of the previous build (paths relative to `path`); nil for a fresh build.
    let previous: Set<String>?
    private(set) var written: [String] = []
    private(set) var errors: [SiteError] = []
    private var folders: Set<String> = [""]
    let steps: FreshBuildSteps

    /// The two steps of a fresh build that fail where `--out` cannot be replaced; tests put failing ones in their place.
    struct FreshBuildSteps {
        /// Makes the temporary folder beside `out` and returns its path.
        var makeTemporaryFolder: (_ out: String) throws(SiteFailure) -> String = OutputFolder.makeStaging
        /// rename(2): 0, or the errno it failed with.
        var rename: (_ from: String, _ to: String) -> Int32 = { Foundation.rename($0, $1) == 0 ? 0 : errno }
    }

    /// Checks that `out` may be written to and prepares it. `protected` are folders the output must not be, nor hold:
    /// the chapters and the theme.
    init(_ out: String, protecting protected: [String], steps: FreshBuildSteps = FreshBuildSteps()) throws(SiteFailure) {
        path = out
        self.steps = steps
        let fm = FileManager.default
        func refuse(_ why: String) -> SiteFailure { SiteFailure(SiteError(.write, file: out, "refusing to write the site here: \(why)")) }
        guard !out.isEmpty else { throw refuse("the output folder is empty") }
        let absolute = OutputFolder.absolute(out)
        if absolute == "/" { throw refuse("it is the root folder") }
        if let home = ProcessInfo.processInfo.environment["HOME"].map(OutputFolder.absolute), absolute == home {
            throw refuse("it is the home folder")
        }
        if absolute == OutputFolder.absolute(fm.currentDirectoryPath) { throw refuse("it is the course root (the current folder)") }
        for folder in protected where !folder.isEmpty {
            let p = OutputFolder.absolute(folder)
            if p == absolute || p.hasPrefix(absolute + "/") { throw refuse("it holds \(folder)") }
        }

        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: out, isDirectory: &isFolder) else {
            previous = nil
            staging = try steps.makeTemporaryFolder(out)
            return
        }
        guard isFolder.boolValue else { throw refuse("it is a file, not a folder") }
        let names = (try? fm.contentsOfDirectory(atPath: out)) ?? []
        if names.isEmpty {
            if OutputFolder.isLink(out) || OutputFolder.isMountPoint(out) {
                // A link to an empty folder stays a link: the site is written into the folder it leads to. A mount
                // point cannot be renamed onto: the site is written into it.
                previous = []
                staging = out
            } else {
                do {
                    staging = try steps.makeTemporaryFolder(out)
                    previous = nil
                } catch {
                    // No temporary folder beside it (its parent is not writable): into the folder itself, if it is.
                    guard access(out, W_OK | X_OK) == 0 else {
                        throw SiteFailure(SiteError(.write, file: out, "cannot write into the folder (\(String(cString: strerror(errno)))), nor make a temporary folder beside it: \(error.errors.first?.message ?? "")"))
                    }
                    previous = []
                    staging = out
                }
            }
            return
        }
        if let manifest = fm.contents(atPath: out + "/" + OutputFolder.manifestName) {
            previous = OutputFolder.entries(String(decoding: manifest, as: UTF8.self))
        } else if ["index.html", "style.css", "search-index.js"].allSatisfy(names.contains) {
            // The output of an mcheck from before the manifest: it may hold files that are not the build's (a gh-pages
            // clone's .git, a CNAME), so nothing is removed; from now on the manifest says what the build made.
            previous = []
        } else {
            throw refuse("it is not empty and does not look like a site mcheck built (no \(OutputFolder.manifestName) file); empty it or choose another --out")
        }
        staging = out
    }

    /// Writes one file (relative path); on a rebuild, only when its contents changed.
    mutating func write(_ relative: String, _ bytes: some Collection<UInt8>) {
        let target = staging + "/" + relative
        makeParent(of: relative)
        written.append(relative)
        if previous != nil, OutputFolder.holds(target, bytes) { return }
        if !OutputFolder.writePlain(target, bytes) { errors.append(SiteError(.write, file: path + "/" + relative, "cannot write the file")) }
    }

    mutating func write(_ relative: String, _ text: String) {
        var text = text
        text.withUTF8 { write(relative, $0) }
    }

    mutating func write(_ relative: String, _ data: Data) { write(relative, [UInt8](data)) }

    mutating func fail(_ error: SiteError) { errors.append(error) }

    /// Writes the manifest, removes what the previous build made and this one did not, and puts a fresh build in place.
    /// On errors a fresh build's temporary folder is removed, and a rebuild keeps its stale files (`discard`).
    mutating func finish() throws(SiteFailure) {
        let fm = FileManager.default
        guard errors.isEmpty else {
            discard()
            throw SiteFailure(errors)
        }
        let made = Set(written)
        write(OutputFolder.manifestName, ([OutputFolder.manifestHeader] + written.sorted()).joined(separator: "\n") + "\n")
        if let previous {
            var emptied = Set<String>()
            for stale in previous.subtracting(made).subtracting([OutputFolder.manifestName]).sorted() where OutputFolder.isSafe(stale) {
                let target = path + "/" + stale
                // Never follows a link: a link the build made is removed as a link, and nothing under a linked folder.
                guard OutputFolder.isRegularOrLink(target), !OutputFolder.passesThroughLink(stale, in: path) else { continue }
                do { try fm.removeItem(atPath: target) } catch {
                    errors.append(SiteError(.write, file: target, "cannot remove the stale file: \(error.localizedDescription)"))
                }
                var parent = (stale as NSString).deletingLastPathComponent
                while !parent.isEmpty { emptied.insert(parent); parent = (parent as NSString).deletingLastPathComponent }
            }
            // Folders left empty, deepest first.
            for folder in emptied.sorted(by: { $0.count > $1.count }) where !folders.contains(folder)
                && !OutputFolder.isLink(path + "/" + folder) && !OutputFolder.passesThroughLink(folder, in: path) {
                if (try? fm.contentsOfDirectory(atPath: path + "/" + folder))?.isEmpty == true { try? fm.removeItem(atPath: path + "/" + folder) }
            }
        } else {
            // rename(2) puts the temporary folder in the place of `path` (missing, or an empty folder it replaces), unless
            // `path` cannot be replaced (a mount point: EBUSY, EXDEV): if it is an empty folder, the files move into it.
            let failure = steps.rename(staging, path)
            if failure != 0 {
                if OutputFolder.isEmptyFolder(path) {
                    if let error = moveContents(of: staging, into: path) { errors.append(error) }
                } else {
                    errors.append(SiteError(.write, file: path, "cannot move the new site into place: \(String(cString: strerror(failure)))"))
                }
                try? fm.removeItem(atPath: staging)
            }
        }
        guard errors.isEmpty else { throw SiteFailure(errors) }
    }

    /// Abandons the build after an error: a fresh build's temporary folder is removed; a rebuild, which wrote in place,
    /// lists what it wrote besides what was there, so that the next build can still remove whatever it does not make.
    func discard() {
        guard let previous else {
            try? FileManager.default.removeItem(atPath: staging)
            return
        }
        let listed = previous.union(written).subtracting([OutputFolder.manifestName]).sorted()
        _ = OutputFolder.writePlain(path + "/" + OutputFolder.manifestName, Array((([OutputFolder.manifestHeader] + listed).joined(separator: "\n") + "\n").utf8))
    }

    private mutating func makeParent(of relative: String) {
        let parent = (relative as NSString).deletingLastPathComponent
        guard !folders.contains(parent) else { return }
        // A link in a folder's place is replaced by a folder (the link only, never what it leads to), so that no file
        // is written through it.
        var prefix = ""
        for component in parent.split(separator: "/") {
            prefix += (prefix.isEmpty ? "" : "/") + component
            if OutputFolder.isLink(staging + "/" + prefix) { unlink(staging + "/" + prefix) }
        }
        do { try FileManager.default.createDirectory(atPath: staging + "/" + parent, withIntermediateDirectories: true) } catch {
            errors.append(SiteError(.write, file: path + "/" + parent, "cannot create the folder: \(error.localizedDescription)"))
        }
        var p = parent
        while !p.isEmpty { folders.insert(p); p = (p as NSString).deletingLastPathComponent }
    }

    /// Moves a fresh build's files from the temporary folder into the empty folder `out` that it could not replace:
    /// the manifest first, so that if this stops half-way the next build knows what is the build's; each entry renamed,
    /// or copied where it cannot be (another file system: EXDEV). The error names `out`.
    private func moveContents(of temporary: String, into out: String) -> SiteError? {
        let fm = FileManager.default
        let names = ((try? fm.contentsOfDirectory(atPath: temporary)) ?? []).sorted { a, b in
            (a == OutputFolder.manifestName) != (b == OutputFolder.manifestName) ? a == OutputFolder.manifestName : a < b
        }
        for name in names {
            let from = temporary + "/" + name, to = out + "/" + name
            guard steps.rename(from, to) != 0 else { continue }
            do { try fm.copyItem(atPath: from, toPath: to) } catch {
                return SiteError(.write, file: out, "cannot move the new site into the folder, which could not be replaced as a whole: \(name): \(error.localizedDescription)")
            }
        }
        return nil
    }

    // MARK: helpers

    /// Whether `path` is a mount point: a folder on another device than its parent. (A bind mount of a folder of the same
    /// file system is not seen here; renaming onto it fails, and `finish` moves the files in instead.)
    static func isMountPoint(_ path: String) -> Bool {
        var own = stat(), parent = stat()
        guard stat(path, &own) == 0, stat(path + "/..", &parent) == 0 else { return false }
        return own.st_dev != parent.st_dev
    }

    /// A folder (not a link to one) with nothing in it.
    static func isEmptyFolder(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
        return (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty == true
    }

    /// A temporary folder beside `out` (same file system, so it can be renamed into place).
    static func makeStaging(for out: String) throws(SiteFailure) -> String {
        let url = URL(fileURLWithPath: out).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        do { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
            throw SiteFailure(SiteError(.write, file: parent, "cannot create the folder: \(error.localizedDescription)"))
        }
        let template = parent + "/." + url.lastPathComponent + ".mcheck-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw SiteFailure(SiteError(.write, file: out, "cannot create a temporary folder beside it, in \(parent): \(String(cString: strerror(errno)))"))
        }
        // mkdtemp makes it 0700; a published site is readable by all.
        chmod(made, 0o755)
        return String(cString: made)
    }

    /// The manifest's paths, without its header and without any path that could leave the folder.
    static func entries(_ text: String) -> Set<String> {
        Set(text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && isSafe($0) })
    }

    /// A relative path that stays inside the folder: no `..`, no leading `/`, nothing empty.
    static func isSafe(_ relative: String) -> Bool {
        !relative.isEmpty && !relative.hasPrefix("/") && !relative.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
    }

    /// Whether a folder on the way to `relative` (not `relative` itself) is a symbolic link, inside `root`.
    static func passesThroughLink(_ relative: String, in root: String) -> Bool {
        var prefix = root
        for component in relative.split(separator: "/").dropLast() {
            prefix += "/" + component
            if isLink(prefix) { return true }
        }
        return false
    }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }

    static func isRegularOrLink(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        let kind = info.st_mode & S_IFMT
        return kind == S_IFREG || kind == S_IFLNK
    }

    /// Whether the file at `path` has exactly these bytes (its size first, then its contents).
    static func holds(_ path: String, _ bytes: some Collection<UInt8>) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == bytes.count,
              let old = FileManager.default.contents(atPath: path), old.count == bytes.count else { return false }
        if bytes.isEmpty { return true }
        let same: Bool? = bytes.withContiguousStorageIfAvailable { new in
            old.withUnsafeBytes { memcmp($0.baseAddress!, new.baseAddress!, new.count) == 0 }
        }
        return same ?? old.elementsEqual(bytes)
    }

    /// Writes a file with open/write/close: no temporary file and no fsync (a fresh build is made atomic by renaming
    /// its folder once).
    /// A symbolic link in the file's place is replaced, never written through.
    static func writePlain(_ path: String, _ bytes: some Collection<UInt8>) -> Bool {
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if fd < 0 && errno == ELOOP, unlink(path) == 0 {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        }
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let ok: Bool? = bytes.withContiguousStorageIfAvailable { buffer in writeAll(fd, buffer) }
        return ok ?? Array(bytes).withUnsafeBufferPointer { writeAll(fd, $0) }
    }

    private static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }

    /// An absolute, symlink-resolved path (of the nearest existing ancestor, for a path that does not exist yet).
    static func absolute(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        if let real = SiteBuilder.realPath(standard) { return real }
        let url = URL(fileURLWithPath: standard)
        let parent = url.deletingLastPathComponent().path
        guard parent != standard else { return standard }
        let base = absolute(parent)
        return (base.hasSuffix("/") ? base : base + "/") + url.lastPathComponent
    }
}
