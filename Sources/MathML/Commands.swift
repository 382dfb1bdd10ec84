// The command registry: every `\name` that does more than stand for one symbol is one entry here, with its
// names, its arity and what it builds. Symbols (`\alpha`, `\sum`, `\sin`, `\quad`), delimiters, accent marks
// and fonts are data in `Symbols`; the commands that use those tables are registered from them.
//
// Adding a command is one entry, e.g.
//
//     t.atom(["phantom"], arity: 1) { p, call throws(MathError) in p.arena.make(.mphantom, try p.argument(call)) }
//
// Lookup of `\name` as an atom: user macros, then `Symbols.table`, then this registry. In a list, the
// registry's list commands come first, then user macros, then the font switches (`\bf`), then atoms.

/// One registered command.
struct Command: Sendable {
    /// Where an atom command was written.
    struct Call {
        let name: String
        /// Offset of the backslash: errors about the command point here.
        let start: Int
        /// The registered arity, for "needs 2 arguments".
        let arity: Int
    }

    /// Where a list command was written, and the list it acts on.
    struct ListCall {
        let name: String
        let start: Int
        /// The list's row, to which the command may append.
        let row: Int32
        /// What may end the list, and what it belongs to (for errors and for commands that parse its rest).
        let stop: Stop
        let opener: Opener
    }

    typealias Build = @Sendable (inout Parser, Call) throws(MathError) -> Int32
    /// Returns how the list ends when the command ends it or parses the rest of it; nil to go on.
    typealias Act = @Sendable (inout Parser, ListCall) throws(MathError) -> Stop?

    enum Action {
        /// Builds one atom (reading its arguments): allowed wherever an atom is.
        case atom(Build)
        /// Acts on the enclosing list (ends it, styles its rest, records a label): not an argument.
        case list(Act)
    }

    let arity: Int
    /// Whether a function name before the command gets `&#x2061;` (`\sin \frac{…}`).
    let startsArgument: Bool
    let action: Action

    var onlyInLists: Bool {
        if case .list = action { return true }
        return false
    }
}

/// Builds the registry; a name defined twice is a programming error.
struct CommandTable {
    private(set) var commands: [String: Command] = [:]

    mutating func atom(_ names: [String], arity: Int = 0, startsArgument: Bool = false, _ build: @escaping Command.Build) {
        for name in names { add(name, Command(arity: arity, startsArgument: startsArgument, action: .atom(build))) }
    }

    mutating func list(_ names: [String], _ act: @escaping Command.Act) {
        for name in names { add(name, Command(arity: 0, startsArgument: false, action: .list(act))) }
    }

    private mutating func add(_ name: String, _ command: Command) {
        precondition(commands[name] == nil && Symbols.table[name] == nil, "\\\(name) is defined twice")
        commands[name] = command
    }
}

