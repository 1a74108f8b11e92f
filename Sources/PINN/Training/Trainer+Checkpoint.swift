import ENNCore

/// A checkpoint's view of the trainer: its state as values (`TrainerState`) and back.
extension Trainer {
    /// The state now, at a boundary of stage `stage` where that stage stood at `progress`.
    func state(stage: Int, progress: StageProgress?) -> TrainerState {
        TrainerState(stage: stage, progress: progress, theta: theta, weights: weights, automaticFactors: automaticFactors,
                     history: history, random: rng.state, points: loss.groups.map(\.points), stageStarts: stageStarts,
                     stopReasons: stopReasons,
                     gemmPlan: GemmPlan.shared.plannedEntries)
    }

    /// Hands the state to `checkpointSink` when forced or due. `progress` is built only then
    /// (for dense BFGS it copies H).
    func offerCheckpoint(stage: Int, force: Bool, _ progress: @autoclosure () -> StageProgress?) {
        guard let sink = checkpointSink, force || checkpointDue?(history.count) == true else { return }
        sink(state(stage: stage, progress: progress()))
    }

    /// What does not fit this trainer in a saved state (nil when it fits): the counts of
    /// parameters, loss terms, point groups and points must all be this problem's.
    func mismatch(_ saved: TrainerState) -> String? {
        if saved.theta.count != theta.count { return "\(saved.theta.count) parameters, the problem has \(theta.count)" }
        if saved.weights.count != weights.count || saved.automaticFactors.count != weights.count {
            return "\(saved.weights.count) loss weights, the problem has \(weights.count)"
        }
        if saved.history.contains(where: { $0.count != historyColumns.count }) {
            return "loss history rows do not have \(historyColumns.count) columns"
        }
        if saved.points.count != loss.groups.count { return "\(saved.points.count) point groups, the problem has \(loss.groups.count)" }
        for (g, points) in saved.points.enumerated() where points.count != loss.groups[g].points.count {
            return "point group \(g) has \(points.count / problem.inputs.count) points, the problem draws \(loss.groups[g].points.count / problem.inputs.count)"
        }
        if saved.stage < 0 || saved.stage > problem.training.count { return "stage \(saved.stage) of \(problem.training.count)" }
        if saved.stageStarts.count > problem.training.count || saved.stageStarts.contains(where: { $0 < 0 || $0 > saved.history.count }) {
            return "stage starts \(saved.stageStarts) do not fit \(problem.training.count) stages and \(saved.history.count) iterations"
        }
        if RandomGenerator(state: saved.random) == nil { return "the random-generator state is invalid" }
        if let progress = saved.progress {
            guard saved.stage < problem.training.count else { return "progress saved past the last stage" }
            switch (progress, problem.training[saved.stage]) {
            case (.adam, .adam), (.quasiNewton, .lbfgs), (.quasiNewton, .bfgs), (.lm, .lm): break
            default: return "stage \(saved.stage) progress is for another optimizer"
            }
            let p = theta.count
            func vectorsFit(_ vectors: [[Double]]) -> Bool { vectors.allSatisfy { $0.count == p } }
            func bestFits(_ best: BestIterateState) -> Bool { best.theta.isEmpty || best.theta.count == p }
            let fits: Bool
            switch progress {
            case .adam(let a):
                fits = vectorsFit([a.adam.m, a.adam.v, a.previousTheta]) && a.adam.step >= 0 && a.iteration >= 0
            case .quasiNewton(let q):
                switch q.optimizer {
                case .lbfgs(let o):
                    fits = vectorsFit([o.x, o.g] + o.s + o.y) && o.s.count == o.y.count && o.y.count == o.rho.count && bestFits(q.best)
                case .bfgs(let o, let h, _, _):
                    fits = vectorsFit([o.x, o.g]) && h.storage.count == p * p && h.sigma > 0 && bestFits(q.best)
                }
            case .lm(let l):
                fits = bestFits(l.best) && l.iteration >= 0 && l.damping.damping > 0 && l.damping.growth > 0
            }
            if !fits { return "the saved optimizer state of stage \(saved.stage) does not fit \(p) parameters" }
        }
        return nil
    }

    /// Puts the trainer where `saved` was taken; `train` then continues from there. The
    /// caller checks `mismatch(saved)` first.
    func restore(_ saved: TrainerState) {
        precondition(mismatch(saved) == nil, "Trainer.restore: \(mismatch(saved)!)")
        theta = saved.theta
        weights = saved.weights
        automaticFactors = saved.automaticFactors
        history = saved.history
        rng = RandomGenerator(state: saved.random)!
        for g in loss.groups.indices { loss.groups[g].points = saved.points[g] }
        loss.rebuildItems()
        stageStarts = saved.stageStarts
        stopReasons = saved.stopReasons
        GemmPlan.shared.adopt(saved.gemmPlan)
        resumeStage = saved.stage
        resumeProgress = saved.progress
    }
}
