import Foundation
import Testing
@testable import Calculus

/// KaTeX's list of supported functions as the contract for LaTeX answers: every command that can stand in an
/// answer is read with its meaning, left out as typography, or refused with a message that names it
/// (`Fixtures/katex-commands.md`).
@Suite struct KaTeXCommandTests {
    struct Case: CustomTestStringConvertible, Sendable {
        enum Kind: String, Sendable { case read, ignored, refused }
        var kind: Kind
        var command: String
        var answer: String
        var expected: String?
        var declarations: String
        var line: Int
        var testDescription: String { "line \(line): \(kind.rawValue) \(command): \(answer)" }
    }

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/katex-commands.md")

    /// The cases of the fixture: each `- KIND `COMMAND` `ANSWER` [`EXPECTED`]` line, with the `let:` above it.
    static let cases: [Case] = {
        guard let text = try? String(contentsOf: fixture, encoding: .utf8) else { return [] }
        var out: [Case] = []
        var declarations = ""
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("<!-- let:") {
                declarations = String(line.dropFirst("<!-- let:".count).dropLast(" -->".count)).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard line.hasPrefix("- ") else { continue }
            let parts = line.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
            guard let kind = Case.Kind(rawValue: parts[0].dropFirst(2).trimmingCharacters(in: .whitespaces)), parts.count >= 5 else { continue }
            out.append(Case(kind: kind, command: parts[1], answer: parts[3], expected: parts.count >= 7 ? parts[5] : nil,
                            declarations: declarations, line: number + 1))
        }
        return out
    }()

    @Test func theFixtureCoversKaTeXsGroups() {
        #expect(Self.cases.count > 900)
        for kind in [Case.Kind.read, .ignored, .refused] { #expect(Self.cases.contains { $0.kind == kind }) }
    }

    @Test(arguments: cases)
    func eachCommandIsReadIgnoredOrRefused(_ c: Case) throws {
        let scope = try Scope(declarations: c.declarations)
        switch c.kind {
        case .read, .ignored:
            let expected = try #require(c.expected, "no expected expression")
            let read = try Parser.parse(c.answer, scope: scope)
            let meant = try Parser.parse(expected, scope: scope, syntax: .ascii)
            #expect(read.shape == meant.shape, "\(c.answer): \(read.shape), not \(meant.shape)")
            #expect(Equivalence().compare(meant, read).isEqual, "\(c.answer) read as \(Printer.ascii(read)), not \(expected)")
        case .refused:
            let error: CalculusError
            do {
                let e = try Parser.parse(c.answer, scope: scope)
                Issue.record("\(c.answer) was read as \(Printer.ascii(e))")
                return
            } catch let e { error = e }
            let name = c.expected ?? c.command
            #expect(error.message.contains(name), "\(c.answer): '\(error.message)' does not name \(name)")
            // The caret stands at the command (or at the \begin of its environment).
            let written = c.command.hasPrefix("{") ? "\\begin" + c.command : c.command
            let scalars = Array(c.answer.unicodeScalars), target = Array(written.unicodeScalars)
            let at = (0...(scalars.count - target.count)).first { Array(scalars[$0..<($0 + target.count)]) == target }
            let offset = try #require(error.offset, "\(c.answer): the error has no position")
            if let at { #expect(offset >= at && offset <= at + target.count, "\(c.answer): the error is at \(offset), the command at \(at)") }
        }
    }
}
