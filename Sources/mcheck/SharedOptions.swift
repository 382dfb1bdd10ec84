import ArgumentParser
import Calculus
import Foundation
import Site

/// The course's folders, as `mcheck build` and `mcheck verify` read them.
struct CourseFolders: ParsableArguments {
    @Option(name: .long, help: "The folder of chapters (NN-slug.md files) and figures/.")
    var chapters = "chapters"

    @Option(name: .long, help: "The site's theme folder: its files (template.html, style.css, the scripts) replace the built-in theme's, file by file; it may be missing.")
    var site = "site"

    @Option(name: .long, help: "The course's config file (title, author, language, repository, base URL; default: mcheck.toml when it exists).")
    var config: String?

    /// The config file's path.
    var configPath: String { config ?? CourseConfig.fileName }

    /// The course's config (empty without a file); its errors are printed (file:line:column) and exit with status 2.
    func courseConfig() throws -> CourseConfig {
        do { return try CourseConfig.load(configPath, required: config != nil) ?? CourseConfig() } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

/// `--layout`: numerator (the course's) or denominator.
enum LayoutOption: String, ExpressibleByArgument, CaseIterable {
    case numerator, denominator

    var layout: Layout {
        switch self {
        case .numerator: .numerator
        case .denominator: .denominator
        }
    }
}

/// `--notation`: the forms `mcheck diff` prints the result in.
enum NotationOption: String, ExpressibleByArgument, CaseIterable {
    /// As "read as" shows it: `2x cos(x^2)`.
    case ascii
    /// As the site renders it: `2 x \cos\left(x^{2}\right)`.
    case latex
    /// As a student types it with Unicode: `2x·cos(x²)`.
    case unicode

    /// The notations printed when none is asked for.
    static let standard: [NotationOption] = [.ascii, .latex]

    func print(_ e: Expr) -> String {
        switch self {
        case .ascii: Printer.ascii(e)
        case .latex: Printer.latex(e)
        case .unicode: Printer.unicode(e)
        }
    }
}
