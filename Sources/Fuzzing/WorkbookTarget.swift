import Course
import Foundation
import Markdown

extension FuzzTarget {
    /// The fuzz bytes are a student's `ch1.md` for `WorkbookFuzzing.chapter`; `mcheck workbook`'s own code makes it again.
    static let workbook = FuzzTarget("workbook", "the workbook merge (`mcheck workbook`'s WorkbookPlan) on a student's workbook of a fixed chapter: every answer's bytes survive, the old file is the backup, and a second run changes nothing") { data in
        WorkbookFuzzing.run(data)
    }
}

enum WorkbookFuzzing {
    /// A small chapter with what the writer treats differently: exercises with and without an answer, a solution, a
    /// mistake, a relative link and a figure.
    static let chapterText = """
        # Rules

        The power rule: $\\frac{d}{dx} x^3 = 3x^2$. See [the next chapter](02-next.md) and ![a figure](figures/f.svg).

        ## Exercises

        **1.1** The derivative of $x^3$.

        ```exercise
        id: cube
        ask: derivative(x^3, x)
        ```

        ```solution
        3x^2
        ```

        ```mistake
        answer: x^2
        feedback: factor
        ```

        **1.2** A gradient.

        ```exercise
        id: grad-product
        let: w, x: vector(3)
        ask: grad(x^2 y, [x, y])
        ```

        ```solution
        [2x y, x^2]
        ```

        **1.3** The last one.

        ```exercise
        id: dot
        let: w, x: vector(3)
        ask: derivative(w . x, w)
        ```

        """
    static let chapterPath = "chapters/01-rules.md"
    static let chapter = Workbook(file: chapterPath, text: chapterText)

    static func run(_ data: [UInt8]) -> String? {
        // A folder of its own for each run: the tests run inputs in parallel.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mcheck-fuzz-workbook-\(UUID().uuidString)").path
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return "cannot make \(folder)" }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = (folder as NSString).appendingPathComponent("ch1.md")
        guard FileManager.default.createFile(atPath: path, contents: Data(data)) else { return "cannot write \(path)" }
        guard let plan = WorkbookPlan.make(chapter: chapter, chapterPath: chapterPath, exercisesFolder: folder) else { return "the chapter has no workbook" }
        guard let existing = plan.existing, let outcome = plan.outcome else { return nil }  // not UTF-8, or too large: left alone
        let output = Array(outcome.text.utf8)
        for block in answerContents(of: existing, bytes: data) where !output.contains(bytes: block.bytes) {
            return "the answer block of line \(block.line) is not in the new workbook:\n\(String(decoding: block.bytes, as: UTF8.self))\n--- new workbook:\n\(outcome.text)"
        }
        do { try plan.write() } catch { return "cannot write the workbook: \(error)" }
        if plan.state != .upToDate {
            guard let backup = FileManager.default.contents(atPath: path + "~"), backup.elementsEqual(data) else { return "the backup \(path)~ is not the previous workbook" }
        }
        guard let again = WorkbookPlan.make(chapter: chapter, chapterPath: chapterPath, exercisesFolder: folder) else { return "the chapter has no workbook" }
        if again.state != .upToDate {
            return "a second run changes the workbook (\(again.state)):\n\(outcome.text)\n--- second run:\n\(again.outcome?.text ?? "")"
        }
        return nil
    }

    /// The content of every `answer` and `answer-kept` block with something in it, as the bytes of the file, without
    /// the last line's line ending (the writer adds one where the file ends without).
    static func answerContents(of workbook: Workbook, bytes: [UInt8]) -> [(line: Int, bytes: ArraySlice<UInt8>)] {
        // Line k + 1 starts at starts[k]; LF, CRLF and a lone CR end a line, as in cmark.
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A || (b == 0x0D && bytes.dropFirst(i + 1).first != 0x0A) { starts.append(i + 1) }
        starts.append(bytes.count)
        var out: [(Int, ArraySlice<UInt8>)] = []
        for node in workbook.document.codeBlocks() {
            guard let block = node.codeBlock, block.isFenced, ["answer", "answer-kept"].contains(block.language),
                  let lines = block.contentLines, lines.lowerBound >= 1, lines.upperBound < starts.count else { continue }
            var content = bytes[starts[lines.lowerBound - 1]..<starts[lines.upperBound]]
            while let last = content.last, last == 0x0A || last == 0x0D { content.removeLast() }
            if content.allSatisfy(RawText.isSpace) { continue }
            out.append((node.range.start.line, content))
        }
        return out
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs in the array, contiguously (Knuth–Morris–Pratt: linear, whatever the bytes).
    func contains(bytes needle: ArraySlice<UInt8>) -> Bool {
        let n = Array(needle)
        guard !n.isEmpty else { return true }
        var fallback = [0] + [Int](repeating: 0, count: n.count - 1)
        var k = 0
        for i in 1..<n.count {
            while k > 0 && n[i] != n[k] { k = fallback[k - 1] }
            if n[i] == n[k] { k += 1 }
            fallback[i] = k
        }
        k = 0
        for b in self {
            while k > 0 && b != n[k] { k = fallback[k - 1] }
            if b == n[k] { k += 1 }
            if k == n.count { return true }
        }
        return false
    }
}
