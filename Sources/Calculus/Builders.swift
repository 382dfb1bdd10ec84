/// Constructors that keep a light normal form; the differentiator and the simplifier build through these.
extension Expr {
    /// `a + b + …`, flattened, numbers folded, zeros dropped.
    public static func sum(_ terms: [Expr]) -> Expr {
        let shape = broadcastShape(terms.map({ $0.shape }))
        var flat: [Expr] = []
        var constant = Number.zero
        func collect(_ t: Expr) {
            switch t {
            case .add(let xs): xs.forEach(collect)
            case .number(let n): constant = constant + n
            case .zeros: break
            default: flat.append(t)
            }
        }
        terms.forEach(collect)
        if !constant.isZero { flat.insert(.number(constant), at: 0) }
        if flat.isEmpty { return .zero(shape) }
        if flat.count == 1 {
            let only = flat[0]
            if only.shape.isScalar && !shape.isScalar { return product([only, .ones(shape)]) }
            return only
        }
        return .add(flat)
    }

    public static func difference(_ a: Expr, _ b: Expr) -> Expr { sum([a, negate(b)]) }
    public static func negate(_ x: Expr) -> Expr { product([.number(.minusOne), x]) }

    /// A product with scalar factors and at most one non-scalar factor.
    public static func product(_ factors: [Expr]) -> Expr {
        var coefficient = Number.one
        var flat: [Expr] = []
        var zeroShape: Shape? = nil
        func collect(_ f: Expr) {
            switch f {
            case .mul(let xs): xs.forEach(collect)
            case .number(let n): coefficient = coefficient * n
            case .zeros(let s): zeroShape = s
            default: flat.append(f)
            }
        }
        factors.forEach(collect)
        let shape = flat.lazy.map({ $0.shape }).first { !$0.isScalar } ?? zeroShape ?? .scalar
        if coefficient.isZero || zeroShape != nil { return .zero(shape) }
        // Two non-scalar factors cannot share a scaling product: combine them element-wise.
        let nonScalars = flat.filter { !$0.shape.isScalar }
        if nonScalars.count > 1 {
            let scalars = flat.filter { $0.shape.isScalar }
            return product([.number(coefficient)] + scalars + [elementwiseProduct(nonScalars)])
        }
        if !coefficient.isOne || flat.isEmpty { flat.insert(.number(coefficient), at: 0) }
        return flat.count == 1 ? flat[0] : .mul(flat)
    }

    /// `a / b` for a scalar `b`.
    public static func quotient(_ a: Expr, _ b: Expr) -> Expr { product([a, raise(b, .integer(-1))]) }

    /// The matrix product `A B …`; 1×1 factors become scalar factors, identities drop out.
    public static func matrixProduct(_ factors: [Expr]) -> Expr {
        guard let first = factors.first, let last = factors.last else { return .one }
        var resultShape = Shape(first.shape.rows, last.shape.cols)
        if resultShape.isScalar { resultShape = .scalar }
        var scalars: [Expr] = []
        var chain: [Expr] = []
        func collect(_ f: Expr) {
            switch f {
            case .matmul(let xs): xs.forEach(collect)
            case .mul(let xs):
                for x in xs { if x.shape.isScalar { scalars.append(x) } else { collect(x) } }
            default:
                if f.shape.isScalar { scalars.append(f) } else { chain.append(f) }
            }
        }
        factors.forEach(collect)
        if scalars.contains(where: { $0.isZero }) || chain.contains(where: { $0.isZero }) { return .zero(resultShape) }
        if chain.count > 1 { chain.removeAll { if case .identity = $0 { return true }; return false } }
        if chain.isEmpty { return product(scalars) }
        let core = chain.count == 1 ? chain[0] : .matmul(chain)
        if chain.count == 1, case .identity = core, resultShape.isScalar { return product(scalars) }
        return scalars.isEmpty ? core : product(scalars + [core])
    }

    /// The element-wise product; scalar factors become a scaling.
    public static func elementwiseProduct(_ factors: [Expr]) -> Expr {
        var scalars: [Expr] = []
        var arrays: [Expr] = []
        let shape = broadcastShape(factors.map({ $0.shape }))
        func collect(_ f: Expr) {
            switch f {
            case .hadamard(let xs): xs.forEach(collect)
            case .mul(let xs): xs.forEach(collect)
            case .ones: break
            default: if f.shape.isScalar { scalars.append(f) } else { arrays.append(f) }
            }
        }
        factors.forEach(collect)
        if arrays.contains(where: { $0.isZero }) { return .zero(shape) }
        if arrays.isEmpty {
            return shape.isScalar ? product(scalars) : product(scalars + [.ones(shape)])
        }
        let core = arrays.count == 1 ? arrays[0] : .hadamard(arrays)
        return product(scalars + [core])
    }

    /// `base ^ exponent`, element-wise for a non-scalar base.
    public static func raise(_ base: Expr, _ exponent: Expr) -> Expr {
        if let e = exponent.numberValue {
            if e.isZero { return base.shape.isScalar ? .one : .ones(base.shape) }
            if e.isOne { return base }
            if let b = base.numberValue, e.isInteger, !(b.isZero && e.isNegative) { return .number(b.power(e)) }
            if case .power(let inner, let e0) = base, let a = e0.numberValue, e.isInteger {
                return raise(inner, .number(a * e))
            }
            if base.isZero, !e.isNegative { return base }
        }
        if base.isOne { return .one }
        return .power(base, exponent)
    }

    /// The transpose; scalars and symmetric matrices are their own transpose.
    public static func transposed(_ x: Expr) -> Expr {
        if x.shape.isScalar { return x }
        switch x {
        case .transpose(let inner): return inner
        case .identity, .diag: return x
        case .zeros(let s): return .zeros(s.transposed)
        case .ones(let s): return .ones(s.transposed)
        case .mul(let xs): return product(xs.map { $0.shape.isScalar ? $0 : transposed($0) })
        default: return .transpose(x)
        }
    }

    /// Element-wise product that picks scaling for scalars (used by rules written once for all shapes).
    static func times(_ a: Expr, _ b: Expr) -> Expr {
        if a.shape.isScalar || b.shape.isScalar { return product([a, b]) }
        return elementwiseProduct([a, b])
    }
}
