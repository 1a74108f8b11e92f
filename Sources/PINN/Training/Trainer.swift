import ENNCore
import CSupport
import Foundation

/// What the trainer reports after every iteration (for progress displays).
public struct TrainingEvent: Sendable {
    public var stage: Int
    public var stageName: String
    /// 1-based iteration within the stage.
    public var iteration: Int
    public var stageIterations: Int
    public var loss: Double
    /// Unweighted loss per term, in `Problem.lossTerms` order.
    public var terms: [Double]
    public var learningRate: Double?
}

/// Trains a problem's network through its stages (Adam, L-BFGS, dense BFGS, Levenberg–
/// Marquardt), with resampling, RAD, automatic loss weights and validation (`BestIterate`),
/// recording the loss history. Divergence (a non-finite loss)
/// stops training with `SolveError.diverged`; `theta` then holds the last parameters whose
/// loss was finite.
public final class Trainer {
    public let problem: Problem
    let network: PINNNetwork
    /// Network functions and unknown parameters, after the network's weights in θ.
    let models: EmbeddedModels
    let loss: PINNLoss
    let evaluator: ParallelLossEvaluator
    var rng: RandomGenerator
    let builder: PointGroupBuilder
    /// The parameters: the latest with a finite loss (during L-BFGS and LM, the latest accepted iterate).
    public internal(set) var theta: [Double]
    /// Per-term weights in force: the file's weights × automatic factors.
    public internal(set) var weights: [Double]
    var automaticFactors: [Double]
    /// One row per iteration: the unweighted terms, then the weighted total.
    public internal(set) var history: [[Double]] = []
    public var historyColumns: [String] { problem.lossTerms + ["total"] }
    /// The loss-history rows before each stage begun so far (a stage's first row is the next),
    /// kept in checkpoints so a resumed run still knows where its earlier stages began.
    public internal(set) var stageStarts: [Int] = []
    /// Where `train` starts: set by `restore(_:)` (Trainer+Checkpoint.swift), cleared by `train`.
    var resumeStage = 0
    var resumeProgress: StageProgress?
    /// Asked after every iteration, with the iterations run over all stages, whether a
    /// checkpoint is due (nil: checkpoints only at stage ends and stop requests).
    public var checkpointDue: ((Int) -> Bool)?
    /// Receives the trainer's state for a checkpoint: when `checkpointDue` says so, at the end
    /// of every stage, and when a stop is requested (before `train` throws `interrupted`).
    public var checkpointSink: ((TrainerState) -> Void)?
    /// The seed the trainer was made with (the validation points draw from a stream of their own).
    let seed: UInt64
    /// A tape for forward-only passes on this thread (RAD residuals, predictions).
    lazy var forwardTape = Tape(parameterCount: theta.count)
    /// When set (by SIGINT or SIGTERM after `stopOnSignals()`, or by any thread), training stops after
    /// the current iteration with `SolveError.interrupted`; `train` clears it when it returns,
    /// so a later training in the same process is not stopped by an old request. Under mpirun
    /// a rank reads the stop its training sums agreed on (`Communicator.stopAgreed`), not its
    /// own flag, so every rank stops after the same iteration even when one was signalled.
    public static var stopRequested: Bool {
        get {
            let world = Communicator.world
            return world.isDistributed ? world.stopAgreed : csupport_stop_requested() != 0
        }
        set {
            csupport_set_stop_requested(newValue ? 1 : 0)
            if !newValue { Communicator.world.clearStop() }
        }
    }

    /// Makes SIGINT and SIGTERM request a stop; a second of either ends the process.
    public static func stopOnSignals() { csupport_stop_on_signals() }

    /// The signal that requested the latest stop (2 SIGINT, 15 SIGTERM; 0: none, or a stop
    /// requested by code). Kept after `train` clears `stopRequested`, for the exit code.
    public static var stopSignal: Int32 { csupport_stop_signal() }

