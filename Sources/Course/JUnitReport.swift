import Grading

/// Grading as JUnit XML, valid against the schema CI dashboards read (Jenkins' `junit-10.xsd`, which GitLab,
/// Azure and the GitHub test-report actions accept): one `testsuite` per file, one `testcase` per exercise, a
/// `failure` for an incorrect answer, an `error` for an invalid one or an error in the file, `skipped` for an
/// unanswered one. The schema has no line attribute on a test case, so each failure's text starts with
/// `file:line:`. A file that could not be read is a suite of its own, with one error. Each part of a multi-part
/// exercise is a test case (`chain-sin (b)`), whose `system-out` gives the exercise's score.
extension Reporter {
    func junit(_ reports: [FileReport], _ commandErrors: [SourceError]) -> String {
        var suites: [JUnitSuite] = commandErrors.map { e in
            JUnitSuite(name: e.file, cases: [JUnitCase(name: e.location, classname: JUnitCase.classname(e.file), outcome: .error(type: "file", message: e.message, text: e.description))])
        }
        for report in reports {
            let classname = JUnitCase.classname(report.file)
            var cases = report.errors.map { e in
                JUnitCase(name: e.location, classname: classname, outcome: .error(type: "file", message: e.message, text: e.description))
            }
            let byID = Dictionary(report.exercises.filter(\.hasParts).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for r in report.results {
                let details = ["\(report.file):\(r.line): \(r.message)"] + r.feedback.map(\.message).filter { $0 != r.message }
                let outcome: JUnitCase.Outcome
                switch r.verdict {
                case .correct: outcome = .passed
                case .incorrect: outcome = .failure(type: r.verdict.rawValue, message: r.message, text: details.joined(separator: "\n"))
                case .invalid: outcome = .error(type: r.verdict.rawValue, message: r.message, text: details.joined(separator: "\n"))
                case .unanswered: outcome = .skipped(message: r.message)
                }
                let output = r.part == nil ? nil : byID[r.id].map(Reporter.partsLine)
                cases.append(JUnitCase(name: r.name, classname: classname, outcome: outcome, output: output))
            }
            suites.append(JUnitSuite(name: report.file, cases: cases))
        }
        return JUnitSuite.document(suites)
    }
}

/// One `testsuite`: a file.
struct JUnitSuite {
    var name: String
    var cases: [JUnitCase]

    func count(_ kind: JUnitCase.Kind) -> Int { cases.filter { $0.outcome.kind == kind }.count }

    var xml: String {
        var out = "  <testsuite name=\"\(XMLText.attribute(name))\" tests=\"\(cases.count)\" failures=\"\(count(.failure))\""
        out += " errors=\"\(count(.error))\" skipped=\"\(count(.skipped))\" file=\"\(XMLText.attribute(name))\">\n"
        for c in cases { out += "    " + c.xml + "\n" }
        return out + "  </testsuite>\n"
    }

    static func document(_ suites: [JUnitSuite]) -> String {
        let cases = suites.flatMap(\.cases)
        func total(_ kind: JUnitCase.Kind) -> Int { cases.filter { $0.outcome.kind == kind }.count }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"mcheck\" tests=\"\(cases.count)\" failures=\"\(total(.failure))\" errors=\"\(total(.error))\">\n"
        for s in suites { out += s.xml }
        return out + "</testsuites>\n"
    }
}

/// One `testcase`: an exercise, or an error of a file.
struct JUnitCase {
    enum Kind { case passed, failure, error, skipped }
    enum Outcome {
        case passed
        case failure(type: String, message: String, text: String)
        case error(type: String, message: String, text: String)
        case skipped(message: String)

        var kind: Kind {
            switch self {
            case .passed: .passed
            case .failure: .failure
            case .error: .error
            case .skipped: .skipped
            }
        }
    }

    var name: String
    var classname: String
    var outcome: Outcome
    /// The case's `system-out`, if any.
    var output: String? = nil

    /// `exercises/ch4.md` → `exercises.ch4`: dashboards split a class name at its last dot into package and class.
    static func classname(_ file: String) -> String {
        var name = file
        if name.hasSuffix(".md") { name.removeLast(3) }
        while name.hasPrefix("./") { name.removeFirst(2) }
        return name.replacingOccurrences(of: "/", with: ".")
    }

    var xml: String {
        let head = "<testcase name=\"\(XMLText.attribute(name))\" classname=\"\(XMLText.attribute(classname))\""
        let out = output.map { "<system-out>\(XMLText.content($0))</system-out>" } ?? ""
        switch outcome {
        case .passed: return out.isEmpty ? head + "/>" : head + ">" + out + "</testcase>"
        case .failure(let type, let message, let text):
            return head + "><failure message=\"\(XMLText.attribute(message))\" type=\"\(XMLText.attribute(type))\">\(XMLText.content(text))</failure>\(out)</testcase>"
        case .error(let type, let message, let text):
            return head + "><error message=\"\(XMLText.attribute(message))\" type=\"\(XMLText.attribute(type))\">\(XMLText.content(text))</error>\(out)</testcase>"
        case .skipped(let message):
            return head + "><skipped message=\"\(XMLText.attribute(message))\"/>\(out)</testcase>"
        }
    }
}
