import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `--format junit` against the structure of Jenkins' `junit-10.xsd` (which GitLab, Azure DevOps and the GitHub
/// test-report actions read): the elements it allows, their attributes, which are required, the order of a test
/// case's children, and counts that agree with the test cases.
@Suite struct JUnitSchemaTests {
    /// The schema's elements: allowed attributes, required ones, and children allowed in order.
    struct Rule { var attributes: Set<String>; var required: Set<String>; var children: [String] }
    static let schema: [String: Rule] = [
        "testsuites": Rule(attributes: ["name", "time", "tests", "failures", "disabled", "errors"], required: [], children: ["testsuite"]),
        "testsuite": Rule(attributes: ["name", "tests", "failures", "errors", "time", "disabled", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url", "version"],
                          required: ["name", "tests"], children: ["properties", "testcase", "system-out", "system-err"]),
        "testcase": Rule(attributes: ["name", "assertions", "time", "classname", "status"], required: ["name"], children: ["skipped", "error", "failure", "system-out", "system-err"]),
        "failure": Rule(attributes: ["type", "message"], required: [], children: []),
        "error": Rule(attributes: ["type", "message"], required: [], children: []),
        "skipped": Rule(attributes: ["message"], required: [], children: []),
    ]

    /// A parsed element: name, attributes, children, text.
    final class Element {
        var name: String; var attributes: [String: String]; var children: [Element] = []; var text = ""
        init(_ name: String, _ attributes: [String: String]) { self.name = name; self.attributes = attributes }
        func count(_ child: String) -> Int { children.filter { $0.name == child }.count }
    }

    final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [Element] = []
        var root: Element?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let e = Element(name, attributes)
            stack.last?.children.append(e)
            if root == nil { root = e }
            stack.append(e)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
    }

    static func parse(_ xml: String) throws -> Element {
        let parser = XMLParser(data: Data(xml.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        #expect(parser.parse(), "well-formed XML: \(String(describing: parser.parserError))")
        return try #require(builder.root)
    }

    /// Every element is one the schema has, with its attributes, required ones present, children in its order.
    static func validate(_ e: Element) {
        guard let rule = schema[e.name] else { Issue.record("element <\(e.name)> is not in the schema"); return }
        #expect(Set(e.attributes.keys).isSubset(of: rule.attributes), "<\(e.name)> has \(Set(e.attributes.keys).subtracting(rule.attributes))")
        #expect(rule.required.isSubset(of: Set(e.attributes.keys)), "<\(e.name)> lacks \(rule.required.subtracting(e.attributes.keys))")
        let order = e.children.map { rule.children.firstIndex(of: $0.name) ?? -1 }
        #expect(!order.contains(-1) && order == order.sorted(), "<\(e.name)>'s children: \(e.children.map(\.name))")
        if e.name == "testcase" { #expect(e.count("skipped") <= 1) }
        for child in e.children { validate(child) }
    }

    @Test func gradingOutputFollowsTheSchema() throws {
        // Correct, incorrect, invalid and unanswered answers, a file with a malformed exercise, and a missing file.
        let files = ["workbook.md", "course/exercises/ch1.md", "malformed.md", "gone.md"]
        let junit = try MCheckProcess.run(files + ["--format", "junit"])
        let json = try MCheckProcess.run(files + ["--format", "json"])
        #expect(junit.status == 2 && json.status == 2)
        let root = try Self.parse(junit.stdout)
        #expect(root.name == "testsuites")
        Self.validate(root)

        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let graded = try #require(document["files"] as? [[String: Any]])
        let missing = try #require(document["errors"] as? [[String: Any]])
        // One suite per file named on the command line, the missing one included.
        #expect(root.children.map { $0.attributes["name"] ?? "" }.sorted() == files.sorted())
        for file in graded {
            let name = try #require(file["file"] as? String)
            let suite = try #require(root.children.first { $0.attributes["name"] == name })
            let results = try #require(file["results"] as? [[String: Any]]), errors = try #require(file["errors"] as? [[String: Any]])
            // One test case per exercise, and one per error of the file.
            #expect(suite.children.count == results.count + errors.count)
            for r in results {
                let id = try #require(r["id"] as? String), verdict = try #require(r["verdict"] as? String)
                let c = try #require(suite.children.first { $0.attributes["name"] == id })
                #expect(c.attributes["classname"]?.isEmpty == false)
                switch verdict {
                case "correct": #expect(c.children.isEmpty)
                case "incorrect":
                    let failure = try #require(c.children.first { $0.name == "failure" })
                    #expect(failure.attributes["message"] == r["message"] as? String)
                    #expect(failure.text.hasPrefix("\(name):\(r["line"] as? Int ?? 0): "), "the failure says where")
                case "invalid": #expect(c.children.first?.name == "error")
                default: #expect(c.children.first?.name == "skipped")
                }
            }
        }
        #expect(missing.count == 1)
        // The counts agree with the test cases, in each suite and in all.
        func count(_ cases: [Element], _ child: String) -> Int { cases.filter { $0.count(child) > 0 }.count }
        for suite in root.children {
            #expect(suite.attributes["tests"] == "\(suite.children.count)")
            #expect(suite.attributes["failures"] == "\(count(suite.children, "failure"))")
            #expect(suite.attributes["errors"] == "\(count(suite.children, "error"))")
            #expect(suite.attributes["skipped"] == "\(count(suite.children, "skipped"))")
        }
        let cases = root.children.flatMap(\.children)
        #expect(root.attributes["tests"] == "\(cases.count)")
        #expect(root.attributes["failures"] == "\(count(cases, "failure"))")
        #expect(root.attributes["errors"] == "\(count(cases, "error"))")
    }
}