    /// `observations`: the data of a problem whose `data` draws from the reference (the
    /// solver passes what it drew; when nil, the trainer evaluates the reference itself).
    public init(problem: Problem, seed: UInt64, threads: Int, chunk: Int = 128, observations: Observations? = nil) throws {
        self.problem = problem
        self.seed = seed
        // Before the network, the points or any optimizer state is allocated.
        try MemoryEstimate(problem: problem, threads: threads).refuseIfTooLarge()
        var rng = RandomGenerator(seed: seed)
        var networkRNG = rng.split(), pointRNG = rng.split()
        network = try PINNNetwork(problem: problem, rng: &networkRNG)
        theta = network.initialParameters(rng: &networkRNG)
        models = EmbeddedModels(problem: problem, networkParameters: theta.count)
        theta += models.initialParameters(rng: &networkRNG)
        var builder = PointGroupBuilder(problem: problem, sampler: SamplerKind(rawValue: problem.points.sampler.rawValue)!)
        builder.observations = try observations ?? ObservationDraw.observations(for: problem)
        self.builder = builder
        loss = PINNLoss(problem: problem, network: network, models: models, groups: builder.groups(rng: &pointRNG), chunk: chunk)
        evaluator = ParallelLossEvaluator(parameterCount: theta.count, threads: threads)
        self.rng = rng
        weights = problem.weights.entries.map(\.value)
        automaticFactors = [Double](repeating: 1, count: problem.lossTerms.count)
    }

    public var parameterCount: Int { theta.count }

    /// Runs every stage in order. `observer` sees each iteration, with `theta` already the
    /// parameters it produced and `history.count` the iterations run so far over all stages;
    /// `stageFinished(s)` is called when stage `s` ends normally, with `theta` its final
    /// parameters (not for a stage that stops by divergence or interruption).
    /// After `restore(_:)`, training starts at the saved stage and continues its progress.
    public func train(observer: (TrainingEvent) -> Void, stageFinished: (Int) -> Void = { _ in }) throws {
        defer { Trainer.stopRequested = false }
        let first = resumeStage
        let progress = resumeProgress
        resumeStage = 0
        resumeProgress = nil
        for (s, stage) in problem.training.enumerated() where s >= first {
            let resume = s == first ? progress : nil
            if stageStarts.count == s { stageStarts.append(history.count) } // (a resumed stage has its start)
            switch stage {
            case .adam(let spec): try runAdam(spec, stage: s, resume: resume, observer: observer)
            case .lbfgs(let spec): try runLBFGS(spec, stage: s, resume: resume, observer: observer)
            case .bfgs(let spec): try runBFGS(spec, stage: s, resume: resume, observer: observer)
            case .lm(let spec): try runLM(spec, stage: s, resume: resume, observer: observer)
            }
            stageFinished(s)
            offerCheckpoint(stage: s + 1, force: true, nil)
        }
    }

    /// Loss terms and total at the current θ.
    public func currentLoss() -> (total: Double, terms: [Double]) {
        let e = loss.evaluate(theta, weights: weights, gradient: nil, evaluator: evaluator)
        return (e.total, e.terms)
    }

    /// One loss + gradient evaluation at θ (timed by `pinn-solve bench`).
    public func evaluateGradient(into gradient: inout [Double]) -> Double {
        gradient.withUnsafeMutableBufferPointer { g in
            loss.evaluate(theta, weights: weights, gradient: g.baseAddress!, evaluator: evaluator).total
        }
    }

    /// One Adam iteration at fixed learning rate (for benchmarks).
    public func benchmarkStep(adam: inout Adam, gradient: inout [Double]) {
        _ = evaluateGradient(into: &gradient)
        adam.update(&theta, gradient: gradient)
    }

    private func runAdam(_ spec: AdamStageSpec, stage s: Int, resume: StageProgress?, observer: (TrainingEvent) -> Void) throws {
        var adam = Adam(parameterCount: theta.count, learningRate: spec.learningRate, schedule: schedule(spec.schedule),
                        beta1: spec.betas[0], beta2: spec.betas[1])
        var gradient = [Double](repeating: 0, count: theta.count)
        var lastGood = Double.nan
        // θ before the latest step: when the step lands where the loss is not finite, θ goes
        // back to it, so the result keeps parameters whose loss was finite (copied in place,
        // no allocation per iteration).
        var previousTheta = theta
        var start = 0
        if case .adam(let saved)? = resume {
            adam.state = saved.adam
            previousTheta = saved.previousTheta
            lastGood = saved.lastGoodLoss
            start = saved.iteration
        }
        for i in start..<max(start, spec.iterations) {
            // Before iteration i, everything Adam carries is in these locals.
            let stop = Trainer.stopRequested
            offerCheckpoint(stage: s, force: stop, .adam(AdamProgress(iteration: i, adam: adam.state, previousTheta: previousTheta,
                                                                      lastGoodLoss: lastGood)))
            if stop { throw SolveError.interrupted(stage: "adam", iteration: i) }
            if i > 0, problem.points.resampleEvery > 0, i % problem.points.resampleEvery == 0 { resample() }
            if let auto = problem.autoWeights, i % auto.every == 0 { updateAutomaticWeights(auto) }
            let lr = adam.currentLearningRate
            let e = gradient.withUnsafeMutableBufferPointer { g in
                loss.evaluate(theta, weights: weights, gradient: g.baseAddress!, evaluator: evaluator)
            }
            guard e.total.isFinite, gradient.allSatisfy(\.isFinite) else {
                if i > 0 { theta = previousTheta }
                throw SolveError.diverged(stage: "adam", iteration: i + 1, lastGoodLoss: lastGood)
            }
            lastGood = e.total
            history.append(e.terms + [e.total])
            _ = previousTheta.withUnsafeMutableBufferPointer { $0.update(fromContentsOf: theta) }
            adam.update(&theta, gradient: gradient)
            observer(TrainingEvent(stage: s, stageName: "adam", iteration: i + 1, stageIterations: spec.iterations,
                                   loss: e.total, terms: e.terms, learningRate: lr))
        }
    }

