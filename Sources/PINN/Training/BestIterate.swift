import ENNCore

/// Model selection inside a resampling stage: the parameters with the lowest loss on a
/// fixed validation set.
///
/// Why: a stage that redraws its collocation points (RAD) lets the optimizer fit each new
/// set in turn, and the error against the true solution swings with it — on Burgers by up to
/// 5× between consecutive resamplings late in training — so the last iterate is a matter of
/// phase. The loss on points the optimizer never trains on follows those swings (measured on
/// Burgers, results/README.md), so it picks a good iterate without looking at any reference.
/// The validation set is drawn once per stage, like the training points (same sampler and
/// counts), from a random stream of its own, so it does not change the training points.
struct BestIterate {
    let tracking: Bool
    private(set) var loss = Double.infinity
    private(set) var theta: [Double] = []
    private(set) var iteration = 0
    private var validation: PINNLoss?

    init(tracking: Bool) { self.tracking = tracking }

    /// Continues from a checkpoint's `state` (the validation set is drawn again, identically).
    init(tracking: Bool, restoring state: BestIterateState) {
        self.tracking = tracking
        loss = state.loss
        theta = state.theta
        iteration = state.iteration
    }

    /// What a checkpoint keeps of it.
    var state: BestIterateState { BestIterateState(loss: loss, theta: theta, iteration: iteration) }

    /// Evaluates the trainer's current parameters on the validation set; keeps them if best.
    mutating func consider(_ trainer: Trainer, iteration: Int) {
        guard tracking else { return }
        if validation == nil { validation = trainer.makeValidationLoss() }
        let value = validation!.evaluate(trainer.theta, weights: trainer.weights, gradient: nil,
                                         evaluator: trainer.evaluator).total
        guard value.isFinite, value < loss else { return }
        loss = value
        theta = trainer.theta
        self.iteration = iteration
    }

    /// Puts the best parameters back when they are not the last; says so for the stop reason.
    func restore(_ trainer: Trainer, lastIteration: Int) -> String {
        guard tracking, !theta.isEmpty, iteration != lastIteration else { return "" }
        trainer.theta = theta
        return String(format: "; kept iteration %d (validation loss %.3e, lowest of the resamplings)", iteration, loss)
    }
}

extension Trainer {
    /// A loss over fresh points for validation (see `BestIterate`).
    func makeValidationLoss() -> PINNLoss {
        var rng = RandomGenerator(seed: seed ^ 0x5A17_DA7E_5EED_0001)
        return PINNLoss(problem: problem, network: network, models: models, groups: builder.groups(rng: &rng), chunk: loss.chunk)
    }
}
