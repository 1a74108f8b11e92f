/// The classical fourth-order Runge–Kutta method on ẋ = f(x, u) with u constant, optionally
/// carrying the sensitivities S = ∂x/∂(x₀, u) through every stage (the exact derivative of
/// the discrete RK4 map, so a gradient built on it matches finite differences of the same
/// map to round-off).
///
/// With sensitivities, each stage evaluates f in dual numbers seeded with the stage state's
/// sensitivities (and the unit direction of u), which gives ∂k/∂(x₀, u) directly:
///   k₁ = f(x, u), k₂ = f(x + h/2·k₁, u), k₃ = f(x + h/2·k₂, u), k₄ = f(x + h·k₃, u),
///   x ← x + h/6·(k₁ + 2k₂ + 2k₃ + k₄), and the same combination for S.
/// Not thread-safe (scratch buffers are reused).
public final class RungeKutta4 {
    public let stateCount: Int
    public let carriesSensitivities: Bool
    private let rhs: CompiledRightHandSide
    /// Columns of S: the n initial states and the control.
    private var directions: Int { stateCount + 1 }
    private let values: UnsafeMutablePointer<Double>     // stage variables: n states, then u
    private let seeds: UnsafeMutablePointer<Double>      // their sensitivities [(n + 1) × (n + 1)]
    private let k: UnsafeMutablePointer<Double>          // 4 stages × n
    private let dk: UnsafeMutablePointer<Double>         // 4 stages × n × (n + 1)

    public init(settings: ControlSettings, sensitivities: Bool) {
        let n = settings.states.count
        stateCount = n
        carriesSensitivities = sensitivities
        rhs = CompiledRightHandSide(rightHandSides: settings.rightHandSides, states: settings.states,
                                    control: settings.controlInput, directions: sensitivities ? n + 1 : 0)
        values = .allocate(capacity: n + 1)
        seeds = .allocate(capacity: (n + 1) * (n + 1))
        seeds.initialize(repeating: 0, count: (n + 1) * (n + 1))
        seeds[n * (n + 1) + n] = 1  // ∂u/∂u
        k = .allocate(capacity: 4 * n)
        dk = .allocate(capacity: 4 * n * (n + 1))
    }

    deinit {
        values.deallocate(); seeds.deallocate(); k.deallocate(); dk.deallocate()
    }

    /// Advances `state` (and, when carried, `sensitivity`, n × (n + 1) row-major) by `steps`
    /// steps of size `h` under `control`. `visit(i, state)` runs after step i (1-based).
    public func integrate(_ state: inout [Double], sensitivity: UnsafeMutablePointer<Double>?, control: Double,
                          step h: Double, steps: Int, visit: ((Int, [Double]) -> Void)? = nil) {
        let n = stateCount, d = directions
        let withS = carriesSensitivities && sensitivity != nil
        precondition(state.count == n, "RungeKutta4.integrate: state has \(state.count) values, expected \(n)")
        guard steps > 0 else { return }
        values[n] = control
        let weights = [h / 6, h / 3, h / 3, h / 6]
        let offsets = [0, h / 2, h / 2, h]  // where stage s reads: x + offsets[s]·k_{s−1}
        for stepIndex in 1...steps {
            for s in 0..<4 {
                for i in 0..<n { values[i] = state[i] + (s == 0 ? 0 : offsets[s] * k[(s - 1) * n + i]) }
                if withS, let S = sensitivity {
                    for i in 0..<n {
                        for j in 0..<d { seeds[i * d + j] = S[i * d + j] + (s == 0 ? 0 : offsets[s] * dk[((s - 1) * n + i) * d + j]) }
                    }
                    rhs.evaluate(values: values, seeds: seeds, f: k + s * n, derivatives: dk + s * n * d)
                } else {
                    rhs.evaluate(values: values, seeds: nil, f: k + s * n, derivatives: nil)
                }
            }
            for i in 0..<n {
                state[i] += weights[0] * k[i] + weights[1] * k[n + i] + weights[2] * k[2 * n + i] + weights[3] * k[3 * n + i]
            }
            if withS, let S = sensitivity {
                let block = n * d
                for e in 0..<block {
                    S[e] += weights[0] * dk[e] + weights[1] * dk[block + e] + weights[2] * dk[2 * block + e]
                        + weights[3] * dk[3 * block + e]
                }
            }
            visit?(stepIndex, state)
        }
    }
}
