import Course
import Foundation
import Markdown
import MathML

/// A rendered site, in memory: the files to write and the figures to copy.
public struct RenderedSite: Sendable {
    /// Output path (relative to the output folder) → contents.
    public var files: [(path: String, contents: String)]
    /// Output path → source file to copy: the figures the chapters use, and only those.
    public var copies: [(path: String, source: String)]
    /// Files of the figures folder that are not copied and not used (a link leaving the chapters folder, a FIFO…).
    public var warnings: [SiteWarning] = []

    /// The contents of one output file, for tests.
    public func file(_ path: String) -> String? { files.first { $0.path == path }?.contents }
}

/// The chapters after the preprocess step.
public struct PreparedSite: Sendable {
    var sources: SiteSources
    var chapters: [PreparedChapter]
}

/// How long each step took, for `mcheck build` to print.
public struct BuildReport: Sendable {
    public var pages: Int
    public var figures: Int
    public var seconds: [(step: SiteStep, seconds: Double)]
    public var warnings: [SiteWarning] = []
    public var total: Double { seconds.reduce(0) { $0 + $1.seconds } }
}

/// Builds the course site in named steps: `load` → `preprocess` → `render` → `write`.
/// Each step throws a `SiteFailure` with every error it found (file, line, column, message, step).
public enum SiteBuilder {
    /// Runs every step; returns what was written and how long each step took.
    @discardableResult
    public static func build(_ options: SiteOptions) throws(SiteFailure) -> BuildReport {
        var times: [(SiteStep, Double)] = []
        var clock = DispatchTime.now().uptimeNanoseconds
        func lap(_ step: SiteStep) {
            let now = DispatchTime.now().uptimeNanoseconds
            times.append((step, Double(now - clock) / 1e9))
            clock = now
        }
        let sources = try load(options)
        lap(.load)
        let prepared = try preprocess(sources)
        lap(.preprocess)
        // Pages go to disk as they are rendered: the render step's time includes writing them.
        var folder = try OutputFolder(options.out, protecting: [options.chapters, options.theme])
        let summary: RenderSummary
        do { summary = try render(prepared) { folder.write($0, $1) } } catch {
            folder.discard()
            throw error
        }
        lap(.render)
        copy(summary.copies, into: &folder)
        ReaderAssets.writeFont(theme: options.theme, into: &folder)
        try folder.finish()
        lap(.write)
        return BuildReport(pages: summary.pages, figures: summary.copies.count { $0.path.hasPrefix("figures/") }, seconds: times, warnings: summary.warnings)
    }

    // MARK: load

