/// The function vocabulary of the language, in one table: every name a student or an author may call, the
/// LaTeX commands that name it, how many arguments it takes and what a call builds. The lexer's word
/// splitting, both parsers and the printer read it; element-wise and whole-vector functions carry their
/// value and derivative in their own specs (`ElementwiseFunction.spec`, `VectorFunction.spec`), which this
/// table lists, so the evaluator and the differentiator's three modes need no entry of their own.
///
/// To add a function applied entry by entry, add a case and its spec to `ElementwiseFunction`; a function of a
/// whole vector (value and Jacobian), to `VectorFunction`; a structural one (built from other nodes), an entry
/// to `structural` below.
struct FunctionSpec: Sendable {
    enum Form: Sendable {
        /// Applied entry by entry; owns its value and its derivative.
        case elementwise(ElementwiseFunction)
        /// A function of a whole vector; owns its value and its Jacobian.
        case vector(VectorFunction)
        /// Built from other nodes with shape checks: `max(a, b)`, `diag(v)`, `tr(A)`, …
        case call(arity: [Int], build: @Sendable (_ args: [Expr], _ at: Token) throws(CalculusError) -> Expr)
        /// Read by the parser itself, because an argument is not an expression: a condition, a size, a variable list.
        case special(SpecialForm)
    }

    enum SpecialForm: Sendable, Equatable {
        /// `if(condition, then, else)`.
        case piecewise
        /// `ones(n)`, `zeros(m, n)`: sizes.
        case ones, zeros
        /// `derivative(f, x)` and its kin: a variable or a list of variables.
        case derivative(DerivativeRequest.Kind)
    }

    /// The ASCII names, canonical first.
    var names: [String]
    /// LaTeX commands that name it (`max` for `\max`); the printer writes the first of them.
    var latexCommands: [String] = []
    /// Commands read for it that are not standard LaTeX, so never printed (`\tr`).
    var lenientCommands: [String] = []
    /// Names that mean this function only when called with parentheses (`sigma(z)`).
    var calledNames: [String] = []
    var form: Form

    /// `if`, `ones`, `derivative`…: read by the parser itself.
    var isSpecialForm: Bool { if case .special = form { return true }; return false }
}

enum FunctionTable {
    /// Functions built from other nodes. Each states its names, arity and shape rule once.
    static let structural: [FunctionSpec] = [
        FunctionSpec(names: ["max"], latexCommands: ["max"], form: .call(arity: [2]) { args, t throws(CalculusError) in
            _ = try Shapes.broadcast(args[0], args[1], at: t, "compare")
            return .max(args[0], args[1])
        }),
        FunctionSpec(names: ["min"], latexCommands: ["min"], form: .call(arity: [2]) { args, t throws(CalculusError) in
            _ = try Shapes.broadcast(args[0], args[1], at: t, "compare")
            return .min(args[0], args[1])
        }),
        FunctionSpec(names: ["relu"], form: .call(arity: [1]) { args, _ in .max(.zero, args[0]) }),
        // sum(v) reduces a vector; sum(expr, i, from, to) is Σ (read by the parser, which binds the index).
        FunctionSpec(names: ["sum"], form: .call(arity: [1, 4]) { args, _ in args[0].shape.isScalar ? args[0] : .sum(args[0]) }),
        FunctionSpec(names: ["dot"], form: .call(arity: [2]) { args, t throws(CalculusError) in try Shapes.dot(args[0], args[1], at: t) }),
        FunctionSpec(names: ["diag"], form: .call(arity: [1]) { args, t throws(CalculusError) in
            guard args[0].shape.isVector else { throw Shapes.fail("diag needs a vector, not a \(args[0].shape)", t) }
            return .diag(args[0])
        }),
        FunctionSpec(names: ["tr", "trace"], lenientCommands: ["tr"], form: .call(arity: [1]) { args, t throws(CalculusError) in
            .trace(try Shapes.square(args[0], at: t, "trace"))
        }),
        FunctionSpec(names: ["det"], latexCommands: ["det"], form: .call(arity: [1]) { args, t throws(CalculusError) in
            .det(try Shapes.square(args[0], at: t, "determinant"))
        }),
        FunctionSpec(names: ["transpose"], form: .call(arity: [1]) { args, _ in .transposed(args[0]) }),
        FunctionSpec(names: ["inv"], form: .call(arity: [1]) { args, t throws(CalculusError) in
            .inverse(try Shapes.square(args[0], at: t, "inverse"))
        }),
        FunctionSpec(names: ["ones"], form: .special(.ones)),
        FunctionSpec(names: ["zeros"], form: .special(.zeros)),
        FunctionSpec(names: ["if"], form: .special(.piecewise)),
        FunctionSpec(names: ["derivative", "diff"], form: .special(.derivative(.derivative))),
        FunctionSpec(names: ["partial"], form: .special(.derivative(.partial))),
        FunctionSpec(names: ["gradient", "grad"], form: .special(.derivative(.gradient))),
        FunctionSpec(names: ["jacobian"], form: .special(.derivative(.jacobian))),
    ]

    /// Every function: element-wise, whole-vector and structural.
    static let entries: [FunctionSpec] =
        ElementwiseFunction.allCases.map { fn in
            let s = fn.spec
            return FunctionSpec(names: s.names, latexCommands: s.latexCommands, calledNames: s.calledNames, form: .elementwise(fn))
        }
        + VectorFunction.allCases.map { fn in
            let s = fn.spec
            return FunctionSpec(names: s.names, latexCommands: s.latexCommands, form: .vector(fn))
        }
        + structural

    static let byName: [String: FunctionSpec] = {
        var table: [String: FunctionSpec] = [:]
        for e in entries { for n in e.names { precondition(table[n] == nil, "\(n) is in the function table twice"); table[n] = e } }
        return table
    }()

    static let byCalledName: [String: FunctionSpec] = {
        var table: [String: FunctionSpec] = [:]
        for e in entries { for n in e.calledNames { table[n] = e } }
        return table
    }()

    static let byCommand: [String: FunctionSpec] = {
        var table: [String: FunctionSpec] = [:]
        for e in entries { for c in e.latexCommands + e.lenientCommands { precondition(table[c] == nil, "\\\(c) is in the function table twice"); table[c] = e } }
        return table
    }()

    /// Every ASCII name of a function (what word splitting looks for).
    static let names: Set<String> = Set(byName.keys)

    static func entry(named name: String) -> FunctionSpec? { byName[name] }

    /// The LaTeX a function's name prints as: its own command where it has one (`\max`), else `\operatorname{…}`.
    static func latexName(_ name: String) -> String {
        if let e = byName[name], e.latexCommands.contains(name) { return "\\" + name }
        return "\\operatorname{\(name)}"
    }
}
