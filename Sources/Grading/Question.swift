import Calculus

/// An exercise whose `let`, `where` and `ask` have been read: the question mcheck answers itself.
/// The grader, `mcheck verify` and the site all read an exercise through this one type.
public struct Question: Sendable {
    /// What the question asks for.
    public enum Kind: Sendable, Equatable {
        /// A derivative (`derivative(f, x)`, `jacobian(f, x)`, …): the answer is an expression.
        case derivative
        /// `equal(expression)`: the answer is an expression of the same value.
        case equality
        /// `shape(derivative)`: the answer is the derivative's shape, `m×n`.
        case shape
        /// `step(N)`: the answer is the number of the first wrong step of the `steps:` derivation, 1 to N.
        case step
    }

    public var id: String
    /// The part's letter in a multi-part exercise (`a`, `b`, …); nil for an exercise of one question.
    public var part: String?
    public var line: Int
    public var kind: Kind
    public var scope: Scope
    public var conditions: [Condition]
    public var layout: Layout
    /// The question as written (`jacobian([3x^2 y, 2x + y^8], [x, y])`, or the expression of `equal(…)`).
    public var ask: Expr
    /// The expected answer, differentiated and simplified.
    public var truth: Expr
    /// Whether the ask is `equal(…)`: evaluate an expression rather than take a derivative.
    public var isEquality: Bool { kind == .equality }
    /// A find-the-error question: each side of its derivation (`steps:`), step k going from side k to side k + 1.
    public var steps: [Expr] = []
    /// The first step that does not follow from the line before it (1-based); 0 for a question of another kind.
    public var wrongStep = 0

    /// The expected shape of a shape question (the shape of the derivative, in the exercise's layout).
    public var expectedShape: Shape { truth.shape }

    /// How messages name the question: `chain-sin (b)`, or the id.
    public var name: String { ExerciseBlock.name(id: id, part: part) }

    /// The opening of an ask that asks for the value of an expression rather than a derivative.
    static let equalityOpener = "equal("
    static let shapeOpener = "shape("
    static let stepOpener = "step("

    /// Reads an exercise block; errors point at the field at fault.
    public init(_ block: ExerciseBlock, file: String) throws(SourceError) {
        guard let idField = block.field("id") else {
            throw SourceError(file: file, line: block.line, message: "exercise has no id (add a line such as 'id: jacobian-fg')")
        }
        id = idField.value
        part = block.part
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
        // An author's error that verify reports; the page, which grades only exercises that verify, does without it.
        #if !hasFeature(Embedded)
        if let f = block.field("where"), f.value == Field.inheritValue {
            throw SourceError(file: file, line: f.line, column: f.valueColumn,
                              message: "where: 'inherit' (part a's conditions) stands only in a later part of an exercise whose part a has a 'where:'; write the conditions out",
                              sourceLine: f.text, length: f.value.count)
        }
        #endif
        conditions = try block.field("where").map { f throws(SourceError) in try Question.read(f, file: file) { () throws(CalculusError) in try Parser.parseConditions(f.value, scope: scope) } } ?? []
        guard let askField = block.field("ask") else {
            throw SourceError(file: file, line: block.line, message: "exercise '\(id)' has no ask (such as 'ask: derivative(x^2, x)')")
        }
        if askField.value.hasPrefix(Question.stepOpener) {
            kind = .step
            let count = try Question.readStepCount(askField, file: file)
            guard let stepsField = block.field("steps") else {
                throw SourceError(file: file, line: askField.line, column: askField.valueColumn,
                                  message: "a step question needs a 'steps:' line: the derivation, its sides separated by '=' (such as 'steps: derivative(x^3, x) = 3x^2 = 3x')",
                                  sourceLine: askField.text, length: askField.value.count)
            }
            steps = try Question.readSteps(stepsField, file: file, scope: scope, layout: layout)
            guard steps.count - 1 == count else {
                throw SourceError(file: file, line: askField.line, column: askField.valueColumn,
                                  message: "ask: step(\(count)) but the derivation of 'steps:' has \(steps.count - 1) step\(steps.count == 2 ? "" : "s") (\(steps.count) sides separated by '=')",
                                  sourceLine: askField.text, length: askField.value.count)
            }
            ask = steps[0]
        } else if askField.value.hasPrefix(Question.shapeOpener) {
            kind = .shape
            let inner = try Question.inner(of: askField, opener: Question.shapeOpener, file: file)
            let (_, derivative) = try Question.readAsk(inner, file: file, scope: scope, layout: layout)
            ask = derivative
        } else {
            let (isEquality, ask) = try Question.readAsk(askField, file: file, scope: scope, layout: layout)
            kind = isEquality ? .equality : .derivative
            self.ask = ask
        }
        if kind != .step, let stray = block.field("steps") {
            throw SourceError(file: file, line: stray.line, column: 1, message: "'steps:' belongs to a find-the-error question (ask: step(N)); this exercise asks for something else",
                              sourceLine: stray.text, length: 5)
        }
        #if !hasFeature(Embedded)
        if case .derivative(let request) = self.ask, let whereField = block.field("where") {
            // The variables of the derivative, an entry's vector with it (`w_1`: w).
            var names = Set<String>()
            for v in request.variables {
                names.insert(v.name)
                if v.kind == .entry, let cut = v.name.lastIndex(of: "_") { names.insert(String(v.name[..<cut])) }
            }
            if conditions.contains(where: { $0.equalityInvolves(names) }) {
                throw SourceError(file: file, line: whereField.line, column: whereField.valueColumn,
                                  message: "where: an equality fixes a variable the derivative is taken with respect to, or ties another name to it: every answer right at that one value would pass; state it for another name, or drop it",
                                  sourceLine: whereField.text, length: Swift.max(1, whereField.value.count))
            }
        }
        #endif
        let ask = self.ask
        self.scope.questionNames = Set((kind == .step ? steps : [ask]).flatMap { $0.variables.map { $0.name } })
        truth = try Question.read(askField, file: file) { () throws(CalculusError) in Simplifier.simplify(try Differentiator.resolve(ask)) }
        if kind == .step {
            wrongStep = try Question.firstWrongStep(steps, conditions: conditions, field: block.field("steps")!, file: file)
        }
    }