    private func runLBFGS(_ spec: LBFGSStageSpec, stage s: Int, resume: StageProgress?, observer: (TrainingEvent) -> Void) throws {
        var options = LBFGS.Options()
        options.historySize = spec.history
        options.gradientTolerance = spec.toleranceGrad
        options.functionTolerance = spec.toleranceChange
        try runQuasiNewton(name: "lbfgs", iterations: spec.iterations, maxEvaluations: spec.maxEvaluations,
                           resampleEvery: spec.resampleEvery, keepBest: spec.keepBest, stage: s, resume: resume,
                           observer: observer) { theta, iterations, evaluations, objective, saved, callback in
            options.maxIterations = iterations
            options.maxEvaluations = evaluations
            let optimizer = LBFGS(options: options)
            let report = { (state: LBFGS.State) in callback(state.iteration, state.f, state.x) { .lbfgs(state) } }
            let r: LBFGS.Result
            if case .lbfgs(let state)? = saved {
                r = optimizer.minimize(continuing: state, objective: objective, callback: report)
            } else {
                r = optimizer.minimize(from: theta, objective: objective, callback: report)
            }
            return QuasiNewtonSegment(x: r.x, f: r.f, iterations: r.iterations, evaluations: r.evaluations, reason: r.reason)
        }
    }

    /// Dense self-scaled BFGS; H is allocated once for the stage and carries over resamplings.
    private func runBFGS(_ spec: BFGSStageSpec, stage s: Int, resume: StageProgress?, observer: (TrainingEvent) -> Void) throws {
        var options = DenseBFGS.Options()
        options.variant = DenseBFGS.Variant(rawValue: spec.variant.rawValue)!
        options.gradientTolerance = spec.toleranceGrad
        options.functionTolerance = spec.toleranceChange
        let inverseHessian = DenseInverseHessian(dimension: theta.count)
        var skipped = 0, restarts = 0
        try runQuasiNewton(name: "bfgs", iterations: spec.iterations, maxEvaluations: spec.maxEvaluations,
                           resampleEvery: spec.resampleEvery, keepBest: spec.keepBest, stage: s, resume: resume,
                           observer: observer) { theta, iterations, evaluations, objective, saved, callback in
            options.maxIterations = iterations
            options.maxEvaluations = evaluations
            let optimizer = DenseBFGS(options: options)
            let report = { (state: DenseBFGS.State) in
                callback(state.iteration, state.f, state.x) { .bfgs(state, inverseHessian.snapshot(), skippedBefore: skipped, restartsBefore: restarts) }
            }
            let r: DenseBFGS.Result
            if case .bfgs(let state, let h, let skippedBefore, let restartsBefore)? = saved {
                inverseHessian.restore(h)
                skipped = skippedBefore
                restarts = restartsBefore
                r = optimizer.minimize(continuing: state, objective: objective, inverseHessian: inverseHessian, callback: report)
            } else {
                r = optimizer.minimize(from: theta, objective: objective, inverseHessian: inverseHessian, callback: report)
            }
            skipped += r.skippedUpdates
            restarts += r.restarts
            return QuasiNewtonSegment(x: r.x, f: r.f, iterations: r.iterations, evaluations: r.evaluations, reason: r.reason,
                                      note: "\(skipped) updates skipped, \(restarts) restarts")
        }
    }

    /// What one quasi-Newton run between resamplings reports.
    private struct QuasiNewtonSegment {
        var x: [Double]
        var f: Double
        var iterations: Int
        var evaluations: Int
        var reason: QuasiNewtonStopReason
        /// Appended to the stop reason in the summary.
        var note = ""
    }

