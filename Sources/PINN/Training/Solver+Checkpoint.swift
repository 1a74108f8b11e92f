import ENNCore
import Foundation

/// Where and how often `Solver.train` writes checkpoints.
public struct CheckpointSettings: Sendable {
    /// NAME.checkpoint.h5 beside the results (`CheckpointFile.url`).
    public var url: URL
    /// A checkpoint each `seconds` of wall time since the last and each time the global
    /// iteration is a multiple of `iterations` (0 turns a rule off); always at every stage
    /// end and when a stop is requested.
    public var cadence: ErrorCadenceSpec

    public init(url: URL, cadence: ErrorCadenceSpec) {
        self.url = url
        self.cadence = cadence
    }
}

/// Checkpoints written during one `train`: count, time spent, size of the last, and the
/// latest failure to write one (training goes on; the previous checkpoint stays).
public struct CheckpointLog: Sendable {
    public var count = 0
    public var seconds = 0.0
    public var lastBytes = 0
    /// Where the latest checkpoint stands ("stage 3 of 3 (bfgs), iteration …").
    public var lastPosition = ""
    public var failure: String?
}

extension Solver {
    /// Wall seconds of this run, those of the run it resumes included.
    public var elapsedSeconds: Double { resumedSeconds + Date().timeIntervalSince(startDate) }

    /// Continues the run `checkpoint` was taken from: refuses (throws `CheckpointFile.Failure`)
    /// one made from another problem text, pinn-solve version, seed or thread count, or
    /// whose contents do not fit this problem; otherwise restores the trainer, the error and
    /// parameter histories and the elapsed time, and `train` continues from there.
    public func resume(from checkpoint: Checkpoint, path: String) throws {
        func refuse(_ why: String) -> CheckpointFile.Failure {
            CheckpointFile.Failure(message: "\(path): \(why); delete it, or run without --resume to start afresh")
        }
        guard checkpoint.problemText == problemText else {
            throw refuse("made from a different problem text (fingerprint \(Checkpoint.fingerprint(checkpoint.problemText)), "
                         + "\(problem.file) now has \(Checkpoint.fingerprint(problemText)))")
        }
        guard checkpoint.version == Solver.version else {
            throw refuse("made by pinn-solve \(checkpoint.version), this is \(Solver.version)")
        }
        guard checkpoint.seed == seed, checkpoint.threads == threads else {
            throw CheckpointFile.Failure(message: "\(path): made with --seed \(checkpoint.seed) --threads \(checkpoint.threads); "
                                         + "resume with the same (given --seed \(seed) --threads \(threads))")
        }
        guard checkpoint.ranks == Communicator.world.size else {
            throw CheckpointFile.Failure(message: "\(path): made by \(checkpoint.ranks) MPI rank(s), this run has "
                                         + "\(Communicator.world.size); resume with mpirun -np \(checkpoint.ranks)")
        }
        if let mismatch = trainer.mismatch(checkpoint.trainer) { throw refuse("does not fit this problem: \(mismatch)") }
        trainer.restore(checkpoint.trainer)
        parameterHistory = checkpoint.parameterHistory
        resumedSeconds = checkpoint.elapsedSeconds
        resumedCheckpoint = checkpoint
    }

    /// "stage 3 of 3 (bfgs), iteration 1200 of 30000 (…)" for a checkpoint of this problem.
    public func position(of checkpoint: Checkpoint) -> String {
        checkpoint.position(stages: problem.training.map(\.optimizer.rawValue), iterations: problem.training.map(\.iterations))
    }

    /// Connects the trainer's checkpoint hooks to `checkpointing` (without it, leaves them as
    /// they are: tests set them directly).
    func installCheckpointing() {
        checkpointLog = CheckpointLog()
        guard let settings = checkpointing else { return }
        let clock = { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
        var lastTime = clock(), lastIterations = trainer.history.count
        trainer.checkpointDue = { iterations in
            guard iterations > lastIterations else { return false }
            if settings.cadence.iterations > 0, iterations % settings.cadence.iterations == 0 { return true }
            return settings.cadence.seconds > 0 && clock() - lastTime >= settings.cadence.seconds
        }
        trainer.checkpointSink = { [unowned self] state in
            self.writeCheckpoint(state, to: settings.url)
            lastTime = clock()
            lastIterations = state.iterations
        }
    }

    /// Clears the hooks `installCheckpointing` set (they hold the solver: no cycle outlives `train`).
    func removeCheckpointing() {
        guard checkpointing != nil else { return }
        trainer.checkpointDue = nil
        trainer.checkpointSink = nil
    }

    /// The trainer's `state` with what the solver adds (histories, elapsed time) and what the
    /// run was made from.
    public func makeCheckpoint(_ state: TrainerState) -> Checkpoint {
        Checkpoint(trainer: state, problemText: problemText, version: Solver.version, seed: seed, threads: threads,
                   ranks: Communicator.world.size, elapsedSeconds: elapsedSeconds, errorRows: errorRecorder?.rows ?? [],
                   errorEvaluationSeconds: errorRecorder?.evaluationSeconds ?? 0, parameterHistory: parameterHistory)
    }

    /// Writes the state with everything the solver adds; a failure is logged, not thrown, so
    /// training goes on and the previous checkpoint stays in place.
    func writeCheckpoint(_ state: TrainerState, to url: URL) {
        let started = Date()
        let checkpoint = makeCheckpoint(state)
        do {
            try CheckpointFile.write(checkpoint, to: url)
            checkpointLog.count += 1
            checkpointLog.lastBytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            checkpointLog.lastPosition = position(of: checkpoint)
        } catch {
            checkpointLog.failure = "writing the checkpoint \(url.path) failed: \(error)"
        }
        checkpointLog.seconds += Date().timeIntervalSince(started)
    }
}
