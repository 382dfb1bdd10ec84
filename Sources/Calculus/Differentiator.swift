/// Symbolic differentiation in numerator layout. Each operation states its local derivative here once;
/// the chain rule is applied in one place per mode (`chain`).
///
/// Three modes, by the variable's shape:
/// - scalar x: the derivative has f's shape (element-wise, product rule on matrix products);
/// - vector w (n): the Jacobian ∂f/∂w, length(f) × n (a 1×n row for scalar f);
/// - matrix X: the gradient of a scalar f, shaped like X, by reverse accumulation.
public enum Differentiator {
    /// ∂f/∂v in numerator layout.
    public static func derivative(_ f: Expr, _ v: Variable) throws(CalculusError) -> Expr {
        let f = try resolve(f)
        // With respect to entry k of w: w's derivative is e_k (Tangent finds w's shape where it meets w).
        #if !hasFeature(Embedded)
        if let position = v.entryPosition { return try Tangent(v: Variable(position.vector), entry: .integer(position.index)).d(f) }
        #endif
        if v.shape.isScalar { return try Tangent(v: v).d(f) }
        if v.shape.isMatrix {
            guard f.shape.isScalar else {
                throw CalculusError(.differentiation, "the derivative of a \(f.shape) with respect to the matrix \(v.name) is not a matrix; differentiate a scalar")
            }
            return try Adjoint(v: v).back(f, .one)
        }
        guard !f.shape.isMatrix else {
            throw CalculusError(.differentiation, "the derivative of a \(f.shape) with respect to the vector \(v.name) is not a matrix")
        }
        return try JacobianMode(v: v).jac(f)
    }

    /// Carries out a derivative request: one variable, or partials laid side by side for a list.
    public static func evaluate(_ request: DerivativeRequest) throws(CalculusError) -> Expr {
        let result: Expr
        if !request.variableList, request.variables.count == 1 {
            result = try derivative(request.function, request.variables[0])
        } else {
            let parts = try request.variables.map { v throws(CalculusError) in try derivative(request.function, v) }
            result = parts.count == 1 ? parts[0] : .block([parts])
        }
        if request.layout == .denominator && !(request.variables.count == 1 && request.variables[0].shape.isMatrix) {
            return Expr.transposed(result)
        }
        return result
    }

    /// Replaces every derivative operator in `e` by its result.
    public static func resolve(_ e: Expr) throws(CalculusError) -> Expr {
        guard e.containsDerivative else { return e }
        if case .derivative(let r) = e {
            var r = r
            r.function = try resolve(r.function)
            return try evaluate(r)
        }
        return try e.mapChildren(resolve)
    }
}

extension Expr {
    var containsDerivative: Bool {
        if case .derivative = self { return true }
        return children.contains { $0.containsDerivative }
    }

    /// Rebuilds the node with each child transformed (through the normalizing constructors).
    public func mapChildren<E: Error>(_ f: (Expr) throws(E) -> Expr) throws(E) -> Expr {
        switch self {
        case .number, .constant, .variable, .ones, .zeros, .identity: return self
        case .index(let a, let i): return .index(try f(a), try f(i))
        case .add(let xs): return .sum(try xs.map(f))
        case .mul(let xs): return .product(try xs.map(f))
        case .matmul(let xs): return .matrixProduct(try xs.map(f))
        case .hadamard(let xs): return .elementwiseProduct(try xs.map(f))
        case .power(let b, let e): return .raise(try f(b), try f(e))
        case .apply(let fn, let x): return .apply(fn, try f(x))
        case .applyVector(let fn, let x): return .applyVector(fn, try f(x))
        case .max(let a, let b): return .max(try f(a), try f(b))
        case .min(let a, let b): return .min(try f(a), try f(b))
        case .piecewise(let c, let a, let b):
            return .piecewise(Condition(try f(c.lhs), c.relation, try f(c.rhs)), try f(a), try f(b))
        case .transpose(let x): return .transposed(try f(x))
        case .sum(let x): return .sum(try f(x))
        case .series(let i, let lo, let hi, let body): return .series(i, try f(lo), try f(hi), try f(body))
        case .diag(let x): return .diag(try f(x))
        case .trace(let x): return .trace(try f(x))
        case .det(let x): return .det(try f(x))
        case .inverse(let x): return .inverse(try f(x))
        case .basis(let i, let n): return .basis(try f(i), n)
        case .block(let rows): return .block(try rows.map { row throws(E) in try row.map(f) })
        case .derivative(var r): r.function = try f(r.function); return .derivative(r)
        }
    }
}

/// A vector as a column (rows are transposed).
func asColumn(_ e: Expr) -> Expr { e.shape.isRow ? Expr.transposed(e) : e }

