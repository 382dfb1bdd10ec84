import Calculus
import Markdown

/// Checks the claims of a chapter's prose: display equations, inline spans that state an equation (`ClaimRule`),
/// equations in table cells and table rows under a declared relation (`TableRelation`). Each `=` of a chain is
/// a claim of its own, evaluated with the engine (derivative operators included), symbolically and then at
/// random points; the conditions of every `cases` are checked by `CasesChecker`.
///
/// HTML comments before a claim declare what the notation cannot: `<!-- let: w, x: vector(n) -->` (kept for the
/// rest of the chapter), `<!-- where: x > 0 -->` and `<!-- unchecked: why -->`. Before a display they apply to
/// it; before a paragraph or a table, to every claim in it; inside a paragraph, to the next claim.
struct EquationChecker {
    let file: String
    var scope = Scope()
    /// The names defined without parameters, as intermediate variables (`IntermediateVariables`).
    var intermediates = IntermediateVariables()
    var checks: [Check] = []
    var coverage = ClaimCoverage()

    /// Comments read before the current block, and the ones read inside it (for the next span).
    var pending = Annotations()
    var inline = Annotations()
    var claimsInBlock = 0
    var tableRelation: TableRelation.Checker?
    /// Values given in the current paragraph (`at $x = 2$`): the paragraph's later claims are checked there.
    var point: [String: Expr] = [:]

    init(file: String) { self.file = file }

    enum Outcome { case checked, definition, notCheckable(String) }

    mutating func run(_ document: Document) {
        document.root.traverse(enter: { enter($0) }, exit: { exit($0) })
    }

    mutating func enter(_ node: Node) -> WalkAction {
        switch node.kind {
        case .htmlBlock(let html):
            pending = read(Annotations.comments(html), line: node.range.start.line, into: pending)
        case .inlineHTML(let html):
            inline = read(Annotations.comments(html), line: node.range.start.line, into: inline)
        case .codeBlock:
            return .skipChildren
        case .paragraph, .heading:
            claimsInBlock = 0
        case .table:
            claimsInBlock = 0
            // The cells' own claims (definitions among them) come first; the rows are checked when the table ends.
            tableRelation = pending.table.map { TableRelation.Checker(file: file, relationText: $0, line: pending.tableLine) }
            pending.table = nil
        case .displayMath(let tex) where node.isBlock:
            claim(tex, line: node.contentStart.line, kind: .display, annotations: pending)
            pending = Annotations(table: pending.table, tableLine: pending.tableLine)
            return .skipChildren
        case .displayMath(let tex), .inlineMath(let tex):
            let inTable = node.ancestors.contains { if case .tableCell = $0.kind { return true }; return false }
            let reading = ClaimRule.read(tex, scope: intermediates.frozen(scope))
            if reading == .definition && inline.unchecked == nil {
                if define(tex) { coverage.definition(file, inTable ? .table : .inline) }
                inline = Annotations()
            } else if reading != .notation {
                let annotations = inline.isEmpty ? pending : inline
                claim(tex, line: node.contentStart.line, kind: inTable ? .table : .inline, annotations: annotations)
                inline = Annotations()
                claimsInBlock += 1
            }
            return .skipChildren
        default: break
        }
        return .visitChildren
    }

    mutating func exit(_ node: Node) {
        if case .table = node.kind, let relation = tableRelation {
            tableRelation = nil
            relation.check(node, equations: &self)
        }
        switch node.kind {
        case .tableRow:
            inline = Annotations()
        case .paragraph, .heading, .table:
            inline = Annotations()
            point = [:]
            if claimsInBlock > 0 { pending = Annotations(table: pending.table, tableLine: pending.tableLine) }
        default: break
        }
    }

    mutating func read(_ comments: [(key: String, value: String)], line: Int, into before: Annotations) -> Annotations {
        var annotations = before
        for (key, value) in comments {
            switch key {
            case "let":
                do { try scope.declare(value) } catch let e {
                    checks.append(Check(file: file, line: line, kind: .equation, status: .failed, message: "let: \(e.message)"))
                }
            case "where": annotations.whereText = value; annotations.whereLine = line
            case "unchecked": annotations.unchecked = value
            case "table": annotations.table = value; annotations.tableLine = line
            default: break
            }
        }
        return annotations
    }

    /// One claim: marked unchecked, or its links checked; counted under `kind`.
    mutating func claim(_ tex: String, line: Int, kind: ClaimCoverage.Kind, annotations: Annotations, label: String? = nil) {
        let checkKind = EquationChecker.checkKind(kind)
        if let why = annotations.unchecked {
            coverage.marked(file, kind)
            checks.append(Check(file: file, line: line, kind: checkKind, status: .unchecked, message: "marked unchecked: \(why)", marked: true))
            return
        }
        switch equation(tex, line: line, kind: checkKind, whereText: annotations.whereText, whereLine: annotations.whereLine, label: label) {
        case .checked: coverage.checked(file, kind)
        case .definition: coverage.definition(file, kind)
        case .notCheckable(let why): coverage.notCheckable(file, kind, why)
        }
        if tex.contains("\\begin{cases}") {
            checks += CasesChecker(file: file, scope: scope).check(tex, line: line)
        }
    }

