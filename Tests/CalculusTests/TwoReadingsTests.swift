import Testing
@testable import Calculus

/// A word is never read two ways: letters that spell a function are that function, and a run of letters with two
/// plausible readings is refused with both shown (the rule of `WordReadings`, stated in the README).
@Suite struct TwoReadingsTests {
    /// Letters that spell a function, with every other letter of it declared: the function, in ASCII and LaTeX.
    static let functionsWin: [(written: String, meaning: String, declarations: String)] = [
        ("asin(x)", "arcsin(x)", "a: scalar"), ("atan(x)", "arctan(x)", "a: scalar"), ("acos x", "arccos(x)", "a, c: scalar"),
        ("arcsin(x)", "asin(x)", "a, r, c: scalar"), ("sec(x)", "1/cos(x)", "s, e, c: scalar"), ("tanh(h)", "sinh(h)/cosh(h)", "h: scalar"),
        ("sech x", "1/cosh(x)", "h: scalar"), ("exp(x)", "e^x", "p: scalar"), ("asinx", "asin(x)", "a: scalar"),
        ("2atan(x)", "2 arctan(x)", "a: scalar"), ("norm(v)", "sqrt(v . v)", "n, o, r, m: scalar; v: vector(n)"),
        ("softmax(v)", "exp(v) / sum(exp(v))", "s, o, f, t, m, a: scalar; v: vector(n)"), ("beta b", "b beta", "b: scalar"),
        ("abs(x)", "|x|", "a, b, s: scalar"), ("cosec(x)", "1/sin(x)", "c, o, s, e: scalar"),
        ("\\frac{1}{2} asin(x)", "asin(x)/2", "a: scalar"), ("\\frac{1}{2} atan(x)", "atan(x)/2", "a: scalar"),
        ("\\frac{1}{2} tanh(h)", "tanh(h)/2", "h: scalar"), ("\\frac{1}{2} arcsin(x)", "asin(x)/2", "a, r, c: scalar"),
        ("\\frac{1}{2} sec(x)", "sec(x)/2", "s, e, c: scalar"), ("\\frac{a}{2} sin(x)", "a sin(x)/2", "a: scalar"),
    ]

    @Test(arguments: functionsWin)
    func lettersThatSpellAFunctionAreThatFunction(written: String, meaning: String, declarations: String) throws {
        let scope = TestScopes.make(declarations)
        let a = try parse(written, scope), b = try parse(meaning, scope)
        #expect(Equivalence().compare(b, a).isEqual, "\(written) read as \(Printer.ascii(a)), not \(meaning)")
    }

    /// Runs with two plausible readings, as students write them; each message shows both readings.
    static let twoReadings: [(written: String, declarations: String, readings: [String], at: Int)] = [
        ("ab", "a, b, ab: scalar", ["the name ab", "a·b"], 0),
        ("3ab + 1", "a, b, ab: scalar", ["the name ab", "a·b"], 1),
        ("cost", "cost, t: scalar", ["the name cost", "cos t"], 0),
        ("2 cost^2", "cost, t: scalar", ["the name cost", "cos t"], 2),
        ("abc", "a, b, c, ab: scalar", ["ab·c", "a·b·c"], 0),
        ("x + xy", "x, y, xy: scalar", ["the name xy", "x·y"], 4),
        ("ab²", "a, b, ab: scalar", ["the name ab", "a·b"], 0),
        ("2·cost", "cost, t: scalar", ["the name cost", "cos t"], 2),
        ("\\frac{ab}{2}", "a, b, ab: scalar", ["the name ab", "a·b"], 6),
        ("\\frac{1}{2} cost", "cost, t: scalar", ["the name cost", "cos t"], 12),
    ]

