// How things look without being content: fonts, math styles, colors, horizontal space.

/// `\displaystyle` and its relatives (also the style of `\dfrac`, `\tfrac`).
enum MathStyle {
    case display, text, script, scriptScript

    var attrs: String {
        switch self {
        case .display: #" displaystyle="true" scriptlevel="0""#
        case .text: #" displaystyle="false" scriptlevel="0""#
        case .script: #" displaystyle="false" scriptlevel="1""#
        case .scriptScript: #" displaystyle="false" scriptlevel="2""#
        }
    }
}

extension Parser {
    // MARK: Fonts

    /// The argument of a registered command, in `font`.
    mutating func argument(_ call: Command.Call, in font: Variant) throws(MathError) -> Int32 {
        let saved = variant
        variant = font
        let arg = try argument(call)
        variant = saved
        return arg
    }

    /// A font command from `Symbols.fontCommands`: `\mathrm{softmax}` is a function name.
    mutating func font(_ font: Variant, _ call: Command.Call) throws(MathError) -> Int32 {
        let arg = try argument(call, in: font)
        if font == .upright && isWord(arg) { arena[arg].flags.insert(.function) }
        return arg
    }

    /// `\operatorname{name}`; with `*`, its scripts are limits in display style.
    mutating func operatorName(_ call: Command.Call) throws(MathError) -> Int32 {
        var star = false
        if pos < src.count && src[pos] == UInt8(ascii: "*") { star = true; pos += 1 }
        let arg = try argument(call, in: .upright)
        arena[arg].flags.insert(star ? [.function, .operatorLike, .movableLimits] : [.function, .operatorLike])
        return arg
    }

    /// A single multi-letter identifier (`\mathrm{softmax}`): a function name when an argument follows.
    func isWord(_ node: Int32) -> Bool {
        var n = node
        if arena[n].kind == .row {
            guard arena[n].first >= 0 && arena[n].first == arena[n].last else { return false }
            n = arena[n].first
        }
        return arena[n].kind == .mi && arena[n].attrs.count == 0 && arena[n].text.count > 1
    }

    // MARK: Styles and colors (in a list: they apply to the rest of it)

    /// `\displaystyle` …: the rest of the list in `style`.
    mutating func mathStyle(_ style: MathStyle, _ call: Command.ListCall) throws(MathError) -> Stop {
        display = style == .display
        return try restyleRest(of: call, attrs: style.attrs)
    }

    /// `\color{name}`: the rest of the list in that color.
    mutating func color(_ call: Command.ListCall) throws(MathError) -> Stop {
        let color = try readColor(command: "color", at: call.start)
        return try restyleRest(of: call, attrs: #" mathcolor=""# + color + "\"")
    }

    /// Parses the rest of the list around `call` into an `<mstyle>` with `attrs`.
    mutating func restyleRest(of call: Command.ListCall, attrs: String) throws(MathError) -> Stop {
        let style = arena.add(.mstyle, attrs: attrs)
        arena.append(style, to: call.row)
        return try parseList(into: style, stop: call.stop, opener: call.opener)
    }

    /// `\textcolor{name}{…}`.
    mutating func textColor(_ call: Command.Call) throws(MathError) -> Int32 {
        let color = try readColor(command: call.name, at: call.start)
        return arena.make(.mstyle, try argument(call), attrs: #" mathcolor=""# + color + "\"")
    }

    mutating func readColor(command: String, at start: Int) throws(MathError) -> String {
        let body = try rawArgument(missing: "\\\(command) needs a color", at: start)
        let bytes = src[body]
        let valid: Bool
        if bytes.first == UInt8(ascii: "#") {
            let digits = bytes.dropFirst()
            valid = (digits.count == 3 || digits.count == 6)
                && digits.allSatisfy { isDigit($0) || ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "f")) }
        } else {
            valid = !bytes.isEmpty && bytes.allSatisfy(isLetter)
        }
        guard valid else { throw error("invalid color (use a name like red or #rrggbb)", at: pos) }
        pos = body.upperBound + 1
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Space

    /// `\hspace{length}` (`\hspace*` is the same in math).
    mutating func parseHSpace(at start: Int) throws(MathError) -> Int32 {
        if pos < src.count && src[pos] == UInt8(ascii: "*") { pos += 1 }
        let body = try rawArgument(missing: "\\hspace needs a length", at: start)
        let text = String(decoding: src[body], as: UTF8.self).filter { $0 != " " }
        let number = text.prefix { $0 == "-" || $0 == "." || $0.isASCII && $0.isNumber }
        let unit = text.dropFirst(number.count)
        guard let value = Double(number), ["em", "ex", "pt", "px", "mu", "cm", "mm", "in"].contains(unit) else {
            throw error("invalid length \(text) (use a number and em, ex, pt, px, mu, cm, mm or in)", at: pos)
        }
        pos = body.upperBound + 1
        return space(unit == "mu" ? "\(formatted(value / 18))em" : "\(number)\(unit)", negative: value < 0)
    }

    /// Horizontal space of a CSS `width` (negative: a negative margin, as MathML Core has no negative space).
    mutating func space(_ width: String, negative: Bool) -> Int32 {
        if negative { return arena.add(.mspace, attrs: #" style="margin-left:"# + width + "\"") }
        return arena.add(.mspace, attrs: #" width=""# + width + "\"")
    }
}
