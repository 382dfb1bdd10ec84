/// One side of a shape: a fixed size, a named size (`n`, `N`), or a size still free to match its context
/// (the bare `I` or `ones` a student writes, whose size the question fixes).
public enum Dimension: Hashable, Sendable, CustomStringConvertible {
    case fixed(Int)
    case named(String)
    case free

    public static let one = Dimension.fixed(1)

    public var description: String {
        switch self {
        case .fixed(let k): return String(k)
        case .named(let s): return s
        case .free: return "?"
        }
    }

    /// Whether two dimensions can stand for the same size.
    public func matches(_ other: Dimension) -> Bool {
        self == other || self == .free || other == .free
    }

    /// The more specific of two matching dimensions.
    func unified(with other: Dimension) -> Dimension { self == .free ? other : self }

    /// The concrete size under an assignment of named sizes.
    public func size(in sizes: [String: Int]) -> Int? {
        switch self {
        case .fixed(let k): return k
        case .named(let s): return sizes[s]
        case .free: return nil
        }
    }
}

/// The shape of a value: rows × columns. A scalar is 1×1, a vector n×1 (a column), a row vector 1×n.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public var rows: Dimension
    public var cols: Dimension

    public init(_ rows: Dimension, _ cols: Dimension) { self.rows = rows; self.cols = cols }

    public static let scalar = Shape(.one, .one)
    public static func column(_ n: Dimension) -> Shape { Shape(n, .one) }
    public static func row(_ n: Dimension) -> Shape { Shape(.one, n) }
    public static func matrix(_ m: Dimension, _ n: Dimension) -> Shape { Shape(m, n) }

    public var isScalar: Bool { rows == .one && cols == .one }
    public var isColumn: Bool { cols == .one && rows != .one }
    public var isRow: Bool { rows == .one && cols != .one }
    /// A row or a column (not a scalar).
    public var isVector: Bool { isColumn || isRow }
    public var isMatrix: Bool { rows != .one && cols != .one }
    /// The length of a vector (or 1 for a scalar).
    public var length: Dimension { rows == .one ? cols : rows }
    public var transposed: Shape { Shape(cols, rows) }

    public func matches(_ other: Shape) -> Bool { rows.matches(other.rows) && cols.matches(other.cols) }
    func unified(with other: Shape) -> Shape { Shape(rows.unified(with: other.rows), cols.unified(with: other.cols)) }

    /// How a person says it: "scalar", "column vector (n×1)", "row vector (1×n)", "matrix (m×n)".
    public var description: String {
        if isScalar { return "scalar" }
        if isColumn { return "\(rows)×1 column" }
        if isRow { return "1×\(cols) row" }
        return "\(rows)×\(cols) matrix"
    }

    public var dimensionNames: [String] {
        [rows, cols].compactMap { if case .named(let s) = $0 { return s }; return nil }
    }
}
