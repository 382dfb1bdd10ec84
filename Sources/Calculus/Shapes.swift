/// Shape-checked construction for the parser: each operation states which shapes it accepts,
/// and a mismatch is an error that names both shapes and points at the operator.
enum Shapes {
    static func fail(_ message: String, _ t: Token) -> CalculusError {
        CalculusError(.shape, message, at: t.offset, length: Swift.max(1, t.length))
    }

    /// A case of `if` or `cases`: a scalar 0 beside a vector or matrix case is the zero of that shape
    /// (`if(z > 0, x^T, 0)`, `0^T`), free sizes are filled as `fill` does.
    static func fillCase(_ e: Expr, _ shape: Shape) -> Expr {
        if e.shape.isScalar, e.isZero, !shape.isScalar { return .zeros(shape) }
        return fill(e, shape)
    }

    /// Replaces free sizes (a bare `I`, `\vec{1}`) by those of the shape the context gives.
    static func fill(_ e: Expr, _ shape: Shape) -> Expr {
        func pick(_ d: Dimension, _ s: Dimension) -> Dimension { d == .free ? s : d }
        switch e {
        case .basis(let i, .free):
            let n = shape.cols == .one ? shape.rows : shape.cols
            return n == .free || n == .one ? e : .basis(i, n)
        case .identity(.free):
            let n = shape.rows != .free && shape.rows != .one ? shape.rows : shape.cols
            return n == .free ? e : .identity(n)
        case .ones(let s): return .ones(Shape(pick(s.rows, shape.rows), pick(s.cols, shape.cols)))
        case .zeros(let s): return .zeros(Shape(pick(s.rows, shape.rows), pick(s.cols, shape.cols)))
        case .transpose(let x): return .transposed(fill(x, shape.transposed))
        case .mul(let xs): return .product(xs.map { $0.shape.isScalar ? $0 : fill($0, shape) })
        case .add(let xs): return .sum(xs.map { $0.shape.isScalar ? $0 : fill($0, shape) })
        case .hadamard(let xs): return .elementwiseProduct(xs.map { fill($0, shape) })
        case .piecewise(let c, let a, let b): return .piecewise(c, fill(a, shape), fill(b, shape))
        case .diag(let v): return .diag(fill(v, .column(shape.rows == .free ? shape.cols : shape.rows)))
        case .matmul(let xs): return .matrixProduct(fillChain(xs, shape))
        // A column of blocks shares the width, a row of blocks the height.
        case .block(let rows) where rows.allSatisfy({ $0.count == 1 }):
            return .block(rows.map { [fill($0[0], Shape($0[0].shape.rows, shape.cols))] })
        case .block(let rows) where rows.count == 1:
            return .block([rows[0].map { fill($0, Shape(shape.rows, $0.shape.cols)) }])
        default: return e
        }
    }

    /// `fill`, refusing a term whose free sizes cannot take the shape: a bare `I` is square, so it cannot be added to a
    /// column (a scalar term still expands).
    static func fill(_ e: Expr, _ shape: Shape, at t: Token, _ verb: String) throws(CalculusError) -> Expr {
        let filled = fill(e, shape)
        guard filled.shape.isScalar || filled.shape.matches(shape) else { throw fail("cannot \(verb) a \(shape) and a \(filled.shape)", t) }
        return filled
    }

    /// Free sizes in a matrix product, from the product's shape and from neighbouring factors.
    static func fillChain(_ xs: [Expr], _ shape: Shape) -> [Expr] {
        var fs = xs
        guard !fs.isEmpty else { return fs }
        fs[0] = fill(fs[0], Shape(shape.rows, fs[0].shape.cols))
        fs[fs.count - 1] = fill(fs[fs.count - 1], Shape(fs[fs.count - 1].shape.rows, shape.cols))
        for _ in 0..<2 {
            for i in 0..<(fs.count - 1) {
                let a = fs[i].shape, b = fs[i + 1].shape
                if a.cols == .free && b.rows != .free { fs[i] = fill(fs[i], Shape(a.rows, b.rows)) }
                if b.rows == .free && a.cols != .free { fs[i + 1] = fill(fs[i + 1], Shape(a.cols, b.cols)) }
            }
        }
        return fs
    }

    static func hasFree(_ s: Shape) -> Bool { s.rows == .free || s.cols == .free }

    /// The common shape of two operands of an element-wise operation (scalars expand).
    @discardableResult
    static func broadcast(_ a: Expr, _ b: Expr, at t: Token, _ verb: String) throws(CalculusError) -> Shape {
        try broadcast(a.shape, b.shape, at: t, verb)
    }

    @discardableResult
    static func broadcast(_ sa: Shape, _ sb: Shape, at t: Token, _ verb: String) throws(CalculusError) -> Shape {
        if sa.isScalar { return sb }
        if sb.isScalar { return sa }
        guard sa.matches(sb) else {
            var hint = ""
            if sa.transposed.matches(sb) { hint = "; transpose one of them" }
            throw fail("cannot \(verb) a \(sa) and a \(sb)\(hint)", t)
        }
        return sa.unified(with: sb)
    }

