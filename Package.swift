// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way, toward the engine:
//   mcheck (CLI) → Course, Site → Markdown (the only cmark-gfm user), MathML, Calculus (no dependencies)
let package = Package(
    name: "mcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mcheck", targets: ["mcheck"]),
        .library(name: "Calculus", targets: ["Calculus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The math engine: expressions, parsing, shapes, simplification, differentiation, evaluation, equality.
        .target(name: "Calculus"),

        // cmark-gfm, Debian's libcmark-gfm-dev, found with pkg-config.
        .systemLibrary(
            name: "CCMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // The `$…$` / `$$…$$` math syntax extension for cmark-gfm, in C; used only by Markdown.
        .target(name: "CMarkMath", dependencies: ["CCMarkGFM"]),
        // The thin Swift layer over cmark-gfm: the only code that imports it.
        .target(name: "Markdown", dependencies: ["CCMarkGFM", "CMarkMath"]),

        // LaTeX to MathML, for the site and for checking that every math span renders.
        .target(name: "MathML"),

        // Exercises, grading, verification, workbooks.
        .target(name: "Course", dependencies: ["Calculus", "Markdown", "MathML"]),

        // The static course site.
        .target(name: "Site", dependencies: ["Calculus", "Markdown", "MathML", "Course"]),

        // The command line: argument parsing and printing only.
        .executableTarget(
            name: "mcheck",
            dependencies: [
                "Calculus", "Course", "Site",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: `swift run -c release mcheck-bench`.
        .executableTarget(name: "mcheck-bench", dependencies: ["Calculus", "Course", "Markdown", "Site"]),

        .testTarget(name: "CalculusTests", dependencies: ["Calculus"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MathMLTests", dependencies: ["MathML"]),
        .testTarget(name: "CourseTests", dependencies: ["Course", "Calculus", "Markdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MCheckTests", dependencies: [
            "mcheck", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Markdown", "MathML"], resources: [.copy("Fixtures")]),
    ]
)
