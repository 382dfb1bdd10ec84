import ArgumentParser
import Foundation
import Serve
import Site

/// `mcheck-serve`: the server of `mcheck serve`, an executable of its own so that the HTTP library (and the
/// networking libraries it loads, libcurl among them) never slows the start of the grading command line. `mcheck serve`
/// checks its options and runs this program in its place with them spelled out; it can be run directly the same way.
struct ServeProcess: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcheck-serve",
        abstract: "The server of `mcheck serve` (see `mcheck serve --help`), which runs it with these options.")

    @Option(name: .long, help: "The folder of chapters.")
    var chapters = "chapters"

    @Option(name: .long, help: "The theme folder.")
    var site = "site"

    @Option(name: .long, help: "The config file.")
    var config = CourseConfig.fileName

    @Flag(name: .long, help: "The config file must exist (it was named with --config).")
    var configRequired = false

    @Option(name: .long, help: "The port on 127.0.0.1 (0: any free port).")
    var port: UInt16 = 3000

    @Option(name: .long, help: "The output folder (default: a temporary folder, removed on exit).")
    var out: String?

    @Option(name: .long, help: "The site's title.")
    var title: String?

    @Option(name: .long, help: "The grader module for the page.")
    var grader: String?

    func validate() throws {
        if out?.isEmpty == true { throw ValidationError("--out needs a folder") }
    }

    func run() throws {
        let options = SiteOptions(chapters: chapters, theme: site, out: out ?? "", title: title, grader: grader)
        let status = Serve.run(ServeOptions(site: options, configPath: config, configRequired: configRequired, port: port))
        if status != 0 { throw ExitCode(status) }
    }
}

ServeProcess.main()
