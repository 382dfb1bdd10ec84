/// A concrete value: a number, or a dense matrix (vectors are n×1 or 1×n), row-major.
public enum Value: Sendable, CustomStringConvertible {
    case scalar(Double)
    case matrix(rows: Int, cols: Int, data: [Double])

    public var rows: Int { if case .matrix(let r, _, _) = self { return r }; return 1 }
    public var cols: Int { if case .matrix(_, let c, _) = self { return c }; return 1 }
    public var count: Int { rows * cols }

    /// Entry (i, j), 0-based; a scalar is its only entry.
    public subscript(i: Int, j: Int) -> Double {
        switch self {
        case .scalar(let x): return x
        case .matrix(_, let c, let d): return d[i * c + j]
        }
    }
    public var entries: [Double] {
        switch self {
        case .scalar(let x): return [x]
        case .matrix(_, _, let d): return d
        }
    }
    public var isFinite: Bool { entries.allSatisfy({ $0.isFinite }) }

    /// 1×1 matrices become scalars.
    static func make(_ rows: Int, _ cols: Int, _ data: [Double]) -> Value {
        rows == 1 && cols == 1 ? .scalar(data[0]) : .matrix(rows: rows, cols: cols, data: data)
    }

    public var transposed: Value {
        guard case .matrix(let r, let c, let d) = self else { return self }
        if r == 1 || c == 1 { return .matrix(rows: c, cols: r, data: d) }
        var out = [Double](repeating: 0, count: r * c)
        for i in 0..<r { for j in 0..<c { out[j * r + i] = d[i * c + j] } }
        return .matrix(rows: c, cols: r, data: out)
    }

    public var description: String { description(digits: 6) }

    /// The value with up to `digits` significant digits per entry.
    public func description(digits: Int) -> String {
        switch self {
        case .scalar(let x): return formatValue(x, digits: digits)
        case .matrix(let r, let c, let d):
            let rowsText = (0..<r).map { i in (0..<c).map { formatValue(d[i * c + $0], digits: digits) }.joined(separator: ", ") }
            if c == 1 { return "[" + rowsText.joined(separator: "; ") + "]" }
            if r == 1 { return "[" + rowsText[0] + "]" }
            return "[" + rowsText.map { "[\($0)]" }.joined(separator: ", ") + "]"
        }
    }

    /// Two values printed with the fewest digits (6 at least) that tell them apart, so that an expected and a
    /// wrong value never print alike.
    public static func distinctDescriptions(_ a: Value, _ b: Value) -> (String, String) {
        var digits = 6
        while true {
            let pa = a.description(digits: digits), pb = b.description(digits: digits)
            if pa != pb || digits >= 17 { return (pa, pb) }
            digits += 1
        }
    }
}

/// A value printed for people: up to 6 significant digits (or `digits`), the shortest exact form past 15.
public func formatValue(_ x: Double, digits: Int = 6) -> String {
    if x.isNaN { return "undefined" }
    if x.isInfinite { return x < 0 ? "-∞" : "∞" }
    if x == x.rounded(), abs(x) < 1e12 { return String(Int64(x)) }
    if digits > 15 { return String(x) }
    let a = abs(x)
    if a >= 1e-4 && a < 1e6 {
        var s = String(formatSignificant(x, digits))
        while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
        return s
    }
    return String(x)
}

private func formatSignificant(_ x: Double, _ significant: Int) -> String {
    // Round to `significant` digits without Foundation.
    let a = abs(x)
    var digits = significant - 1
    var t = a
    while t >= 10 && digits > 0 { t /= 10; digits -= 1 }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (a * scale).rounded() / scale
    var s = String(rounded)
    if let dot = s.firstIndex(of: "."), s.distance(from: dot, to: s.endIndex) > digits + 1 {
        s = String(s[..<s.index(dot, offsetBy: digits + 1)])
    }
    return (x < 0 ? "-" : "") + s
}
