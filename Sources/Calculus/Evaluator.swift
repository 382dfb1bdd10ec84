/// What a variable, a size and a summation index stand for at one sample point.
public struct Environment: Sendable {
    public var sizes: [String: Int] = [:]
    public var values: [String: Value] = [:]
    public init(sizes: [String: Int] = [:], values: [String: Value] = [:]) { self.sizes = sizes; self.values = values }
}

/// Evaluates expressions to numbers and matrices. NaN and ∞ propagate; shape faults throw.
public struct Evaluator {
    public var environment: Environment
    /// Largest number of terms a Σ may add (keeps evaluation bounded).
    public var seriesLimit = 10_000

    public init(_ environment: Environment) { self.environment = environment }

    func size(_ d: Dimension) throws(CalculusError) -> Int {
        if let k = d.size(in: environment.sizes) { return k }
        throw CalculusError(.evaluation, "the size \(d) is not known here")
    }

    func fail(_ message: String) -> CalculusError { CalculusError(.evaluation, message) }

    public mutating func evaluate(_ e: Expr) throws(CalculusError) -> Value {
        switch e {
        case .number(let n): return .scalar(n.double)
        case .constant(let c): return .scalar(c.value)
        case .variable(let v):
            guard let value = environment.values[v.name] else { throw fail("no value for \(v.name)") }
            return value
        case .index(let base, let i):
            let b = try evaluate(base)
            let k = try integer(try evaluate(i), "an index")
            if base.isFamily || (b.rows > 1 && b.cols > 1) {
                guard k >= 1 && k <= b.rows else { throw fail("index \(k) is outside 1…\(b.rows)") }
                return Value.make(b.cols, 1, (0..<b.cols).map { b[k - 1, $0] })
            }
            guard k >= 1 && k <= b.count else { throw fail("index \(k) is outside 1…\(b.count)") }
            return .scalar(b.entries[k - 1])
        case .add(let xs):
            var acc = try evaluate(xs[0])
            for x in xs.dropFirst() { acc = try zip(acc, try evaluate(x), +) }
            return acc
        case .mul(let xs):
            var scale = 1.0
            var array: Value? = nil
            for x in xs {
                let v = try evaluate(x)
                if case .scalar(let s) = v { scale *= s } else if let a = array { array = try zip(a, v, *) } else { array = v }
            }
            guard let a = array else { return .scalar(scale) }
            return map(a) { $0 * scale }
        case .hadamard(let xs):
            var acc = try evaluate(xs[0])
            for x in xs.dropFirst() { acc = try zip(acc, try evaluate(x), *) }
            return acc
        case .matmul(let xs):
            var acc = try evaluate(xs[0])
            for x in xs.dropFirst() { acc = try multiply(acc, try evaluate(x)) }
            return acc
        case .power(let b, let p):
            let base = try evaluate(b), exponent = try evaluate(p)
            guard case .scalar(let k) = exponent else { throw fail("an exponent must be a scalar") }
            if k == 2 { return map(base) { $0 * $0 } }
            if k == -1 { return map(base) { 1 / $0 } }
            return map(base) { cMath_pow($0, k) }
        case .apply(let fn, let x):
            let value = fn.cached.value
            return map(try evaluate(x), value)
        case .applyVector(let fn, let x):
            let v = try evaluate(x)
            let out = fn.evaluate(v.entries)
            return out.count == 1 ? .scalar(out[0]) : Value.make(v.rows, v.cols, out)
        case .max(let a, let b): return try zip(try evaluate(a), try evaluate(b)) { Swift.max($0, $1) }
        case .min(let a, let b): return try zip(try evaluate(a), try evaluate(b)) { Swift.min($0, $1) }
        case .piecewise(let c, let a, let b):
            let l = try evaluate(c.lhs), r = try evaluate(c.rhs)
            let test = try zip(l, r) { c.relation.holds($0, $1) ? 1 : 0 }
            if case .scalar(let t) = test { return t == 1 ? try evaluate(a) : try evaluate(b) }
            let x = try evaluate(a), y = try evaluate(b)
            // The two cases must agree in shape where both are arrays (a scalar case spreads over the other).
            if case .matrix = x, case .matrix = y, x.rows != y.rows || x.cols != y.cols {
                throw fail("cannot combine a \(x.rows)×\(x.cols) and a \(y.rows)×\(y.cols) value element-wise")
            }
            // Entry by entry, so an undefined entry of the case not taken (sqrt(w) where w < 0) stays out.
            let chosen = try zip(test, x) { t, v in t == 1 ? v : 0 }
            let other = try zip(test, y) { t, v in t == 1 ? 0 : v }
            return try zip(chosen, other, +)
        case .transpose(let x): return try evaluate(x).transposed
        case .sum(let x): return .scalar(try evaluate(x).entries.reduce(0, +))
        case .series(let i, let lo, let hi, let body):
            let from = try integer(try evaluate(lo), "a lower limit"), to = try integer(try evaluate(hi), "an upper limit")
            guard to - from < seriesLimit else { throw fail("a sum over \(to - from + 1) terms is too long to evaluate") }
            let saved = environment.values[i.name]
            defer { environment.values[i.name] = saved }
            var acc: Value? = nil
            if from <= to {
                for k in from...to {
                    environment.values[i.name] = .scalar(Double(k))
                    let term = try evaluate(body)
                    acc = try acc.map { a throws(CalculusError) in try zip(a, term, +) } ?? term
                }
            }
            if let acc { return acc }
            return try zeros(body.shape)
        case .diag(let x):
            let v = try evaluate(x).entries
            try allocate(v.count, v.count)
            var d = [Double](repeating: 0, count: v.count * v.count)
            for k in v.indices { d[k * v.count + k] = v[k] }
            return Value.make(v.count, v.count, d)
        case .trace(let x):
            let m = try evaluate(x)
            guard m.rows == m.cols else { throw fail("the trace needs a square matrix, not \(m.rows)×\(m.cols)") }
            return .scalar((0..<m.rows).reduce(0) { $0 + m[$1, $1] })
        case .det(let x): return .scalar(try LinearAlgebra.determinant(try evaluate(x)))
        case .inverse(let x): return try LinearAlgebra.inverse(try evaluate(x))
        case .ones(let s):
            let r = try size(s.rows), c = try size(s.cols)
            try allocate(r, c)
            return Value.make(r, c, [Double](repeating: 1, count: r * c))
        case .zeros(let s): return try zeros(s)
        case .identity(let n):
            let k = try size(n)
            try allocate(k, k)
            var d = [Double](repeating: 0, count: k * k)
            for i in 0..<k { d[i * k + i] = 1 }
            return Value.make(k, k, d)
        case .basis(let i, let n):
            let k = try size(n), j = try integer(try evaluate(i), "an index")
            try allocate(k, 1)
            guard j >= 1 && j <= k else { throw fail("index \(j) is outside 1…\(k)") }
            var d = [Double](repeating: 0, count: k)
            d[j - 1] = 1
            return Value.make(k, 1, d)
        case .block(let rows): return try block(rows)
        case .derivative: return try evaluate(try Differentiator.resolve(e))
        }
    }