// MARK: - Scalar variable: derivatives with f's shape

struct Tangent {
    let v: Variable
    #if !hasFeature(Embedded)
    /// With respect to entry `entry` of the vector named `v` rather than to the scalar `v`: v's derivative is then e_entry.
    var entry: Expr? = nil
    #endif

    func d(_ f: Expr) throws(CalculusError) -> Expr {
        if !f.depends(on: v) { return .zero(f.shape) }
        switch f {
        case .variable(let u):
            #if !hasFeature(Embedded)
            if let entry { return .basis(entry, u.shape.rows) }
            #endif
            _ = u
            return .one
        case .index(let base, let i): return .index(try d(base), i)
        case .add(let terms): return .sum(try terms.map(d))
        case .mul(let xs): return .sum(try productRule(xs, commutative: true) { .product($0) })
        case .hadamard(let xs): return .sum(try productRule(xs, commutative: true) { .elementwiseProduct($0) })
        case .matmul(let xs): return .sum(try productRule(xs, commutative: false) { .matrixProduct($0) })
        case .power(let b, let e):
            if !e.depends(on: v) { return chain(.times(e, .raise(b, .sum([e, .integer(-1)]))), try d(b)) }
            // (b^e)' = b^e (e' ln b + e b'/b)
            let inner = Expr.sum([.times(try d(e), .apply(.ln, b)), .times(e, .times(try d(b), .raise(b, .integer(-1))))])
            return .times(f, inner)
        case .apply(let fn, let a): return chain(fn.derivative(at: a), try d(a))
        case .applyVector(let fn, let a):
            // J(u) du, laid out like f.
            let du = Expr.matrixProduct([fn.jacobian(at: a), asColumn(try d(a))])
            return f.shape.isRow ? .transposed(du) : du
        case .max(let a, let b): return try d(.piecewise(Condition(b, .greater, a), b, a))
        case .min(let a, let b): return try d(.piecewise(Condition(b, .less, a), b, a))
        case .piecewise(let c, let a, let b): return .piecewise(c, try d(a), try d(b))
        case .transpose(let x): return .transposed(try d(x))
        case .sum(let x): let dx = try d(x); return dx.isZero ? .zero : .sum(dx)
        case .series(let i, let lo, let hi, let body):
            let db = try d(body); return db.isZero ? .zero(f.shape) : .series(i, lo, hi, db)
        case .diag(let x): return .diag(try d(x))
        case .trace(let x): return .trace(try d(x))
        case .det(let a): return .product([f, .trace(.matrixProduct([.inverse(a), try d(a)]))])
        case .inverse(let a): return .negate(.matrixProduct([f, try d(a), f]))
        case .block(let rows): return .block(try rows.map { row throws(CalculusError) in try row.map(d) })
        case .derivative: return try d(try Differentiator.resolve(f))
        case .number, .constant, .ones, .zeros, .identity, .basis: return .zero(f.shape)
        }
    }

    /// Σ_k f_1 ⋯ f_k' ⋯ f_m, for any product whose order matters or not. In a commutative product the m copies
    /// of a factor give one term, m times (`x x ⋯ x` has one term, not n terms of n factors).
    func productRule(_ xs: [Expr], commutative: Bool, _ build: ([Expr]) -> Expr) throws(CalculusError) -> [Expr] {
        var first: [Int] = []
        var copies: [Expr: Int] = [:]
        for k in xs.indices where xs[k].depends(on: v) {
            if commutative, let n = copies[xs[k]] { copies[xs[k]] = n + 1; continue }
            copies[xs[k]] = 1
            first.append(k)
        }
        return try first.map { k throws(CalculusError) in
            var factors = xs
            factors[k] = try d(xs[k])
            let n = copies[xs[k]]!
            return n == 1 || !commutative ? build(factors) : build([.integer(n)] + factors)
        }
    }

    /// The chain rule: f'(u) · du, element-wise.
    func chain(_ local: Expr, _ du: Expr) -> Expr { .times(local, du) }
}

// MARK: - Vector variable: Jacobians length(f) × n

struct JacobianMode {
    let v: Variable
    var n: Dimension { v.shape.length }

    func zero(_ f: Expr) -> Expr { .zeros(Shape(f.shape.length, n)) }

    /// Spreads the Jacobian of a scalar term over a vector result: 1 J (scalar expansion).
    func expand(_ j: Expr, from term: Expr, to f: Expr) -> Expr {
        if term.shape.isScalar && !f.shape.isScalar { return .matrixProduct([.ones(.column(f.shape.length)), j]) }
        return j
    }

