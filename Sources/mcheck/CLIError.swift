import ArgumentParser
import Calculus
import Foundation
import Grading

/// Errors the command line prints: located input errors with the line and a caret.
enum CLIError: Error, CustomStringConvertible {
    case input(what: String, text: String, error: CalculusError)
    case message(String)

    var description: String {
        switch self {
        case .input(let what, let text, let error):
            let at = TextPosition(scalarOffset: error.offset ?? 0, in: text)
            return "error: \(what): line \(at.line), column \(at.column): \(error.message)\n\(Diagnostic(error, in: text).excerpt())"
        case .message(let m): return "error: " + m
        }
    }

    /// Prints the error to standard error.
    func report() {
        FileHandle.standardError.write(Data((description + "\n").utf8))
    }
}
