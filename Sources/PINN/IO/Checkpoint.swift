import Foundation

/// A run saved to continue later: the trainer's state (`TrainerState`) and what the solver
/// adds around it, with what the run was made from (problem text, tool version, seed,
/// threads), so that `pinn-solve FILE --resume` can refuse a checkpoint of another run.
/// Written as NAME.checkpoint.h5 by `CheckpointFile` (layout in README.md, "Checkpoints").
public struct Checkpoint: Sendable {
    public var trainer: TrainerState
    /// The problem file's text, byte for byte, and the pinn-solve version that wrote it.
    public var problemText: String
    public var version: String
    public var seed: UInt64
    public var threads: Int
    /// MPI ranks of the run (1 without MPI): the sums over ranks round differently per count.
    public var ranks: Int
    /// Training wall time before the checkpoint (added to the resumed run's).
    public var elapsedSeconds: Double
    /// The error history rows and the time spent computing them (`ErrorRecorder`).
    public var errorRows: [[Double]]
    public var errorEvaluationSeconds: Double
    /// Rows [iteration, unknowns…] of an inverse problem (`Solver.parameterHistory`).
    public var parameterHistory: [[Double]]

    public init(trainer: TrainerState, problemText: String, version: String, seed: UInt64, threads: Int, ranks: Int = 1,
                elapsedSeconds: Double, errorRows: [[Double]], errorEvaluationSeconds: Double, parameterHistory: [[Double]]) {
        self.trainer = trainer; self.problemText = problemText; self.version = version; self.seed = seed
        self.threads = threads; self.ranks = ranks; self.elapsedSeconds = elapsedSeconds; self.errorRows = errorRows
        self.errorEvaluationSeconds = errorEvaluationSeconds; self.parameterHistory = parameterHistory
    }

    /// FNV-1a (64 bit) of the problem text's UTF-8 bytes, in hex: shown in messages; the
    /// check itself compares the whole text.
    public static func fingerprint(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(format: "%016llx", h)
    }

    /// Where the run stands, for messages: "stage 3 (bfgs), iteration 1200 of 30000".
    public func position(stages: [String], iterations: [Int]) -> String {
        let s = trainer.stage
        guard s < stages.count else { return "the end of training (all \(stages.count) stages done)" }
        let done: Int
        switch trainer.progress {
        case nil: done = 0
        case .adam(let p)?: done = p.iteration
        case .quasiNewton(let p)?:
            switch p.optimizer {
            case .lbfgs(let o): done = p.segmentStart + o.iteration
            case .bfgs(let o, _, _, _): done = p.segmentStart + o.iteration
            }
        case .lm(let p)?: done = p.segmentStart + p.iteration
        }
        return "stage \(s + 1) of \(stages.count) (\(stages[s])), iteration \(done) of \(iterations[s])"
            + " (\(trainer.iterations) iterations in all)"
    }
}
