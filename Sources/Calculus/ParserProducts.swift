/// A product read left to right and joined once when it ends, so long products stay linear: the scalar factors
/// of a scalar product, the factors of a matrix product and the operands of an element-wise product wait in a
/// list. (Joining at every step rebuilt the product so far each time: 10,000 factors took seconds.)
struct PendingProduct {
    enum Kind { case scalars, matrix, elementwise }
    /// The product before the waiting factors.
    private(set) var head: Expr
    private var kind = Kind.scalars
    private var waiting: [Expr] = []
    /// The shape of the whole product so far.
    private(set) var shape: Shape

    init(_ first: Expr) { head = first; shape = first.shape }

    /// The product, joined.
    mutating func joined() -> Expr {
        if waiting.isEmpty { return head }
        switch kind {
        case .scalars: head = .product([head] + waiting)
        case .matrix: head = .matrixProduct([head] + waiting)
        case .elementwise: head = .elementwiseProduct([head] + waiting)
        }
        waiting = []
        shape = head.shape
        return head
    }

    private mutating func wait(_ k: Kind, _ x: Expr, shape next: Shape) {
        if k != kind { _ = joined(); kind = k }
        waiting.append(x)
        shape = next
    }

    /// `a * b` or juxtaposition, as `Shapes.multiply`.
    mutating func multiply(_ rhs: Expr, at t: Token) throws(CalculusError) {
        let sb = rhs.shape
        if shape.isScalar && sb.isScalar { wait(.scalars, rhs, shape: shape); return }
        if !shape.isScalar && !sb.isScalar && !Shapes.hasFree(shape) && !Shapes.hasFree(sb) && !rhs.isIdentity {
            if kind != .matrix { _ = joined(); kind = .matrix }
            // Identities drop out of a matrix product (which can change its shape): they join one at a time.
            if !(waiting.isEmpty && head.isIdentity) {
                try Shapes.checkInnerSizes(shape, sb, at: t)
                let next = Shape(shape.rows, sb.cols)
                wait(.matrix, rhs, shape: next)
                // A 1×1 product is a scalar from here on (`x^T A x B` scales B).
                if next.isScalar { _ = joined() }
                return
            }
        }
        head = try Shapes.multiply(joined(), rhs, at: t)
        shape = head.shape
    }

    /// `a / b`, as `Shapes.divide`.
    mutating func divide(_ rhs: Expr, at t: Token) throws(CalculusError) {
        if shape.isScalar && rhs.shape.isScalar { wait(.scalars, .raise(rhs, .integer(-1)), shape: shape); return }
        head = try Shapes.divide(joined(), rhs, at: t)
        shape = head.shape
    }

    /// `a .* b` (or `a ./ b` with `rhs` the reciprocal), as `Shapes.elementwise`.
    mutating func elementwise(_ rhs: Expr, at t: Token) throws(CalculusError) {
        let next = try Shapes.broadcast(shape, rhs.shape, at: t, "multiply element-wise")
        if !Shapes.hasFree(shape) && !Shapes.hasFree(rhs.shape) { wait(.elementwise, rhs, shape: next); return }
        head = try Shapes.elementwise(joined(), rhs, at: t)
        shape = head.shape
    }

    /// Any other operation on the product so far (`·`, a dot product).
    mutating func apply(_ operation: (Expr) throws(CalculusError) -> Expr) throws(CalculusError) {
        head = try operation(joined())
        shape = head.shape
    }
}

extension Parser {
    /// The common ends of a term (`+ - ) ] , ; = < >`), told apart by one byte rather than by comparing the token
    /// with every operator of a product in turn.
    static func endsTerm(_ t: Token) -> Bool {
        guard case .symbol(let s) = t.kind, s.utf8.count == 1, let b = s.utf8.first else { return false }
        switch b {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ";"),
             UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"): return true
        default: return false
        }
    }
}

private extension Expr {
    var isIdentity: Bool { if case .identity = self { return true }; return false }
}

extension Parser {
    mutating func parseTerm() throws(CalculusError) -> Expr {
        var product = PendingProduct(try parseUnary())
        while true {
            if spacingSeparatesEntries() {
                if let thin = thinSpacingInRow() { throw thin }
                return product.joined()
            }
            skipSpacing()
            let t = peek
            if Parser.endsTerm(t) { return product.joined() }
            switch t.kind {
            case .symbol("*"), .command("times"):
                _ = advance(); try product.multiply(try parseUnary(), at: t)
            case .symbol("/"), .command("div"):
                _ = advance(); try product.divide(try parseUnary(), at: t)
            case .symbol("·"), .command("cdot"):
                _ = advance()
                let rhs = try parseUnary()
                try product.apply { (acc: Expr) throws(CalculusError) in try Shapes.dotOrMultiply(acc, rhs, at: t) }
            case .symbol("."):
                // A spaced `w . x` is a dot product.
                _ = advance()
                let rhs = try parseUnary()
                try product.apply { (acc: Expr) throws(CalculusError) in try Shapes.dot(acc, rhs, at: t) }
            case .symbol(".*"), .symbol("⊗"), .command("otimes"), .command("odot"), .command("circ"), .command("bigcirc"):
                _ = advance(); try product.elementwise(try parseUnary(), at: t)
            case .symbol("./"), .symbol("⊘"), .command("oslash"):
                _ = advance()
                let rhs = try parseUnary()
                try product.elementwise(try Shapes.elementwisePower(rhs, .integer(-1), at: t), at: t)
            default:
                guard startsFactor(t) else { return product.joined() }
                // `[6xy 3x^2]` (MATLAB's row): in ASCII brackets with no `,` or `;`, two scalar terms side by side
                // with a space between them at the bracket's level are refused, not multiplied across the entries.
                let acrossEntries = !latex && bracketWithoutSeparators && depth == rowDepth && t.spaced && product.shape.isScalar
                let factor = try parseUnary(allowSign: false)
                if acrossEntries && factor.shape.isScalar {
                    throw error("two entries side by side in brackets? Write , between entries (or ; between rows), or * for a product", t)
                }
                try product.multiply(factor, at: t)
            }
        }
    }
}
