import ArgumentParser
import Foundation
import Serve
import Site

/// `mcheck serve`: build the site, serve it on 127.0.0.1 and rebuild and reload on every change (argument parsing
/// only; the work is in the Serve module).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on 127.0.0.1, and rebuild and reload the open pages on every change.",
        discussion: """
            Builds as `mcheck build` does (into a temporary folder, or --out), serves the folder on http://127.0.0.1:PORT/, and watches the chapters (with figures/), the theme folder and mcheck.toml: a change is rebuilt within half a second, and every open page whose file changed reloads, keeping its scroll position. A build that fails prints its errors (file:line:column) and shows them over the open pages, which keep the last good build until the next good one.

            Only served pages carry the reload script; `mcheck build` output never does. Ctrl-C stops the server (and removes the temporary folder).

            Exit status: 0 after Ctrl-C, 2 when the port is in use or the output folder cannot be used.
            """)

    @OptionGroup var folders: CourseFolders

    @Option(name: .long, help: "The port on 127.0.0.1 (0: any free port, printed).")
    var port: UInt16 = 3000

    @Option(name: .long, help: "The output folder, kept after the server stops (default: a temporary folder, removed).")
    var out: String?

    @Option(name: .long, help: "The site's title (default: the title of mcheck.toml, else \"\(SiteOptions.defaultTitle)\").")
    var title: String?

    @Option(name: .long, help: "The grader for the page, made by `make wasm` (default: \(BuildCommand.defaultGrader) when it exists).")
    var grader: String?

    func validate() throws {
        if out?.isEmpty == true { throw ValidationError("--out needs a folder") }
    }

    func run() throws {
        let module = grader ?? (FileManager.default.fileExists(atPath: BuildCommand.defaultGrader) ? BuildCommand.defaultGrader : nil)
        let site = SiteOptions(chapters: folders.chapters, theme: folders.site, out: out ?? "", title: title, grader: module)
        let status = Serve.run(ServeOptions(site: site, configPath: folders.configPath, configRequired: folders.config != nil, port: port))
        if status != 0 { throw ExitCode(status) }
    }
}
