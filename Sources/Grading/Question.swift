import Calculus

/// An exercise whose `let`, `where` and `ask` have been read: the question mcheck answers itself.
/// The grader, `mcheck verify` and the site all read an exercise through this one type.
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
    /// Whether the ask is `equal(…)`: evaluate an expression rather than take a derivative.
    public var isEquality: Bool

    /// The opening of an ask that asks for the value of an expression rather than a derivative.
    static let equalityOpener = "equal("

    /// Reads an exercise block; errors point at the field at fault.
    public init(_ block: ExerciseBlock, file: String) throws(SourceError) {
        guard let idField = block.field("id") else {
            throw SourceError(file: file, line: block.line, message: "exercise has no id (add a line such as 'id: jacobian-fg')")
        }
        id = idField.value
        line = block.line
        let scope = try block.field("let").map { f throws(SourceError) in try Question.read(f, file: file) { () throws(CalculusError) in try Scope(declarations: f.value) } } ?? Scope()
        self.scope = scope
        layout = .numerator
        if let f = block.field("layout") {
            guard let l = Layout(rawValue: f.value) else {
                throw SourceError(file: file, line: f.line, column: f.valueColumn, message: "layout must be numerator or denominator, not '\(f.value)'", sourceLine: f.text, length: f.value.count)
            }
            layout = l
        }
        conditions = try block.field("where").map { f throws(SourceError) in try Question.read(f, file: file) { () throws(CalculusError) in try Parser.parseConditions(f.value, scope: scope) } } ?? []
        guard let askField = block.field("ask") else {
            throw SourceError(file: file, line: block.line, message: "exercise '\(id)' has no ask (such as 'ask: derivative(x^2, x)')")
        }
        (isEquality, ask) = try Question.readAsk(askField, file: file, scope: scope, layout: layout)
        let ask = self.ask
        self.scope.questionNames = Set(ask.variables.map { $0.name })
        truth = try Question.read(askField, file: file) { () throws(CalculusError) in Simplifier.simplify(try Differentiator.resolve(ask)) }
    }

    /// An ask is a derivative the parser reads (`derivative(f, x)`, `grad(f, [x, y])`, `\frac{d}{dx} f`, …) or
    /// `equal(expression)`.
    static func readAsk(_ field: Field, file: String, scope: Scope, layout: Layout) throws(SourceError) -> (isEquality: Bool, ask: Expr) {
        let text = field.value
        if text.hasPrefix(equalityOpener) {
            let shift = equalityOpener.unicodeScalars.count
            return (true, try read(field, file: file) { () throws(CalculusError) -> Expr in
                guard text.hasSuffix(")") else {
                    throw CalculusError(.syntax, "expected ')' to close '\(equalityOpener)'", at: text.unicodeScalars.count)
                }
                do throws(CalculusError) {
                    return try Parser.parse(String(text.dropFirst(equalityOpener.count).dropLast()), scope: scope, layout: layout)
                } catch {
                    var e = error
                    e.offset = (e.offset ?? 0) + shift
                    throw e
                }
            })
        }
        let head = String(text.prefix { CharacterClasses.isLetter($0.unicodeScalars.first!) })
        let named = !head.isEmpty && text.dropFirst(head.count).first == "("
        let unknown = SourceError(file: file, line: field.line, column: field.valueColumn,
                                  message: "unknown ask '\(named ? head : text)'; ask for a derivative, such as derivative(f, x), gradient(f, [x, y]) or jacobian(f, x), or for equal(…)",
                                  sourceLine: field.text, length: Swift.max(1, named ? head.count : text.count))
        let ask: Expr
        do {
            ask = try Parser.parse(text, scope: scope, syntax: Syntax.detect(text), layout: layout)
        } catch where named && error.kind == .unknownName && (error.offset ?? 0) == 0 {
            throw unknown
        } catch {
            throw located(error, in: field, file: file)
        }
        guard case .derivative = ask else { throw unknown }
        return (false, ask)
    }

    /// Runs `body`, turning an engine error into an error at the field.
    static func read<T>(_ field: Field, file: String, _ body: () throws(CalculusError) -> T) throws(SourceError) -> T {
        do { return try body() } catch { throw located(error, in: field, file: file) }
    }

    /// An engine error inside a field's value, at its column (the engine's offset is in Unicode scalars).
    static func located(_ e: CalculusError, in field: Field, file: String) -> SourceError {
        let column = field.valueColumn + TextPosition(scalarOffset: e.offset ?? 0, in: field.value).column - 1
        return SourceError(file: file, line: field.line, column: column, message: "\(field.key): \(e.message)", sourceLine: field.text, length: e.length)
    }
}
