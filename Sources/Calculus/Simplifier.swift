/// Makes expressions readable and canonical: small themed rewrite rules, applied bottom-up to a fixpoint.
///
/// The themes: arithmetic (like terms, powers of one base), matrices (transposes, identities, diagonals,
/// ones vectors) and piecewise forms. Every rule keeps the value: the property tests compare an
/// expression before and after simplifying at random points.
public enum Simplifier {
    public static func simplify(_ e: Expr, maxPasses: Int = 12) -> Expr {
        var current = e
        for _ in 0..<maxPasses {
            let next = pass(current)
            if next == current { return next }
            current = next
        }
        return current
    }

    /// One bottom-up pass.
    static func pass(_ e: Expr) -> Expr {
        let rebuilt = e.mapChildren(pass)
        return rewrite(rebuilt)
    }

    static func rewrite(_ e: Expr) -> Expr {
        switch e {
        case .add(let terms): return collectTerms(terms)
        case .mul(let factors): return collectFactors(factors)
        case .matmul(let factors): return simplifyMatrixProduct(factors)
        case .transpose(let x): return simplifyTranspose(x)
        case .piecewise(let c, let a, let b):
            if a == b { return a }
            // Constants on the right: `0 > z` reads better as `z < 0`.
            if c.lhs.numberValue != nil && c.rhs.numberValue == nil {
                return .piecewise(Condition(c.rhs, c.relation.flipped, c.lhs), a, b)
            }
            return e
        case .block(let rows): return flattenBlock(rows) ?? e
        #if !hasFeature(Embedded)
        // Entry i of e_k: 1 where i is k, 0 where they are different numbers (a derivative with respect to an entry).
        case .index(.basis(let k, _), let i):
            if k == i { return .one }
            if let a = k.numberValue, let b = i.numberValue, a != b { return .zero }
            return e
        #endif
        case .diag(let x):
            if case .ones(let s) = x { return .identity(s.length) }
            if case .transpose(let v) = x { return .diag(v) }
            return e
        case .series(let i, let lo, let hi, let body):
            if !body.depends(on: i) { return .product([termCount(from: lo, to: hi), body]) }
            if case .mul(let xs) = body {
                let outside = xs.filter { !$0.depends(on: i) }
                if !outside.isEmpty {
                    let inside = xs.filter { $0.depends(on: i) }
                    return .product(outside + [.series(i, lo, hi, .product(inside))])
                }
            }
            if case .add(let ts) = body { return .sum(ts.map { .series(i, lo, hi, $0) }) }
            return e
        case .power(let b, let x):
            if case .apply(.sqrt, let inner) = b, x == .integer(2) { return inner }
            if case .apply(.exp, let inner) = b { return .apply(.exp, .product([inner, x])) }
            return e
        case .apply(.ln, .apply(.exp, let inner)): return inner
        case .apply(.ln, .constant(.e)): return .one
        case .apply(.exp, .number(let n)) where n.isZero: return .one
        case .apply(let fn, .number(let n)) where n.isZero && [.sin, .tan, .sinh, .tanh].contains(fn): return .zero
        case .apply(let fn, .number(let n)) where n.isZero && [.cos, .cosh].contains(fn): return .one
        case .sum(let x):
            if case .ones(let s) = x, case .fixed(let k) = s.length { return .integer(k) }
            if x.isZero { return .zero }
            return e
        default: return e
        }
    }

    /// How many terms Σ_{i = lo}^{hi} has: hi − lo + 1, and none when hi < lo (an empty sum is 0).
    static func termCount(from lo: Expr, to hi: Expr) -> Expr {
        let count = Expr.sum([hi, .negate(lo), .one])
        if let k = count.numberValue { return k.isNegative ? .zero : count }
        return .max(.zero, count)
    }

    // MARK: Arithmetic

    /// Sums: like terms collected (`2x + 3x` → `5x`), terms in a canonical order.
    static func collectTerms(_ terms: [Expr]) -> Expr {
        var order: [Expr] = []
        var coefficients: [Expr: Number] = [:]
        var constant = Number.zero
        var flat: [Expr] = []
        for t in terms { if case .add(let xs) = t { flat += xs } else { flat.append(t) } }
        for t in flat {
            if case .number(let n) = t { constant = constant + n; continue }
            var c = Number.one
            var rest = t
            if let (k, r) = t.splitCoefficient(), let r { c = k; rest = r }
            if let existing = coefficients[rest] { coefficients[rest] = existing + c }
            else { coefficients[rest] = c; order.append(rest) }
        }
        let shape = Expr.broadcastShape(terms.map({ $0.shape }))
        var out: [Expr] = []
        for r in order {
            let c = coefficients[r]!
            if c.isZero { continue }
            out.append(c.isOne ? r : .product([.number(c), r]))
        }
        out.sort { degreeKey($0) > degreeKey($1) || (degreeKey($0) == degreeKey($1) && Expr.compare($0, $1) < 0) }
        if !constant.isZero { out.append(.number(constant)) }
        if out.isEmpty { return .zero(shape) }
        // `Expr.sum` puts the constant first; it goes last (`x^2 + x + 1`) unless the sum would then open with a sign (`1 - x^2`).
        let leadsNegative = out.first?.splitCoefficient()?.0.isNegative ?? false
        let s = out.count > 1 && !constant.isZero && !leadsNegative && !out.contains(where: { $0.isZero }) ? Expr.add(out) : Expr.sum(out)
        return s.shape.isScalar && !shape.isScalar ? .product([s, .ones(shape)]) : s
    }

