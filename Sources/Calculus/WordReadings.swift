/// The readings of a run of letters written together (`ab`, `asinx`, `cost`): every way to cut it into pieces that
/// each mean something here, so that the parser reads one word one way or says it has two.
///
/// A piece is a word of the question or of the language (a declared name, a defined function, a function of the
/// table, a Greek letter's name, a constant) or a single letter; digits after a piece are its subscript (`x1` is
/// x_1). The rule:
/// - letters that spell a word of the language are that word, never a product of pieces: a reading is ruled out
///   when consecutive pieces of it spell one (`asin` is never a·sin, `tanh` never tan·h, `beta` never b·eta);
/// - of the readings left, those with the fewest undeclared single letters are the plausible ones (`ab` declared,
///   `a` and `b` not: the name ab; `cost` declared, `t` not: the name cost);
/// - one plausible reading is read; two are an error that shows both (`a`, `b` and `ab` declared: `ab` is the name
///   ab or a·b; `cost` and `t` declared: the name cost or cos t).
///
/// Found in one pass over the run with a table of partial readings, so a long run costs time linear in its length.
struct WordReadings {
    /// One piece of a reading: its text, where it starts and how long it is in the run, and its subscript digits.
    struct Piece: Equatable {
        var text: String
        var start: Int
        var length: Int
        var trailingDigits: (digits: String, start: Int, length: Int)?

        static func == (a: Piece, b: Piece) -> Bool {
            a.text == b.text && a.start == b.start && a.length == b.length && a.trailingDigits?.digits == b.trailingDigits?.digits
                && a.trailingDigits?.start == b.trailingDigits?.start
        }

        var isSingleLetter: Bool { length == 1 }
        /// The piece as the parser's language spells it: `x_1` for x with subscript 1.
        var spelled: String { trailingDigits.map { text + "_" + $0.digits } ?? text }
    }

    typealias Reading = [Piece]

    /// What a run of letters can mean: one reading, or the two first found of several.
    enum Outcome {
        case one(Reading)
        case two(Reading, Reading)
    }

    /// Whether a piece of several letters means something here (a declared name, a function, …).
    let isWord: (String) -> Bool
    /// Whether a single letter is declared (or a constant): an undeclared one is a plausible piece only as a fallback.
    let isDeclaredLetter: (String) -> Bool
    /// The words that are never split: a reading whose consecutive pieces spell one of them is ruled out.
    let unsplittable: Set<String>
    /// Every proper prefix of an unsplittable word.
    let unsplittablePrefixes: Set<String>
    /// The longest piece looked for.
    let longest: Int

    /// The words never split, with their proper prefixes, worked out once.
    struct Unsplittable: Sendable {
        let words: Set<String>
        let prefixes: Set<String>
        let longest: Int

        @inline(never)
        init(_ words: Set<String>) {
            self.words = words
            var prefixes = Set<String>()
            for w in words {
                let s = Array(w.unicodeScalars)
                for k in 1..<Swift.max(1, s.count) { prefixes.insert(String(String.UnicodeScalarView(s[0..<k]))) }
            }
            self.prefixes = prefixes
            longest = words.reduce(1) { Swift.max($0, $1.unicodeScalars.count) }
        }

        /// ASCII: the functions of the table, Greek letters' names and the constants.
        static let ascii = Unsplittable(Vocabulary.functions.union(Vocabulary.greek).union(Vocabulary.constants))
        /// LaTeX: the functions of the table that are called like functions (not `if`, `ones`, `derivative`…).
        static let latex = Unsplittable(Set(FunctionTable.names.filter { !(FunctionTable.entry(named: $0)?.isSpecialForm ?? true) }))
    }

    /// Proper prefixes of the question's own words of several letters (declared names, definitions).
    let declaredPrefixes: Set<String>

    /// `declared` are the question's names and definitions; `isWord` says which pieces of several letters mean
    /// something (each is one of them or an unsplittable word).
    init(isWord: @escaping (String) -> Bool, isDeclaredLetter: @escaping (String) -> Bool, unsplittable: Unsplittable,
         declared: some Sequence<String>, longest: Int) {
        self.isWord = isWord
        var prefixes = Set<String>()
        for w in declared {
            let s = Array(w.unicodeScalars)
            for k in 1..<Swift.max(1, s.count) { prefixes.insert(String(String.UnicodeScalarView(s[0..<k]))) }
        }
        declaredPrefixes = prefixes
        self.isDeclaredLetter = isDeclaredLetter
        self.unsplittable = unsplittable.words
        unsplittablePrefixes = unsplittable.prefixes
        self.longest = Swift.max(longest, unsplittable.longest)
    }

