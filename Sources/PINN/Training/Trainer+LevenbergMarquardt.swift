import ENNCore
import Foundation

extension Trainer {
    /// A Levenberg–Marquardt stage: segments of `resample_every` iterations on one point set
    /// (RAD between them when the file asks for it), the damping carried across segments.
    func runLM(_ spec: LMStageSpec, stage s: Int, resume: StageProgress?, observer: (TrainingEvent) -> Void) throws {
        var options = LevenbergMarquardt.Options()
        options.initialDamping = spec.damping
        options.scaling = LevenbergMarquardt.Scaling(rawValue: spec.scaling) ?? .identity
        options.gradientTolerance = spec.toleranceGrad
        options.choleskyThreads = evaluator.threadCount
        let builder = NormalEquationsBuilder(evaluator: evaluator)
        var lastTerms = [Double](repeating: .nan, count: problem.lossTerms.count)
        let normalEquations = { (x: [Double], a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>) -> Double in
            let e = self.loss.normalEquations(x, weights: self.weights, matrix: a, rhs: b, builder: builder)
            lastTerms = e.terms
            return e.total
        }
        let lossOnly = { (x: [Double]) -> Double in
            let e = self.loss.evaluate(x, weights: self.weights, gradient: nil, evaluator: self.evaluator)
            return e.total.isFinite ? e.total : .infinity
        }
        let segment = spec.resampleEvery > 0 ? spec.resampleEvery : spec.iterations
        var done = 0
        var state: LevenbergMarquardt.State? = nil
        var reason = "no iterations"
        var best = BestIterate(tracking: spec.keepBest)
        // Iterations of the current segment already run (nonzero only when resuming inside one:
        // the LM loop carries nothing between iterations besides θ and the damping state, and
        // recomputes JᵀJ, Jᵀr at θ when it starts).
        var within = 0
        if case .lm(let progress)? = resume {
            done = progress.segmentStart
            within = progress.iteration
            state = progress.damping
            best = BestIterate(tracking: spec.keepBest, restoring: progress.best)
        }
        while done < spec.iterations {
            if done > 0, within == 0 {
                best.consider(self, iteration: done)
                resample()
            }
            options.maxIterations = min(segment, spec.iterations - done) - within
            var interrupted = false
            let offset = done, before = within
            let result = LevenbergMarquardt(options: options).minimize(
                from: theta, state: state, normalEquations: normalEquations, loss: lossOnly
            ) { iteration, f, damping, x in
                self.theta = x // the accepted iterate, so observers (the error history) see the current parameters
                self.history.append(lastTerms + [f])
                observer(TrainingEvent(stage: s, stageName: "lm", iteration: offset + before + iteration,
                                       stageIterations: spec.iterations, loss: f, terms: lastTerms, learningRate: nil))
                interrupted = Trainer.stopRequested
                // After an accepted step the growth factor is back at 2 (see LevenbergMarquardt).
                self.offerCheckpoint(stage: s, force: interrupted, .lm(LMProgress(
                    segmentStart: offset, iteration: before + iteration,
                    damping: LevenbergMarquardt.State(damping: damping, growth: 2), best: best.state)))
                return !interrupted
            }
            if result.f.isFinite { theta = result.x }
            state = result.state
            reason = result.reason.description
            if case .nonFiniteObjective = result.reason {
                throw SolveError.diverged(stage: "lm", iteration: done, lastGoodLoss: history.last?.last ?? .nan)
            }
            if interrupted { throw SolveError.interrupted(stage: "lm", iteration: done + before + result.iterations) }
            done += max(before + result.iterations, 1)
            within = 0
            if case .dampingLimit = result.reason, spec.resampleEvery == 0 { break }
            if case .gradientTolerance = result.reason { break }
        }
        best.consider(self, iteration: done)
        stopReasons[s] = reason + best.restore(self, lastIteration: done)
    }
}
