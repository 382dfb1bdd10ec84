import Calculus

/// The mask of a layer's kink. A ReLU taken entry by entry (`max(0, W x + b)`, a vector `max`, `min` or `if`) lets
/// each entry of the gradient through on one side of its kink and not on the other: the truth holds the mask as
/// `if(W x + b > 0, …, …)` with a vector condition, a student writes it as `step(W x + b)`, `diag(step(…))` or
/// `𝟙(W x + b > 0)`. This rule finds an answer that is right but for its mask: the mask dropped, on the wrong side,
/// or testing the wrong vector. Each finding is exact: with the mask put right, the answer equals the truth at
/// every sample point, so an answer wrong for any other reason as well is never said to have the wrong mask.
extension DiagnosisRule {
    static let layerMask = DiagnosisRule { e in
        let masks = e.truth.vectorConditions
        // On the wrong side: each entry takes the other case (`step(-(W x + b))`, `if(W x + b <= 0, …)`, `1 - step(…)`).
        for mask in masks where e.numericallyEqual(e.truth.swappingBranches(where: { $0 == mask }), e.answer) {
            return LayerMask.wrongSide(mask)
        }
        // Dropped: every entry takes one case, as if all were on that side of the kink; with `values`, the layer's max
        // goes too (the ReLU left out altogether: `(W x + b - y) x^T`). Taking a case that is zero everywhere is not
        // a dropped mask (an answer of 0 is just wrong).
        for mask in masks {
            for k in 0..<4 {
                let then = k < 2, values = k % 2 == 1
                guard let dropped = e.truth.takingBranch(of: mask, then: then, values: values), e.numericallyEqual(dropped, e.answer) else { continue }
                // Multiplying by the mask puts it right only where the other case is zero (a ReLU, not an abs or a
                // leaky ReLU).
                let otherIsZero = e.truth.takingBranch(of: mask, then: !then, values: values) == nil
                return LayerMask.missing(then ? mask : mask.negated, withValues: values, hint: otherIsZero)
            }
        }
        // Testing the wrong vector (`step(W x)` for `step(W x + b)`): the truth's mask in place of the answer's
        // makes it right.
        let answer = e.answer.stepsAsCases
        let answerConditions = answer.vectorConditions
        // An answer that already tests the right mask (or its other side) and is wrong has something else wrong, an
        // extra mask or factor: not a mask testing the wrong vector.
        guard !answerConditions.contains(where: { c in masks.contains(c) || masks.contains(c.negated) }) else { return nil }
        guard let found = misplacedCondition(e, answer: answer, answerConditions: answerConditions, truthConditions: masks) else { return nil }
        return found.wrong.isOpposite(of: found.right) ? LayerMask.wrongSide(found.right) : LayerMask.misplaced(found.wrong, found.right)
    }
}

/// The findings of the layer-mask rule.
enum LayerMask {
    /// The condition with the vector on the left (`W x + b > 0`, not `0 < W x + b`).
    static func upright(_ c: Condition) -> Condition { c.lhs.isZero ? Condition(c.rhs, c.relation.flipped, c.lhs) : c }

    static func say(_ c: Condition) -> String { Evidence.say(upright(c)) }

    /// How the mask of a condition is written: `step(u)` for `u > 0`, else with `if`.
    static func maskText(_ c: Condition) -> String {
        let u = upright(c)
        return u.rhs.isZero && (u.relation == .greater || u.relation == .greaterEqual) ? "step(" + Printer.ascii(u.lhs) + ")" : "if(" + say(u) + ", 1, 0)"
    }

    /// The mask dropped (`withValues`: the layer's max too, the ReLU left out altogether).
    /// With `hint`, how to put it right (where the other case is zero, multiplying by the mask does).
    static func missing(_ taken: Condition, withValues: Bool, hint showHint: Bool = true) -> Finding {
        let mask = maskText(taken)
        let what = withValues ? "the ReLU (the max, entry by entry) is left out" : "the mask of the kink is missing"
        let hint = !showHint ? "" : withValues ? ", in the layer's output and in its mask \(mask)" : ": multiply by \(mask) entry by entry, or by diag(\(mask)) before a matrix"
        return Finding(feedback: Feedback(.kink, "\(what): your answer treats every entry as if \(say(taken)) (right only where all are); an entry where \(say(taken.negated)) needs the other case\(hint)"))
    }

    static func wrongSide(_ right: Condition) -> Finding {
        Finding(feedback: Feedback(.kink, "the mask is on the wrong side of the kink: your answer uses the case of \(say(right)) for the entries where \(say(right.negated)), and the other way round (the mask is \(maskText(right)))"))
    }

    static func misplaced(_ wrong: Condition, _ right: Condition) -> Finding {
        Finding(feedback: Feedback(.kink, "the mask tests the wrong vector: your answer switches case entry by entry where \(say(wrong)), the right mask where \(say(right))"))
    }
}

extension Expr {
    /// The conditions of the piecewise nodes that test a vector or a matrix entry by entry (a layer's mask), in order.
    var vectorConditions: [Condition] {
        var out: [Condition] = []
        func visit(_ e: Expr) {
            if case .piecewise(let c, _, _) = e, !c.testsScalars, !out.contains(c) { out.append(c) }
            e.children.forEach(visit)
        }
        visit(self)
        return out
    }

    /// The expression with every node that tests the condition replaced by one of its cases (`then` or else),
    /// spread to the node's shape; with `values`, also each vector max or min whose kink is the condition (read as
    /// the differentiator reads it: `max(a, b)` is `if(b > a, b, a)`). Nil when every case taken is zero.
    func takingBranch(of mask: Condition, then: Bool, values: Bool = false) -> Expr? {
        var nonZero = false
        func take(_ e: Expr) -> Expr {
            if values {
                if case .max(let a, let b) = e, Condition(b, .greater, a) == mask { return take(then ? b : a) }
                if case .min(let a, let b) = e, Condition(b, .less, a) == mask { return take(then ? b : a) }
            }
            if case .piecewise(let c, let a, let b) = e, c == mask {
                let branch = take(then ? a : b)
                if !branch.isZero { nonZero = true }
                let shape = e.shape
                return branch.shape.isScalar && !shape.isScalar ? .product([branch, .ones(shape)]) : branch
            }
            return e.mapChildren(take)
        }
        let out = take(self)
        return nonZero ? out : nil
    }

    /// The expression with each unit step of a vector, `step(u)`, written as the mask `if(u > 0, 1, 0)`.
    var stepsAsCases: Expr {
        if case .apply(let fn, let u) = self, fn == .step, !u.shape.isScalar {
            return .piecewise(Condition(u.stepsAsCases, .greater, .zero), .one, .zero)
        }
        return mapChildren { $0.stepsAsCases }
    }
}