    /// Reads the chapters (`NN-name.md` files of the chapters folder: names starting with a digit), the list
    /// of figures (`figures/` inside it) and the theme (`template.html`, `style.css`: the course's own in the theme folder,
    /// else the built-in ones).
    public static func load(_ options: SiteOptions) throws(SiteFailure) -> SiteSources {
        let fm = FileManager.default
        var errors: [SiteError] = []
        var chapters: [ChapterSource] = []
        let chapterDir = options.chapters
        if let names = try? fm.contentsOfDirectory(atPath: chapterDir) {
            for name in names.sorted() where name.hasSuffix(".md") {
                let base = String(name.dropLast(3))
                guard let number = ChapterSource.number(of: base) else { continue }
                let path = join(chapterDir, name)
                let data: Data
                do { data = try SourceFile.read(path) } catch {
                    errors.append(SiteError(.load, file: path, error.message))
                    continue
                }
                chapters.append(ChapterSource(path: path, name: base, number: number, data: data))
            }
            if chapters.isEmpty && errors.isEmpty {
                errors.append(SiteError(.load, file: chapterDir, "no chapters (files such as 01-introduction.md) in the folder"))
            }
            var seen: [Int: String] = [:]
            for c in chapters {
                if let other = seen[c.number] {
                    errors.append(SiteError(.load, file: c.path, "chapter number \(c.number) is also used by \(other)"))
                }
                seen[c.number] = c.path
            }
        } else {
            errors.append(SiteError(.load, file: chapterDir, "no such folder"))
        }
        let (figures, refusedFigures) = listFigures(in: chapterDir)
        var template: Template?
        var templatePath = join(options.theme, "template.html")
        switch Theme.file("template.html", in: options.theme) {
        case .found(let file):
            templatePath = file.path
            do { template = try Template(file.text, file: file.path) } catch { errors += error.errors }
        case .unreadable(let path): errors.append(SiteError(.load, file: path, "cannot read the page template"))
        case .missing: errors.append(SiteError(.load, file: templatePath, "cannot read the page template"))
        }
        var stylesheet = ""
        switch Theme.file("style.css", in: options.theme) {
        case .found(let file): stylesheet = file.text
        case .unreadable(let path): errors.append(SiteError(.load, file: path, "cannot read the stylesheet"))
        case .missing: errors.append(SiteError(.load, file: join(options.theme, "style.css"), "cannot read the stylesheet"))
        }
        guard errors.isEmpty, let template else { throw SiteFailure(errors) }
        var sources = SiteSources(chapters: chapters, figures: figures, template: template, templatePath: templatePath, stylesheet: stylesheet, options: options)
        sources.refusedFigures = refusedFigures
        return sources
    }

    /// The files of `figures/` in the chapters folder that may be published, by name, each with its real path; and the
    /// others, with why not: a symbolic link that leaves the chapters folder (to `/etc/passwd`, `/proc/self/environ`…)
    /// or leads nowhere, a folder, a FIFO, a device, a file of `/proc`.
    static func listFigures(in chapterDir: String) -> (figures: [String: String], refused: [String: String]) {
        let fm = FileManager.default
        let figureDir = join(chapterDir, "figures")
        var figures: [String: String] = [:], refused: [String: String] = [:]
        guard let names = try? fm.contentsOfDirectory(atPath: figureDir), let root = realPath(chapterDir) else { return ([:], [:]) }
        for name in names where !name.hasPrefix(".") {
            let path = join(figureDir, name)
            let link = try? fm.destinationOfSymbolicLink(atPath: path)
            guard let real = realPath(path) else {
                refused[name] = "a symbolic link to \(link ?? "?"), which does not exist"
                continue
            }
            guard lies(real, inside: root) else {
                refused[name] = "a symbolic link to \(link ?? real), outside the chapters folder"
                continue
            }
            switch SourceFile.kind(atPath: real) {
            case .regular: figures[name] = real
            case .folder: refused[name] = "a folder, not a file"
            case .special(let what): refused[name] = what + ", not a regular file"
            case .missing: refused[name] = "missing"
            }
        }
        return (figures, refused)
    }

