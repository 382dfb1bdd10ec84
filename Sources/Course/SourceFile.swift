import Grading
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reading and replacing the course's text files safely: one size cap, regular files only (a FIFO would block,
/// a device never ends), writes that are atomic, go through a symbolic link and keep the previous file.
public enum SourceFile {
    /// What is at a path (symbolic links followed).
    public enum Kind: Equatable, Sendable {
        case missing
        case regular
        case folder
        /// A FIFO, a device, a socket, or a file of `/proc` (whose size says nothing of what reading it gives).
        case special(String)
    }

    public static func kind(atPath path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        return kind(of: st, path: path)
    }

    static func kind(of st: stat, path: String) -> Kind {
        switch st.st_mode & S_IFMT {
        case S_IFREG: return isProcFile(path) ? .special("a file of /proc") : .regular
        case S_IFDIR: return .folder
        case S_IFIFO: return .special("a named pipe (FIFO)")
        case S_IFCHR: return .special("a character device")
        case S_IFBLK: return .special("a block device")
        case S_IFSOCK: return .special("a socket")
        default: return .special("not a regular file")
        }
    }

    /// A file of `/proc` (or `/sys`): regular to `stat`, but its size is 0 and reading it gives what the kernel says.
    static func isProcFile(_ path: String) -> Bool {
        guard let resolved = realpath(path, nil) else { return false }
        defer { free(resolved) }
        let real = String(cString: resolved)
        return real.hasPrefix("/proc/") || real.hasPrefix("/sys/")
    }

    static func systemMessage(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The bytes of a regular file of at most `limit` bytes; a clear error for anything else.
    public static func read(_ path: String, limit: Int = Workbook.maxBytes) throws(SourceError) -> Data {
        func fail(_ message: String) -> SourceError { SourceError(file: path, line: 0, message: message) }
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT {
                if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                    throw fail("a symbolic link to \(target), which does not exist")
                }
                throw fail("no such file")
            }
            throw fail("cannot read the file: \(systemMessage(code))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("cannot read the file: \(systemMessage(errno))") }
        switch kind(of: st, path: path) {
        case .folder: throw fail("is a folder, not a file")
        case .special(let what): throw fail("is \(what), not a regular file")
        case .missing, .regular: break
        }
        func tooLarge(_ size: Int) -> SourceError {
            fail("the file is too large (\(size / (1024 * 1024)) MB; the limit is \(limit / (1024 * 1024)) MB)")
        }
        guard Int(st.st_size) <= limit else { throw tooLarge(Int(st.st_size)) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("cannot read the file: \(systemMessage(errno))")
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
            // A file that grows while it is read, or whose size lies, is held to the same cap.
            if data.count > limit { throw tooLarge(data.count) }
        }
        return data
    }

    /// Replaces the file at `path` with `data` atomically (a temporary file in the same folder, then a rename), so
    /// a crash leaves the old file or the new one, never half of one. A symbolic link is written through: the file
    /// it points to is replaced and the link stays. With `backup`, the bytes the file held before are first written
    /// to `path~` (a regular file next to `path`). Keeps the file's permissions.
    public static func replace(_ path: String, with data: Data, backup previous: Data? = nil) throws(SourceError) {
        func fail(_ message: String) -> SourceError { SourceError(file: path, line: 0, message: message) }
        var target = path
        if (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil {
            guard let resolved = realpath(path, nil) else {
                throw fail("cannot write through the symbolic link: \(systemMessage(errno))")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        var st = stat()
        let mode: mode_t? = stat(target, &st) == 0 ? st.st_mode & 0o7777 : nil
        if let previous {
            try atomicWrite(previous, to: path + "~", mode: mode, messagePath: path + "~")
        }
        try atomicWrite(data, to: target, mode: mode, messagePath: path)
    }

    static func atomicWrite(_ data: Data, to target: String, mode: mode_t?, messagePath: String) throws(SourceError) {
        func fail(_ what: String, _ code: Int32) -> SourceError {
            SourceError(file: messagePath, line: 0, message: "cannot write the file: \(what): \(systemMessage(code))")
        }
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + name + ".mcheck-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw fail("cannot create a temporary file next to it", errno) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer { if !ok { unlink(temporary) } }
        var written = 0
        let failure: Int32? = data.withUnsafeBytes { raw -> Int32? in
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 { if errno == EINTR { continue }; return errno }
                written += n
            }
            return nil
        }
        if let failure { close(fd); throw fail("writing", failure) }
        // mkstemp makes the file 0600; give it the old file's permissions, or the usual ones for a new file.
        let umaskNow = umask(0); umask(umaskNow)
        if fchmod(fd, mode ?? (0o666 & ~umaskNow)) != 0 || fsync(fd) != 0 { let code = errno; close(fd); throw fail("writing", code) }
        close(fd)
        guard rename(temporary, target) == 0 else { throw fail("replacing it", errno) }
        ok = true
    }
}

/// `read(2)` (inside `SourceFile`, `read` names `SourceFile.read`).
@inline(__always) private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
