/// The controller's cost over its horizon and its gradient, for one control step:
///
///   J(u₀ … u_{H−1}) = Σ_{k=1..H} Σ_{tracked i} (x_k,i − r_k,i)² + ρ Σ_{k=0..H−1} (u_k − u_{k−1})²,
///
/// where x_{k+1} = model(x_k, u_k) chains the period model from the current state x₀ (the end
/// state of one period starts the next), r_k is the reference at the k-th period end (the
/// horizon's sample points), ρ the penalty and u_{−1} the control applied last.
///
/// The gradient is reverse mode over the chain (the adjoint recursion), on the per-period
/// sensitivities S_k = ∂x_{k+1}/∂(x_k, u_k) = [A_k | b_k] the model returns:
///   λ_H = ∂J/∂x_H,  ∂J/∂u_k = b_kᵀ λ_{k+1} + penalty terms,  λ_k = ∂J/∂x_k + A_kᵀ λ_{k+1}.
/// One forward pass through the models per evaluation, whatever the horizon.
public final class HorizonCost {
    public let model: PeriodModel
    public let horizon: Int
    public let penalty: Double
    /// x₀: the state the horizon starts from.
    public var start: [Double]
    /// u_{−1}: the control applied in the period before.
    public var previousControl: Double
    /// (state index, reference value) pairs at each period end k = 1…H: `targets[k − 1]`.
    public var targets: [[(state: Int, value: Double)]]
    private let sensitivities: UnsafeMutablePointer<Double>  // H × n × (n + 1)

    public init(model: PeriodModel, horizon: Int, penalty: Double) {
        self.model = model
        self.horizon = horizon
        self.penalty = penalty
        start = [Double](repeating: 0, count: model.stateCount)
        previousControl = 0
        targets = [[(state: Int, value: Double)]](repeating: [], count: horizon)
        let n = model.stateCount
        sensitivities = .allocate(capacity: horizon * n * (n + 1))
    }

    deinit { sensitivities.deallocate() }

    /// Sets the start state, the last control and the references at the horizon's period
    /// ends, for the control step beginning at `time`.
    public func prepare(state: [Double], previousControl: Double, time: Double, period: Double,
                        references: [TrackedReference]) {
        start = state
        self.previousControl = previousControl
        targets = (1...horizon).map { k in
            references.map { ($0.state, $0.value(at: time + Double(k) * period)) }
        }
    }

    /// The predicted states x₁ … x_H under `controls`.
    public func predictedStates(_ controls: [Double]) -> [[Double]] {
        var x = start
        return controls.map { u in
            x = model.predict(from: x, control: u, sensitivity: nil)
            return x
        }
    }

    /// J(controls), with ∇J written into `gradient`.
    public func value(_ controls: [Double], gradient: inout [Double]) -> Double {
        precondition(controls.count == horizon && gradient.count == horizon,
                     "HorizonCost.value: \(controls.count) controls and \(gradient.count) gradient entries for horizon \(horizon)")
        let n = model.stateCount, columns = n + 1
        var states: [[Double]] = []
        states.reserveCapacity(horizon)
        var x = start
        for k in 0..<horizon {
            x = model.predict(from: x, control: controls[k], sensitivity: sensitivities + k * n * columns)
            states.append(x)
        }
        var cost = 0.0
        var adjoint = [Double](repeating: 0, count: n)  // λ_{k+1} = ∂J/∂x_{k+1} through everything after it
        for k in stride(from: horizon - 1, through: 0, by: -1) {
            for target in targets[k] {
                let error = states[k][target.state] - target.value
                cost += error * error
                adjoint[target.state] += 2 * error
            }
            let S = sensitivities + k * n * columns
            var dControl = 0.0
            var previous = [Double](repeating: 0, count: n)
            for i in 0..<n {
                dControl += S[i * columns + n] * adjoint[i]
                for j in 0..<n { previous[j] += S[i * columns + j] * adjoint[i] }
            }
            gradient[k] = dControl
            adjoint = previous
        }
        if penalty > 0 {
            var last = previousControl
            for k in 0..<horizon {
                let change = controls[k] - last
                cost += penalty * change * change
                gradient[k] += 2 * penalty * change
                if k > 0 { gradient[k - 1] -= 2 * penalty * change }
                last = controls[k]
            }
        }
        return cost
    }
}