    /// The path with every symbolic link resolved; nil when it leads nowhere.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func join(_ dir: String, _ name: String) -> String {
        dir.isEmpty || dir == "." ? name : (dir.hasSuffix("/") ? dir + name : dir + "/" + name)
    }

    /// Whether the resolved path `real` lies inside the resolved folder `root`.
    public static func lies(_ real: String, inside root: String) -> Bool {
        real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    // MARK: preprocess

    /// Parses every chapter, renders its math to MathML and collects its anchors (headings, exercise ids,
    /// equation labels), failing on LaTeX that does not render and on duplicate anchors.
    public static func preprocess(_ sources: SiteSources) throws(SiteFailure) -> PreparedSite {
        let renderer = MathMLRenderer(memoizing: true)
        let results = parallelMap(sources.chapters) { Preprocessor.prepare($0, renderer: renderer) }
        var chapters: [PreparedChapter] = []
        var errors: [SiteError] = []
        for r in results {
            switch r {
            case .success(let c): chapters.append(c)
            case .failure(let f): errors += f.errors
            }
        }
        guard errors.isEmpty else { throw SiteFailure(errors) }
        return PreparedSite(sources: sources, chapters: chapters)
    }

    // MARK: render

    /// What rendering a chapter makes, in parallel with the other chapters of its batch.
    struct ChapterPage: Sendable {
        /// The whole page, its template filled.
        var html: String
        /// The chapter's section of the printable page.
        var printSection: String
        /// The chapter's entries of the search index.
        var searchEntries: String
        var headingHTML: [String: String]
        var errors: [SiteError]
    }

    /// What rendering leaves besides the files it emitted: the figures to copy and the warnings.
    public struct RenderSummary: Sendable {
        public var pages: Int
        public var copies: [(path: String, source: String)]
        public var warnings: [SiteWarning]
    }

    /// How many chapters are rendered at once before their pages are handed on (and let go of), so that a build holds
    /// a batch of pages in memory, not the whole site.
    static let batchSize = 64

    /// Renders every chapter to HTML, checks its links, fills the template; adds the index page, the stylesheet,
    /// the chapter list and the search index. In memory, for tests and tools.
    public static func render(_ site: PreparedSite) throws(SiteFailure) -> RenderedSite {
        var files: [(path: String, contents: String)] = []
        let summary = try render(site) { files.append(($0, $1)) }
        return RenderedSite(files: files, copies: summary.copies, warnings: summary.warnings)
    }

    /// Renders the site, handing each file (path, contents) to `emit` as soon as it is made, a batch of chapters at a
    /// time. On a chapter's errors (a broken link…) it stops after that batch.
    public static func render(_ site: PreparedSite, emit: (String, String) -> Void) throws(SiteFailure) -> RenderSummary {
        let options = site.sources.options
        let config = options.config
        let chapters = site.chapters
        var byName: [String: PreparedChapter] = [:]
        for c in chapters { byName[c.source.name] = c }
        let links = LinkResolver(chapters: byName, figures: site.sources.figures, refused: site.sources.refusedFigures)
        let renderer = MathMLRenderer(memoizing: true)

        // The grader in the page, when its module and scripts are there.
        let inPage = options.grader.flatMap { InPageGrading.assets(module: $0, theme: options.theme) }
        let reference = referencePage(chapters)
        let siteTitle = HTML.escaped(options.siteTitle)
        let common: [Template.Slot: String] = [
            .site_title: siteTitle,
            .index: "index.html",
            .reference: reference,
            .search_index: "search-index.js",
            .stylesheet: "style.css",
            .language: HTML.escaped(config.language ?? "en"),
            .author: HTML.escaped(config.author ?? ""),
        ]
        @Sendable func head(_ page: String) -> String {
            var s = ""
            if let author = config.author { s += "<meta name=\"author\" content=\"\(HTML.escaped(author))\">\n" }
            if let url = config.publishedURL(of: page) { s += "<link rel=\"canonical\" href=\"\(HTML.escaped(url))\">\n" }
            return s
        }
        // The level-2 headings' HTML of every chapter, for the index page.
        var sectionHTML: [[String: String]] = []
        sectionHTML.reserveCapacity(chapters.count)
        var pageCount = 0
        let printPage = PrintPage(chapters)
        var printBody = ""
        var searchEntries: [String] = []
        searchEntries.reserveCapacity(chapters.count)
        for batchStart in stride(from: 0, to: chapters.count, by: batchSize) {
            let batch = Array(batchStart..<min(batchStart + batchSize, chapters.count))
            let pages: [ChapterPage] = parallelMap(batch) { k in
                let chapter = chapters[k]
                var r = ChapterRenderer(chapter: chapter, links: links, renderer: renderer, workbook: options.workbook(for: chapter.source.number))
                r.inPage = inPage != nil
                r.render()
                guard r.errors.isEmpty else {
                    return ChapterPage(html: "", printSection: "", searchEntries: "", headingHTML: [:], errors: r.errors)
                }
                if inPage != nil && !chapter.exercises.isEmpty {
                    r.out += InPageGrading.workbookScript(chapter, workbook: options.workbook(for: chapter.source.number))
                    r.out += InPageGrading.scripts.map { "<script src=\"\($0)\" defer></script>\n" }.joined()
                }
                var values = common
                values[.title] = HTML.escaped(chapter.navTitle)
                values[.content] = r.out
                values[.sidebar] = ChapterList.placeholder(current: chapter.pageName, index: "index.html")
                values[.toc] = toc(chapter, r.headingHTML)
                values[.head] = head(chapter.pageName)
                if let url = config.editURL(for: chapter.source.path) {
                    values[.edit] = "<a class=\"edit-link\" href=\"\(HTML.escaped(url))\">Edit this page</a>"
                }
                values[.prev] = k > 0 ? navLink(chapters[k - 1], rel: "prev") : navLink(href: "index.html", title: "Contents", rel: "prev")
                if k + 1 < chapters.count { values[.next] = navLink(chapters[k + 1], rel: "next") }
                return ChapterPage(html: site.sources.template.fill(values), printSection: printPage.section(r.out, of: chapter),
                                   searchEntries: SearchIndex.entries(chapter), headingHTML: r.headingHTML, errors: [])
            }
            let errors = pages.flatMap { $0.errors }
            guard errors.isEmpty else { throw SiteFailure(errors) }
            for (offset, k) in batch.enumerated() {
                let chapter = chapters[k], page = pages[offset]
                emit(chapter.pageName, page.html)
                printBody += page.printSection
                searchEntries.append(page.searchEntries)
                pageCount += 1
                let level2 = Set(chapter.sections.lazy.filter { $0.level == 2 }.map { $0.id })
                sectionHTML.append(page.headingHTML.filter { level2.contains($0.key) })
            }
        }
        var index = common
        index[.title] = "Contents"
        index[.content] = contents(chapters, sectionHTML: sectionHTML, title: siteTitle, introduction: IndexIntroduction.html(chapters, inPageGrading: inPage != nil))
            + (inPage != nil ? InPageGrading.progressScript(chapters) : "")
        index[.sidebar] = ChapterList.placeholder(current: nil, index: "index.html")
        index[.toc] = ""
        index[.head] = head("index.html")
        if let first = chapters.first { index[.next] = navLink(first, rel: "next") }
        emit("index.html", site.sources.template.fill(index))
        pageCount += 1
        // The whole course on one page (PrintPage).
        var printValues = common
        printValues[.title] = "The whole course"
        printValues[.content] = "<h1>\(siteTitle)</h1>\n" + printBody
        printValues[.sidebar] = ChapterList.placeholder(current: nil, index: "index.html")
        printValues[.toc] = ""
        printValues[.head] = head(PrintPage.name) + "<meta name=\"robots\" content=\"noindex\">\n"
        emit(PrintPage.name, site.sources.template.fill(printValues))
        emit("style.css", "/* MathML rules from the MathML module, then the theme's style.css. */\n" + MathMLRenderer.stylesheet + "\n" + site.sources.stylesheet)
        emit(ChapterList.scriptName, ChapterList.script(chapters))
        emit("search-index.js", SearchIndex.script(entries: searchEntries))
        for (path, contents) in ReaderAssets.texts(theme: options.theme) { emit(path, contents) }
        for (path, contents) in inPage?.files ?? [] { emit(path, contents) }

        // Only the figures a chapter shows or links to are published; refused files nobody uses are worth a warning.
        var used = Set<String>()
        for chapter in chapters {
            for (_, destination, _) in chapter.document.linksAndImages { if let name = LinkResolver.figureName(destination) { used.insert(name) } }
        }
        let copies = site.sources.figures.keys.filter(used.contains).sorted().map { ("figures/" + $0, site.sources.figures[$0]!) } + (inPage?.copies ?? [])
        let warnings = site.sources.refusedFigures.keys.filter { !used.contains($0) }.sorted().map {
            SiteWarning(file: join(join(options.chapters, "figures"), $0), "not published: \(site.sources.refusedFigures[$0]!)")
        }
        return RenderSummary(pages: pageCount, copies: copies, warnings: warnings)
    }

    /// The rule reference: the chapter whose title says "reference", else the last one.
    static func referencePage(_ chapters: [PreparedChapter]) -> String {
        (chapters.first { $0.title.lowercased().contains("reference") } ?? chapters.last)?.pageName ?? "index.html"
    }

    static func navLink(_ chapter: PreparedChapter, rel: String) -> String {
        navLink(href: chapter.pageName, title: chapter.navTitle, rel: rel)
    }

    static func navLink(href: String, title: String, rel: String) -> String {
        let label = rel == "prev" ? "Previous" : "Next"
        return "<a class=\"\(rel)\" rel=\"\(rel)\" href=\"\(HTML.escaped(href))\"><span class=\"nav-label\">\(label)</span> <span class=\"nav-title\">\(HTML.escaped(title))</span></a>"
    }

    /// The in-page table of contents: second- and third-level headings.
    static func toc(_ chapter: PreparedChapter, _ headingHTML: [String: String]) -> String {
        let sections = chapter.sections.filter { $0.level == 2 || $0.level == 3 }
        guard !sections.isEmpty else { return "" }
        var s = "<nav class=\"toc\" aria-label=\"On this page\"><p class=\"toc-title\">On this page</p>\n<ul>\n"
        for section in sections {
            s += "<li class=\"toc-\(section.level)\"><a href=\"#\(HTML.escaped(section.id))\">"
            s += headingHTML[section.id] ?? HTML.escaped(section.text)
            s += "</a></li>\n"
        }
        s += "</ul></nav>"
        return s
    }

    /// The index page's body: the site title and every chapter with its sections.
    static func contents(_ chapters: [PreparedChapter], sectionHTML: [[String: String]], title: String, introduction: String = "") -> String {
        var s = "<h1>\(title)</h1>\n" + introduction + "<ol class=\"contents\">\n"
        for (k, c) in chapters.enumerated() {
            s += "<li value=\"\(c.source.number)\"><a href=\"\(HTML.escaped(c.pageName))\">"
            HTML.escape(c.title, into: &s)
            s += "</a>"
            let sections = c.sections.filter { $0.level == 2 }
            if !sections.isEmpty {
                s += "\n<ul>\n"
                for section in sections {
                    s += "<li><a href=\"\(HTML.escaped(c.pageName))#\(HTML.escaped(section.id))\">"
                    s += sectionHTML[k][section.id] ?? HTML.escaped(section.text)
                    s += "</a></li>\n"
                }
                s += "</ul>\n"
            }
            s += "</li>\n"
        }
        s += "</ol>\n"
        return s
    }

    // MARK: write

    /// Writes a rendered site into `out` (tests and tools; `build` streams instead): the files, then the figures, then
    /// the output folder's manifest, removing what an earlier build made and this one did not (`OutputFolder`).
    public static func write(_ site: RenderedSite, to out: String, protecting protected: [String] = []) throws(SiteFailure) {
        var folder = try OutputFolder(out, protecting: protected)
        for (path, contents) in site.files { folder.write(path, contents) }
        copy(site.copies, into: &folder)
        try folder.finish()
    }

    /// Copies the figures (read again as regular files, not a FIFO put in their place since the load step).
    static func copy(_ copies: [(path: String, source: String)], into folder: inout OutputFolder) {
        for (path, source) in copies {
            do { folder.write(path, try SourceFile.read(source, limit: Int.max)) } catch {
                folder.fail(SiteError(.write, file: source, "cannot read the figure: \(error.message)"))
            }
        }
    }
}
