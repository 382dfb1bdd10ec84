// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way, toward the engine:
//   mcheck (CLI) → Site → Course → Grading → Calculus (no dependencies); mcheck-serve → Serve (FlyingFox) → Site
//   Course, Site → Markdown (the only cmark-gfm user), MathML
// Grading (questions, grading, feedback, source errors) imports no Foundation and depends only on Calculus.
let package = Package(
    name: "mcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mcheck", targets: ["mcheck"]),
        .executable(name: "mcheck-serve", targets: ["mcheck-serve"]),
        .library(name: "Calculus", targets: ["Calculus"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The course's config file, mcheck.toml.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The HTTP and WebSocket server of `mcheck serve` (async/await over its own small socket layer, no SwiftNIO).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
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

        // Reading an exercise and grading one answer: questions, diagnosis, feedback, source errors. No Foundation.
        .target(name: "Grading", dependencies: ["Calculus"]),

        // Grading in the page: the code `make wasm` compiles to WebAssembly with Calculus and Grading (README, "Grading in
        // the page"); natively it is what the parity tests compare with the command line.
        .target(name: "PageGrading", dependencies: ["Calculus", "Grading"]),

        // Workbooks, grading a whole file, verification, reporters.
        .target(name: "Course", dependencies: ["Calculus", "Grading", "Markdown", "MathML"]),

        // The static course site. Its default theme (Theme/: template, stylesheet, scripts) is compiled into the binary
        // by the EmbedTheme plugin; a course's site/ folder overrides it file by file.
        .target(
            name: "Site",
            dependencies: ["Calculus", "Grading", "Markdown", "MathML", "Course", .product(name: "TOMLKit", package: "TOMLKit")],
            exclude: ["Theme"],
            plugins: ["EmbedTheme"]
        ),
        // The build-tool plugin that turns the files of a target's Theme/ folder into Swift string literals, and its tool.
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["embed-files"]),
        .executableTarget(name: "embed-files", path: "Plugins/EmbedFiles"),

        // `mcheck serve`: builds, serves on 127.0.0.1, rebuilds on every change and reloads the open pages. Its own
        // executable, mcheck-serve, which `mcheck serve` runs: FlyingFox loads FoundationNetworking (libcurl and some
        // thirty shared libraries), which linked into mcheck would slow every start of the grading command line.
        .target(name: "Serve", dependencies: ["Site", .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(name: "mcheck-serve", dependencies: [
            "Serve", "Site", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // The command line: argument parsing and printing only.
        .executableTarget(
            name: "mcheck",
            dependencies: [
                "Calculus", "Grading", "Course", "Site",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: `swift run -c release mcheck-bench`.
        .executableTarget(name: "mcheck-bench", dependencies: ["Calculus", "Grading", "Course", "Markdown", "Site", "PageGrading"]),

        // Fuzz targets (README.md, "Fuzzing"): `make fuzz` builds `mcheck-fuzz` with libFuzzer and the address sanitizer;
        // a normal build compiles it without them, to replay inputs. CFuzzDriver is the C shim that starts libFuzzer.
        .target(name: "Fuzzing", dependencies: ["Calculus", "Grading", "Course", "Markdown", "MathML"]),
        .target(name: "CFuzzDriver"),
        .executableTarget(name: "mcheck-fuzz", dependencies: ["Fuzzing", "CFuzzDriver"]),

        .testTarget(name: "CalculusTests", dependencies: ["Calculus"], exclude: ["Fixtures"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MathMLTests", dependencies: ["MathML"]),
        .testTarget(name: "GradingTests", dependencies: ["Grading", "Calculus"]),
        .testTarget(name: "CourseTests", dependencies: ["Course", "Grading", "Calculus", "Markdown"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MCheckTests", dependencies: [
            "mcheck", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], exclude: ["Fixtures"]),
        .testTarget(name: "PageGradingTests", dependencies: ["PageGrading", "Course", "Grading"]),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "Calculus"]),
        .testTarget(name: "ServeTests", dependencies: ["Serve", "Site", .product(name: "FlyingFox", package: "FlyingFox")]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Course", "Grading", "Markdown", "MathML"], resources: [.copy("Fixtures")]),
    ]
)
