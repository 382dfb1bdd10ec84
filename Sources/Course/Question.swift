import Calculus

/// An exercise whose `let`, `where` and `ask` have been read: the question mcheck answers itself.
public struct Question: Sendable {
    public var id: String
    public var line: Int
    public var scope: Scope
    public var conditions: [Condition]
    public var layout: Layout
    /// The question as written (`jacobian([3x^2 y, 2x + y^8], [x, y])`, or the expression of `equal(…)`).
    public var ask: Expr
    /// The expected answer, differentiated and simplified.
    public var truth: Expr
    public var isEquality: Bool

    /// Reads an exercise block; errors point at the field at fault.
    public init(_ block: ExerciseBlock, file: String) throws(SourceError) {
        func fail(_ field: Field, _ e: CalculusError) -> SourceError {
            let column = field.valueColumn + (e.offset ?? 0)
            return SourceError(file: file, line: field.line, column: column, message: "\(field.key): \(e.message)", sourceLine: field.text, length: e.length)
        }
        guard let idField = block.field("id") else {
            throw SourceError(file: file, line: block.line, message: "exercise has no id (add a line such as 'id: jacobian-fg')")
        }
        id = idField.value
        line = block.line
        func read<T>(_ field: Field, _ body: () throws -> T) throws(SourceError) -> T {
            do { return try body() } catch let e as CalculusError { throw fail(field, e) } catch {
                throw SourceError(file: file, line: field.line, message: "\(field.key): \(error)")
            }
        }
        let scope = try block.field("let").map { f throws(SourceError) in try read(f) { try Scope(declarations: f.value) } } ?? Scope()
        self.scope = scope
        layout = .numerator
        if let f = block.field("layout") {
            guard let l = Layout(rawValue: f.value) else {
                throw SourceError(file: file, line: f.line, column: f.valueColumn, message: "layout must be numerator or denominator, not '\(f.value)'", sourceLine: f.text, length: f.value.count)
            }
            layout = l
        }
        conditions = try block.field("where").map { f throws(SourceError) in try read(f) { try Parser.parseConditions(f.value, scope: scope) } } ?? []
        guard let askField = block.field("ask") else {
            throw SourceError(file: file, line: block.line, message: "exercise '\(id)' has no ask (such as 'ask: derivative(x^2, x)')")
        }
        let text = askField.value
        let kinds = ["derivative", "partial", "gradient", "jacobian", "equal"]
        let head = String(text.prefix { $0.isLetter })
        guard kinds.contains(head), text.dropFirst(head.count).first == "(" else {
            throw SourceError(file: file, line: askField.line, column: askField.valueColumn,
                              message: "unknown ask '\(head.isEmpty ? text : head)'; use derivative, partial, gradient, jacobian or equal", sourceLine: askField.text, length: Swift.max(1, head.count))
        }
        let layout = self.layout
        (isEquality, ask, truth) = try read(askField) { () throws -> (Bool, Expr, Expr) in
            let ask: Expr
            if head == "equal" {
                guard text.hasSuffix(")") else {
                    throw CalculusError(.syntax, "expected ')' to close 'equal('", at: text.unicodeScalars.count)
                }
                let inner = String(text.dropFirst(6).dropLast())
                do {
                    ask = try Parser.parse(inner, scope: scope, layout: layout)
                } catch var e as CalculusError {
                    e.offset = (e.offset ?? 0) + 6
                    throw e
                }
            } else {
                ask = try Parser.parse(text, scope: scope, syntax: Syntax.detect(text), layout: layout)
            }
            return (head == "equal", ask, Simplifier.simplify(try Differentiator.resolve(ask)))
        }
    }
}
