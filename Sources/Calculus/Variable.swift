/// A named quantity with a shape: a scalar `x`, a vector `w` (n×1), a matrix `X` (N×n),
/// a family of vectors `x_1 … x_N` (stored as N×n, member i is row i as a column), a summation index, or an entry
/// of a declared vector that a derivative is taken with respect to (`derivative(f, w_1)`).
public struct Variable: Hashable, Sendable, CustomStringConvertible {
    /// `entry`: an entry of a declared column vector as the variable of a derivative, a scalar named as written
    /// (`w_1`: entry 1 of w; see `entryPosition`), with no value of its own.
    public enum Kind: Hashable, Sendable { case plain, family, index, entry }
    public var name: String
    public var shape: Shape
    public var kind: Kind

    public init(_ name: String, _ shape: Shape = .scalar, kind: Kind = .plain) {
        self.name = name; self.shape = shape; self.kind = kind
    }
    public static func scalar(_ name: String) -> Variable { Variable(name) }
    public static func vector(_ name: String, _ n: Dimension) -> Variable { Variable(name, .column(n)) }
    public static func matrix(_ name: String, _ m: Dimension, _ n: Dimension) -> Variable { Variable(name, .matrix(m, n)) }
    /// Entry `k` (1-based) of the column vector named `vector`, as the variable of a derivative.
    public static func entry(of vector: String, _ k: Int) -> Variable { Variable(vector + "_" + String(k), .scalar, kind: .entry) }
    /// The entry's number of an entry variable's name (`w_5` → 5).
    static func entryIndex(of name: String) -> Int? {
        var digits = 0, value = 0, place = 1
        for c in name.utf8.reversed() {
            guard c >= 0x30 && c <= 0x39 else { return digits > 0 && c == 0x5F ? value : nil }
            value += Int(c - 0x30) * place
            place *= 10
            digits += 1
            if digits > 6 { return nil }
        }
        return nil
    }

    /// For an entry `w_1`: the vector's name and the position; nil for any other variable.
    public var entryPosition: (vector: String, index: Int)? {
        guard kind == .entry, let u = name.firstIndex(of: "_"), let k = Int(String(name[name.index(after: u)...])) else { return nil }
        return (String(name[..<u]), k)
    }

    public var description: String { name }
    public var isScalar: Bool { shape.isScalar && kind != .family }
}

/// e and π.
public enum Constant: String, Hashable, Sendable {
    case e, pi
    public var value: Double { self == .e ? 2.718281828459045 : Double.pi }
}

/// `<`, `<=`, `>`, `>=` between two sides, element-wise for vectors; in `where:` also `=` and `!=`.
public struct Condition: Hashable, Sendable {
    public enum Relation: String, Hashable, Sendable, CaseIterable {
        case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
        /// Only in `where:` (`sum(y) = 1`, `x != 0`); points are made to meet an equality (`EqualityCondition`).
        case equal = "=", notEqual = "!="
        public var negated: Relation {
            switch self {
            case .less: return .greaterEqual
            case .lessEqual: return .greater
            case .greater: return .lessEqual
            case .greaterEqual: return .less
            case .equal: return .notEqual
            case .notEqual: return .equal
            }
        }
        /// The relation with its sides swapped: `0 < x` is `x > 0`.
        public var flipped: Relation {
            switch self {
            case .less: return .greater
            case .lessEqual: return .greaterEqual
            case .greater: return .less
            case .greaterEqual: return .lessEqual
            case .equal, .notEqual: return self
            }
        }
        /// Whether the relation holds; an equality within rounding (a sum made 1 adds up to 1 ± a few ulps).
        public func holds(_ a: Double, _ b: Double) -> Bool {
            switch self {
            case .less: return a < b
            case .lessEqual: return a <= b
            case .greater: return a > b
            case .greaterEqual: return a >= b
            case .equal: return abs(a - b) <= 1e-9 * Swift.max(1, abs(a), abs(b))
            case .notEqual: return a != b
            }
        }
    }
    public var lhs: Expr
    public var relation: Relation
    public var rhs: Expr
    public init(_ lhs: Expr, _ relation: Relation, _ rhs: Expr) { self.lhs = lhs; self.relation = relation; self.rhs = rhs }
    public var negated: Condition { Condition(lhs, relation.negated, rhs) }
}
