import ENNCore

/// The network's one-period prediction error: at random initial states in the training box
/// of the state inputs and random controls in the training domain of the control input, the
/// network's x(T) against RK4 with the plant step. All samples go through the network in one
/// batch (values only).
public struct PredictionError: Sendable {
    /// max |x_network(T) − x_RK4(T)| over the samples, per state.
    public let maximumByState: [Double]
    /// The same, over all states.
    public var maximum: Double { maximumByState.max() ?? 0 }
    /// Root mean square over samples and states.
    public let rootMeanSquare: Double
    public let samples: Int

    /// Samples drawn from `RandomGenerator(seed:)`, so the number is reproducible.
    init(trainer: Trainer, settings: ControlSettings, seed: UInt64) {
        let inputs = trainer.problem.inputs, n = settings.states.count, count = settings.predictionSamples
        var rng = RandomGenerator(seed: seed)
        var points = [Double](repeating: 0, count: count * inputs.count)
        var starts: [[Double]] = [], controls: [Double] = []
        for s in 0..<count {
            let x = settings.stateBox.map { rng.uniform($0.lower, $0.upper) }
            let u = rng.uniform(settings.controlDomain.lower, settings.controlDomain.upper)
            starts.append(x)
            controls.append(u)
            for (c, name) in inputs.enumerated() {
                let value: Double
                if name == settings.timeInput { value = settings.period }
                else if name == settings.controlInput { value = u }
                else { value = x[settings.stateInputs.firstIndex(of: name)!] }
                points[s * inputs.count + c] = value
            }
        }
        let predicted = trainer.predict(points: points)  // [output][sample]
        let plant = RungeKutta4(settings: settings, sensitivities: false)
        let h = settings.period / Double(settings.plantStepsPerPeriod)
        var maxima = [Double](repeating: 0, count: n), squares = 0.0
        for s in 0..<count {
            var x = starts[s]
            plant.integrate(&x, sensitivity: nil, control: controls[s], step: h, steps: settings.plantStepsPerPeriod)
            for i in 0..<n {
                let e = predicted[i][s] - x[i]
                maxima[i] = max(maxima[i], Swift.abs(e))
                squares += e * e
            }
        }
        maximumByState = maxima
        rootMeanSquare = (squares / Double(count * n)).squareRoot()
        samples = count
    }
}
