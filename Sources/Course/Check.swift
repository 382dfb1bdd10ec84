/// One claim `mcheck verify` checked: a display equation link, an inline claim, a table claim, the cases of a
/// piecewise definition, an exercise, a workbook, a math span (it renders) or a link.
public struct Check: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case equation, inline, table, cases, exercise, workbook, math, link }
    public enum Status: String, Sendable, Codable { case verified, failed, unchecked }
    public var file: String
    public var line: Int
    public var kind: Kind
    public var status: Status
    public var message: String
    /// For `unchecked`: true when the author marked it `<!-- unchecked: … -->`, false when it cannot be evaluated.
    public var marked: Bool?
    /// The `where:` that narrows the claim (`x > 0`), so a narrowed claim never reads as a general one.
    public var conditions: String?

    public init(file: String, line: Int, kind: Kind, status: Status, message: String, marked: Bool? = nil, conditions: String? = nil) {
        self.file = file; self.line = line; self.kind = kind; self.status = status; self.message = message; self.marked = marked
        self.conditions = conditions
    }
}
