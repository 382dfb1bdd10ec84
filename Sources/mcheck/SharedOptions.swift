import ArgumentParser
import Calculus

/// The course's folders, as `mcheck build` and `mcheck verify` read them.
struct CourseFolders: ParsableArguments {
    @Option(name: .long, help: "The folder of chapters (NN-slug.md files) and figures/.")
    var chapters = "chapters"

    @Option(name: .long, help: "The site's theme folder, holding template.html and style.css.")
    var site = "site"
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