    func jac(_ f: Expr) throws(CalculusError) -> Expr {
        if !f.depends(on: v) { return zero(f) }
        if f.shape.isMatrix {
            throw CalculusError(.differentiation, "cannot differentiate the \(f.shape) \(Printer.ascii(f)) with respect to the vector \(v.name): the result would be a 3-tensor")
        }
        switch f {
        case .variable: return .identity(n)
        case .index(let base, let i):
            let jb = try jac(base)
            return .matrixProduct([.transposed(.basis(i, base.shape.length)), jb])
        case .add(let terms): return .sum(try terms.map { t throws(CalculusError) in expand(try jac(t), from: t, to: f) })
        case .mul(let xs):
            var terms: [Expr] = []
            for k in xs.indices where xs[k].depends(on: v) {
                var others = xs; others.remove(at: k)
                let rest = Expr.product(others)
                let jk = try jac(xs[k])
                if xs[k].shape.isScalar && !rest.shape.isScalar {
                    terms.append(.matrixProduct([asColumn(rest), jk]))  // u ∂s/∂w: an outer product
                } else {
                    terms.append(.product([rest, jk]))
                }
            }
            return .sum(terms)
        case .hadamard(let xs):
            var terms: [Expr] = []
            for k in xs.indices where xs[k].depends(on: v) {
                var others = xs; others.remove(at: k)
                terms.append(.matrixProduct([.diag(asColumn(.elementwiseProduct(others))), try jac(xs[k])]))
            }
            return .sum(terms)
        case .power(let b, let e):
            if !e.depends(on: v) { return try chain(.times(e, .raise(b, .sum([e, .integer(-1)]))), b) }
            guard f.shape.isScalar else {
                throw CalculusError(.differentiation, "a variable exponent on a vector is not supported")
            }
            let je = try jac(e), jb = try jac(b)
            return .product([f, .sum([.product([.apply(.ln, b), je]), .product([e, .raise(b, .integer(-1)), jb])])])
        case .apply(let fn, let a): return try chain(fn.derivative(at: a), a)
        case .applyVector(let fn, let a): return .matrixProduct([fn.jacobian(at: a), try jac(a)])
        case .max(let a, let b): return try jac(.piecewise(Condition(b, .greater, a), b, a))
        case .min(let a, let b): return try jac(.piecewise(Condition(b, .less, a), b, a))
        case .piecewise(let c, let a, let b):
            let ja = expand(try jac(a), from: a, to: f), jb = expand(try jac(b), from: b, to: f)
            if c.lhs.shape.isScalar && c.rhs.shape.isScalar { return .piecewise(c, ja, jb) }
            let on = Expr.piecewise(c, .one, .zero), off = Expr.piecewise(c, .zero, .one)
            return .sum([.matrixProduct([.diag(asColumn(on)), ja]), .matrixProduct([.diag(asColumn(off)), jb])])
        case .transpose(let x): return try jac(x)
        case .sum(let x):
            let jx = try jac(x)
            if x.shape.isScalar { return jx }
            return .matrixProduct([.transposed(.ones(.column(x.shape.length))), jx])
        case .series(let i, let lo, let hi, let body):
            let jb = try jac(body); return jb.isZero ? zero(f) : .series(i, lo, hi, jb)
        case .matmul(let xs): return try matrixProductRule(xs)
        case .block(let rows):
            // A vector literal: stack the Jacobians of its entries in reading order.
            let entries = rows.flatMap { $0 }
            return .block(try entries.map { e throws(CalculusError) in [try jac(asColumn(e))] })
        case .derivative: return try jac(try Differentiator.resolve(f))
        default:
            throw CalculusError(.differentiation, "cannot differentiate \(Printer.ascii(f)) with respect to the vector \(v.name)")
        }
    }

    /// The chain rule for an element-wise function: diag(f'(u)) ∂u/∂w, or f'(u) ∂u/∂w for scalar u.
    func chain(_ local: Expr, _ u: Expr) throws(CalculusError) -> Expr {
        let ju = try jac(u)
        if u.shape.isScalar { return .product([local, ju]) }
        return .matrixProduct([.diag(asColumn(local)), ju])
    }

