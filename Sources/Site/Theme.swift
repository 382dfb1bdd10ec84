import Foundation

/// The site's theme: the default one is compiled into the binary (Sources/Site/Theme/, embedded by the EmbedTheme
/// plugin); a course's theme folder (`site/`, or `--site DIR`) overrides it file by file, as mdBook's `theme/` does.
/// A course with no theme folder at all gets the default theme.
public enum Theme {
    /// What names a built-in file in messages: `(built-in theme)/template.html`.
    public static let builtInFolder = "(built-in theme)"

    /// The names of the default theme's files.
    public static var fileNames: [String] { DefaultThemeFiles.files.keys.sorted() }

    /// The default theme's file, as compiled in.
    public static func builtIn(_ name: String) -> String? { DefaultThemeFiles.files[name] }

    /// One file of the theme, found.
    public struct File: Sendable, Equatable {
        public var text: String
        /// Where it came from, for messages: the course's file, or `(built-in theme)/name`.
        public var path: String
        /// Whether it is the course's own file rather than the default one.
        public var isOverride: Bool
    }

    public enum Lookup: Sendable, Equatable {
        case found(File)
        /// The course's folder has the file but it cannot be read (a folder, no permission…).
        case unreadable(path: String)
        /// Neither the course nor the default theme has it.
        case missing
    }

    /// The course's file `name` in `folder` if there is one, else the default theme's.
    public static func file(_ name: String, in folder: String) -> Lookup {
        let path = folder.isEmpty || folder == "." ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard !isFolder.boolValue, let data = FileManager.default.contents(atPath: path) else { return .unreadable(path: path) }
            return .found(File(text: String(decoding: data, as: UTF8.self), path: path, isOverride: true))
        }
        guard let text = builtIn(name) else { return .missing }
        return .found(File(text: text, path: builtInFolder + "/" + name, isOverride: false))
    }

    /// The file's text, the course's or the default one; nil when unreadable or missing.
    static func text(_ name: String, in folder: String) -> String? {
        if case .found(let file) = file(name, in: folder) { return file.text }
        return nil
    }
}