    /// An inline `name = value`: the point of an example when the value is only numbers, else a definition
    /// that replaces the name's earlier one (none for a name declared by `let`). True when it defines.
    mutating func define(_ rawTex: String) -> Bool {
        let sides = Parser.splitEquation(ClaimRule.trimmed(rawTex))
        let head = Parser.definitionHead(sides[0].text, scope: scope)
        let name = head?.name ?? sides[0].text.trimmingSpaces
        let parameters = head?.parameters ?? []
        guard let body = read(sides[1].text, parameters: parameters) else { return false }
        var evaluator = Evaluator(Environment())
        if parameters.isEmpty, (try? evaluator.evaluate(body.full)) != nil {
            point[name] = body.full
            return false
        }
        guard let head, scope.lookup(head.name) == nil || !head.parameters.isEmpty else { return false }
        define(head.name, parameters: parameters, body: body)
        return true
    }

    /// A definition's body, read with the intermediates as variables (`direct`) and in the chapter's variables
    /// (`full`); nil when it cannot be read.
    func read(_ text: String, parameters: [Variable]) -> (direct: Expr, full: Expr)? {
        var local = intermediates.frozen(scope)
        for p in parameters { local.declare(p) }
        guard let direct = try? Parser.parse(text, scope: local, syntax: .latex),
              let full = try? intermediates.resolve(direct, keeping: Set(parameters.map(\.name))) else { return nil }
        return (direct, full)
    }

    /// Whether `head = …` defines the name: a name neither declared nor defined; in prose and tables, as in
    /// `define`, one defined before (prose reuses `y` for each example); in a display, one defined before with
    /// other parameters (`\mathbf{y}(x) = …` after `y = \sin(u)`), while `f(x) = …` after `f(x) = …` is a claim.
    func canDefine(_ head: (name: String, parameters: [Variable]), kind: Check.Kind) -> Bool {
        guard scope.lookup(head.name) == nil || !head.parameters.isEmpty else { return false }
        guard let earlier = scope.definitions[head.name] else { return true }
        return kind != .equation || earlier.parameters.count != head.parameters.count
    }

    /// `name = body` without parameters is an intermediate variable as well as a definition, and so is one that lists
    /// an intermediate among its arguments (`q(x, r) = xr` after `r = x^2`). A function of other parameters,
    /// `\mathbf{y}(x) = …`, ends an earlier intermediate of its name.
    mutating func define(_ name: String, parameters: [Variable], body: (direct: Expr, full: Expr)) {
        if parameters.isEmpty || parameters.contains(where: { intermediates.named($0.name) != nil }) {
            intermediates.define(name, direct: body.direct)
        } else {
            intermediates.remove(name)
        }
        scope.define(name, Scope.Definition(parameters: parameters, body: body.full))
    }

    static func checkKind(_ kind: ClaimCoverage.Kind) -> Check.Kind {
        switch kind {
        case .display: return .equation
        case .inline: return .inline
        case .table: return .table
        case .exercise: return .exercise
        }
    }

