/// What a control problem produces besides the trained network: both closed loops and the
/// network's one-period prediction error.
public struct ControlOutcome: Sendable {
    /// The loop whose controller chains the network.
    public let network: ClosedLoopRecord
    /// The same controller, cost and optimizer on the true model (RK4).
    public let baseline: ClosedLoopRecord
    public let predictionError: PredictionError
    /// The steps of the plant's and of the true model's RK4.
    public let plantStep: Double, modelStep: Double

    /// IAE with the network / IAE with the true model.
    public var iaeRatio: Double { network.iae / baseline.iae }
}

/// Runs a control problem's closed loops on a trained network.
public enum ControlRun {
    /// Both closed loops over the whole duration, advanced in turn one control step each, so
    /// that load from other processes on a shared machine falls on both solve times alike;
    /// then the prediction error (samples seeded by `seed`). `progress(done, cost)` is called
    /// after every pair of control steps with the network controller's optimal cost.
    public static func run(trainer: Trainer, seed: UInt64, progress: (Int, Double) -> Void = { _, _ in }) -> ControlOutcome {
        guard let settings = trainer.problem.control else {
            preconditionFailure("ControlRun.run: problem \(trainer.problem.name) has no control section")
        }
        let network = ClosedLoop(settings: settings, controller: ModelPredictiveController(
            model: NeuralModel(trainer: trainer, settings: settings), settings: settings))
        let baseline = ClosedLoop(settings: settings, controller: ModelPredictiveController(
            model: TrueModel(settings: settings, stepsPerPeriod: settings.modelStepsPerPeriod), settings: settings))
        var done = 0
        while !network.isFinished {
            let cost = network.advance().cost
            baseline.advance()
            done += 1
            progress(done, cost)
        }
        return ControlOutcome(network: network.result, baseline: baseline.result,
                              predictionError: PredictionError(trainer: trainer, settings: settings, seed: seed),
                              plantStep: settings.period / Double(settings.plantStepsPerPeriod),
                              modelStep: settings.period / Double(settings.modelStepsPerPeriod))
    }
}
