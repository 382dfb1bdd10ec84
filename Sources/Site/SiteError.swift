/// The named steps of a site build, in order.
public enum SiteStep: String, Sendable, CaseIterable {
    /// Reading the chapters, the figures, the config file (mcheck.toml) and the theme (built in, or the course's site/).
    case load
    /// Parsing the chapters, rendering their math, collecting anchors, equation labels and exercises.
    case preprocess
    /// Turning each chapter into HTML, resolving links, filling the template; `build` writes each page as it is made.
    case render
    /// Writing the output folder: the figures, the list of what was written, removing stale files, putting a fresh
    /// build in place.
    case write
}

/// One thing wrong with the course as a site: the step that found it, where, and what.
public struct SiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the problem is about, for a caller that treats some problems apart.
    public enum Kind: String, Sendable {
        /// Math whose LaTeX does not render (`mcheck verify` checks math span by span itself).
        case latex
        /// An exercise block or its question that cannot be read (`mcheck verify` checks exercises itself).
        case exercise
        /// Anything else: links, anchors, the theme, files.
        case other
    }

    public var step: SiteStep
    public var kind: Kind
    public var file: String
    /// 1-based; nil when the problem is the file as a whole.
    public var line: Int?
    /// 1-based, in Characters (as every mcheck message counts them; see `Markdown.CharacterColumns`); nil when not known.
    public var column: Int?
    public var message: String

    public init(_ step: SiteStep, file: String, line: Int? = nil, column: Int? = nil, kind: Kind = .other, _ message: String) {
        self.step = step
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column`, or less when not known.
    public var location: String {
        var s = file
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        return s
    }

    /// `file:line:column: error: message (step)`, like a compiler diagnostic.
    public var description: String { "\(location): error: \(message) [\(step.rawValue)]" }
}

/// A build that failed: every error found (a step reports all of its errors before the build stops).
public struct SiteFailure: Error, Sendable, CustomStringConvertible {
    public var errors: [SiteError]

    public init(_ errors: [SiteError]) { self.errors = errors }
    public init(_ error: SiteError) { self.errors = [error] }

    /// The step that failed.
    public var step: SiteStep? { errors.first?.step }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
