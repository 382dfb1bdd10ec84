import Foundation
import TOMLKit

/// What is per course rather than per run, read from the course's `mcheck.toml` (as mdBook reads `book.toml`):
///
/// ```toml
/// [course]
/// title = "Matrix Calculus for Deep Learning"
/// author = "…"
/// language = "en"                                   # <html lang>
/// repository = "https://github.com/owner/course"    # an "Edit this page" link on every chapter
/// branch = "main"                                   # the branch the edit links open (default main)
/// base-url = "https://owner.github.io/course/"      # where the site is published (canonical links)
/// ```
///
/// Every key is optional; `mcheck build --title` overrides the title. A syntax error, an unknown table or key, a value
/// of the wrong type or an address that is not http(s) is an error naming file:line:column.
public struct CourseConfig: Sendable, Equatable {
    public static let fileName = "mcheck.toml"
    /// The keys of `[course]`, in the order a new course's file lists them.
    public static let keys = ["title", "author", "language", "repository", "branch", "base-url"]

    public var title: String?
    public var author: String?
    public var language: String?
    public var repository: String?
    public var branch: String?
    public var baseURL: String?

    public init(title: String? = nil, author: String? = nil, language: String? = nil, repository: String? = nil, branch: String? = nil, baseURL: String? = nil) {
        self.title = title
        self.author = author
        self.language = language
        self.repository = repository
        self.branch = branch
        self.baseURL = baseURL
    }

    /// The config at `path`; nil when there is no such file and `required` is false (a course needs none).
    public static func load(_ path: String, required: Bool = false) throws(SiteFailure) -> CourseConfig? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            if required { throw SiteFailure(SiteError(.load, file: path, "no such file")) }
            return nil
        }
        guard !isFolder.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw SiteFailure(SiteError(.load, file: path, "cannot read the config file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SiteFailure(SiteError(.load, file: path, "the config file is not UTF-8 text"))
        }
        return try CourseConfig(toml: text, file: path)
    }

    /// Reads the text of a config file; `file` names it in errors.
    public init(toml text: String, file: String) throws(SiteFailure) {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw SiteFailure(SiteError(.load, file: file, line: error.source.begin.line, column: error.source.begin.column, error.description))
        } catch {
            throw SiteFailure(SiteError(.load, file: file, "\(error)"))
        }
        let locator = KeyLocator(text)
        var errors: [SiteError] = []
        func fail(_ at: (line: Int, column: Int)?, _ message: String) {
            errors.append(SiteError(.load, file: file, line: at?.line ?? 1, column: at?.column ?? 1, message))
        }
        self.init()
        for key in table.keys.sorted() where key != "course" {
            fail(locator.table(key) ?? locator.key(key, in: nil), "unknown table or key '\(key)'; mcheck.toml has a [course] table")
        }
        if let course = table["course"] {
            if let values = course.table {
                for key in values.keys.sorted() {
                    let at = locator.key(key, in: "course")
                    guard Self.keys.contains(key) else {
                        fail(at, "unknown key '\(key)' in [course]; the keys are \(Self.keys.joined(separator: ", "))")
                        continue
                    }
                    guard let value = values[key]?.string else {
                        fail(at, "'\(key)' must be a string, in quotes")
                        continue
                    }
                    if let problem = Self.problem(key: key, value: value) {
                        fail(at, problem)
                        continue
                    }
                    switch key {
                    case "title": title = value
                    case "author": author = value
                    case "language": language = value
                    case "repository": repository = value
                    case "branch": branch = value
                    default: baseURL = value
                    }
                }
            } else {
                fail(locator.key("course", in: nil), "'course' must be a table: [course]")
            }
        }
        guard errors.isEmpty else { throw SiteFailure(errors.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }) }
    }

    /// What is wrong with a value, if anything.
    static func problem(key: String, value: String) -> String? {
        switch key {
        case "repository", "base-url":
            guard value.hasPrefix("https://") || value.hasPrefix("http://"), value.count > 8 else {
                return "'\(key)' must be an http:// or https:// address, not '\(value)'"
            }
        case "language":
            // A BCP 47 tag in its usual shape: a two- or three-letter language, then subtags: en, en-GB, zh-Hant.
            let parts = value.split(separator: "-", omittingEmptySubsequences: false)
            let ok = !parts.isEmpty && (2...3).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
                && parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
            if !ok { return "'language' must be a language tag such as en or en-GB, not '\(value)'" }
        case "title", "branch":
            if value.trimmingSpaces().isEmpty { return "'\(key)' must not be empty" }
        default:
            break
        }
        return nil
    }

    /// The address of a chapter's source on the repository's edit page (GitHub's and GitLab's `…/edit/BRANCH/PATH`),
    /// nil without a repository. `path` is relative to the course root, e.g. `chapters/04-jacobian.md`.
    public func editURL(for path: String) -> String? {
        guard var base = repository else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix(".git") { base.removeLast(4) }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return base + "/edit/" + (branch ?? "main") + "/" + relative
    }

    /// The published address of a page, nil without a base URL.
    public func publishedURL(of page: String) -> String? {
        guard let base = baseURL else { return nil }
        return (base.hasSuffix("/") ? base : base + "/") + (page == "index.html" ? "" : page)
    }
}

/// Where tables and keys are written in a TOML text (TOMLKit reports positions of syntax errors only), for messages
/// about values: the line and column of `key =` under `[table]`.
struct KeyLocator {
    let lines: [Substring]

    init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    func table(_ name: String) -> (line: Int, column: Int)? {
        for (k, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") {
                let inner = trimmed.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                if inner == name { return (k + 1, line.count - trimmed.count + 1) }
            }
        }
        return nil
    }

    func key(_ name: String, in table: String?) -> (line: Int, column: Int)? {
        var current: String? = nil
        for (k, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") {
                current = trimmed.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard current == table else { continue }
            var rest = trimmed
            if rest.hasPrefix("\"" + name + "\"") { rest = rest.dropFirst(name.count + 2) }
            else if rest.hasPrefix(name) { rest = rest.dropFirst(name.count) }
            else { continue }
            if rest.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("=") { return (k + 1, line.count - trimmed.count + 1) }
        }
        return nil
    }
}
