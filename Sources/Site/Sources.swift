import Foundation

/// A chapter as read from disk.
public struct ChapterSource: Sendable {
    /// The path used in messages, e.g. `chapters/04-jacobian.md`.
    public var path: String
    /// The file name without `.md`, e.g. `04-jacobian`; the page is `04-jacobian.html`.
    public var name: String
    /// The leading number of the file name (4 for `04-jacobian.md`).
    public var number: Int
    public var data: Data

    public init(path: String, name: String, number: Int, data: Data) {
        self.path = path
        self.name = name
        self.number = number
        self.data = data
    }

    /// A chapter from text, for tests and tools: `name` like `04-jacobian` (the number is read from it).
    public init(name: String, text: String, directory: String = "chapters") {
        self.init(path: directory + "/" + name + ".md", name: name, number: ChapterSource.number(of: name) ?? 0, data: Data(text.utf8))
    }

    /// The leading digits of a file name, if any.
    static func number(of name: String) -> Int? {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits)
    }

    var pageName: String { name + ".html" }
}

/// Everything a build reads: the chapters, the figure files and the theme.
public struct SiteSources: Sendable {
    public var chapters: [ChapterSource]
    /// Figure file names (as linked from chapters: `figures/<name>`) and where each is on disk.
    public var figures: [String: String]
    /// Files of the figures folder that are never published, by name, with why (a symbolic link leaving the chapters
    /// folder, a FIFO, a device…): an image or link to one is an error at the reference.
    public var refusedFigures: [String: String] = [:]
    public var template: Template
    /// The path of the template, for messages.
    public var templatePath: String
    public var stylesheet: String
    public var options: SiteOptions

    public init(chapters: [ChapterSource], figures: [String: String] = [:], template: Template, templatePath: String = "site/template.html", stylesheet: String, options: SiteOptions = SiteOptions()) {
        self.chapters = chapters
        self.figures = figures
        self.template = template
        self.templatePath = templatePath
        self.stylesheet = stylesheet
        self.options = options
    }
}

/// Where a build reads and writes, and the site's title.
public struct SiteOptions: Sendable {
    /// The title when neither `--title` nor mcheck.toml gives one.
    public static let defaultTitle = "Matrix Calculus for Deep Learning"

    public var chapters: String
    /// The theme folder: its files override the built-in theme's, file by file (`Theme`).
    public var theme: String
    public var out: String
    /// The title given on the command line (`--title`), which overrides the config file's.
    public var title: String?
    /// The course's config file (mcheck.toml): title, author, language, repository, base URL.
    public var config: CourseConfig
    /// The workbook path a chapter's exercises are checked with; `%d` is the chapter number.
    public var workbookPattern: String
    /// The grader for the page (`mcheck.wasm`, made by `make wasm`): with it, every exercise gets an answer box that
    /// grades in the browser (README, "Grading in the page").
    public var grader: String?

    public init(chapters: String = "chapters", theme: String = "site", out: String = "_site", title: String? = nil, config: CourseConfig = CourseConfig(), workbookPattern: String = "exercises/ch%d.md", grader: String? = nil) {
        self.grader = grader
        self.config = config
        self.chapters = chapters
        self.theme = theme
        self.out = out
        self.title = title
        self.workbookPattern = workbookPattern
    }

    /// `--title`, else the config's title, else the default.
    public var siteTitle: String { title ?? config.title ?? SiteOptions.defaultTitle }

    func workbook(for chapter: Int) -> String {
        workbookPattern.replacingOccurrences(of: "%d", with: String(chapter))
    }
}

/// Something a build did not do and the author should know, without failing it: `file: warning: message [load]`.
public struct SiteWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, _ message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): warning: \(message) [\(SiteStep.load.rawValue)]" }
}
