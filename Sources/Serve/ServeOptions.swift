import Foundation
import Site

/// What `mcheck serve` builds, where it serves it and what it watches.
public struct ServeOptions: Sendable {
    /// The build's options; `site.out` empty means a temporary folder, removed on exit.
    public var site: SiteOptions
    public var configPath: String
    /// Whether the config file was named on the command line (then it must exist).
    public var configRequired: Bool
    /// 0: any free port, printed.
    public var port: UInt16
    /// How often the sources are looked at, and how long they must be quiet before a rebuild (`RebuildSchedule`).
    public var pollInterval: Double = 0.25
    public var quiet: Double = 0.2

    public init(site: SiteOptions, configPath: String, configRequired: Bool, port: UInt16) {
        self.site = site
        self.configPath = configPath
        self.configRequired = configRequired
        self.port = port
    }

    /// The files and folders a build reads: the chapters (with figures/), the theme folder, the config file; with the
    /// grader, the workbooks' folder and the module too.
    public var watched: [String] {
        var paths = [site.chapters, site.theme, configPath]
        if let grader = site.grader {
            paths.append(grader)
            // The workbooks' folder (exercises/); never the course root, which holds .build/.
            let workbooks = (site.workbookPattern as NSString).deletingLastPathComponent
            if !workbooks.isEmpty && workbooks != "." { paths.append(workbooks) }
        }
        return paths
    }
}
