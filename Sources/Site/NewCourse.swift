import Course
import Foundation

/// `mcheck init [DIR]`: a new course that builds and verifies as it is — one chapter with a checked worked equation
/// and one exercise (with its solution and a typical mistake), the students' workbook folder (a README and the
/// chapter's workbook, made by the workbook code), mcheck.toml and a CI workflow that runs `mcheck verify` and
/// `mcheck build`. The site uses the built-in theme; a `site/` folder added later overrides it file by file.
public enum NewCourse {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): error: \(message)" }
    }

    /// The files of a new course, path (relative to its folder) → contents; `title` goes into mcheck.toml.
    public static func files(title: String) -> [(path: String, contents: String)] {
        let chapterPath = "chapters/01-derivatives.md"
        let workbook = WorkbookWriter.make(chapter: Workbook(file: chapterPath, text: chapter), chapterPath: chapterPath, existing: nil).text
        return [
            (CourseConfig.fileName, config(title: title)),
            (chapterPath, chapter),
            ("exercises/README.md", exercisesReadme),
            ("exercises/" + (WorkbookWriter.workbookName(forChapter: chapterPath) ?? "ch1.md"), workbook),
            (".github/workflows/course.yml", workflow),
            (".gitignore", "_site/\n.build/\n"),
        ]
    }

    /// Writes a new course into `folder` (created if needed) and returns the paths written. Refuses a folder that
    /// holds anything but a `.git` folder, so that nothing is ever overwritten.
    @discardableResult
    public static func create(at folder: String, title: String? = nil) throws(Failure) -> [String] {
        let fm = FileManager.default
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw Failure(path: folder, message: "is a file, not a folder") }
            let names = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { $0 != ".git" }
            guard names.isEmpty else {
                let shown = names.sorted().prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
                throw Failure(path: folder, message: "not empty (\(shown)); a new course goes into an empty or new folder, and nothing is overwritten")
            }
        }
        let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        var written: [String] = []
        for (relative, contents) in files(title: title ?? defaultTitle(folderName: name)) {
            let path = (folder as NSString).appendingPathComponent(relative)
            do {
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                // withoutOverwriting: a file that appeared since the check above is left alone.
                try Data(contents.utf8).write(to: URL(fileURLWithPath: path), options: [.withoutOverwriting])
            } catch {
                throw Failure(path: path, message: "cannot write the file: \(error.localizedDescription)")
            }
            written.append(path)
        }
        return written
    }

    /// `my-course` → `My course`.
    static func defaultTitle(folderName: String) -> String {
        let words = folderName.split { $0 == "-" || $0 == "_" || $0 == " " }.joined(separator: " ")
        guard let first = words.first, !words.isEmpty, words != "." && words != "/" else { return "A new course" }
        return first.uppercased() + words.dropFirst()
    }

    static func config(title: String) -> String {
        var quoted = ""
        for c in title.unicodeScalars {
            switch c {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            default: if c.value < 0x20 { quoted += " " } else { quoted.unicodeScalars.append(c) }
            }
        }
        return """
            # The course's settings, read by mcheck build (README of mcheck, "The config file").
            [course]
            title = "\(quoted)"
            language = "en"
            # author = "Your Name"
            # The repository, for an "Edit this page" link on every chapter, and the branch it opens:
            # repository = "https://github.com/you/course"
            # branch = "main"
            # Where the site is published, for the pages' canonical addresses:
            # base-url = "https://you.github.io/course/"

            """
    }

    static let chapter = #"""
        # Derivatives

        A derivative says how fast a function changes when its input moves a little. This first chapter is a
        placeholder: replace its text with your own, keep the exercise format, and run `mcheck verify` to check every
        formula and solution.

        ## A worked example

        Each worked display preceded by a `let` comment is checked by `mcheck verify`: the two sides must be equal.

        <!-- let: x: scalar -->
        $$\frac{d}{dx}\left(x^3 + 2x\right) = 3x^2 + 2$$

        ## Exercises

        **1.1** Differentiate $x^2 \sin x$ with respect to $x$.

        ```exercise
        id: product-rule
        let: x: scalar
        ask: derivative(x^2 sin(x), x)
        ```

        ```solution
        2x sin(x) + x^2 cos(x)
        ```

        ```mistake
        answer: 2x cos(x)
        feedback: value
        ```

        """#

    static let exercisesReadme = """
        # Workbooks

        Each chapter's exercises are copied into a workbook here (`ch1.md` for chapter 1) by `mcheck workbook`, which
        keeps the answers already written whenever it runs again.

        Write each answer in the empty `answer` block under its exercise, as one expression: `2x sin(x)`, `[2x, 3]`,
        `[[1, 0], [0, 1]]`, or LaTeX such as `\\frac{1}{x}`. Then grade the workbook:

        ```
        mcheck exercises/ch1.md
        ```

        Each answer is checked by evaluating it against the solution, and a wrong one gets a hint about what went wrong
        (a sign, a factor, a transposed matrix…).

        """

    static let workflow = """
        # Checks the course on every push and pull request: every claim and solution (mcheck verify), then the site
        # (mcheck build). Set MCHECK_REPOSITORY to where mcheck's sources are.
        name: course
        on: [push, pull_request]
        permissions:
          contents: read
        env:
          MCHECK_REPOSITORY: https://github.com/OWNER/mcheck
        jobs:
          check:
            runs-on: ubuntu-latest
            container: swift:6.3
            steps:
              - uses: actions/checkout@v4
              - name: build mcheck
                run: |
                  apt-get update -qq && apt-get install -y -qq git pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev
                  git clone --depth 1 "$MCHECK_REPOSITORY" /tmp/mcheck
                  swift build -c release --package-path /tmp/mcheck --product mcheck
                  swift build -c release --package-path /tmp/mcheck --show-bin-path >> "$GITHUB_PATH"
              - run: mcheck verify --format github
              - run: mcheck build --format github
              - run: mcheck workbook --check

        """
}
