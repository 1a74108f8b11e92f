import ENNCore

/// The physics-informed network as the model of one period: x(T) = the network's outputs
/// (after the hard transform x = x(0) + τ·N) at τ = T, x(0) and u, and the sensitivities
/// ∂x(T)/∂(x(0), u) from one forward pass with first-order jets in the directions of the
/// state inputs and the control input (forward mode is as exact as reverse mode here and
/// costs n + 1 extra jet components, not n passes).
///
/// Not thread-safe (one tape, reused).
public final class NeuralModel: PeriodModel {
    public let name = "network"
    public let stateCount: Int
    private let network: PINNNetwork
    private let theta: [Double]
    private let tape: Tape
    private let layout: JetLayout
    private let period: Double
    /// Positions in the network's input vector.
    private let timeIndex: Int, stateIndices: [Int], controlIndex: Int
    /// For state i's output jet: the component of the value and of ∂/∂(column j).
    private let valueComponent: Int, directionComponents: [Int]

    /// The trainer's network at its current parameters (copied: later training does not
    /// change this model).
    public init(trainer: Trainer, settings: ControlSettings) {
        let inputs = trainer.problem.inputs
        stateCount = settings.states.count
        network = trainer.network
        theta = trainer.theta
        tape = Tape(parameterCount: theta.count)
        period = settings.period
        timeIndex = inputs.firstIndex(of: settings.timeInput)!
        stateIndices = settings.stateInputs.map { inputs.firstIndex(of: $0)! }
        controlIndex = inputs.firstIndex(of: settings.controlInput)!
        let directions = (settings.stateInputs + [settings.controlInput]).map { Partial([inputs.firstIndex(of: $0)!]) }
        let layout = JetLayout(inputCount: inputs.count, requested: directions)
        self.layout = layout
        valueComponent = layout.index(of: .value)!
        directionComponents = directions.map { layout.index(of: $0)! }
    }

    public func predict(from state: [Double], control: Double, sensitivity: UnsafeMutablePointer<Double>?) -> [Double] {
        var point = [Double](repeating: 0, count: stateIndices.count + 2)
        point[timeIndex] = period
        for (i, index) in stateIndices.enumerated() { point[index] = state[i] }
        point[controlIndex] = control
        let n = stateCount, columns = directionComponents.count
        return theta.withUnsafeBufferPointer { th in
            tape.begin(parameters: th.baseAddress!)
            let (_, outputs) = network.outputs(on: tape, points: point, layout: layout)
            var next = [Double](repeating: 0, count: n)
            for i in 0..<n {
                // One point, one column: component c of output i's jet is element c.
                let jet = tape.value(outputs[i])
                next[i] = jet[valueComponent]
                if let S = sensitivity {
                    for j in 0..<columns { S[i * columns + j] = jet[directionComponents[j]] }
                }
            }
            return next
        }
    }
}
