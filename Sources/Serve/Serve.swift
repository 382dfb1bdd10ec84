import Dispatch
import Foundation
import Site

/// `mcheck serve`: builds the site, serves it on 127.0.0.1, rebuilds on every change of its sources and reloads the
/// open pages; a failed build is shown in the terminal and over the page while the last good one stays served.
public enum Serve {
    /// Runs until Ctrl-C (SIGINT) or SIGTERM; returns the exit status: 0 after a stop, 2 when it cannot serve.
    public static func run(_ options: ServeOptions) -> Int32 {
        let done = DispatchSemaphore(value: 0)
        let status = ExitStatus()
        let session = Task {
            status.value = await serve(options)
            done.signal()
        }
        // Ctrl-C cancels the session, which stops the server and cleans up before returning.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { session.cancel() }
            source.resume()
            return source
        }
        done.wait()
        sources.forEach { $0.cancel() }
        return status.value
    }

    /// The session: first build, server, then watch and rebuild until cancelled.
    static func serve(_ options: ServeOptions) async -> Int32 {
        var options = options
        let terminal = Terminal()
        let temporary = options.site.out.isEmpty
        if temporary {
            do { options.site.out = try makeTemporaryFolder() } catch {
                terminal.error(error.description)
                return 2
            }
        }
        defer { if temporary { try? FileManager.default.removeItem(atPath: options.site.out) } }

        // Listening first: a busy port is said at once, before any build.
        let channel = LiveChannel()
        let server: SiteServer
        do { server = try await SiteServer.start(root: options.site.out, port: options.port, channel: channel) } catch {
            terminal.error(error.description)
            return 2
        }
        // Taken before the first build, so that an edit made while it runs is built next.
        var snapshot = SourceSnapshot.take(options.watched)
        var rebuilder = SiteRebuilder(options: options.site, configPath: options.configPath, configRequired: options.configRequired)
        let first = await build(&rebuilder)
        if case .failed(let failure) = first, failure.step == .write {
            // An output folder that cannot be used (not a site mcheck built, not writable…) leaves nothing to serve.
            terminal.error(failure.description)
            await server.stop()
            return 2
        }
        report(first, terminal: terminal, out: options.site.out, first: true)
        if case .failed(let failure) = first {
            await channel.failed(.errors(summary: LiveMessage.summary(of: failure), errors: failure.errors))
        }
        terminal.say("serving \(server.url) (Ctrl-C to stop)")
        terminal.say("watching " + describe(options.watched))

        var schedule = RebuildSchedule(quiet: options.quiet, patience: max(2, options.quiet * 10))
        let clock = ContinuousClock()
        let origin = clock.now
        func seconds() -> Double {
            let d = (clock.now - origin).components
            return Double(d.seconds) + Double(d.attoseconds) / 1e18
        }
        while !Task.isCancelled {
            do { try await Task.sleep(for: .milliseconds(Int(options.pollInterval * 1000))) } catch { break }
            let now = SourceSnapshot.take(options.watched)
            schedule.noteChanges(now.changes(since: snapshot), at: seconds())
            snapshot = now
            guard schedule.isDue(at: seconds()) else { continue }
            let changed = schedule.start()
            terminal.say("changed: " + changed.joined(separator: ", "))
            let outcome = await build(&rebuilder)
            report(outcome, terminal: terminal, out: options.site.out, first: false)
            switch outcome {
            case .built(let site): await channel.built(changed: site.changed)
            case .failed(let failure): await channel.failed(.errors(summary: LiveMessage.summary(of: failure), errors: failure.errors))
            }
        }
        await server.stop()
        terminal.say("stopped")
        return 0
    }

    /// Builds off the concurrency pool's threads (a build keeps the cores busy for a moment; the server keeps answering).
    static func build(_ rebuilder: inout SiteRebuilder) async -> BuildOutcome {
        let copy = rebuilder
        let (outcome, after) = await withCheckedContinuation { (continuation: CheckedContinuation<(BuildOutcome, SiteRebuilder), Never>) in
            DispatchQueue.global().async {
                var r = copy
                let outcome = r.build()
                continuation.resume(returning: (outcome, r))
            }
        }
        rebuilder = after
        return outcome
    }

    /// Prints a build's result as `mcheck build` does: warnings and errors (file:line:column) on standard error.
    static func report(_ outcome: BuildOutcome, terminal: Terminal, out: String, first: Bool) {
        switch outcome {
        case .built(let site):
            for warning in site.warnings { terminal.error(warning.description) }
            let what = site.changed.isEmpty ? "nothing changed" : "\(site.changed.count) file\(site.changed.count == 1 ? "" : "s") changed"
            terminal.say(String(format: "built %d pages and %d figures into %@/ in %.1f ms (%@)", site.pages, site.figures, out, site.seconds * 1000, what))
        case .failed(let failure):
            terminal.error(failure.description)
            terminal.error(LiveMessage.summary(of: failure) + (first ? "; the pages show the errors until a build succeeds" : "; still serving the last good build"))
        }
    }

    static func describe(_ paths: [String]) -> String {
        let fm = FileManager.default
        let shown = paths.map { path -> String in
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else { return path + " (not there yet)" }
            return isFolder.boolValue && !path.hasSuffix("/") ? path + "/" : path
        }
        return shown.joined(separator: ", ")
    }

    /// A new empty folder for the site in the system's temporary folder.
    static func makeTemporaryFolder() throws(ServeError) -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array(((base.hasSuffix("/") ? base : base + "/") + "mcheck-serve-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .cannotCreateFolder(path: base, reason: String(cString: strerror(errno)))
        }
        chmod(made, 0o755)
        return String(cString: made)
    }
}

/// Lines to the terminal, written at once (standard output is buffered in a pipe, where tests read it).
struct Terminal: Sendable {
    func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    func error(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}

/// The session's exit status, set by its task and read once it signalled.
private final class ExitStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int32 = 0
    var value: Int32 {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
