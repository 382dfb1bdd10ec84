/// What names mean while reading an expression: declared shapes (`let: w, x: vector(n)`),
/// functions defined earlier (`f(x, y) = 3x^2y`), and summation indices in scope.
public struct Scope: Sendable {
    public private(set) var variables: [String: Variable] = [:]
    public private(set) var definitions: [String: Definition] = [:]
    /// The names the question itself uses (its `ask`), declared or not: a run of such letters in an answer
    /// (`abcd` for `derivative(a b c d x, x)`) is their product, never an unknown name.
    public var questionNames: Set<String> = []

    /// A function or quantity defined by an equation, e.g. `f(x, y) = 3x^2 y` or `u = x^2`.
    public struct Definition: Sendable {
        public var parameters: [Variable]
        public var body: Expr
        public init(parameters: [Variable], body: Expr) { self.parameters = parameters; self.body = body }
    }

    public init() {}

    /// Reads `x, y: scalar; w, x: vector(n); X: matrix(N, n); x: vectors(N, n)`; later entries win.
    public init(declarations: String) throws(CalculusError) {
        try declare(declarations)
    }

    public mutating func declare(_ variable: Variable) { variables[variable.name] = variable }
    public mutating func define(_ name: String, _ definition: Definition) { definitions[name] = definition }
    public func lookup(_ name: String) -> Variable? { variables[name] }

    /// Adds the declarations of a `let:` line. Errors carry the offset of the faulty part.
    public mutating func declare(_ text: String) throws(CalculusError) {
        var offset = 0
        for clause in text.split(separator: ";", omittingEmptySubsequences: false) {
            defer { offset += clause.unicodeScalars.count + 1 }
            if clause.allSatisfy(CharacterClasses.isWhiteSpace) { continue }
            guard let colon = clause.firstIndex(of: ":") else {
                throw CalculusError(.syntax, "expected 'names: shape', such as 'w, x: vector(n)'", at: offset + leadingSpace(clause), length: clause.count)
            }
            let namesPart = clause[..<colon], shapePart = clause[clause.index(after: colon)...]
            let shapeOffset = offset + clause.unicodeScalars.distance(from: clause.unicodeScalars.startIndex, to: shapePart.unicodeScalars.startIndex)
            let (shape, kind) = try Scope.parseShape(shapePart, at: shapeOffset)
            var nameOffset = offset
            for rawName in namesPart.split(separator: ",", omittingEmptySubsequences: false) {
                defer { nameOffset += rawName.unicodeScalars.count + 1 }
                var name = rawName.trimmingSpaces
                #if !hasFeature(Embedded)
                name = GreekPrefixedNames.declared(name)
                #endif
                guard Scope.isName(name) else {
                    throw CalculusError(.syntax, name.isEmpty ? "expected a name before ':'" : "'\(name)' is not a name (letters, digits and _, starting with a letter)",
                                        at: nameOffset + leadingSpace(rawName), length: Swift.max(1, name.count))
                }
                declare(Variable(name, shape, kind: kind))
            }
        }
    }

    static func isName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, CharacterClasses.isLetter(first) else { return false }
        return s.unicodeScalars.allSatisfy { CharacterClasses.isLetter($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func parseShape(_ raw: Substring, at offset: Int) throws(CalculusError) -> (Shape, Variable.Kind) {
        let text = raw.trimmingSpaces
        let at = offset + leadingSpace(raw)
        func dims(_ inner: Substring) throws(CalculusError) -> [Dimension] {
            try inner.split(separator: ",").map { part throws(CalculusError) in
                let p = part.trimmingSpaces
                // Where the size stands in the declaration, for the caret.
                let partAt = at + text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: part.unicodeScalars.startIndex) + leadingSpace(part)
                if let k = try Limits.dimension(Substring(p), at: partAt, length: Swift.max(1, p.unicodeScalars.count)) { return k }
                guard isName(p) else { throw CalculusError(.syntax, "'\(p)' is not a size (a whole number or a name such as n)", at: at, length: text.count) }
                return .named(p)
            }
        }
        if text == "scalar" || text == "real" { return (.scalar, .plain) }
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else {
            throw CalculusError(.syntax, "unknown shape '\(text)'; use scalar, vector(n), matrix(m, n) or vectors(N, n)", at: at, length: Swift.max(1, text.count))
        }
        let head = text[..<open], inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let d = try dims(inner)
        if d.count == 2 { try Limits.check(.matrix(d[0], d[1]), at: at, length: text.count) }
        switch (head, d.count) {
        case ("vector", 1): return (.column(d[0]), .plain)
        case ("matrix", 2): return (.matrix(d[0], d[1]), .plain)
        case ("vectors", 2): return (.matrix(d[0], d[1]), .family)
        default:
            throw CalculusError(.syntax, "unknown shape '\(text)'; use scalar, vector(n), matrix(m, n) or vectors(N, n)", at: at, length: text.count)
        }
    }
}

private func leadingSpace(_ s: Substring) -> Int { s.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count }

extension StringProtocol {
    public var trimmingSpaces: String {
        let scalars = unicodeScalars.drop(while: CharacterClasses.isWhiteSpace)
        var s = String(String.UnicodeScalarView(scalars))
        while let last = s.unicodeScalars.last, CharacterClasses.isWhiteSpace(last) { s.unicodeScalars.removeLast() }
        return s
    }
}