    /// ∂(L F R)/∂w = (Rᵀ ⊗ L) ∂F/∂w, which for vector-valued products is Rᵀ L (F a column) or L Rᵀ (F a row).
    func matrixProductRule(_ xs: [Expr]) throws(CalculusError) -> Expr {
        var terms: [Expr] = []
        for j in xs.indices where xs[j].depends(on: v) {
            let fj = xs[j]
            let left = Array(xs[..<j]), right = Array(xs[(j + 1)...])
            if case .diag(let u) = fj, let next = right.first, next.shape.isColumn || (right.count == 1) {
                // diag(u) y = u ⊙ y: rewrite and differentiate the element-wise product.
                let rewritten = Expr.matrixProduct(left + [.elementwiseProduct([asColumn(u), .matrixProduct(right)])])
                terms.append(try jac(rewritten))
                continue
            }
            if fj.shape.isMatrix {
                throw CalculusError(.differentiation, "cannot differentiate the product \(Printer.ascii(.matmul(xs))) with respect to the vector \(v.name): the matrix \(Printer.ascii(fj)) depends on it")
            }
            let l: Expr? = left.isEmpty ? nil : .matrixProduct(left)
            let r: Expr? = right.isEmpty ? nil : .transposed(.matrixProduct(right))
            let k: [Expr] = fj.shape.isColumn ? [r, l].compactMap { $0 } : [l, r].compactMap { $0 }
            terms.append(.matrixProduct(k + [try jac(fj)]))
        }
        return .sum(terms)
    }
}

// MARK: - Matrix variable: the gradient of a scalar, by reverse accumulation

struct Adjoint {
    let v: Variable

    /// Sums an adjoint down to the shape of a scalar operand that was expanded.
    func reduce(_ bar: Expr, to shape: Shape) -> Expr {
        shape.isScalar && !bar.shape.isScalar ? .sum(bar) : bar
    }

    /// The gradient contribution of `f`, whose adjoint (∂result/∂f, shaped like f) is `bar`.
    func back(_ f: Expr, _ bar: Expr) throws(CalculusError) -> Expr {
        if !f.depends(on: v) { return .zeros(v.shape) }
        switch f {
        case .variable: return bar
        case .add(let terms): return .sum(try terms.map { t throws(CalculusError) in try back(t, reduce(bar, to: t.shape)) })
        case .mul(let xs), .hadamard(let xs):
            var parts: [Expr] = []
            for k in xs.indices where xs[k].depends(on: v) {
                var others = xs; others.remove(at: k)
                parts.append(try back(xs[k], reduce(.times(bar, .elementwiseProduct(others)), to: xs[k].shape)))
            }
            return .sum(parts)
        case .matmul(let xs):
            var parts: [Expr] = []
            for j in xs.indices where xs[j].depends(on: v) {
                let left = xs[..<j].map { Expr.transposed($0) }.reversed()
                let right = xs[(j + 1)...].map { Expr.transposed($0) }.reversed()
                parts.append(try back(xs[j], .matrixProduct(Array(left) + [bar] + Array(right))))
            }
            return .sum(parts)
        case .power(let b, let e):
            guard !e.depends(on: v) else { throw CalculusError(.differentiation, "a variable exponent is not supported with respect to a matrix") }
            return try back(b, .times(bar, .times(e, .raise(b, .sum([e, .integer(-1)])))))
        case .apply(let fn, let a): return try back(a, reduce(.times(bar, fn.derivative(at: a)), to: a.shape))
        case .applyVector(let fn, let a):
            // ūᵀ = f̄ᵀ J(u), shaped like u.
            let j = fn.jacobian(at: a)
            let column = f.shape.isScalar ? Expr.product([bar, .transposed(j)]) : .matrixProduct([.transposed(j), asColumn(bar)])
            return try back(a, a.shape.isRow ? .transposed(column) : column)
        case .max(let a, let b): return try back(.piecewise(Condition(b, .greater, a), b, a), bar)
        case .min(let a, let b): return try back(.piecewise(Condition(b, .less, a), b, a), bar)
        case .piecewise(let c, let a, let b):
            let z = Expr.zero(bar.shape)
            return .sum([try back(a, reduce(.piecewise(c, bar, z), to: a.shape)), try back(b, reduce(.piecewise(c, z, bar), to: b.shape))])
        case .transpose(let x): return try back(x, .transposed(bar))
        case .sum(let x): return try back(x, x.shape.isScalar ? bar : .product([bar, .ones(x.shape)]))
        case .series(let i, let lo, let hi, let body):
            let g = try back(body, bar); return g.isZero ? g : .series(i, lo, hi, g)
        case .trace(let a): return try back(a, .product([bar, .identity(a.shape.rows)]))
        case .det(let a): return try back(a, .product([bar, f, .transposed(.inverse(a))]))
        case .inverse:
            let t = Expr.transposed(f)
            return .negate(try backInverse(f, .matrixProduct([t, bar, t])))
        case .derivative: return try back(try Differentiator.resolve(f), bar)
        default:
            throw CalculusError(.differentiation, "cannot differentiate \(Printer.ascii(f)) with respect to the matrix \(v.name)")
        }
    }

    private func backInverse(_ f: Expr, _ bar: Expr) throws(CalculusError) -> Expr {
        guard case .inverse(let a) = f else { return bar }
        return try back(a, bar)
    }
}