    /// The field's value inside `opener(` … `)`, as a field of its own (at the column where it starts).
    static func inner(of field: Field, opener: String, file: String) throws(SourceError) -> Field {
        let text = field.value
        guard text.hasSuffix(")") else {
            throw SourceError(file: file, line: field.line, column: field.valueColumn + text.count, message: "\(field.key): expected ')' to close '\(opener)'", sourceLine: field.text)
        }
        var inner = field
        inner.value = Field.trimmed(text.dropFirst(opener.count).dropLast())
        let leading = text.dropFirst(opener.count).prefix { $0 == " " || $0 == "\t" }.count
        inner.valueColumn = field.valueColumn + opener.count + leading
        return inner
    }

    /// `step(N)`: N, a whole number of steps from 1 to 99.
    static func readStepCount(_ field: Field, file: String) throws(SourceError) -> Int {
        let inner = try inner(of: field, opener: stepOpener, file: file)
        guard let n = Int(inner.value), n >= 1, n <= 99 else {
            throw SourceError(file: file, line: inner.line, column: inner.valueColumn,
                              message: "ask: step(N) takes the number of steps of the derivation, a whole number from 1 to 99, not '\(inner.value)'",
                              sourceLine: field.text, length: Swift.max(1, inner.value.count))
        }
        return n
    }

    /// The sides of the `steps:` derivation `a = b = c`: at least two, each an expression the parser reads.
    static func readSteps(_ field: Field, file: String, scope: Scope, layout: Layout) throws(SourceError) -> [Expr] {
        let sides = Parser.splitEquation(field.value)
        guard sides.count >= 2 else {
            throw SourceError(file: file, line: field.line, column: field.valueColumn,
                              message: "steps: a derivation needs at least two sides separated by '=' (such as 'derivative(x^3, x) = 3x^2')",
                              sourceLine: field.text, length: Swift.max(1, field.value.count))
        }
        var out: [Expr] = []
        for side in sides {
            do {
                out.append(try Parser.parse(side.text, scope: scope, syntax: Syntax.detect(side.text), layout: layout))
            } catch {
                var e = error
                e.offset = (e.offset ?? 0) + side.offset
                throw located(e, in: field, file: file)
            }
        }
        return out
    }

    /// The first step k (1-based) whose side k + 1 is not equal to side k; a derivation without a wrong step is an
    /// error of the exercise (there is nothing to find).
    static func firstWrongStep(_ steps: [Expr], conditions: [Condition], field: Field, file: String) throws(SourceError) -> Int {
        let equivalence = Equivalence(conditions: conditions)
        var resolved: [Expr] = []
        for s in steps { resolved.append(try read(field, file: file) { () throws(CalculusError) in Simplifier.simplify(try Differentiator.resolve(s)) }) }
        for k in 1..<resolved.count {
            switch equivalence.compare(resolved[k - 1], resolved[k]) {
            case .equal: continue
            case .undecidable(let why):
                throw SourceError(file: file, line: field.line, column: field.valueColumn, message: "steps: step \(k) cannot be decided: \(why)", sourceLine: field.text, length: Swift.max(1, field.value.count))
            case .notEqual, .shapesDiffer: return k
            }
        }
        throw SourceError(file: file, line: field.line, column: field.valueColumn,
                          message: "steps: every step of the derivation is right, so there is no error to find (make one step wrong)",
                          sourceLine: field.text, length: Swift.max(1, field.value.count))
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
