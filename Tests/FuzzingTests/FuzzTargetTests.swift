import Foundation
import Testing
@testable import Fuzzing

/// The fuzz targets run in a normal build: the committed corpus (seeds and every input a fuzz run found) holds, and
/// the targets' own checks see what they must.
@Suite struct FuzzTargetTests {
    /// `Fuzz/corpus/` of this checkout.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    @Test(arguments: FuzzTarget.all.map(\.name))
    func theCommittedCorpusHolds(target name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let folder = Self.corpus.appendingPathComponent(name)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(!files.isEmpty, "Fuzz/corpus/\(name)/ holds inputs")
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(target.run(Array(data)) == nil, "Fuzz/corpus/\(name)/\(file)")
        }
    }

    @Test func theWorkbookSeedsKeepEveryAnswer() {
        for seed in WorkbookFuzzing.seeds {
            #expect(FuzzTarget.workbook.run(Array(seed.utf8)) == nil, "\(seed)")
        }
    }

    /// The answers the workbook target looks for are the file's bytes: a quote's `> ` and CRLF line endings included.
    @Test func answerBytesAreTheFilesOwn() throws {
        let text = "```exercise\nid: a\n```\n\n> ```answer\n> 3x^2\r\n> + 1\n> ```\n\n```answer-kept gone\r\nsin(x)\r\n```\r\n\n```answer\n  \n```\n"
        let blocks = WorkbookFuzzing.answerContents(of: .init(file: "ch1.md", text: text), bytes: Array(text.utf8))
        #expect(blocks.map { String(decoding: $0.bytes, as: UTF8.self) } == ["> 3x^2\r\n> + 1", "sin(x)"])
        #expect(blocks.map(\.line) == [5, 10])
    }

    @Test func xmlCheckFindsIllFormedMarkup() {
        #expect(XMLCheck.wellFormed("<math display=\"block\"><mi>x</mi><mo>&gt;</mo><mspace width=\"1em\"/></math>") == nil)
        #expect(XMLCheck.wellFormed("<math><mi>x</math>") == "</math> at byte 11 closes nothing open")
        #expect(XMLCheck.wellFormed("<math><mi>x</mi>") == "<math> is never closed")
        #expect(XMLCheck.wellFormed("<math></math><math></math>") == "2 root elements")
        #expect(XMLCheck.wellFormed("<math><mi a=\"<\">x</mi></math>") == nil)
        #expect(XMLCheck.wellFormed("<math><mi <x</mi></math>") == "'<' inside a tag at byte 10")
    }
}
