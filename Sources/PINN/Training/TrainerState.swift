import ENNCore

/// Everything a `Trainer` carries between iterations, as plain values: what a checkpoint
/// holds so that a resumed run continues, bit for bit, as the run it was taken from.
///
/// Taken only at iteration boundaries: inside a stage after an accepted step (or, for
/// Adam, before the next iteration), or at the start of stage `stage` with `progress` nil.
public struct TrainerState: Sendable {
    /// The stage to run or continue (== the number of stages when training is complete).
    public var stage: Int
    /// Where that stage stood (nil: at its start).
    public var progress: StageProgress?
    public var theta: [Double]
    /// Weights in force and the automatic factors behind them.
    public var weights: [Double]
    public var automaticFactors: [Double]
    /// The loss history rows so far (terms, then total).
    public var history: [[Double]]
    /// The resampling generator (`RandomGenerator.state`).
    public var random: [UInt64]
    /// The points of every point group, in the trainer's group order.
    public var points: [[Double]]
    /// `Trainer.stageStarts`.
    public var stageStarts: [Int]
    /// Why finished stages stopped, by stage index.
    public var stopReasons: [Int: String]
    /// The matrix-product plan's choices (`GemmPlan.plannedEntries`): a resumed run adopts
    /// them so that each product runs on the same kernel and rounds the same.
    public var gemmPlan: [(shapeClass: Int, choice: UInt8)]

    /// The global iteration the state follows (loss-history rows).
    public var iterations: Int { history.count }
}

/// Where a stage stood when the state was taken inside it.
public enum StageProgress: Sendable {
    case adam(AdamProgress)
    case quasiNewton(QuasiNewtonProgress)
    case lm(LMProgress)
}

/// An Adam stage before its iteration `iteration` (0-based).
public struct AdamProgress: Sendable {
    public var iteration: Int
    public var adam: Adam.State
    /// θ before the latest step (restored if the next step diverges) and the latest finite loss.
    public var previousTheta: [Double]
    public var lastGoodLoss: Double
}

/// The lowest-validation-loss iterate kept so far (`BestIterate`).
public struct BestIterateState: Sendable {
    public var loss: Double
    public var theta: [Double]
    public var iteration: Int
}

/// An L-BFGS or dense BFGS stage inside a segment between resamplings.
public struct QuasiNewtonProgress: Sendable {
    /// Stage iterations before the current segment.
    public var segmentStart: Int
    /// Objective evaluations left when the segment started (Int.max without a limit).
    public var evaluationsLeft: Int
    public var best: BestIterateState
    public var optimizer: QuasiNewtonOptimizerState
}

public enum QuasiNewtonOptimizerState: Sendable {
    case lbfgs(LBFGS.State)
    /// The loop's state, H, and the skipped updates and restarts of earlier segments.
    case bfgs(DenseBFGS.State, DenseInverseHessian.Snapshot, skippedBefore: Int, restartsBefore: Int)
}

/// A Levenberg–Marquardt stage after `iteration` iterations of the segment starting at
/// `segmentStart`.
public struct LMProgress: Sendable {
    public var segmentStart: Int
    public var iteration: Int
    public var damping: LevenbergMarquardt.State
    public var best: BestIterateState
}
