import Foundation

/// The state of the files a build reads, as the watcher compares it: each file's size, modification time (to the
/// nanosecond) and inode, by path. Two snapshots differ when a file was added, removed, written or replaced (an
/// editor that saves by renaming a new file into place changes the inode even within one clock tick).
///
/// Polling is the watcher's way (`SourceWatcher`): a course is a few dozen files, so a snapshot every 250 ms costs
/// next to nothing, works the same on every system and file system (inotify misses changes on network and bind
/// mounts and needs a watch per folder, re-added when a folder is replaced), and sees an editor's rename-into-place
/// save like any other.
public struct SourceSnapshot: Sendable, Equatable {
    public struct Stamp: Sendable, Equatable {
        public var size: Int64
        public var seconds: Int64
        public var nanoseconds: Int64
        public var inode: UInt64
    }

    /// Path → stamp, for every regular file under the roots.
    public private(set) var stamps: [String: Stamp] = [:]

    /// How deep folders are followed below a root (chapters/figures/… is 2).
    static let depth = 4

    public init() {}

    /// Every regular file under `roots` (folders or single files; a missing root is simply empty). Names that start
    /// with `.` or end with `~` (editors' swap and backup files) are left out.
    public static func take(_ roots: [String]) -> SourceSnapshot {
        var snapshot = SourceSnapshot()
        for root in roots { snapshot.add(root, depth: depth) }
        return snapshot
    }

    private mutating func add(_ path: String, depth: Int) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            #if os(Linux)
            let modified = info.st_mtim
            #else
            let modified = info.st_mtimespec
            #endif
            stamps[path] = Stamp(size: Int64(info.st_size), seconds: Int64(modified.tv_sec), nanoseconds: Int64(modified.tv_nsec), inode: UInt64(info.st_ino))
        case S_IFDIR where depth > 0:
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !SourceSnapshot.isIgnored(name) {
                add(path.hasSuffix("/") ? path + name : path + "/" + name, depth: depth - 1)
            }
        default:
            break
        }
    }

    /// Editors' temporary files: `.04-jacobian.md.swp`, `04-jacobian.md~`.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~")
    }

    /// The paths added, removed or changed since `old`, sorted.
    public func changes(since old: SourceSnapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in stamps where old.stamps[path] != stamp { changed.append(path) }
        for path in old.stamps.keys where stamps[path] == nil { changed.append(path) }
        return changed.sorted()
    }
}