    /// A partial reading's end: where it stopped, and the starts of pieces whose text up to here begins an
    /// unsplittable word (were such a word to end at a later piece's end, the reading would have split it).
    private struct State: Hashable {
        var position: Int
        var open: [Int]
    }

    private struct Node {
        var state: State
        /// Undeclared single letters used so far: the fewer, the more plausible.
        var cost: Int
        /// Readings of this cost that reach the node, counted up to 2.
        var count: Int
        /// Up to two ways in of that cost: the node before and the piece.
        var ways: [(from: Int, piece: Piece)]
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    /// The readings of `scalars`, a run of letters (and digits after a letter).
    func readings(of scalars: [Unicode.Scalar]) -> Outcome? {
        let n = scalars.count
        func text(_ a: Int, _ b: Int) -> String { String(String.UnicodeScalarView(scalars[a..<b])) }
        // A run that is exactly an unsplittable word (`sum`, `derivative`, `alpha`) has that one reading: any cut of it
        // would split the word. Read without building the table.
        if n > 1 && n <= longest {
            let whole = text(0, n)
            if unsplittable.contains(whole) && isWord(whole) { return .one([Piece(text: whole, start: 0, length: n, trailingDigits: nil)]) }
        }
        var nodes: [Node] = [Node(state: State(position: 0, open: []), cost: 0, count: 1, ways: [])]
        var index: [State: Int] = [State(position: 0, open: []): 0]
        // Nodes waiting at each position, handled in order of position (pieces only move forward).
        var waiting: [Int: [Int]] = [0: [0]]
        var finals: [Int] = []
        var position = 0
        while position <= n {
            guard let here = waiting.removeValue(forKey: position) else { position += 1; continue }
            if position == n { finals = here; break }
            for u in here {
                let from = nodes[u]
                guard !WordReadings.isDigit(scalars[position]) else { continue }
                var end = position + 1
                var piece = ""
                while end <= Swift.min(n, position + longest) {
                    defer { end += 1 }
                    piece.unicodeScalars.append(scalars[end - 1])
                    let single = end - position == 1
                    if !single && !isWord(piece) {
                        // No longer piece can be a word once this one begins none.
                        if !unsplittablePrefixes.contains(piece) && !declaredPrefixes.contains(piece) { break }
                        continue
                    }
                    // Digits after a piece are its subscript (a piece with digits in it is a declared word).
                    var stop = end
                    while stop < n && WordReadings.isDigit(scalars[stop]) { stop += 1 }
                    let sub: (String, Int, Int)? = stop > end ? (text(end, stop), end, stop - end) : nil
                    // Ruled out: this piece ends an unsplittable word begun at an earlier piece.
                    if from.state.open.contains(where: { unsplittable.contains(text($0, end)) }) { continue }
                    var open: [Int] = []
                    if sub == nil {
                        for s in from.state.open + [position] where unsplittablePrefixes.contains(text(s, end)) { open.append(s) }
                    }
                    let weak = single && !isDeclaredLetter(piece) ? 1 : 0
                    let state = State(position: stop, open: open)
                    let p = Piece(text: piece, start: position, length: end - position, trailingDigits: sub)
                    let cost = from.cost + weak
                    if let v = index[state] {
                        if cost < nodes[v].cost {
                            nodes[v].cost = cost; nodes[v].count = from.count; nodes[v].ways = [(u, p)]
                        } else if cost == nodes[v].cost {
                            nodes[v].count = Swift.min(2, nodes[v].count + from.count)
                            if nodes[v].ways.count < 2 { nodes[v].ways.append((u, p)) }
                        }
                    } else {
                        index[state] = nodes.count
                        waiting[stop, default: []].append(nodes.count)
                        nodes.append(Node(state: state, cost: cost, count: from.count, ways: [(u, p)]))
                    }
                }
            }
            position += 1
        }
        guard let best = finals.map({ nodes[$0].cost }).min() else { return nil }
        let ends = finals.filter { nodes[$0].cost == best }
        /// The reading that ends at node `v`, always taking the first way in.
        func reading(to v: Int) -> Reading {
            var out: Reading = []
            var k = v
            while let way = nodes[k].ways.first { out.append(way.piece); k = way.from }
            return out.reversed()
        }
        let first = reading(to: ends[0])
        if ends.count > 1 { return .two(first, reading(to: ends[1])) }
        // A second reading leaves the first at the last node with two ways in.
        var suffix: Reading = []
        var k = ends[0]
        while nodes[k].count > 1 {
            let ways = nodes[k].ways
            if ways.count > 1 {
                return .two(first, reading(to: ways[1].from) + [ways[1].piece] + suffix.reversed())
            }
            suffix.append(ways[0].piece)
            k = ways[0].from
        }
        return .one(first)
    }
}
