import ArgumentParser
import Foundation

/// `mcheck serve`: build the site, serve it on 127.0.0.1 and rebuild and reload on every change. This command checks
/// its options and runs `mcheck-serve` (the Serve module, with its HTTP library) in its own place, found beside the
/// `mcheck` executable: linked into `mcheck`, the library's networking dependencies (libcurl and some thirty shared
/// libraries) would be loaded on every start of the grading command line (README, "mcheck serve").
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on 127.0.0.1, and rebuild and reload the open pages on every change.",
        discussion: """
            Builds as `mcheck build` does (into a temporary folder, or --out), serves the folder on http://127.0.0.1:PORT/, and watches the chapters (with figures/), the theme folder and mcheck.toml: a change is rebuilt within half a second, and every open page whose file changed reloads, keeping its scroll position. A build that fails prints its errors (file:line:column) and shows them over the open pages, which keep the last good build until the next good one.

            Only served pages carry the reload script; `mcheck build` output never does. Ctrl-C stops the server (and removes the temporary folder). The server is the program mcheck-serve beside mcheck (`swift build` builds both; `swift build --product mcheck-serve` only it).

            Exit status: 0 after Ctrl-C, 2 when the port is in use, the output folder cannot be used or mcheck-serve is missing.
            """)

    @OptionGroup var folders: CourseFolders

    @Option(name: .long, help: "The port on 127.0.0.1 (0: any free port, printed).")
    var port: UInt16 = 3000

    @Option(name: .long, help: "The output folder, kept after the server stops (default: a temporary folder, removed).")
    var out: String?

    @Option(name: .long, help: "The site's title (default: the title of mcheck.toml, else \"Matrix Calculus for Deep Learning\").")
    var title: String?

    @Option(name: .long, help: "The grader for the page, made by `make wasm` (default: \(BuildCommand.defaultGrader) when it exists).")
    var grader: String?

    /// The server's executable name, looked for beside `mcheck`.
    static let serverName = "mcheck-serve"

    func validate() throws {
        if out?.isEmpty == true { throw ValidationError("--out needs a folder") }
    }

    /// The arguments `mcheck-serve` gets: every option spelled out.
    var serverArguments: [String] {
        var arguments = ["--chapters", folders.chapters, "--site", folders.site, "--config", folders.configPath, "--port", String(port)]
        if folders.config != nil { arguments.append("--config-required") }
        if let out { arguments += ["--out", out] }
        if let title { arguments += ["--title", title] }
        let module = grader ?? (FileManager.default.fileExists(atPath: BuildCommand.defaultGrader) ? BuildCommand.defaultGrader : nil)
        if let module { arguments += ["--grader", module] }
        return arguments
    }

    func run() throws {
        guard let server = ServeCommand.serverPath() else {
            FileHandle.standardError.write(Data("error: mcheck serve runs \(ServeCommand.serverName), which is not beside \(ServeCommand.ownFolder() ?? "mcheck"): build it with `swift build --product \(ServeCommand.serverName)` (or `swift build`)\n".utf8))
            throw ExitCode(2)
        }
        // In this process's place: Ctrl-C reaches the server, and its exit status is this command's.
        let argv = ([server] + serverArguments).map { strdup($0) } + [nil]
        execv(server, argv)
        FileHandle.standardError.write(Data("error: cannot run \(server): \(String(cString: strerror(errno)))\n".utf8))
        throw ExitCode(2)
    }

    /// The folder of the running executable.
    static func ownFolder() -> String? {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return Bundle.main.executablePath.map { ($0 as NSString).deletingLastPathComponent }
        }
        return (exe as NSString).deletingLastPathComponent
    }

    /// `mcheck-serve` beside this executable.
    static func serverPath() -> String? {
        guard let folder = ownFolder() else { return nil }
        let path = folder + "/" + serverName
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
}
