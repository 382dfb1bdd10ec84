import ArgumentParser
import Foundation

/// The `mcheck` command: grading is the default subcommand.
struct MCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcheck",
        abstract: "Grade, publish and verify a matrix-calculus course written in Markdown.",
        version: "0.1.0",
        subcommands: [GradeCommand.self, GradebookCommand.self, DiffCommand.self, WorkbookCommand.self, VerifyCommand.self, BuildCommand.self, InitCommand.self, ServeCommand.self],
        defaultSubcommand: GradeCommand.self
    )

    /// Exit status of a command in error: a bad option, a missing argument, an unknown subcommand or a failed
    /// `validate()` (ArgumentParser's 64, EX_USAGE), as the README says.
    static let usageError: Int32 = 2

    /// `mcheck diff -- -x^2 --wrt x`: `diff` reads an expression beginning with `-` without a `--` before it, and takes
    /// options after it; ArgumentParser would take every argument after `--` as an argument (`--wrt` too), so it goes.
    static func arguments(_ arguments: [String]) -> [String] {
        guard arguments.first == "diff", let k = arguments.firstIndex(of: "--") else { return arguments }
        var arguments = arguments
        arguments.remove(at: k)
        return arguments
    }

    /// Parses and runs; every way out goes through ArgumentParser's messages, usage errors with status 2.
    static func start(_ arguments: [String]) -> Never {
        do {
            var command = try parseAsRoot(Self.arguments(arguments))
            try command.run()
            exit()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(usageError)
        }
    }
}

MCheck.start(Array(CommandLine.arguments.dropFirst()))
