import Foundation

extension Expr {
    /// The value of the expression in plain doubles, with symbols looked up in `env`.
    ///
    /// Keys are symbol names: inputs and outputs by name, derivatives by canonical name
    /// (`u_xt`), raw network outputs as `N_u`, unresolved symbols as written. A resolved
    /// parameter uses `env[name]` when present and its own value otherwise; `pi` is π.
    /// A symbol without a value is a programmer error (validation guarantees every symbol of a
    /// loaded problem is known), so it stops with a precondition failure naming the symbol.
    public func evaluate(_ env: [String: Double]) -> Double {
        evaluate { symbol in
            if let v = env[symbol.name] { return v }
            if case .parameter(_, let v) = symbol { return v }
            preconditionFailure("Expr.evaluate: env has no value for symbol '\(symbol.name)' (env keys: \(env.keys.sorted().joined(separator: ", ")))")
        }
    }

    /// The value with every symbol's value given by `value(symbol)`.
    public func evaluate(_ value: (Symbol) -> Double) -> Double {
        switch kind {
        case .number(let v): return v
        case .pi: return Double.pi
        case .symbol(let s): return value(s)
        case .negate(let a): return -a.evaluate(value)
        case .call(let f, let a): return f.apply(a.evaluate(value))
        case .binary(let op, let a, let b): return op.apply(a.evaluate(value), b.evaluate(value))
        case .networkCall(let name, _):
            preconditionFailure("Expr.evaluate: '\(name)(...)' calls a trained network; evaluate it on the tape (validation keeps such calls in residuals)")
        }
    }

    /// Values at `count` points at once: `columns[name]` holds a symbol's value at every
    /// point (a column of length 1 is broadcast). Used for analytic references on grids.
    public func evaluate(columns: [String: [Double]], count: Int) -> [Double] {
        switch kind {
        case .number(let v): return [Double](repeating: v, count: count)
        case .pi: return [Double](repeating: Double.pi, count: count)
        case .symbol(let s):
            if let column = columns[s.name] {
                if column.count == count { return column }
                precondition(column.count == 1, "Expr.evaluate(columns:count:): column '\(s.name)' has \(column.count) values, expected \(count) or 1")
                return [Double](repeating: column[0], count: count)
            }
            if case .parameter(_, let v) = s { return [Double](repeating: v, count: count) }
            preconditionFailure("Expr.evaluate(columns:count:): no column for symbol '\(s.name)' (columns: \(columns.keys.sorted().joined(separator: ", ")))")
        case .negate(let a): return a.evaluate(columns: columns, count: count).map { -$0 }
        case .call(let f, let a): return a.evaluate(columns: columns, count: count).map(f.apply)
        case .binary(let op, let a, let b):
            let x = a.evaluate(columns: columns, count: count), y = b.evaluate(columns: columns, count: count)
            return (0..<count).map { op.apply(x[$0], y[$0]) }
        case .networkCall(let name, _):
            preconditionFailure("Expr.evaluate(columns:count:): '\(name)(...)' calls a trained network; evaluate it on the tape")
        }
    }

    /// True when the value does not depend on any input, output, derivative, network output
    /// or unresolved name (numbers, `pi` and resolved parameters only).
    public var isConstant: Bool {
        switch kind {
        case .number, .pi: return true
        case .symbol(let s):
            if case .parameter = s { return true }
            return false
        case .negate(let a), .call(_, let a): return a.isConstant
        case .binary(_, let a, let b): return a.isConstant && b.isConstant
        case .networkCall: return false
        }
    }

    /// The value when ``isConstant``, else nil.
    public var constantValue: Double? {
        isConstant ? evaluate { if case .parameter(_, let v) = $0 { return v }; return .nan } : nil
    }

    /// A copy in which every constant subtree of more than one node is replaced by its value,
    /// so an evaluator walking the tree in jet arithmetic does less work per point
    /// (`nu*u_xx` with `nu = 0.01/pi` keeps `nu` as one number node).
    public func foldingConstants() -> Expr {
        if children.isEmpty { return self }
        if let v = constantValue { return Expr(.number(v), range: range) }
        switch kind {
        case .negate(let a): return Expr(.negate(a.foldingConstants()), range: range)
        case .call(let f, let a): return Expr(.call(f, a.foldingConstants()), range: range)
        case .binary(let op, let a, let b): return Expr(.binary(op, a.foldingConstants(), b.foldingConstants()), range: range)
        case .networkCall(let name, let arguments): return Expr(.networkCall(name, arguments.map { $0.foldingConstants() }), range: range)
        default: return self
        }
    }
}

extension Expr.Function {
    /// The function applied to a double (`log` is the natural logarithm).
    public func apply(_ x: Double) -> Double {
        switch self {
        case .sin: return Foundation.sin(x)
        case .cos: return Foundation.cos(x)
        case .tan: return Foundation.tan(x)
        case .exp: return Foundation.exp(x)
        case .log: return Foundation.log(x)
        case .sqrt: return x.squareRoot()
        case .tanh: return Foundation.tanh(x)
        case .abs: return Swift.abs(x)
        }
    }
}

extension Expr.BinaryOperator {
    /// The operator applied to doubles (`^` is `pow`, exact for integer exponents of negative bases).
    public func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .power: return Foundation.pow(a, b)
        }
    }
}
