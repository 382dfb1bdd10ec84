import Calculus
import Markdown

/// Checks the worked equations of a chapter: each `=` of a display chain is a claim, evaluated with the
/// engine (derivative operators included), symbolically and then at random points.
///
/// HTML comments before an equation declare what the notation cannot: `<!-- let: w, x: vector(n) -->`
/// (kept for the rest of the chapter), `<!-- where: x > 0 -->` (the next equation only) and
/// `<!-- unchecked: why -->` (the next equation is a deliberate exception).
struct EquationChecker {
    let file: String
    var scope = Scope()
    var checks: [Check] = []
    var coverage = EquationCoverage()

    init(file: String) { self.file = file }

    mutating func run(_ document: Document) {
        var pendingWhere: String? = nil
        var pendingWhereLine = 0
        var pendingUnchecked: String? = nil
        for node in document.nodes(where: { if case .htmlBlock = $0.kind { return true }; if case .displayMath = $0.kind { return $0.isBlock }; return false }) {
            switch node.kind {
            case .htmlBlock(let html):
                for comment in EquationChecker.comments(html) {
                    let (key, value) = comment
                    switch key {
                    case "let":
                        do { try scope.declare(value) } catch let e {
                            checks.append(Check(file: file, line: node.range.start.line, kind: .equation, status: .failed, message: "let: \(e.message)"))
                        }
                    case "where": pendingWhere = value; pendingWhereLine = node.range.start.line
                    case "unchecked": pendingUnchecked = value
                    default: break
                    }
                }
            case .displayMath(let tex):
                coverage.equations += 1
                let line = node.contentStart.line
                if let why = pendingUnchecked {
                    coverage.marked += 1
                    checks.append(Check(file: file, line: line, kind: .equation, status: .unchecked, message: "marked unchecked: \(why)", marked: true))
                } else {
                    equation(tex, line: line, whereText: pendingWhere, whereLine: pendingWhereLine)
                }
                pendingWhere = nil
                pendingUnchecked = nil
            default: break
            }
        }
    }