    /// `a * b` or juxtaposition: scaling when either side is a scalar, else the matrix product.
    static func multiply(_ a: Expr, _ b: Expr, at t: Token) throws(CalculusError) -> Expr {
        if a.shape.isScalar || b.shape.isScalar { return .product([a, b]) }
        var a = a, b = b
        if hasFree(a.shape) { a = fill(a, Shape(a.shape.rows == .free ? b.shape.cols : a.shape.rows, b.shape.rows)) }
        if hasFree(b.shape) { b = fill(b, Shape(a.shape.cols, b.shape.cols == .free ? a.shape.rows : b.shape.cols)) }
        try checkInnerSizes(a.shape, b.shape, at: t)
        return .matrixProduct([a, b])
    }

    /// Whether a matrix product of these shapes is defined (the parser checks long products factor by factor).
    static func checkInnerSizes(_ sa: Shape, _ sb: Shape, at t: Token) throws(CalculusError) {
        guard sa.cols.matches(sb.rows) else {
            var hint = ""
            if sa.isColumn && sb.isColumn && sa.rows.matches(sb.rows) { hint = "; for a dot product write dot(a, b) or a^T b" }
            throw fail("cannot multiply a \(sa) by a \(sb) (inner sizes \(sa.cols) and \(sb.rows) differ)\(hint)", t)
        }
    }

    /// The dot product of two vectors of one length (either orientation).
    static func dot(_ a: Expr, _ b: Expr, at t: Token) throws(CalculusError) -> Expr {
        let sa = a.shape, sb = b.shape
        if sa.isScalar && sb.isScalar { return .product([a, b]) }
        guard sa.isVector || hasFree(sa), sb.isVector || hasFree(sb) else {
            throw fail("a dot product needs two vectors, not a \(sa) and a \(sb)", t)
        }
        guard sa.length.matches(sb.length) else {
            throw fail("cannot take the dot product of vectors of lengths \(sa.length) and \(sb.length)", t)
        }
        let n = sa.length == .free ? sb.length : sa.length
        let left = Expr.transposed(fill(asColumn(a), .column(n)))
        let right = fill(asColumn(b), .column(n))
        return .matrixProduct([left, right])
    }

    /// `\cdot` and `·`: a dot product between two vectors, otherwise a product.
    static func dotOrMultiply(_ a: Expr, _ b: Expr, at t: Token) throws(CalculusError) -> Expr {
        if a.shape.isVector && b.shape.isVector && a.shape == b.shape { return try dot(a, b, at: t) }
        return try multiply(a, b, at: t)
    }

    static func divide(_ a: Expr, _ b: Expr, at t: Token) throws(CalculusError) -> Expr {
        if b.shape.isScalar { return .quotient(a, b) }
        guard a.shape.isScalar || a.shape.matches(b.shape) else {
            throw fail("cannot divide a \(a.shape) by a \(b.shape)", t)
        }
        return try elementwise(a, try elementwisePower(b, .integer(-1), at: t), at: t)
    }

    /// ⊗ and `.*`: element-wise product of same-shaped values (a scalar expands).
    static func elementwise(_ a: Expr, _ b: Expr, at t: Token) throws(CalculusError) -> Expr {
        let shape = try broadcast(a, b, at: t, "multiply element-wise")
        return .elementwiseProduct([fill(a, shape), fill(b, shape)])
    }

    static func elementwisePower(_ base: Expr, _ exponent: Expr, at t: Token) throws(CalculusError) -> Expr {
        guard exponent.shape.isScalar else { throw fail("an exponent must be a scalar, not a \(exponent.shape)", t) }
        return .power(base, exponent)
    }

    /// `^`: a power of a scalar, element-wise on a vector, a matrix power or inverse on a square matrix.
    static func power(_ base: Expr, _ exponent: Expr, at t: Token) throws(CalculusError) -> Expr {
        // e^v for a vector or matrix v is exp applied entry by entry, as e^{\mathbf{w} \odot \mathbf{x}} is written.
        if case .constant(.e) = base, !exponent.shape.isScalar { return .apply(.exp, exponent) }
        guard exponent.shape.isScalar else { throw fail("an exponent must be a scalar, not a \(exponent.shape)", t) }
        let s = base.shape
        if !s.isMatrix { return .power(base, exponent) }
        guard s.rows.matches(s.cols) else { throw fail("only a square matrix has powers; this is a \(s)", t) }
        if let k = exponent.numberValue?.integerValue {
            if k == -1 { return .inverse(base) }
            if k >= 1 && k <= 16 { return .matrixProduct(Array(repeating: base, count: k)) }
            if k < -1 && k >= -16 { return .inverse(.matrixProduct(Array(repeating: base, count: -k))) }
        }
        throw fail("a matrix power needs a whole exponent between -16 and 16", t)
    }

    static func square(_ a: Expr, at t: Token, _ what: String) throws(CalculusError) -> Expr {
        let s = a.shape
        guard s.rows.matches(s.cols) else { throw fail("the \(what) needs a square matrix, not a \(s)", t) }
        return a
    }
}

extension Expr {
    /// The expression with free sizes (a bare `I`, `\vec{1}`) taken from a shape the context gives.
    public func fitted(to shape: Shape) -> Expr { Shapes.fill(self, shape) }

    /// Whether the shape still has a size to be fixed by the context.
    public var hasFreeSize: Bool { Shapes.hasFree(shape) }
}
