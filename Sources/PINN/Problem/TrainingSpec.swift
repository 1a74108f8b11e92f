import Foundation

/// One training stage; stages run in order, each starting from where the last one ended.
///
/// `{"optimizer": "adam", "iterations": 20000, "lr": 1e-3,
///   "schedule": {"kind": "exponential", "rate": 0.9, "every": 1000}}`
/// `{"optimizer": "lbfgs", "iterations": 5000, "history": 50, "tolerance_grad": 1e-9}`
/// `{"optimizer": "bfgs", "iterations": 5000, "variant": "ssbfgs"}`
public enum TrainingStageSpec: Codable, Equatable, Sendable {
    case adam(AdamStageSpec)
    case lbfgs(LBFGSStageSpec)
    case bfgs(BFGSStageSpec)
    case lm(LMStageSpec)

    /// Optimizer names.
    public enum Optimizer: String, SpecEnum {
        case adam, lbfgs, bfgs, lm
    }

    public var optimizer: Optimizer {
        switch self {
        case .adam: return .adam
        case .lbfgs: return .lbfgs
        case .bfgs: return .bfgs
        case .lm: return .lm
        }
    }

    /// The stage's iteration budget.
    public var iterations: Int {
        switch self {
        case .adam(let s): return s.iterations
        case .lbfgs(let s): return s.iterations
        case .bfgs(let s): return s.iterations
        case .lm(let s): return s.iterations
        }
    }

    enum OptimizerKey: String, CodingKey, CaseIterable { case optimizer }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: OptimizerKey.self)
        switch try c.decode(Optimizer.self, forKey: .optimizer) {
        case .adam: self = .adam(try AdamStageSpec(from: decoder))
        case .lbfgs: self = .lbfgs(try LBFGSStageSpec(from: decoder))
        case .bfgs: self = .bfgs(try BFGSStageSpec(from: decoder))
        case .lm: self = .lm(try LMStageSpec(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: OptimizerKey.self)
        try c.encode(optimizer, forKey: .optimizer)
        switch self {
        case .adam(let s): try s.encode(to: encoder)
        case .lbfgs(let s): try s.encode(to: encoder)
        case .bfgs(let s): try s.encode(to: encoder)
        case .lm(let s): try s.encode(to: encoder)
        }
    }
}

/// Adam (Kingma & Ba, arXiv:1412.6980) with a learning-rate schedule.
public struct AdamStageSpec: Codable, Equatable, Sendable {
    public var iterations: Int
    /// Initial learning rate (key `lr`). Default 1e-3.
    public var learningRate: Double
    /// β₁, β₂. Default `[0.9, 0.999]`.
    public var betas: [Double]
    /// Default: constant.
    public var schedule: ScheduleSpec

    public init(iterations: Int, learningRate: Double = 1e-3, betas: [Double] = [0.9, 0.999],
                schedule: ScheduleSpec = .constant) {
        self.iterations = iterations
        self.learningRate = learningRate
        self.betas = betas
        self.schedule = schedule
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case optimizer, iterations, learningRate = "lr", betas, schedule
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        iterations = try c.decode(Int.self, forKey: .iterations)
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? 1e-3
        betas = try c.decodeIfPresent([Double].self, forKey: .betas) ?? [0.9, 0.999]
        schedule = try c.decodeIfPresent(ScheduleSpec.self, forKey: .schedule) ?? .constant
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(learningRate, forKey: .learningRate)
        try c.encode(betas, forKey: .betas)
        try c.encode(schedule, forKey: .schedule)
    }
}

/// A learning-rate schedule; `lr₀` is the stage's `lr`, `i` the iteration within the stage.
/// The kinds match ENNCore's `LearningRateSchedule`.
public enum ScheduleSpec: Codable, Equatable, Sendable {
    /// lr = lr₀.
    case constant
    /// lr = lr₀ · rate^(i/every), a smooth decay: `{"kind": "exponential", "rate": 0.9, "every": 1000}`.
    case exponential(rate: Double, every: Int)
    /// lr = lr₀ · rate^⌊i/every⌋, a staircase: `{"kind": "step", "rate": 0.5, "every": 5000}`.
    case step(rate: Double, every: Int)

    public enum Kind: String, SpecEnum {
        case constant, exponential, step
    }

