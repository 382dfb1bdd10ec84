/// A total order on expressions, so commutative sums and products have one canonical form.
extension Expr {
    var rank: Int {
        switch self {
        case .number: return 0
        case .constant: return 1
        case .variable: return 2
        case .index: return 3
        case .power: return 4
        case .apply: return 5
        case .transpose: return 7
        default: return 6
        }
    }

    /// Compares by kind, then names, then children (negative, zero or positive).
    static func compare(_ a: Expr, _ b: Expr) -> Int {
        // Powers sort with their base, so x and x^2 sit together.
        if case .power(let ab, _) = a, !(b.isPower) { let c = compare(ab, b); return c != 0 ? c : 1 }
        if case .power(let bb, _) = b, !(a.isPower) { let c = compare(a, bb); return c != 0 ? c : -1 }
        if a.rank != b.rank { return a.rank < b.rank ? -1 : 1 }
        switch (a, b) {
        case (.number(let x), .number(let y)): return x.double < y.double ? -1 : (x.double > y.double ? 1 : 0)
        case (.constant(let x), .constant(let y)): return x.rawValue < y.rawValue ? -1 : (x == y ? 0 : 1)
        case (.variable(let x), .variable(let y)): return x.name < y.name ? -1 : (x.name == y.name ? 0 : 1)
        case (.apply(let f, let x), .apply(let g, let y)):
            if f != g { return f.rawValue < g.rawValue ? -1 : 1 }
            return compare(x, y)
        case (.applyVector(let f, let x), .applyVector(let g, let y)):
            if f != g { return f.rawValue < g.rawValue ? -1 : 1 }
            return compare(x, y)
        default:
            let ka = a.kindName, kb = b.kindName
            if ka != kb { return ka < kb ? -1 : 1 }
            let ca = a.children, cb = b.children
            for (x, y) in zip(ca, cb) { let c = compare(x, y); if c != 0 { return c } }
            if ca.count != cb.count { return ca.count < cb.count ? -1 : 1 }
            if a == b { return 0 }
            // What tells them apart is not a child (a shape, a size, an index name): compare the printed forms,
            // never anything that changes from run to run.
            let pa = Printer.explicit(a), pb = Printer.explicit(b)
            return pa < pb ? -1 : (pa == pb ? 0 : 1)
        }
    }

    var isPower: Bool { if case .power = self { return true }; return false }

    var kindName: String {
        switch self {
        case .number: return "number"
        case .constant: return "constant"
        case .variable: return "variable"
        case .index: return "index"
        case .add: return "add"
        case .mul: return "mul"
        case .matmul: return "matmul"
        case .hadamard: return "hadamard"
        case .power: return "power"
        case .apply: return "apply"
        case .applyVector: return "applyVector"
        case .max: return "max"
        case .min: return "min"
        case .piecewise: return "piecewise"
        case .transpose: return "transpose"
        case .sum: return "sum"
        case .series: return "series"
        case .diag: return "diag"
        case .trace: return "trace"
        case .det: return "det"
        case .inverse: return "inverse"
        case .ones: return "ones"
        case .zeros: return "zeros"
        case .identity: return "identity"
        case .basis: return "basis"
        case .block: return "block"
        case .derivative: return "derivative"
        }
    }
}
