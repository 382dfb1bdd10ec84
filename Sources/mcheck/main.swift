import ArgumentParser
struct MCheck: ParsableCommand { static let configuration = CommandConfiguration(commandName: "mcheck", abstract: "Matrix-calculus course checker.") }
MCheck.main()
