// Commands that lay out their arguments: fractions and binomials, roots, scripts over and under, accents.

extension Parser {
    /// An argument in text style (a fraction's parts, a root's index, `\overset`'s script): no display limits.
    mutating func textStyleArgument(_ call: Command.Call) throws(MathError) -> Int32 {
        let saved = display
        display = false
        let arg = try argument(call)
        display = saved
        return arg
    }

    /// `\frac`, `\binom` and their display-style and text-style forms.
    mutating func fraction(_ call: Command.Call, binomial: Bool = false, style: MathStyle? = nil) throws(MathError) -> Int32 {
        let numerator = try textStyleArgument(call)
        let denominator = try textStyleArgument(call)
        var node = arena.make(.mfrac, numerator, denominator, attrs: binomial ? #" linethickness="0""# : "")
        if binomial {
            node = arena.make(
                .mrow, arena.add(.mo, "(", attrs: #" form="prefix" stretchy="true""#), node,
                arena.add(.mo, ")", attrs: #" form="postfix" stretchy="true""#))
        }
        guard let style else { return node }
        return arena.make(.mstyle, node, attrs: style.attrs)
    }

    /// `\sqrt{x}` and `\sqrt[n]{x}`.
    mutating func root(_ call: Command.Call) throws(MathError) -> Int32 {
        skipSpace()
        guard pos < src.count && src[pos] == UInt8(ascii: "[") else { return arena.make(.msqrt, try argument(call)) }
        let open = pos
        pos += 1
        let index = arena.add(.row)
        let saved = display
        display = false
        try parseList(into: index, stop: .bracket, opener: .bracket(open))
        display = saved
        let body = try argument(call)
        return arena.make(.mroot, body, index)
    }

    /// `\overset{script}{base}`, `\underset`, `\stackrel`.
    mutating func overUnder(_ call: Command.Call, under: Bool) throws(MathError) -> Int32 {
        let script = try textStyleArgument(call)
        let base = try argument(call)
        return arena.make(under ? .munder : .mover, base, script)
    }

    /// `\overbrace{…}`, `\underbrace{…}`: their scripts are always limits.
    mutating func horizontalBrace(_ call: Command.Call, under: Bool) throws(MathError) -> Int32 {
        let base = try argument(call)
        let brace = arena.add(.mo, under ? "⏟" : "⏞", attrs: #" stretchy="true""#)
        return arena.make(under ? .munder : .mover, base, brace, flags: .alwaysLimits)
    }

    /// An accent from `Symbols.accents`.
    mutating func accent(_ accent: (mark: String, stretchy: Bool, under: Bool), _ call: Command.Call) throws(MathError) -> Int32 {
        let base = try argument(call)
        // \vec's arrow is a small one, as in LaTeX (a full-size → is wider than the letter it sits on).
        let small = !accent.stretchy && accent.mark == "→"
        let mark = arena.add(.mo, accent.mark, attrs: accent.stretchy ? #" stretchy="true""# : small ? #" stretchy="false" mathsize="70%""# : #" stretchy="false""#)
        return accent.under
            ? arena.make(.munder, base, mark, attrs: #" accentunder="true""#)
            : arena.make(.mover, base, mark, attrs: #" accent="true""#)
    }
}