    public var kind: Kind {
        switch self {
        case .constant: return .constant
        case .exponential: return .exponential
        case .step: return .step
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, rate, every
    }

    public init(from decoder: Decoder) throws {
        let probe = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try probe.decode(Kind.self, forKey: .kind)
        let allowed: [CodingKeys] = kind == .constant ? [.kind] : [.kind, .rate, .every]
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self, allowed: allowed) { key in
            CodingKeys(rawValue: key) == nil ? "unknown key" : "key not used by schedule kind '\(kind.rawValue)'"
        }
        switch kind {
        case .constant: self = .constant
        case .exponential:
            self = .exponential(rate: try c.decode(Double.self, forKey: .rate), every: try c.decode(Int.self, forKey: .every))
        case .step:
            self = .step(rate: try c.decode(Double.self, forKey: .rate), every: try c.decode(Int.self, forKey: .every))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch self {
        case .constant: break
        case .exponential(let rate, let every), .step(let rate, let every):
            try c.encode(rate, forKey: .rate)
            try c.encode(every, forKey: .every)
        }
    }

    /// The learning rate at iteration `i` (from 0) of a stage starting from `lr0`.
    public func learningRate(_ lr0: Double, iteration i: Int) -> Double {
        switch self {
        case .constant: return lr0
        case .exponential(let rate, let every): return lr0 * Foundation.pow(rate, Double(i) / Double(every))
        case .step(let rate, let every): return lr0 * Foundation.pow(rate, Double(i / every))
        }
    }
}

/// L-BFGS with a strong-Wolfe line search (Nocedal & Wright, Numerical Optimization, 2nd ed.,
/// algorithms 7.4 and 3.5); the fields map onto ENNCore's `LBFGS.Options`. It stops after
/// `iterations`, after `max_evaluations` loss evaluations, when the gradient's ∞-norm falls to
/// `tolerance_grad`, or when the loss changes by at most `tolerance_change` · max(1, |loss|)
/// on two consecutive steps.
public struct LBFGSStageSpec: Codable, Equatable, Sendable {
    public var iterations: Int
    /// Stored curvature pairs. Default 50.
    public var history: Int
    /// Key `tolerance_grad`. Default 1e-10.
    public var toleranceGrad: Double
    /// Key `tolerance_change` (relative). Default 1e-15.
    public var toleranceChange: Double
    /// Key `max_evaluations`, line-search trials included (default: the optimizer's own,
    /// 2 × iterations + 10).
    public var maxEvaluations: Int?
    /// Key `resample_every`: redraw the collocation points (by RAD when `points.rad` is set)
    /// every this many iterations and restart L-BFGS from the current parameters, so the
    /// optimizer cannot over-fit one point set. 0 (default) keeps the points fixed.
    public var resampleEvery: Int
    /// Key `keep_best`: at every resampling and at the end, evaluate the loss on a fixed
    /// validation set (fresh points drawn once per stage from a separate random stream) and
    /// end the stage with the parameters whose validation loss was lowest. Default: on when
    /// the stage resamples (between resamplings the error swings as the optimizer fits each
    /// new point set; the validation loss follows those swings).
    public var keepBest: Bool

    public init(iterations: Int, history: Int = 50, toleranceGrad: Double = 1e-10, toleranceChange: Double = 1e-15,
                maxEvaluations: Int? = nil, resampleEvery: Int = 0, keepBest: Bool? = nil) {
        self.iterations = iterations
        self.history = history
        self.toleranceGrad = toleranceGrad
        self.toleranceChange = toleranceChange
        self.maxEvaluations = maxEvaluations
        self.resampleEvery = resampleEvery
        self.keepBest = keepBest ?? (resampleEvery > 0)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case optimizer, iterations, history, toleranceGrad = "tolerance_grad", toleranceChange = "tolerance_change"
        case maxEvaluations = "max_evaluations", resampleEvery = "resample_every", keepBest = "keep_best"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let d = LBFGSStageSpec(iterations: 0)
        iterations = try c.decode(Int.self, forKey: .iterations)
        history = try c.decodeIfPresent(Int.self, forKey: .history) ?? d.history
        toleranceGrad = try c.decodeIfPresent(Double.self, forKey: .toleranceGrad) ?? d.toleranceGrad
        toleranceChange = try c.decodeIfPresent(Double.self, forKey: .toleranceChange) ?? d.toleranceChange
        maxEvaluations = try c.decodeIfPresent(Int.self, forKey: .maxEvaluations)
        resampleEvery = try c.decodeIfPresent(Int.self, forKey: .resampleEvery) ?? d.resampleEvery
        keepBest = try c.decodeIfPresent(Bool.self, forKey: .keepBest) ?? (resampleEvery > 0)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(history, forKey: .history)
        try c.encode(toleranceGrad, forKey: .toleranceGrad)
        try c.encode(toleranceChange, forKey: .toleranceChange)
        try c.encodeIfPresent(maxEvaluations, forKey: .maxEvaluations)
        if resampleEvery != 0 { try c.encode(resampleEvery, forKey: .resampleEvery) }
        if keepBest != (resampleEvery > 0) { try c.encode(keepBest, forKey: .keepBest) }
    }
}