    /// `<!-- key: value -->` comments in an HTML block.
    static func comments(_ html: String) -> [(String, String)] {
        var out: [(String, String)] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<!--"), let close = rest.range(of: "-->", range: open.upperBound..<rest.endIndex) {
            let body = rest[open.upperBound..<close.lowerBound].trimmingSpaces
            if let colon = body.firstIndex(of: ":") {
                out.append((body[..<colon].trimmingSpaces, body[body.index(after: colon)...].trimmingSpaces))
            }
            rest = rest[close.upperBound...]
        }
        return out
    }

    /// Single-letter names applied like functions (`f(`, `g'(`, `f\left(`) and never used as a plain value in the
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
                while j < s.count && s[j] == "'" { j += 1 }
                let rest = String(String.UnicodeScalarView(s[j...]))
                if rest.hasPrefix("(") || rest.hasPrefix("\\left(") { applied.insert(String(c)) } else { plain.insert(String(c)) }
            }
            i += 1
        }
        return applied.subtracting(plain).filter { scope.definitions[$0] == nil && scope.lookup($0) == nil }
    }

    /// The line of an offset inside an equation's TeX.
    func line(of offset: Int, in tex: String, from first: Int) -> Int {
        first + tex.unicodeScalars.prefix(offset).filter { $0 == "\n" }.count
    }

    mutating func equation(_ rawTex: String, line first: Int, whereText: String?, whereLine: Int) {
        var tex = rawTex
        // Trailing punctuation belongs to the sentence, not the equation.
        while let last = tex.unicodeScalars.last, last == "." || last == "," || last == " " || last == "\n" { tex.unicodeScalars.removeLast() }
        var conditions: [Condition] = []
        if let whereText {
            do { conditions = try Parser.parseConditions(whereText, scope: scope) } catch let e {
                checks.append(Check(file: file, line: whereLine, kind: .equation, status: .failed, message: "where: \(e.message)"))
            }
        }
        var sides = Parser.splitEquation(tex).map { (text: $0.text, offset: $0.offset) }
        guard sides.count >= 2 else {
            coverage.notCheckable["not an equation (no '=')", default: 0] += 1
            checks.append(Check(file: file, line: first, kind: .equation, status: .unchecked, message: "not checkable: not an equation (no '=')", marked: false))
            return
        }
        // A definition: `f(x, y) = 3x^2y`, `J = …`. The name is defined by the last side that can be read.
        if let head = Parser.definitionHead(sides[0].text, scope: scope), scope.definitions[head.name] == nil,
           scope.lookup(head.name) == nil || !head.parameters.isEmpty {
            var local = scope
            for p in head.parameters where local.lookup(p.name) == nil { local.declare(p) }
            var body: Expr? = nil
            for side in sides.dropFirst().reversed() {
                if let e = try? Parser.parse(side.text, scope: local, syntax: .latex) { body = e; break }
            }
            if let body {
                scope.define(head.name, Scope.Definition(parameters: head.parameters, body: body))
            }
            sides.removeFirst()
            if sides.count < 2 {
                coverage.definitions += 1
                return
            }
        }
        var allChecked = true
        var reasons: [String] = []
        // Read every side first: a side whose size is fixed lends it to sides written with a bare I or 1.
        // `f(g(x))`, `f'(x)` with no definition of f: a rule about any function, not a product to evaluate.
        let functions = EquationChecker.undefinedFunctions(in: tex, scope: scope)
        var parsed: [Result<Expr, CalculusError>] = sides.map { side in
            if let name = EquationChecker.undefinedFunctions(in: side.text, scope: Scope()).intersection(functions).sorted().first {
                return .failure(CalculusError(.unknownName, "'\(name)' is a function with no definition"))
            }
            return Result { try Parser.parse(side.text, scope: scope, syntax: .latex) }.mapError { $0 as? CalculusError ?? CalculusError(.syntax, "\($0)") }
        }
        if let reference = parsed.compactMap({ try? $0.get() }).first(where: { !$0.hasFreeSize })?.shape {
            parsed = parsed.map { $0.map { $0.hasFreeSize ? $0.fitted(to: reference) : $0 } }
        }
        for k in 0..<(sides.count - 1) {
            let a = sides[k], b = sides[k + 1]
            let at = line(of: b.offset, in: tex, from: first)
            let lhs: Expr, rhs: Expr
            do {
                lhs = try parsed[k].get()
                rhs = try parsed[k + 1].get()
            } catch {
                allChecked = false
                reasons.append(error.message)
                checks.append(Check(file: file, line: at, kind: .equation, status: .unchecked, message: "not checkable: \(error.message)", marked: false))
                continue
            }
            let left = a.text.trimmingSpaces, right = b.text.trimmingSpaces
            switch Equivalence(conditions: conditions).compare(lhs, rhs) {
            case .equal:
                checks.append(Check(file: file, line: at, kind: .equation, status: .verified, message: "\(left) = \(right)"))
            case .notEqual(let c):
                checks.append(Check(file: file, line: at, kind: .equation, status: .failed,
                                    message: "\(left) ≠ \(right): at \(c.pointDescription) the left side is \(c.valueDescriptions.expected) and the right side is \(c.valueDescriptions.actual)"))
            case .shapesDiffer(let s1, let s2):
                checks.append(Check(file: file, line: at, kind: .equation, status: .failed,
                                    message: "\(left) ≠ \(right): the left side is a \(s1) and the right side a \(s2)"))
            case .undecidable(let why):
                allChecked = false
                reasons.append(why)
                checks.append(Check(file: file, line: at, kind: .equation, status: .unchecked, message: "not checkable: \(why)", marked: false))
            }
        }
        if allChecked { coverage.checked += 1 }
        else { coverage.notCheckable[reasons.first ?? "unknown", default: 0] += 1 }
    }
}