    /// Sorts terms of higher degree first (`x^2 + x + 1`).
    static func degreeKey(_ t: Expr) -> Double {
        var e = t
        if let (_, r) = t.splitCoefficient(), let r { e = r }
        switch e {
        case .power(_, let x): return x.numberValue?.double ?? 1
        case .mul(let xs): return xs.reduce(0) { $0 + degreeKey($1) }
        case .number: return 0
        case .matmul(let xs): return Double(xs.count)
        default: return 1
        }
    }

    /// A matrix of literal blocks becomes one literal of scalar entries.
    static func flattenBlock(_ rows: [[Expr]]) -> Expr? {
        guard rows.contains(where: { $0.contains { if case .block = $0 { return true }; return false } }) else { return nil }
        var out: [[Expr]] = []
        for row in rows {
            var lines: [[Expr]]? = nil
            for entry in row {
                let part: [[Expr]]
                if case .block(let inner) = entry, inner.allSatisfy({ $0.allSatisfy { $0.shape.isScalar } }) { part = inner }
                else if entry.shape.isScalar { part = [[entry]] }
                else { return nil }
                if lines == nil { lines = part }
                else {
                    guard lines!.count == part.count else { return nil }
                    for k in part.indices { lines![k] += part[k] }
                }
            }
            out += lines ?? []
        }
        return .block(out)
    }

    /// Products: powers of one base combined (`x x^2` → `x^3`), a piecewise factor absorbing the rest.
    static func collectFactors(_ factors: [Expr]) -> Expr {
        var coefficient = Number.one
        var exponents: [Expr: Expr] = [:]
        var order: [Expr] = []
        var nonScalar: [Expr] = []
        for f in factors {
            if case .number(let n) = f { coefficient = coefficient * n; continue }
            if !f.shape.isScalar { nonScalar.append(f); continue }
            var base = f, exponent = Expr.one
            if case .power(let b, let x) = f { base = b; exponent = x }
            if let existing = exponents[base] { exponents[base] = .sum([existing, exponent]) }
            else { exponents[base] = exponent; order.append(base) }
        }
        var scalars: [Expr] = []
        for b in order {
            let p = Expr.raise(b, exponents[b]!)
            if case .number(let n) = p { coefficient = coefficient * n } else { scalars.append(p) }
        }
        scalars.sort { Expr.compare($0, $1) < 0 }
        // A piecewise scalar factor takes the other factors into its branches: if(c, 1, 0) x → if(c, x, 0).
        if let k = scalars.firstIndex(where: { if case .piecewise(let c, _, _) = $0 { return c.lhs.shape.isScalar && c.rhs.shape.isScalar }; return false }),
           case .piecewise(let c, let a, let b) = scalars[k] {
            var others = scalars; others.remove(at: k)
            let rest = [Expr.number(coefficient)] + others + nonScalar
            return .piecewise(c, .product([a] + rest), .product([b] + rest))
        }
        return .product([.number(coefficient)] + scalars + nonScalar)
    }

    // MARK: Matrices

    static func simplifyMatrixProduct(_ factors: [Expr]) -> Expr {
        var fs = factors
        var changed = true
        while changed {
            changed = false
            var i = 0
            while i + 1 < fs.count {
                let a = fs[i], b = fs[i + 1]
                var replacement: Expr? = nil
                switch (a, b) {
                case (.diag(let u), .diag(let v)): replacement = .diag(.elementwiseProduct([asColumn(u), asColumn(v)]))
                case (.diag(let u), .ones(let s)) where s.isColumn: replacement = asColumn(u)
                case (.transpose(.ones(let s)), .diag(let u)) where s.isColumn: replacement = .transposed(asColumn(u))
                case (.ones(let s), .diag(let u)) where s.isRow: replacement = .transposed(asColumn(u))
                case (.transpose(.ones), _) where b.shape.isColumn: replacement = .sum(b)
                case (.ones(let s), _) where s.isRow && b.shape.isColumn: replacement = .sum(b)
                case (.diag(let u), _) where b.shape.isColumn: replacement = .elementwiseProduct([asColumn(u), b])
                case (_, .diag(let u)) where a.shape.isRow: replacement = .transposed(.elementwiseProduct([asColumn(u), .transposed(a)]))
                case (.transpose(.basis(let i, _)), _) where b.shape.isColumn: replacement = .index(b, i)
                default: break
                }
                if let r = replacement {
                    fs.replaceSubrange(i...(i + 1), with: [r])
                    changed = true
                } else { i += 1 }
            }
        }
        // A scalar product of two vectors in a canonical order: x^T w and w^T x are one form.
        if fs.count == 2, case .transpose(let a) = fs[0], a.shape.isColumn, fs[1].shape.isColumn, Expr.compare(fs[1], a) < 0 {
            fs = [.transposed(fs[1]), a]
        }
        return .matrixProduct(fs)
    }

    static func simplifyTranspose(_ x: Expr) -> Expr {
        switch x {
        case .matmul(let fs): return .matrixProduct(fs.reversed().map { Expr.transposed($0) })
        case .add(let ts): return .sum(ts.map { Expr.transposed($0) })
        case .hadamard(let fs): return .elementwiseProduct(fs.map { Expr.transposed($0) })
        case .piecewise(let c, let a, let b) where c.lhs.shape.isScalar && c.rhs.shape.isScalar:
            return .piecewise(c, .transposed(a), .transposed(b))
        case .block(let rows):
            let width = rows.first?.count ?? 0
            return .block((0..<width).map { j in rows.map { Expr.transposed($0[j]) } })
        default: return .transposed(x)
        }
    }
}
