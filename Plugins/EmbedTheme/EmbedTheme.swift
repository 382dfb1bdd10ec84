import Foundation
import PackagePlugin

/// Compiles the default theme into the binary: every file of the target's `Theme/` folder becomes a string in a
/// generated Swift file (`DefaultThemeFiles.files`, name → contents), so the `mcheck` binary needs no files beside it.
/// (SwiftPM resources are files next to the binary on Linux, not data in it.)
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = target.directoryURL.appending(path: "Theme")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        let inputs = names.map { folder.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "DefaultThemeFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the default theme (\(names.count) files)",
                executable: try context.tool(named: "embed-files").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