    /// A quasi-Newton stage: segments between resamplings (one segment when the points stay
    /// fixed), each a run of `segment(θ, iterations, evaluations, objective, callback)` from
    /// the current parameters; history, observer events, divergence, interrupts and checkpoints.
    /// A segment is given the optimizer state to continue from when resuming (else nil), and
    /// its callback (iteration in the segment, f, x, the optimizer's state when a checkpoint
    /// wants it) runs after every accepted step with `theta` the accepted iterate.
    private func runQuasiNewton(
        name: String, iterations: Int, maxEvaluations: Int?, resampleEvery: Int, keepBest: Bool, stage s: Int,
        resume: StageProgress?, observer: (TrainingEvent) -> Void,
        segment: ([Double], Int, Int?, ([Double], inout [Double]) -> Double, QuasiNewtonOptimizerState?,
                  (Int, Double, [Double], () -> QuasiNewtonOptimizerState) -> Bool) -> QuasiNewtonSegment
    ) throws {
        var lastTerms = [Double](repeating: .nan, count: problem.lossTerms.count)
        let objective: ([Double], inout [Double]) -> Double = { x, g in
            let e = g.withUnsafeMutableBufferPointer { gp in
                self.loss.evaluate(x, weights: self.weights, gradient: gp.baseAddress!, evaluator: self.evaluator)
            }
            lastTerms = e.terms
            // A non-finite trial step is rejected by the line search (it backtracks).
            return e.total.isFinite && g.allSatisfy(\.isFinite) ? e.total : .infinity
        }
        let length = resampleEvery > 0 ? resampleEvery : iterations
        var done = 0, evaluationsLeft = maxEvaluations ?? Int.max
        var reason = "no iterations"
        var best = BestIterate(tracking: keepBest)
        var saved: QuasiNewtonOptimizerState? = nil
        if case .quasiNewton(let progress)? = resume {
            done = progress.segmentStart
            evaluationsLeft = progress.evaluationsLeft
            best = BestIterate(tracking: keepBest, restoring: progress.best)
            saved = progress.optimizer
        }
        while done < iterations {
            if done > 0, saved == nil { // (a resumed segment has its points already)
                best.consider(self, iteration: done)
                resample()
            }
            var interrupted = false
            let offset = done, segmentEvaluations = evaluationsLeft
            // (The callback calls `observer` only while `segment` runs.)
            let result = withoutActuallyEscaping(observer) { observer in
                segment(theta, min(length, iterations - done), maxEvaluations.map { _ in evaluationsLeft }, objective, saved) { iteration, f, x, optimizerState in
                    self.theta = x // the accepted iterate (finite f), so observers (the error history) see the current parameters
                    self.history.append(lastTerms + [f])
                    observer(TrainingEvent(stage: s, stageName: name, iteration: offset + iteration,
                                           stageIterations: iterations, loss: f, terms: lastTerms, learningRate: nil))
                    interrupted = Trainer.stopRequested
                    self.offerCheckpoint(stage: s, force: interrupted, .quasiNewton(QuasiNewtonProgress(
                        segmentStart: offset, evaluationsLeft: segmentEvaluations, best: best.state, optimizer: optimizerState())))
                    return !interrupted
                }
            }
            saved = nil
            if result.f.isFinite { theta = result.x }
            reason = result.reason.description + (result.note.isEmpty ? "" : " (\(result.note))")
            if case .nonFiniteObjective = result.reason {
                throw SolveError.diverged(stage: name, iteration: done, lastGoodLoss: history.last?.last ?? .nan)
            }
            if interrupted { throw SolveError.interrupted(stage: name, iteration: done + result.iterations) }
            done += max(result.iterations, 1)
            evaluationsLeft -= result.evaluations
            // Fixed points: one run. Resampling: a segment that converged early on its point
            // set still goes on with new points, until the iterations or evaluations run out.
            if resampleEvery == 0 || evaluationsLeft <= 0 { break }
        }
        best.consider(self, iteration: done)
        stopReasons[s] = reason + best.restore(self, lastIteration: done)
    }

    /// Why each L-BFGS, BFGS or LM stage stopped, by stage index (for the summary).
    public internal(set) var stopReasons: [Int: String] = [:]

    private func schedule(_ s: ScheduleSpec) -> LearningRateSchedule {
        switch s {
        case .constant: return .constant
        case .exponential(let rate, let every): return .exponential(rate: rate, every: every)
        case .step(let rate, let every): return .step(rate: rate, every: every)
        }
    }