extension Parser {
    static let commands: [String: Command] = {
        var t = CommandTable()

        // Fractions and binomials: arguments in text style.
        t.atom(["frac"], arity: 2, startsArgument: true) { p, call throws(MathError) in try p.fraction(call) }
        t.atom(["dfrac", "cfrac"], arity: 2, startsArgument: true) { p, call throws(MathError) in try p.fraction(call, style: .display) }
        t.atom(["tfrac"], arity: 2, startsArgument: true) { p, call throws(MathError) in try p.fraction(call, style: .text) }
        t.atom(["binom"], arity: 2, startsArgument: true) { p, call throws(MathError) in try p.fraction(call, binomial: true) }
        t.atom(["dbinom"], arity: 2, startsArgument: true) { p, call throws(MathError) in try p.fraction(call, binomial: true, style: .display) }
        t.atom(["tbinom"], arity: 2, startsArgument: true) { p, call throws(MathError) in try p.fraction(call, binomial: true, style: .text) }

        // Roots, things over and under, accents.
        t.atom(["sqrt"], arity: 1, startsArgument: true) { p, call throws(MathError) in try p.root(call) }
        t.atom(["overset", "stackrel"], arity: 2, startsArgument: true) { p, call throws(MathError) in try p.overUnder(call, under: false) }
        t.atom(["underset"], arity: 2, startsArgument: true) { p, call throws(MathError) in try p.overUnder(call, under: true) }
        t.atom(["overbrace"], arity: 1, startsArgument: true) { p, call throws(MathError) in try p.horizontalBrace(call, under: false) }
        t.atom(["underbrace"], arity: 1, startsArgument: true) { p, call throws(MathError) in try p.horizontalBrace(call, under: true) }
        for (name, accent) in Symbols.accents {
            t.atom([name], arity: 1, startsArgument: true) { p, call throws(MathError) in try p.accent(accent, call) }
        }
        t.atom(["phantom"], arity: 1) { p, call throws(MathError) in p.arena.make(.mphantom, try p.argument(call)) }

        // Delimiters.
        t.atom(["left"], startsArgument: true) { p, call throws(MathError) in try p.parseLeftRight(at: call.start) }
        for (size, em) in [("big", "1.2em"), ("Big", "1.8em"), ("bigg", "2.4em"), ("Bigg", "3em")] {
            for (suffix, form, startsArgument) in [
                ("", "", true), ("l", #" form="prefix""#, true), ("r", #" form="postfix""#, false),
                ("m", #" form="infix""#, false),
            ] {
                t.atom([size + suffix], startsArgument: startsArgument) { p, call throws(MathError) in
                    try p.sizedDelimiter(call, size: em, form: form)
                }
            }
        }
        t.list(["middle"]) { p, call throws(MathError) in
            try p.middleDelimiter(call)
            return nil
        }
        t.list(["right"]) { p, call throws(MathError) in
            guard call.stop.contains(.right) else { throw p.misplaced("\\right", at: call.start, call.opener) }
            p.pos = call.start
            return .right
        }

        // Environments and table rows.
        t.atom(["begin"], startsArgument: true) { p, call throws(MathError) in try p.parseEnvironment(at: call.start) }
        t.list(["end"]) { p, call throws(MathError) in
            guard call.stop.contains(.end) else {
                if case .left = call.opener { throw p.misplaced("\\end", at: call.start, call.opener) }
                let name = (try? p.readEnvName(command: "end", at: call.start)) ?? ""
                throw p.misplaced("\\end{\(name)}", at: call.start, call.opener)
            }
            p.pos = call.start
            return .end
        }
        t.list(["\\"]) { p, call throws(MathError) in
            guard call.stop.contains(.newline) else { throw p.misplaced("\\\\", at: call.start, call.opener) }
            try p.skipRowSpacing()
            return .newline
        }
        t.list(["hline", "hdashline"]) { p, call throws(MathError) in
            throw p.error("\\\(call.name) is only allowed at the start of a table row", at: call.start)
        }

        // Text.
        t.atom(["text", "textrm", "textnormal", "mbox"], arity: 1, startsArgument: true) { p, call throws(MathError) in
            try p.parseText(command: call.name, at: call.start, attrs: "")
        }
        t.atom(["textup", "hbox"], arity: 1) { p, call throws(MathError) in try p.parseText(command: call.name, at: call.start, attrs: "") }
        t.atom(["textbf"], arity: 1) { p, call throws(MathError) in
            try p.parseText(command: call.name, at: call.start, attrs: #" style="font-weight:bold""#)
        }
        t.atom(["textit", "emph"], arity: 1) { p, call throws(MathError) in
            try p.parseText(command: call.name, at: call.start, attrs: #" style="font-style:italic""#)
        }
        t.atom(["texttt"], arity: 1) { p, call throws(MathError) in
            try p.parseText(command: call.name, at: call.start, attrs: #" style="font-family:monospace""#)
        }
        t.atom(["textsf"], arity: 1) { p, call throws(MathError) in
            try p.parseText(command: call.name, at: call.start, attrs: #" style="font-family:sans-serif""#)
        }

        // Fonts, styles, colors, spaces.
        for (name, variant) in Symbols.fontCommands {
            t.atom([name], arity: 1, startsArgument: true) { p, call throws(MathError) in try p.font(variant, call) }
        }
        t.atom(["operatorname"], arity: 1, startsArgument: true) { p, call throws(MathError) in try p.operatorName(call) }
        t.list(["displaystyle"]) { p, call throws(MathError) in try p.mathStyle(.display, call) }
        t.list(["textstyle"]) { p, call throws(MathError) in try p.mathStyle(.text, call) }
        t.list(["scriptstyle"]) { p, call throws(MathError) in try p.mathStyle(.script, call) }
        t.list(["scriptscriptstyle"]) { p, call throws(MathError) in try p.mathStyle(.scriptScript, call) }
        t.list(["color"]) { p, call throws(MathError) in try p.color(call) }
        t.atom(["textcolor"], arity: 2, startsArgument: true) { p, call throws(MathError) in try p.textColor(call) }
        t.atom(["hspace"]) { p, call throws(MathError) in try p.parseHSpace(at: call.start) }

        // Scripts: `\limits` and `\nolimits` right after an operator are read with its scripts.
        t.list(["limits", "nolimits"]) { p, call throws(MathError) in
            throw p.error("\\limits and \\nolimits must follow a large operator", at: call.start)
        }

        // Labels and equation numbers.
        t.list(["label"]) { p, call throws(MathError) in
            try p.parseLabel(at: call.start)
            return nil
        }
        t.list(["tag"]) { p, call throws(MathError) in
            try p.parseTag(at: call.start)
            return nil
        }
        t.list(["nonumber", "notag"]) { p, _ in
            p.unnumbered = true
            return nil
        }
        return t.commands
    }()

    /// `\name` as an atom: a user macro, a symbol, or a registered command.
    mutating func parseCommand() throws(MathError) -> Int32 {
        let start = pos
        let name = try readCommandName()
        if !macros.isEmpty, let macro = macros[name] { return try expandMacro(name, macro, at: start) }
        if let s = Symbols.table[name] { return symbol(s) }
        guard let command = Parser.commands[name], case .atom(let build) = command.action else {
            if Parser.commands[name] != nil || Symbols.fontSwitches[name] != nil {
                throw error("\\\(name) cannot be used as an argument", at: start)
            }
            throw error("unknown command \\\(name)", at: start)
        }
        return try build(&self, Command.Call(name: name, start: start, arity: command.arity))
    }

    /// The next argument of a registered command.
    mutating func argument(_ call: Command.Call) throws(MathError) -> Int32 {
        try parseArg(.command(call.name, call.arity), at: call.start)
    }
}
