import ENNCore
import Foundation

/// Evaluates a problem-file expression on a tape, in jet arithmetic: residuals over plain
/// values, hard-constraint transforms over full jets (so u = t·(1−x²)·N + … carries u_x,
/// u_xx, … by the product and chain rules).
///
/// Constants fold as constants (parameters, numbers, π); a constant meets a recorded value
/// only through `affine` (c·v + d), so no constant arrays are materialised in the common case.
/// Unknown parameters are read from θ (`Tape.parameterBroadcast`) and network functions run
/// their MLP on the jets of their arguments, so both get gradients like the network's weights.
struct TapeExpression {
    enum Value {
        case constant(Double)
        case variable(Var)
    }

    let tape: Tape
    /// Layout and shape of every recorded value this evaluation produces (one column).
    let layout: JetLayout
    let rows: Int
    /// The recorded value of an input, output, derivative or raw network output.
    let symbol: (Expr.Symbol) -> Value
    /// Unknown parameters and network functions (residuals only).
    var models: EmbeddedModels = .none
    /// Sees the arguments of every network call, [components × rows × arguments] (to measure
    /// the range the arguments take).
    var argumentObserver: ((String, Var) -> Void)? = nil

    func evaluate(_ e: Expr) -> Value {
        switch e.kind {
        case .number(let v): return .constant(v)
        case .pi: return .constant(Double.pi)
        case .symbol(let s):
            if case .parameter(_, let v) = s { return .constant(v) }
            if case .unknown(let name) = s {
                guard let u = models.unknown(name) else { preconditionFailure("TapeExpression: unknown parameter '\(name)' has no place in θ") }
                return .variable(tape.parameterBroadcast(offset: u.offset, positive: u.parameter.positive, rows: rows, layout: layout))
            }
            return symbol(s)
        case .negate(let a): return scale(evaluate(a), by: -1)
        case .binary(let op, let a, let b): return binary(op, evaluate(a), evaluate(b))
        case .call(let f, let a): return call(f, evaluate(a))
        case .networkCall(let name, let arguments):
            guard let mlp = models.functions[name] else { preconditionFailure("TapeExpression: network function '\(name)' has no place in θ") }
            let columns = arguments.map { variable(evaluate($0)) }
            let x = columns.count == 1 ? columns[0] : tape.concatenateColumns(columns)
            argumentObserver?(name, x)
            return .variable(mlp(x, on: tape))
        }
    }

    /// The value as a recorded variable (constants become a constant jet: value c, no derivatives).
    func variable(_ v: Value) -> Var {
        switch v {
        case .variable(let x): return x
        case .constant(let c):
            let shape = JetShape(components: layout.count, rows: rows, cols: 1)
            var values = [Double](repeating: 0, count: shape.count)
            for i in 0..<rows { values[i] = c }
            return tape.constant(values, shape: shape, layout: layout)
        }
    }

    private func scale(_ v: Value, by c: Double, shift: Double = 0) -> Value {
        switch v {
        case .constant(let a): return .constant(c * a + shift)
        case .variable(let x): return .variable(tape.affine(x, scale: c, shift: shift))
        }
    }

    private func binary(_ op: Expr.BinaryOperator, _ a: Value, _ b: Value) -> Value {
        switch (op, a, b) {
        case (_, .constant(let x), .constant(let y)):
            return .constant(op.apply(x, y))
        case (.add, .variable(let x), .constant(let c)), (.add, .constant(let c), .variable(let x)):
            return .variable(tape.affine(x, scale: 1, shift: c))
        case (.add, .variable(let x), .variable(let y)): return .variable(tape.add(x, y))
        case (.subtract, .variable(let x), .constant(let c)): return .variable(tape.affine(x, scale: 1, shift: -c))
        case (.subtract, .constant(let c), .variable(let y)): return .variable(tape.affine(y, scale: -1, shift: c))
        case (.subtract, .variable(let x), .variable(let y)): return .variable(tape.subtract(x, y))
        case (.multiply, .variable(let x), .constant(let c)), (.multiply, .constant(let c), .variable(let x)):
            return .variable(tape.affine(x, scale: c))
        case (.multiply, .variable(let x), .variable(let y)): return .variable(tape.multiply(x, y))
        case (.divide, .variable(let x), .constant(let c)): return .variable(tape.affine(x, scale: 1 / c))
        case (.divide, .constant(let c), .variable(let y)): return .variable(tape.affine(tape.reciprocal(y), scale: c))
        case (.divide, .variable(let x), .variable(let y)): return .variable(tape.divide(x, y))
        case (.power, .variable(let x), .constant(let p)):
            if p == p.rounded(), Swift.abs(p) <= 64 { return .variable(tape.power(x, Int(p))) }
            if p == 0.5 { return .variable(tape.sqrt(x)) }
            return .variable(tape.exp(tape.affine(tape.log(x), scale: p)))          // x^p = e^{p ln x}
        case (.power, .constant(let c), .variable(let y)):
            return .variable(tape.exp(tape.affine(y, scale: Foundation.log(c))))     // c^y = e^{y ln c}
        case (.power, .variable(let x), .variable(let y)):
            return .variable(tape.exp(tape.multiply(y, tape.log(x))))
        }
    }

    private func call(_ f: Expr.Function, _ a: Value) -> Value {
        switch a {
        case .constant(let x): return .constant(f.apply(x))
        case .variable(let x):
            switch f {
            case .sin: return .variable(tape.sin(x))
            case .cos: return .variable(tape.cos(x))
            case .tan: return .variable(tape.divide(tape.sin(x), tape.cos(x)))
            case .exp: return .variable(tape.exp(x))
            case .log: return .variable(tape.log(x))
            case .sqrt: return .variable(tape.sqrt(x))
            case .tanh: return .variable(tape.tanh(x))
            case .abs: return .variable(tape.abs(x))
            }
        }
    }
}
