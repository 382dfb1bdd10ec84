/// One claim `mcheck verify` checked: an equation link, an exercise, a workbook, a math span or a link.
public struct Check: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case equation, exercise, workbook, math, link }
    public enum Status: String, Sendable, Codable { case verified, failed, unchecked }
    public var file: String
    public var line: Int
    public var kind: Kind
    public var status: Status
    public var message: String
    /// For `unchecked`: true when the author marked it `<!-- unchecked: … -->`, false when it cannot be evaluated.
    public var marked: Bool?

    public init(file: String, line: Int, kind: Kind, status: Status, message: String, marked: Bool? = nil) {
        self.file = file; self.line = line; self.kind = kind; self.status = status; self.message = message; self.marked = marked
    }
}

/// How the course's display equations fared: the coverage line.
public struct EquationCoverage: Sendable, Codable, Equatable {
    /// Display equations in the chapters.
    public var equations = 0
    /// Equations that only define a name (`f(x, y) = 3x^2y`): no claim to check.
    public var definitions = 0
    /// Equations all of whose claims were evaluated (verified or failed).
    public var checked = 0
    /// Equations marked `<!-- unchecked: … -->`.
    public var marked = 0
    /// Equations with a claim that could not be evaluated, by reason.
    public var notCheckable: [String: Int] = [:]

    /// Checked equations as a share of those that make claims.
    public var percent: Double {
        let claims = equations - definitions
        return claims == 0 ? 100 : 100 * Double(checked) / Double(claims)
    }
}