    /// Refuses a value with more than `Limits.maxEntries` entries before it is allocated.
    func allocate(_ rows: Int, _ cols: Int) throws(CalculusError) {
        let (n, overflow) = rows.multipliedReportingOverflow(by: cols)
        guard !overflow, n <= Limits.maxEntries else {
            throw CalculusError(.limit, "a \(rows)×\(cols) value is too large to evaluate (the most is \(Limits.maxEntries) entries)")
        }
    }

    func zeros(_ s: Shape) throws(CalculusError) -> Value {
        let r = try size(s.rows), c = try size(s.cols)
        try allocate(r, c)
        return Value.make(r, c, [Double](repeating: 0, count: r * c))
    }

    func integer(_ v: Value, _ what: String) throws(CalculusError) -> Int {
        guard case .scalar(let x) = v, x == x.rounded() else { throw fail("\(what) must be a whole number") }
        guard abs(x) < 1e9 else { throw fail("\(what) is \(formatValue(x)), beyond what mcheck evaluates (less than 10⁹ in size)") }
        return Int(x)
    }

    func map(_ v: Value, _ f: (Double) -> Double) -> Value {
        switch v {
        case .scalar(let x): return .scalar(f(x))
        case .matrix(let r, let c, let d): return .matrix(rows: r, cols: c, data: d.map(f))
        }
    }

