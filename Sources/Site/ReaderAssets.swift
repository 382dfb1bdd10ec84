import Foundation

/// The theme's files for readers that every site gets as they are: the reader's script (search, menu, contents list,
/// keys, theme toggle), the favicon, and the math font with its licence. A course's theme folder overrides each.
///
/// The font is compiled in as Base64 text (the EmbedTheme plugin embeds UTF-8 text only) and written out as the
/// WOFF2 file it encodes; a course's theme folder may hold the `.woff2` file itself instead.
enum ReaderAssets {
    /// Theme file → published file, text as it is.
    static let textFiles: [(theme: String, published: String)] = [
        ("reader.js", "reader.js"),
        ("favicon.svg", "favicon.svg"),
        ("STIXMath-OFL.txt", "fonts/STIXMath-OFL.txt"),
    ]
    /// The math font, first in the stylesheet's math font stack (`@font-face` in style.css).
    static let font = (theme: "STIXMath-Regular.woff2", published: "fonts/STIXMath-Regular.woff2")

    /// The text files, for `render`'s `emit`.
    static func texts(theme: String) -> [(path: String, contents: String)] {
        textFiles.compactMap { file in Theme.text(file.theme, in: theme).map { (file.published, $0) } }
    }

    /// The font's bytes: the course's `.woff2` file, else the built-in one decoded from Base64.
    static func fontBytes(theme: String) -> Data? {
        let own = theme.isEmpty || theme == "." ? font.theme : (theme.hasSuffix("/") ? theme : theme + "/") + font.theme
        if let data = FileManager.default.contents(atPath: own) { return data }
        return Theme.builtIn(font.theme + ".base64").flatMap { Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }
    }

    /// Writes the font into the output folder.
    static func writeFont(theme: String, into folder: inout OutputFolder) {
        guard let bytes = fontBytes(theme: theme) else { return }
        folder.write(font.published, bytes)
    }
}
