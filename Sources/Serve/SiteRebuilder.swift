import Dispatch
import Foundation
import Site

/// What one build by `mcheck serve` gave.
public enum BuildOutcome: Sendable {
    case built(BuiltSite)
    /// The build found errors; nothing in the output folder was touched, so the last good build is still served.
    case failed(SiteFailure)
}

/// A successful build: what it made, how long it took, and which output files differ from the previous build's.
public struct BuiltSite: Sendable {
    public var pages: Int
    public var figures: Int
    public var seconds: Double
    /// Output paths (relative to the output folder) written or removed by this build; everything on the first build.
    public var changed: [String]
    public var warnings: [SiteWarning]
}

/// Builds the site for `mcheck serve`, again and again, into one output folder.
///
/// Unlike `mcheck build`, which streams pages to disk as they are rendered, a serve build renders the whole site in
/// memory first (a course of a few dozen chapters is a few megabytes) and writes only once every step succeeded:
/// a broken chapter then never leaves a page of the new build beside pages of the old one, and the last good
/// build stays served as it was. Writing is incremental (`SiteBuilder.write`: only files whose contents changed are
/// rewritten, stale ones removed), and the rebuilder compares each file with the previous build's to tell the open
/// pages which of them changed.
public struct SiteRebuilder: Sendable {
    public var options: SiteOptions
    /// The config file (mcheck.toml), read again on every build; `required` when named on the command line.
    public var configPath: String
    public var configRequired: Bool

    /// Output path → a digest of its contents (a figure: its source's path, size and modification time), as last written.
    private var digests: [String: Int]?

    public init(options: SiteOptions, configPath: String, configRequired: Bool = false) {
        self.options = options
        self.configPath = configPath
        self.configRequired = configRequired
    }

    /// Builds once; on errors the output folder is left as it was.
    public mutating func build() -> BuildOutcome {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            options.config = try CourseConfig.load(configPath, required: configRequired) ?? CourseConfig()
            let rendered = try SiteBuilder.render(try SiteBuilder.preprocess(try SiteBuilder.load(options)))
            try SiteBuilder.write(rendered, to: options.out, protecting: [options.chapters, options.theme])
            let now = SiteRebuilder.digests(of: rendered)
            let changed = SiteRebuilder.changes(from: digests, to: now)
            digests = now
            let pages = rendered.files.count { $0.path.hasSuffix(".html") }
            let figures = rendered.copies.count { $0.path.hasPrefix("figures/") }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            return .built(BuiltSite(pages: pages, figures: figures, seconds: seconds, changed: changed, warnings: rendered.warnings))
        } catch {
            return .failed(error)
        }
    }

    static func digests(of site: RenderedSite) -> [String: Int] {
        var result: [String: Int] = [:]
        for (path, contents) in site.files { result[path] = contents.hashValue }
        for (path, source) in site.copies {
            var hasher = Hasher()
            hasher.combine(source)
            if let attributes = try? FileManager.default.attributesOfItem(atPath: source) {
                hasher.combine((attributes[.size] as? NSNumber)?.int64Value)
                hasher.combine((attributes[.modificationDate] as? Date)?.timeIntervalSince1970)
            }
            result[path] = hasher.finalize()
        }
        return result
    }

    /// The paths whose digest differs, or that appeared or went; every path when there is no previous build.
    static func changes(from old: [String: Int]?, to new: [String: Int]) -> [String] {
        guard let old else { return new.keys.sorted() }
        var changed = new.filter { old[$0.key] != $0.value }.map(\.key)
        changed += old.keys.filter { new[$0] == nil }
        return changed.sorted()
    }
}