    /// Single-letter names, or such a name with a subscript, applied like functions (`f(`, `g'(`, `f\left(`, `f_i(`) and never used as a plain value in the
    /// equation, neither defined nor declared: `f` and `g` in `\frac{d}{dx} f(g(x)) = f'(g(x)) g'(x)`, not `x` in `x(x + 1)`.
    static func undefinedFunctions(in tex: String, scope: Scope) -> Set<String> {
        let s = Array(tex.unicodeScalars)
        var applied = Set<String>(), plain = Set<String>()
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "\\" {
                i += 1
                while i < s.count && s[i].properties.isAlphabetic { i += 1 }
                continue
            }
            if c.isASCII && c.properties.isAlphabetic && (i == 0 || !s[i - 1].properties.isAlphabetic) && (i + 1 == s.count || !s[i + 1].properties.isAlphabetic) {
                var j = i + 1
                var name = String(c)
                // `f_i(`, `f_{i}(`: a family of functions, named with its subscript.
                if j + 1 < s.count && s[j] == "_" {
                    var k = j + 1
                    if s[k] == "{" { while k < s.count && s[k] != "}" { k += 1 } }
                    if k < s.count { name += "_" + String(String.UnicodeScalarView(s[(j + 1)...k])).filter { $0 != "{" && $0 != "}" }; j = k + 1 }
                }
                while j < s.count && s[j] == "'" { j += 1 }
                let rest = String(String.UnicodeScalarView(s[Swift.min(j, s.count)...]))
                if rest.hasPrefix("(") || rest.hasPrefix("\\left(") { applied.insert(name) } else { plain.insert(name) }
            }
            i += 1
        }
        return applied.subtracting(plain).filter { scope.definitions[$0] == nil && scope.lookup($0) == nil }
    }

    /// The line of an offset inside an equation's TeX.
    func line(of offset: Int, in tex: String, from first: Int) -> Int {
        first + tex.unicodeScalars.prefix(offset).filter { $0 == "\n" }.count
    }

    /// Checks every link of a chain; `label` (a table row's relation) names the claim in messages instead of its TeX.
    mutating func equation(_ rawTex: String, line first: Int, kind: Check.Kind, whereText: String?, whereLine: Int, label: String? = nil) -> Outcome {
        let tex = ClaimRule.trimmed(rawTex)
        var conditions: [Condition] = []
        if let whereText {
            do {
                conditions = try Parser.parseConditions(whereText, scope: intermediates.frozen(scope)).map { c in
                    Condition(intermediates.expanded(c.lhs), c.relation, intermediates.expanded(c.rhs))
                }
            } catch let e {
                checks.append(Check(file: file, line: whereLine, kind: kind, status: .failed, message: "where: \(e.message)"))
            }
        }
        func add(_ line: Int, _ status: Check.Status, _ message: String) {
            checks.append(Check(file: file, line: line, kind: kind, status: status, message: (label.map { $0 + ": " } ?? "") + message,
                                marked: status == .unchecked ? false : nil, conditions: whereText))
        }
        var sides = Parser.splitEquation(tex).map { (text: $0.text, offset: $0.offset) }
        guard sides.count >= 2 else {
            add(first, .unchecked, "not checkable: not an equation (no '=')")
            return .notCheckable("not an equation (no '=')")
        }
        // A definition: `f(x, y) = 3x^2y`, `J = …`, a chain of them `y = u_4 = \ln(u_3)`. Each name is defined by
        // the last side that can be read.
        var defined = false
        while label == nil, sides.count >= 2, let head = Parser.definitionHead(sides[0].text, scope: scope), canDefine(head, kind: kind) {
            var body: (direct: Expr, full: Expr)? = nil
            for side in sides.dropFirst().reversed() {
                if let b = read(side.text, parameters: head.parameters) { body = b; break }
            }
            if let body { define(head.name, parameters: head.parameters, body: body) }
            sides.removeFirst()
            defined = true
        }
        if defined && sides.count < 2 { return .definition }
        var reasons: [String] = []
        // Read every side first: a side whose size is fixed lends it to sides written with a bare I or 1.
        // `f(g(x))`, `f'(x)` with no definition of f: a rule about any function, not a product to evaluate.
        let functions = EquationChecker.undefinedFunctions(in: tex, scope: scope)
        var parsed: [Result<Expr, CalculusError>] = sides.map { side in
            if let name = EquationChecker.undefinedFunctions(in: side.text, scope: Scope()).intersection(functions).sorted().first {
                return .failure(CalculusError(.unknownName, "'\(name)' is a function with no definition"))
            }
            return Result { () throws(CalculusError) -> Expr in
                try intermediates.resolve(try Parser.parse(side.text, scope: intermediates.frozen(scope), syntax: .latex))
            }
        }
        if !point.isEmpty { parsed = parsed.map { $0.map { $0.substituting(point) } } }
        if let reference = parsed.compactMap({ try? $0.get() }).first(where: { !$0.hasFreeSize })?.shape {
            parsed = parsed.map { $0.map { $0.hasFreeSize ? $0.fitted(to: reference) : $0 } }
        }
        for k in 0..<(sides.count - 1) {
            let a = sides[k], b = sides[k + 1]
            let at = label == nil ? line(of: b.offset, in: tex, from: first) : first
            let lhs: Expr, rhs: Expr
            do {
                lhs = try parsed[k].get()
                rhs = try parsed[k + 1].get()
            } catch {
                reasons.append(error.message)
                add(at, .unchecked, "not checkable: \(error.message)")
                continue
            }
            let left = a.text.trimmingSpaces, right = b.text.trimmingSpaces
            // A claim about entry i is checked at each index in turn (`EntryIndices`).
            let indices = EntryIndices.free(in: [lhs, rhs])
            var verdict = Verdict.equal(.symbolic)
            var atIndex = ""
            for (map, description) in EntryIndices.assignments(indices) {
                verdict = Equivalence(conditions: conditions).compare(lhs.substituting(map), rhs.substituting(map))
                atIndex = description
                if verdict.isEqual { continue }
                break
            }
            let forIndices = indices.isEmpty ? "" : " (for \(indices.joined(separator: ", ")) = \(EntryIndices.values.map(String.init).joined(separator: ", ")))"
            let atIndexPrefix = atIndex.isEmpty ? "" : atIndex + ", "
            switch verdict {
            case .equal:
                add(at, .verified, "\(left) = \(right)\(forIndices)")
            case .notEqual(let c):
                add(at, .failed, "\(left) ≠ \(right): at \(atIndexPrefix)\(c.pointDescription) the left side is \(c.valueDescriptions.expected) and the right side is \(c.valueDescriptions.actual)")
            case .shapesDiffer(let s1, let s2):
                add(at, .failed, "\(left) ≠ \(right)\(atIndex.isEmpty ? "" : " at " + atIndex): the left side is a \(s1) and the right side a \(s2)")
            case .undecidable(let why):
                reasons.append(why)
                add(at, .unchecked, "not checkable: \(why)")
            }
        }
        return reasons.isEmpty ? .checked : .notCheckable(reasons[0])
    }
}
