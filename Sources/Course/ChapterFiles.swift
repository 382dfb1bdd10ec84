import Foundation
import Grading

/// The chapters of a course: the `NN-slug.md` files of its folder, in order.
public enum ChapterFiles {
    public static func list(in folder: String) throws(SourceError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw SourceError(file: folder, line: 0, message: "no such folder")
        }
        return names.filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}
