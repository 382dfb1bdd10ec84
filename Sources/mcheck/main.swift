import ArgumentParser

/// The `mcheck` command: grading is the default subcommand.
struct MCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcheck",
        abstract: "Grade, publish and verify a matrix-calculus course written in Markdown.",
        version: "0.1.0",
        subcommands: [GradeCommand.self, DiffCommand.self, WorkbookCommand.self, VerifyCommand.self, BuildCommand.self],
        defaultSubcommand: GradeCommand.self
    )
}

MCheck.main()