    @Test(arguments: twoReadings)
    func aRunWithTwoReadingsIsRefusedWithBoth(written: String, declarations: String, readings: [String], at: Int) throws {
        let e = try #require(parseError(written, TestScopes.make(declarations)), "\(written) was read")
        for r in readings { #expect(e.message.contains(r), "\(written): \(e.message)") }
        #expect(e.message.contains("can be read as"))
        #expect(e.offset == at, "\(written): at \(String(describing: e.offset))")
    }

    /// One plausible reading is read: an undeclared letter is a reading only where nothing declared fits. (The
    /// meaning is read with only the names it uses declared.)
    static let oneReading: [(written: String, meaning: String, declarations: String)] = [
        ("ab", "ab", "ab: scalar"), ("ab", "a b", "a, b: scalar"), ("cost", "cost", "cost: scalar"), ("cost", "cos(t)", "t: scalar"),
        ("a b", "a*b", "a, b, ab: scalar"), ("cos t", "cos(t)", "cost, t: scalar"), ("\\mathrm{ab} + 1", "ab + 1", "a, b, ab: scalar"),
        ("\\mathrm{cost}", "cost", "cost, t: scalar"), ("\\operatorname{cost}^2", "cost^2", "cost, t: scalar"), ("a\\,b", "a b", "a, b, ab: scalar"), ("xy", "x y", "x, y: scalar"),
    ]

    @Test(arguments: oneReading)
    func onePlausibleReadingIsRead(written: String, meaning: String, declarations: String) throws {
        let scope = TestScopes.make(declarations)
        var names = Set<String>()
        for t in try Lexer.tokenize(meaning, latex: false) { if case .identifier(let s) = t.kind, scope.lookup(s) != nil { names.insert(s) } }
        let own = names.isEmpty ? Scope() : TestScopes.make(names.sorted().joined(separator: ", ") + ": scalar")
        #expect(try parse(written, scope) == parse(meaning, own), "\(written)")
    }

    /// Long runs of letters cost time linear in their length: a run longer than `Parser.longestRun` is an unknown
    /// word in ASCII, and LaTeX reads a long run of letters as products of names, a piece at a time.
    @Test func longRunsOfLettersAreReadInLinearTime() throws {
        let scope = TestScopes.make("a, b, ab: scalar")
        let ascii = try #require(parseError(String(repeating: "ab", count: 100_000), scope))
        #expect(ascii.message.hasPrefix("unknown name"))
        let latex = try #require(parseError("\\frac{1}{2}" + String(repeating: "ab", count: 20_000), scope))
        #expect(latex.message.contains("can be read as"))
        let letters = try parse("\\frac{1}{2}" + String(repeating: "xy", count: 20_000), TestScopes.make("x, y: scalar"))
        #expect(letters.variables.count == 2)
    }

    // MARK: The property

    /// How a model of the rule reads a run: every cut into words and letters, none spelling a word of the
    /// language across pieces, the fewest undeclared letters.
    struct Model {
        var declared: Set<String>
        var words: Set<String>
        var unsplittable: Set<String>
        var declaredLetters: Set<String>

        func readings(_ run: [Character]) -> [[String]] {
            var all: [[String]] = []
            func go(_ i: Int, _ acc: [String]) {
                if i == run.count { all.append(acc); return }
                for j in (i + 1)...run.count {
                    let piece = String(run[i..<j])
                    if j - i == 1 || words.contains(piece) { go(j, acc + [piece]) }
                }
            }
            go(0, [])
            let allowed = all.filter { r in
                for a in 0..<r.count { for b in (a + 2)...Swift.max(a + 2, r.count) where b <= r.count {
                    if unsplittable.contains(r[a..<b].joined()) { return false }
                } }
                return true
            }
            func cost(_ r: [String]) -> Int { r.filter { $0.count == 1 && !declaredLetters.contains($0) }.count }
            guard let best = allowed.map(cost).min() else { return [] }
            return allowed.filter { cost($0) == best }
        }
    }

    static func render(_ r: [String], functions: Set<String>) -> String {
        if r.count == 1 { return (functions.contains(r[0]) ? "the function " : "the name ") + r[0] }
        var s = r[0]
        for k in 1..<r.count { s += (functions.contains(r[k - 1]) ? " " : "·") + r[k] }
        return s
    }

    /// Generated runs over a mix of declared names and the function table: no reading is a product whose pieces
    /// spell a function, every run with one plausible reading is read that way, and every run with two is
    /// refused (an `ambiguousWord` shows two of them; a run that is mostly undeclared letters is an unknown word).
    @Test(arguments: [Syntax.ascii, .latex])
    func noRunIsReadTwoWays(syntax: Syntax) throws {
        var rng = SeededGenerator(seed: 10)
        let latex = syntax == .latex
        let functions = FunctionTable.names.filter { !latex || !(FunctionTable.entry(named: $0)!.isSpecialForm) }
        let table = Array(functions).sorted().filter { $0.count <= 6 }
        let namePool = ["a", "b", "c", "s", "t", "n", "h", "r", "x", "e", "in", "co", "ab", "cost", "ta", "at", "si", "nh", "ex", "bet"]
        let lettersPool = "abcdehinorstx".map(String.init)
        var checked = 0, ambiguous = 0
        for _ in 0..<2500 {
            var names = Set((0..<Int.random(in: 1...6, using: &rng)).map { _ in namePool.randomElement(using: &rng)! })
            // Often a name of several letters with its letters, or with the function and letter it could also be.
            if Bool.random(using: &rng), let long = names.filter({ $0.count > 1 }).randomElement(using: &rng) {
                names.formUnion(long.map(String.init))
            }
            let declared = names
                .filter { !(latex && $0 == "e") }
            guard !declared.isEmpty else { continue }
            var run = ""
            while run.count < 2 || (run.count < 8 && Bool.random(using: &rng)) {
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: run += table.randomElement(using: &rng)!
                case 1: run += declared.randomElement(using: &rng)!
                default: run += lettersPool.randomElement(using: &rng)!
                }
            }
            guard run.count <= 11, run != "and" else { continue }
            let greek = latex ? Set<String>() : Vocabulary.greek.union(Vocabulary.constants)
            let model = Model(declared: declared, words: declared.union(functions).union(greek),
                              unsplittable: functions.union(greek), declaredLetters: declared.union(["e"]))
            let readings = model.readings(Array(run))
            let scope = TestScopes.make(declared.sorted().joined(separator: ", ") + ": scalar")
            let text = latex ? "\\frac{1}{2} " + run : run
            let tokens = try Parser(text, scope: scope, syntax: syntax, layout: .numerator).tokens
            let pieces = tokens.compactMap { t -> String? in if case .identifier(let s) = t.kind { return s }; return nil }
            let refusals = tokens.compactMap { t -> String? in
                switch t.kind {
                case .ambiguousWord(_, let message): return message
                case .unknownWord(let w), .unknownFunction(let w): return "unknown " + w
                default: return nil
                }
            }
            // No product of pieces spells a function (or, in ASCII, a Greek letter or a constant).
            for a in pieces.indices { for b in (a + 2)..<(pieces.count + 1) where b <= pieces.count {
                #expect(!model.unsplittable.contains(pieces[a..<b].joined()), "\(run) with \(declared.sorted()): \(pieces)")
            } }
            if readings.count >= 2 {
                ambiguous += 1
                let message = try #require(refusals.first, "\(run) with \(declared.sorted()) was read as \(pieces); it reads as \(readings)")
                if !message.hasPrefix("unknown ") {
                    let shown = readings.map { Self.render($0, functions: functions) }.filter { message.contains("as \($0) or") || message.contains("or as \($0) in") }
                    #expect(shown.count >= 2, "\(run) with \(declared.sorted()): \(message) shows not two of \(readings)")
                }
            } else if readings.count == 1, refusals.isEmpty {
                #expect(pieces == readings[0], "\(run) with \(declared.sorted()): read as \(pieces), not \(readings[0])")
            }
            checked += 1
        }
        #expect(checked > 1500)
        #expect(ambiguous > 100, "only \(ambiguous) runs with two readings were generated")
    }
}
