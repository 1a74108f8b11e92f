import Foundation

/// f(x, u) of ẋ = f, compiled from problem-file expressions into a flat list of
/// instructions, evaluated in forward-mode dual numbers: each register holds a value and its
/// derivatives along `directions` seed directions.
///
/// Why not walk the expression tree: the baseline integrates f with RK4 thousands of times
/// per control step, and a fair comparison with the network needs f at the speed of a
/// straight-line loop, not of recursive calls and dictionary look-ups. Why dual numbers: with
/// the state's sensitivities ∂x/∂(x₀, u) as the seeds, one evaluation gives f and
/// ∂f/∂(x₀, u) together, which is what propagating sensitivities through an RK4 stage needs.
///
/// Not thread-safe (registers are reused): one instance per thread.
final class CompiledRightHandSide {
    private enum Instruction {
        case constant(Double)
        /// Variable i: states 0..<n, then the control.
        case variable(Int)
        case negate(Int)
        case add(Int, Int), subtract(Int, Int), multiply(Int, Int), divide(Int, Int)
        /// a^p for a whole p (|p| ≤ 64).
        case integerPower(Int, Int)
        /// a^b = e^{b ln a}.
        case power(Int, Int)
        case call(Expr.Function, Int)
    }

    /// States n; variables are the n states and the control.
    let stateCount: Int
    /// Seed directions carried by every register.
    let directions: Int
    private let program: [Instruction]
    /// The register of each f_i.
    private let results: [Int]
    private let registers: UnsafeMutablePointer<Double>
    private let width: Int

    /// Compiles `rightHandSides` (one per state; symbols: outputs named by `states`, the
    /// control input `control`, folded parameters) for `directions` seed directions.
    init(rightHandSides: [Expr], states: [String], control: String, directions: Int) {
        stateCount = states.count
        self.directions = directions
        width = 1 + directions
        var index: [String: Int] = [control: states.count]
        for (i, s) in states.enumerated() { index[s] = i }
        var compiler = Compiler(variables: index)
        results = rightHandSides.map { compiler.compile($0) }
        program = compiler.program
        registers = .allocate(capacity: max(program.count, 1) * width)
        registers.initialize(repeating: 0, count: max(program.count, 1) * width)
    }

    deinit { registers.deallocate() }

    /// Emits one instruction per node, each writing the register of its own index.
    private struct Compiler {
        let variables: [String: Int]
        var program: [Instruction] = []

        private mutating func emit(_ i: Instruction) -> Int {
            program.append(i)
            return program.count - 1
        }

        mutating func compile(_ e: Expr) -> Int {
            switch e.kind {
            case .number(let v): return emit(.constant(v))
            case .pi: return emit(.constant(Double.pi))
            case .symbol(let s):
                if case .parameter(_, let v) = s { return emit(.constant(v)) }
                guard let i = variables[s.name] else {
                    preconditionFailure("CompiledRightHandSide: symbol '\(s.name)' is neither a state nor the control "
                                        + "(validation should reject it)")
                }
                return emit(.variable(i))
            case .negate(let a): return emit(.negate(compile(a)))
            case .call(let f, let a): return emit(.call(f, compile(a)))
            case .binary(let op, let a, let b):
                if op == .power, let p = b.constantValue, p == p.rounded(), Swift.abs(p) <= 64 {
                    return emit(.integerPower(compile(a), Int(p)))
                }
                let x = compile(a), y = compile(b)
                switch op {
                case .add: return emit(.add(x, y))
                case .subtract: return emit(.subtract(x, y))
                case .multiply: return emit(.multiply(x, y))
                case .divide: return emit(.divide(x, y))
                case .power: return emit(.power(x, y))
                }
            }
        }
    }

    /// f at the variables `values` (n states, then the control) with their derivatives
    /// `seeds` ([n + 1 variables × directions], row-major; ignored when directions is 0):
    /// writes f_i into `f[i]` and ∂f_i along direction j into `derivatives[i * directions + j]`.
    func evaluate(values: UnsafePointer<Double>, seeds: UnsafePointer<Double>?, f: UnsafeMutablePointer<Double>,
                  derivatives: UnsafeMutablePointer<Double>?) {
        let w = width, d = directions, r = registers
        for (k, instruction) in program.enumerated() {
            let out = r + k * w
            switch instruction {
            case .constant(let c):
                out[0] = c
                for j in 0..<d { out[1 + j] = 0 }
            case .variable(let i):
                out[0] = values[i]
                if let seeds { for j in 0..<d { out[1 + j] = seeds[i * d + j] } }
            case .negate(let a):
                for j in 0..<w { out[j] = -r[a * w + j] }
            case .add(let a, let b):
                for j in 0..<w { out[j] = r[a * w + j] + r[b * w + j] }
            case .subtract(let a, let b):
                for j in 0..<w { out[j] = r[a * w + j] - r[b * w + j] }
            case .multiply(let a, let b):
                let x = r + a * w, y = r + b * w
                for j in 1..<(d + 1) { out[j] = x[j] * y[0] + x[0] * y[j] }
                out[0] = x[0] * y[0]
            case .divide(let a, let b):
                let x = r + a * w, y = r + b * w, v = x[0] / y[0]
                for j in 1..<(d + 1) { out[j] = (x[j] - v * y[j]) / y[0] }
                out[0] = v
            case .integerPower(let a, let p):
                let x = r + a * w
                let slope = p == 0 ? 0 : Double(p) * Self.power(x[0], p - 1)
                for j in 1..<(d + 1) { out[j] = slope * x[j] }
                out[0] = Self.power(x[0], p)
            case .power(let a, let b):
                let x = r + a * w, y = r + b * w, v = Foundation.pow(x[0], y[0]), lnx = Foundation.log(x[0])
                for j in 1..<(d + 1) { out[j] = v * (y[j] * lnx + y[0] * x[j] / x[0]) }
                out[0] = v
            case .call(let function, let a):
                let x = r + a * w
                let (v, slope) = Self.valueAndSlope(function, x[0])
                for j in 1..<(d + 1) { out[j] = slope * x[j] }
                out[0] = v
            }
        }
        for (i, register) in results.enumerated() {
            f[i] = r[register * w]
            if let derivatives { for j in 0..<d { derivatives[i * d + j] = r[register * w + 1 + j] } }
        }
    }

    /// x^p by repeated squaring (exact signs for negative x, unlike pow's domain rules).
    private static func power(_ x: Double, _ p: Int) -> Double {
        var base = p < 0 ? 1 / x : x, n = Swift.abs(p), result = 1.0
        while n > 0 {
            if n & 1 == 1 { result *= base }
            base *= base
            n >>= 1
        }
        return result
    }

    private static func valueAndSlope(_ f: Expr.Function, _ x: Double) -> (Double, Double) {
        switch f {
        case .sin: return (Foundation.sin(x), Foundation.cos(x))
        case .cos: return (Foundation.cos(x), -Foundation.sin(x))
        case .tan: let t = Foundation.tan(x); return (t, 1 + t * t)
        case .exp: let e = Foundation.exp(x); return (e, e)
        case .log: return (Foundation.log(x), 1 / x)
        case .sqrt: let s = x.squareRoot(); return (s, 0.5 / s)
        case .tanh: let t = Foundation.tanh(x); return (t, 1 - t * t)
        case .abs: return (Swift.abs(x), x < 0 ? -1 : 1)
        }
    }
}
