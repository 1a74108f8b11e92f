/// The true model: the plant's ODE integrated by RK4 with a fixed step over one period,
/// with the exact sensitivities of that discrete map. The baseline controller uses it.
public final class TrueModel: PeriodModel {
    public let name = "RK4"
    public let stateCount: Int
    private let integrator: RungeKutta4
    private let step: Double, steps: Int

    public init(settings: ControlSettings, stepsPerPeriod: Int) {
        stateCount = settings.states.count
        integrator = RungeKutta4(settings: settings, sensitivities: true)
        steps = stepsPerPeriod
        step = settings.period / Double(stepsPerPeriod)
    }

    public func predict(from state: [Double], control: Double, sensitivity: UnsafeMutablePointer<Double>?) -> [Double] {
        let n = stateCount
        var x = state
        if let S = sensitivity {  // ∂x(0)/∂(x(0), u) = [I | 0]
            S.update(repeating: 0, count: n * (n + 1))
            for i in 0..<n { S[i * (n + 1) + i] = 1 }
        }
        integrator.integrate(&x, sensitivity: sensitivity, control: control, step: step, steps: steps)
        return x
    }
}
