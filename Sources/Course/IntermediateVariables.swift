import Calculus

/// The names a chapter defines without parameters (`$u_1 = x^2$`, `$u_2 = x + u_1$`, `$y = \sin(u)$`), read as
/// chapter 9 uses them: as **intermediate variables** of a dataflow graph, each with a definition in terms of the
/// ones before it.
///
/// A claim is read with every intermediate as a variable of its own (so `\frac{\partial u_2}{\partial u_1}` has a
/// variable in its denominator), and then each derivative is taken the way the notation says:
/// - `\frac{\partial u_2}{\partial x}`, `\frac{\partial u_2}{\partial u_1}` (a partial): the numerator's own
///   definition, `x + u_1`, with the intermediates in it held fixed: 1 and 1. When the variable is not an argument
///   of the definition (`\frac{\partial C}{\partial \mathbf{w}}` with `C` defined through `u` and `v`), it reaches
///   the function only through intermediates, and the partial is the total derivative, as the paper writes it;
/// - `\frac{du_2}{dx}` (a total derivative): every intermediate that depends on `x` is replaced by its definition
///   first, so every path from `x` counts: 1 + 2x. With respect to an intermediate, `\frac{du_3}{du_2}`, the
///   intermediates that depend on `u_2` are replaced and the others held fixed.
///
/// After the derivative, and everywhere outside one, an intermediate stands for its definition in terms of the
/// chapter's variables (`x`), which is where the two sides are compared.
struct IntermediateVariables {
    struct Intermediate {
        var variable: Variable
        /// The definition as written, the earlier intermediates in it as variables: `x + u_1`.
        var direct: Expr
        /// The definition with every intermediate replaced, down to the chapter's variables: `x + x^2`.
        var full: Expr
    }

    private(set) var all: [Intermediate] = []

    var isEmpty: Bool { all.isEmpty }

    func named(_ name: String) -> Intermediate? { all.last { $0.variable.name == name } }

    /// `scope` with every intermediate declared as a variable of its definition's shape.
    func frozen(_ scope: Scope) -> Scope {
        var s = scope
        for i in all where s.lookup(i.variable.name) == nil { s.declare(i.variable) }
        return s
    }

    /// Defines (or redefines) `name` by `direct`, read in `frozen(scope)`. Returns its definition in terms of the
    /// chapter's variables.
    @discardableResult
    mutating func define(_ name: String, direct: Expr) -> Expr {
        let full = expanded(direct)
        all.removeAll { $0.variable.name == name }
        all.append(Intermediate(variable: Variable(name, full.shape), direct: direct, full: full))
        return full
    }

    /// `name` is no longer an intermediate variable (it was redefined as a function).
    mutating func remove(_ name: String) { all.removeAll { $0.variable.name == name } }

    /// Every intermediate replaced by its definition in terms of the chapter's variables, except `keeping`
    /// (the parameters of a function being defined, which shadow an intermediate of the same name).
    func expanded(_ e: Expr, keeping: Set<String> = []) -> Expr {
        var map: [String: Expr] = [:]
        for i in all where !keeping.contains(i.variable.name) { map[i.variable.name] = i.full }
        return e.substituting(map)
    }

    /// Whether intermediate `name` depends on variable `v`, directly or through other intermediates.
    func depends(_ name: String, on v: Variable, visited: Set<String> = []) -> Bool {
        guard let i = named(name), !visited.contains(name) else { return false }
        if i.direct.depends(on: v) { return true }
        let seen = visited.union([name])
        return all.contains { other in
            other.variable.name != name && i.direct.depends(on: other.variable) && depends(other.variable.name, on: v, visited: seen)
        }
    }

    /// `e` (read in `frozen(scope)`) with each derivative taken as its notation says and every intermediate then
    /// replaced by its definition.
    func resolve(_ e: Expr, keeping: Set<String> = []) throws(CalculusError) -> Expr {
        if isEmpty { return e }
        if case .derivative(var request) = e, mentionsIntermediate(e) {
            request.function = try resolveInside(request.function, keeping: keeping)
            var function = request.function
            if request.kind != .derivative, case .variable(let v) = function, let i = named(v.name), !keeping.contains(v.name) {
                function = i.direct
            }
            // A partial holds the other arguments fixed when the variable is an argument of its own; otherwise the
            // variable reaches the function only through intermediates, and the derivative is the total one.
            let partial = request.kind != .derivative && request.variables.allSatisfy { function.depends(on: $0) }
            if !partial, request.variables.count == 1 {
                function = throughPaths(function, to: request.variables[0], keeping: keeping)
            }
            request.function = function
            let result = try Differentiator.evaluate(request)
            return expanded(result, keeping: keeping)
        }
        if case .variable(let v) = e, !keeping.contains(v.name), let i = named(v.name) { return i.full }
        return try e.mapChildren { (child: Expr) throws(CalculusError) -> Expr in try resolve(child, keeping: keeping) }
    }

    /// Derivatives nested in a derivative's function are taken first, leaving its intermediates as they are.
    private func resolveInside(_ e: Expr, keeping: Set<String>) throws(CalculusError) -> Expr {
        // The result is in terms of the chapter's variables; that is what the outer derivative sees.
        if case .derivative = e { return try resolve(e, keeping: keeping) }
        if case .variable = e { return e }
        return try e.mapChildren { (child: Expr) throws(CalculusError) -> Expr in try resolveInside(child, keeping: keeping) }
    }

    /// For a total derivative with respect to `v`: every intermediate that depends on `v` replaced by its
    /// definition, until none is left (the others do not vary with `v`).
    private func throughPaths(_ e: Expr, to v: Variable, keeping: Set<String>) -> Expr {
        var map: [String: Expr] = [:]
        for i in all where i.variable.name != v.name && !keeping.contains(i.variable.name) && depends(i.variable.name, on: v) {
            map[i.variable.name] = i.direct
        }
        var out = e
        for _ in 0...all.count {
            let next = out.substituting(map)
            if next == out { break }
            out = next
        }
        return out
    }

    private func mentionsIntermediate(_ e: Expr) -> Bool {
        all.contains { e.depends(on: $0.variable) }
    }
}
