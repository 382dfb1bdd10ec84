/// An exact rational number, or a floating-point one once exactness is lost (overflow, irrational results).
///
/// Students' decimals are read exactly (`3.0001` is 30001/10000), so a near miss never rounds into a match.
public enum Number: Hashable, Sendable, CustomStringConvertible {
    /// Numerator and denominator (> 0), in lowest terms: 64 bits on every platform, so the WebAssembly build (where
    /// `Int` has 32) computes what the native one does.
    case rational(Int64, Int64)
    case real(Double)

    public static let zero = Number.rational(0, 1)
    public static let one = Number.rational(1, 1)
    public static let minusOne = Number.rational(-1, 1)

    public init(_ n: Int) { self = .rational(Int64(n), 1) }

    /// Builds a normalized rational; falls back to a real when the denominator is zero or values overflow.
    public static func fraction(_ num: Int, _ den: Int) -> Number { fraction(Int64(num), Int64(den)) }

    public static func fraction(_ num: Int64, _ den: Int64) -> Number {
        if den == 0 { return .real(Double(num) / 0) }
        if num == Int64.min || den == Int64.min { return .real(Double(num) / Double(den)) }
        var n = num, d = den
        if d < 0 { n = -n; d = -d }
        let g = gcd(abs(n), d)
        return .rational(n / g, d / g)
    }

    /// Parses a decimal literal exactly (`0.25` → 1/4); very long literals become reals.
    public static func decimal(_ text: Substring) -> Number {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0].isEmpty ? "0" : String(parts[0])
        let frac = parts.count > 1 ? String(parts[1]) : ""
        if whole.count + frac.count <= 17, let w = Int64(whole), let f = frac.isEmpty ? 0 : Int64(frac) {
            var den: Int64 = 1
            for _ in 0..<frac.count { den *= 10 }
            return .fraction(w * den + f, den)
        }
        return .real(longDecimal(whole, frac))
    }

    /// A decimal literal too long for an exact fraction, as a real: its first 18 significant digits times a power
    /// of ten, within a few units in the last place of the correctly rounded value — and the same natively and in
    /// the page (the C library's `strtod` would link another 7 KB into the page's module for these rare answers).
    static func longDecimal(_ whole: String, _ frac: String) -> Double {
        var significand: Int64 = 0, digits = 0, exponent = 0
        for (k, c) in (whole + frac).utf8.enumerated() {
            guard c >= 0x30 && c <= 0x39 else { return .nan }
            if digits == 0 && c == 0x30 { if k >= whole.utf8.count { exponent -= 1 }; continue }
            if digits < 18 {
                significand = significand * 10 + Int64(c - 0x30)
                digits += 1
                if k >= whole.utf8.count { exponent -= 1 }
            } else if k < whole.utf8.count {
                exponent += 1
            }
        }
        return Double(significand) * cMath_pow(10, Double(exponent))
    }

    public var double: Double {
        switch self {
        case .rational(let n, let d): return Double(n) / Double(d)
        case .real(let x): return x
        }
    }
    public var isZero: Bool { if case .rational(0, _) = self { return true }; return self.double == 0 }
    public var isOne: Bool { if case .rational(1, 1) = self { return true }; return false }
    public var isMinusOne: Bool { if case .rational(-1, 1) = self { return true }; return false }
    public var isNegative: Bool { double < 0 }
    public var isInteger: Bool { if case .rational(_, 1) = self { return true }; return false }
    /// The value as an `Int`, when it is an integer that fits one.
    public var integerValue: Int? { if case .rational(let n, 1) = self { return Int(exactly: n) }; return nil }
    public var isExact: Bool { if case .rational = self { return true }; return false }

    public static func + (a: Number, b: Number) -> Number {
        if case .rational(let an, let ad) = a, case .rational(let bn, let bd) = b {
            let (x, o1) = an.multipliedReportingOverflow(by: bd)
            let (y, o2) = bn.multipliedReportingOverflow(by: ad)
            let (s, o3) = x.addingReportingOverflow(y)
            let (d, o4) = ad.multipliedReportingOverflow(by: bd)
            if !(o1 || o2 || o3 || o4) { return .fraction(s, d) }
        }
        return .real(a.double + b.double)
    }
    public static prefix func - (a: Number) -> Number {
        if case .rational(let n, let d) = a, n != Int64.min { return .rational(-n, d) }
        return .real(-a.double)
    }
    public static func - (a: Number, b: Number) -> Number { a + (-b) }
    public static func * (a: Number, b: Number) -> Number {
        if case .rational(let an, let ad) = a, case .rational(let bn, let bd) = b {
            let (n, o1) = an.multipliedReportingOverflow(by: bn)
            let (d, o2) = ad.multipliedReportingOverflow(by: bd)
            if !(o1 || o2) { return .fraction(n, d) }
        }
        return .real(a.double * b.double)
    }
    public var reciprocal: Number {
        if case .rational(let n, let d) = self, n != 0 { return .fraction(d, n) }
        return .real(1 / double)
    }
    public static func / (a: Number, b: Number) -> Number { a * b.reciprocal }

    /// `self^exponent`, exact for integer exponents of moderate size.
    public func power(_ exponent: Number) -> Number {
        if let k = exponent.integerValue, abs(k) <= 64, case .rational(let n, let d) = self {
            if k == 0 { return .one }
            if n == 0 && k < 0 { return .real(.infinity) }
            var rn: Int64 = 1, rd: Int64 = 1
            for _ in 0..<abs(k) {
                let (a, o1) = rn.multipliedReportingOverflow(by: n)
                let (b, o2) = rd.multipliedReportingOverflow(by: d)
                if o1 || o2 { return .real(cMath_pow(double, exponent.double)) }
                rn = a; rd = b
            }
            return k > 0 ? .fraction(rn, rd) : .fraction(rd, rn)
        }
        return .real(cMath_pow(double, exponent.double))
    }

    public var description: String {
        switch self {
        case .rational(let n, 1): return String(n)
        case .rational(let n, let d): return "\(n)/\(d)"
        case .real(let x): return formatDouble(x)
        }
    }
}

/// Orders numbers by value (used to sort terms canonically).
extension Number: Comparable {
    public static func < (a: Number, b: Number) -> Bool { a.double < b.double }
}

func gcd(_ a: Int64, _ b: Int64) -> Int64 {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a == 0 ? 1 : a
}

/// Shortest round-tripping text for a double, without a trailing `.0`.
public func formatDouble(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    var s = String(x)
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
}