    /// Draws every group's points again; the interior by RAD when the file asks for it.
    func resample() {
        for g in loss.groups.indices where !loss.groups[g].isFixed {
            let group = loss.groups[g]
            let n = builder.count(of: group)
            if case .interior = group.role, let rad = problem.points.rad, let m = problem.radCandidates {
                let candidates = builder.draw(group, count: m, rng: &rng)
                let r = loss.residualMagnitudes(at: candidates, theta: theta, tape: forwardTape)
                guard r.allSatisfy(\.isFinite) else { continue } // divergence is caught by the next step
                loss.groups[g].points = radResample(candidates: candidates, dimension: problem.inputs.count, residuals: r,
                                                    k: rad.k, c: rad.c, count: n, rng: &rng)
            } else {
                loss.groups[g].points = builder.draw(group, count: n, rng: &rng)
            }
        }
        loss.rebuildItems()
    }

    /// Learning-rate annealing by gradient statistics (see `AutoWeightsSpec`): λ ← αλ + (1−α)λ̂.
    private func updateAutomaticWeights(_ auto: AutoWeightsSpec) {
        let t = problem.lossTerms.count
        var gradients: [[Double]] = []
        for k in 0..<t {
            var oneHot = [Double](repeating: 0, count: t)
            oneHot[k] = 1
            var g = [Double](repeating: 0, count: theta.count)
            _ = g.withUnsafeMutableBufferPointer { gp in loss.evaluate(theta, weights: oneHot, gradient: gp.baseAddress!, evaluator: evaluator) }
            gradients.append(g)
        }
        let residualTerms = problem.residuals.count
        var target = [Double](repeating: 1, count: t)
        switch auto.method {
        case .gradNorm:
            let norms = gradients.map { max(($0.reduce(0) { $0 + $1 * $1 }).squareRoot(), 1e-300) }
            let sum = norms.reduce(0, +)
            target = norms.map { sum / $0 }
        case .maxMean:
            let maxResidual = gradients.prefix(residualTerms).flatMap { $0 }.reduce(0) { max($0, Swift.abs($1)) }
            for k in residualTerms..<t {
                let mean = gradients[k].reduce(0) { $0 + Swift.abs($1) } / Double(theta.count)
                target[k] = maxResidual / max(mean, 1e-300)
            }
        }
        for k in 0..<t where target[k].isFinite {
            automaticFactors[k] = auto.alpha * automaticFactors[k] + (1 - auto.alpha) * target[k]
        }
        weights = zip(problem.weights.entries.map(\.value), automaticFactors).map { $0 * $1 }
    }

    /// Derivatives of the outputs (after hard transforms) at `points` ([N × inputs]) by jets,
    /// as [symbol][point]; e.g. `derivatives(at: pts, of: [u_x, u_xx])`.
    public func derivatives(at points: [Double], of symbols: [DerivativeSymbol]) -> [[Double]] {
        let d = problem.inputs.count
        let layout = JetLayout(inputCount: d, requested: symbols.map { Partial($0.inputIndices(in: problem.inputs)) })
        let tape = forwardTape
        return theta.withUnsafeBufferPointer { th in
            tape.begin(parameters: th.baseAddress!)
            let (_, outputs) = network.outputs(on: tape, points: points, layout: layout)
            return symbols.map { s in
                tape.value(tape.component(outputs[problem.outputs.firstIndex(of: s.output)!], Partial(s.inputIndices(in: problem.inputs))))
            }
        }
    }

    /// The trained outputs at `points` ([N × inputs]), value only, as [output][point].
    ///
    /// Chunks of 2048 points are spread over the evaluator's threads; a point's value does
    /// not depend on the thread count (the chunks are the same).
    public func predict(points: [Double]) -> [[Double]] {
        let d = problem.inputs.count, n = points.count / d, outputCount = problem.outputs.count
        let ranges = ParallelLossEvaluator.chunks(count: n, chunk: 2048)
        let layout = JetLayout.valueOnly(inputCount: d)
        let flat = UnsafeMutableBufferPointer<Double>.allocate(capacity: outputCount * n)
        defer { flat.deallocate() }
        let network = network
        theta.withUnsafeBufferPointer { th in
            evaluator.forEach(items: ranges.count) { tape, item in
                let range = ranges[item]
                tape.begin(parameters: th.baseAddress!)
                let (_, outputs) = network.outputs(on: tape, points: Array(points[(d * range.lowerBound)..<(d * range.upperBound)]),
                                                   layout: layout)
                for (o, v) in outputs.enumerated() {
                    let values = tape.value(v)
                    for (i, value) in values.enumerated() { flat[o * n + range.lowerBound + i] = value }
                }
            }
        }
        return (0..<outputCount).map { o in Array(flat[(o * n)..<((o + 1) * n)]) }
    }
}
