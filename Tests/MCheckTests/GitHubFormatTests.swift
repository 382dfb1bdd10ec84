import Course
import Foundation
import Testing

/// `--format github`: workflow commands GitHub reads back exactly, on the lines of the files.
@Suite struct GitHubFormatTests {
    /// GitHub's runner decodes `%25 %0D %0A` in a message, and `%3A %2C` as well in a property; anything else is
    /// taken as written, so a property value holding `:` or `,` unescaped would end early.
    static func decode(_ s: String, property: Bool) -> String {
        var out = s
        if property { out = out.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%2C", with: ",") }
        return out.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%25", with: "%")
    }

    /// A command line split as the runner splits it: `::level props::message`, props at `,`, key and value at `=`.
    static func parse(_ line: String) -> (level: String, properties: [String: String], message: String)? {
        guard line.hasPrefix("::"), let end = line.range(of: "::", range: line.index(line.startIndex, offsetBy: 2)..<line.endIndex) else { return nil }
        let head = line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound]
        let level = head.prefix { $0 != " " }
        var properties: [String: String] = [:]
        for pair in head.dropFirst(level.count).trimmingCharacters(in: .whitespaces).split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { properties[String(kv[0])] = decode(String(kv[1]), property: true) }
        }
        return (String(level), properties, decode(String(line[end.upperBound...]), property: false))
    }

    @Test(arguments: ["plain", "50% done", "line one\nline two", "cr\r\nlf", "a: b, c", "%0A is not a newline", "é ∂ ∇ 𝟙"])
    func messagesAndPropertiesRoundTrip(text: String) throws {
        let a = GitHubAnnotation(.error, file: "dir,x/a:b%.md", line: 12, column: 3, title: text, message: text)
        let line = a.description
        #expect(!line.contains("\n") && !line.contains("\r"), "one command is one line")
        let parsed = try #require(Self.parse(line))
        #expect(parsed.level == "error")
        #expect(parsed.properties["file"] == "dir,x/a:b%.md")
        #expect(parsed.properties["line"] == "12")
        #expect(parsed.properties["col"] == "3")
        #expect(parsed.properties["title"] == text)
        #expect(parsed.message == text)
    }

    @Test func escapesExactlyWhatGitHubRequires() {
        #expect(GitHubAnnotation.escapeData("100%\r\n: ,") == "100%25%0D%0A: ,")
        #expect(GitHubAnnotation.escapeProperty("100%\r\n: ,") == "100%25%0D%0A%3A %2C")
        // A file as a whole has no line; a line without a column has no col.
        #expect(GitHubAnnotation(.warning, file: "a.md", line: 0, message: "m").description == "::warning file=a.md::m")
        #expect(GitHubAnnotation(.notice, file: "a.md", line: 4, message: "m").description == "::notice file=a.md,line=4::m")
    }

    /// Every exercise that is not correct gets an annotation at its line (an error, or a warning when unanswered),
    /// as the JSON of the same run says; a correct one gets none.
    @Test func gradingAnnotatesEachExerciseThatIsNotCorrect() throws {
        let github = try MCheckProcess.run(["workbook.md", "--format", "github"])
        let json = try MCheckProcess.run(["workbook.md", "--format", "json"])
        #expect(github.status == json.status)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let results = try #require((document["files"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let annotations = github.stdout.split(separator: "\n").compactMap { Self.parse(String($0)) }
        #expect(annotations.count == results.filter { $0["verdict"] as? String != "correct" }.count)
        for r in results {
            let verdict = try #require(r["verdict"] as? String), line = try #require(r["line"] as? Int)
            let at = annotations.first { $0.properties["line"] == "\(line)" }
            switch verdict {
            case "correct": #expect(at == nil)
            case "unanswered": #expect(at?.level == "warning")
            default:
                #expect(at?.level == "error")
                #expect(at?.properties["file"] == "workbook.md")
                #expect(at?.message.hasPrefix(try #require(r["message"] as? String)) == true)
            }
        }
        // The summary closes the log, as in text.
        let text = try MCheckProcess.run(["workbook.md"])
        #expect(github.stdout.split(separator: "\n").last == text.stdout.split(separator: "\n").last)
    }

    @Test func aMissingFileIsAnErrorAnnotation() throws {
        let r = try MCheckProcess.run(["gone.md", "--format", "github"])
        #expect(r.status == 2)
        let first = try #require(Self.parse(String(r.stdout.split(separator: "\n").first ?? "")))
        #expect(first.level == "error")
        #expect(first.properties["file"] == "gone.md")
    }

    /// verify: each failed check an error on its line, each claim that cannot be checked a warning.
    @Test func verifyAnnotatesFailuresAndClaimsNotCheckable() throws {
        let json = try MCheckProcess.run(["verify", "--format", "json", "--site", MCheckProcess.theme], in: "verify-github")
        let github = try MCheckProcess.run(["verify", "--format", "github", "--site", MCheckProcess.theme], in: "verify-github")
        #expect(github.status == json.status)
        #expect(github.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let checks = try #require(document["checks"] as? [[String: Any]])
        let annotations = github.stdout.split(separator: "\n").compactMap { Self.parse(String($0)) }
        let failed = checks.filter { $0["status"] as? String == "failed" }
        let notCheckable = checks.filter { $0["status"] as? String == "unchecked" && $0["marked"] as? Bool == false }
        #expect(!failed.isEmpty && !notCheckable.isEmpty, "the fixture has both")
        #expect(annotations.filter { $0.level == "error" }.count == failed.count)
        #expect(annotations.filter { $0.level == "warning" }.count == notCheckable.count)
        for c in failed {
            #expect(annotations.contains { $0.level == "error" && $0.properties["line"] == "\(c["line"] as? Int ?? -1)" && $0.properties["file"] == c["file"] as? String })
        }
        #expect(github.stdout.contains("\ncoverage: "))
    }

    @Test func buildAnnotatesABrokenLink() throws {
        let r = try MCheckProcess.run(["build", "--format", "github", "--site", MCheckProcess.theme, "--out", try MCheckProcess.temporaryFolder().path], in: "verify-github")
        #expect(r.status == 1)
        let errors = r.stdout.split(separator: "\n").compactMap { Self.parse(String($0)) }.filter { $0.level == "error" }
        #expect(errors.contains { $0.properties["file"] == "chapters/01-claims.md" && $0.properties["line"] != nil && $0.message.contains("nope") })
    }
}