    /// Element-wise combination with scalar expansion; vectors of the same length combine whatever their orientation.
    func zip(_ a: Value, _ b: Value, _ f: (Double, Double) -> Double) throws(CalculusError) -> Value {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return .scalar(f(x, y))
        case (.scalar(let x), .matrix(let r, let c, let d)): return .matrix(rows: r, cols: c, data: d.map { f(x, $0) })
        case (.matrix(let r, let c, let d), .scalar(let y)): return .matrix(rows: r, cols: c, data: d.map { f($0, y) })
        case (.matrix(let r1, let c1, let d1), .matrix(let r2, let c2, let d2)):
            guard r1 == r2 && c1 == c2 else { throw fail("cannot combine a \(r1)×\(c1) and a \(r2)×\(c2) value element-wise") }
            var out = [Double](repeating: 0, count: d1.count)
            for k in d1.indices { out[k] = f(d1[k], d2[k]) }
            return .matrix(rows: r1, cols: c1, data: out)
        }
    }

    func multiply(_ a: Value, _ b: Value) throws(CalculusError) -> Value {
        if case .scalar(let s) = a { return map(b) { $0 * s } }
        if case .scalar(let s) = b { return map(a) { $0 * s } }
        guard a.cols == b.rows else { throw fail("cannot multiply a \(a.rows)×\(a.cols) by a \(b.rows)×\(b.cols) value") }
        let r = a.rows, c = b.cols, k = a.cols
        try allocate(r, c)
        guard r * k * c <= Limits.maxProductWork else {
            throw CalculusError(.limit, "a \(r)×\(k) by \(k)×\(c) product is too large to evaluate")
        }
        let da = a.entries, db = b.entries
        var out = [Double](repeating: 0, count: r * c)
        // A zero skips its row of b only when that row is finite: 0 · ∞ is NaN, not 0 (a saturated softmax's
        // e_k ⊘ p has an ∞ where p underflowed, and the point must be seen as undefined, not as a wrong value).
        let rowIsFinite = (0..<k).map { t in (0..<c).allSatisfy { db[t * c + $0].isFinite } }
        for i in 0..<r {
            for t in 0..<k {
                let x = da[i * k + t]
                if x == 0 && rowIsFinite[t] { continue }
                for j in 0..<c { out[i * c + j] += x * db[t * c + j] }
            }
        }
        return Value.make(r, c, out)
    }

    mutating func block(_ rows: [[Expr]]) throws(CalculusError) -> Value {
        var allRows: [[Double]] = []
        var width: Int? = nil
        for row in rows {
            let parts = try row.map { e throws(CalculusError) in try evaluate(e) }
            let h = parts.first?.rows ?? 0
            guard parts.allSatisfy({ $0.rows == h }) else { throw fail("the blocks of a matrix row have different heights") }
            let w = parts.reduce(0) { $0 + $1.cols }
            if let width, width != w { throw fail("the rows of a matrix have different widths (\(width) and \(w))") }
            width = w
            for i in 0..<h { allRows.append(parts.flatMap { p in (0..<p.cols).map { p[i, $0] } }) }
        }
        let w = width ?? 0
        return Value.make(allRows.count, w, allRows.flatMap { $0 })
    }
}

extension Expr {
    var isFamily: Bool { if case .variable(let v) = self { return v.kind == .family }; return false }
}

/// Determinant and inverse by Gaussian elimination with partial pivoting.
enum LinearAlgebra {
    static func determinant(_ m: Value) throws(CalculusError) -> Double {
        guard m.rows == m.cols else { throw CalculusError(.evaluation, "the determinant needs a square matrix, not \(m.rows)×\(m.cols)") }
        let n = m.rows
        var a = m.entries
        var det = 1.0
        for col in 0..<n {
            var pivot = col
            for r in col..<n where abs(a[r * n + col]) > abs(a[pivot * n + col]) { pivot = r }
            if a[pivot * n + col] == 0 { return 0 }
            if pivot != col {
                for j in 0..<n { a.swapAt(col * n + j, pivot * n + j) }
                det = -det
            }
            let p = a[col * n + col]
            det *= p
            for r in (col + 1)..<Swift.max(col + 1, n) {
                let f = a[r * n + col] / p
                if f != 0 { for j in col..<n { a[r * n + j] -= f * a[col * n + j] } }
            }
        }
        return det
    }

    static func inverse(_ m: Value) throws(CalculusError) -> Value {
        guard m.rows == m.cols else { throw CalculusError(.evaluation, "the inverse needs a square matrix, not \(m.rows)×\(m.cols)") }
        let n = m.rows
        var a = m.entries
        var inv = [Double](repeating: 0, count: n * n)
        for i in 0..<n { inv[i * n + i] = 1 }
        for col in 0..<n {
            var pivot = col
            for r in col..<n where abs(a[r * n + col]) > abs(a[pivot * n + col]) { pivot = r }
            if a[pivot * n + col] == 0 { return Value.make(n, n, [Double](repeating: .nan, count: n * n)) }
            for j in 0..<n { a.swapAt(col * n + j, pivot * n + j); inv.swapAt(col * n + j, pivot * n + j) }
            let p = a[col * n + col]
            for j in 0..<n { a[col * n + j] /= p; inv[col * n + j] /= p }
            for r in 0..<n where r != col {
                let f = a[r * n + col]
                if f != 0 { for j in 0..<n { a[r * n + j] -= f * a[col * n + j]; inv[r * n + j] -= f * inv[col * n + j] } }
            }
        }
        return Value.make(n, n, inv)
    }
}
