import Foundation

/// Dense self-scaled quasi-Newton (ENNCore's `DenseBFGS`: Urbán, Stefanou & Pons, JCP 2025,
/// arXiv:2405.04230; Kiyani et al., arXiv:2501.16371): the P × P inverse-Hessian
/// approximation is held in full, so each iteration costs O(P²) beside the loss (about
/// 8 ms at P = 3 300 on one core, see `DenseBFGS`) and the stage needs 8·P² bytes (87 MB at
/// P = 3 300); it is refused above `maxParameters`. It stops after `iterations`, after `max_evaluations` loss
/// evaluations, when the gradient's ∞-norm falls to `tolerance_grad`, or when the loss
/// changes by at most `tolerance_change` · max(1, |loss|) on two consecutive steps.
public struct BFGSStageSpec: Codable, Equatable, Sendable {
    /// The update rule; the names match ENNCore's `DenseBFGS.Variant`.
    public enum Variant: String, SpecEnum {
        /// Self-scaled BFGS, τ = min(1, 1/b) (default).
        case ssbfgs
        /// Al-Baali's self-scaled Broyden choice of φ and τ.
        case ssbroyden
        /// Plain BFGS.
        case bfgs
    }

    /// The largest parameter count a bfgs stage accepts: H takes 8·P² bytes, 1 152 MB here.
    public static let maxParameters = 12_000

    public var iterations: Int
    /// Default `ssbfgs`.
    public var variant: Variant
    /// Key `tolerance_grad`. Default 1e-10.
    public var toleranceGrad: Double
    /// Key `tolerance_change` (relative). Default 1e-15.
    public var toleranceChange: Double
    /// Key `max_evaluations`, line-search trials included (default: the optimizer's own,
    /// 2 × iterations + 10).
    public var maxEvaluations: Int?
    /// Key `resample_every`: redraw the collocation points (by RAD when `points.rad` is set)
    /// every this many iterations; H carries over (its curvature stays a good start for the
    /// new points, as Urbán et al. pass it between batches). 0 (default) keeps the points fixed.
    public var resampleEvery: Int
    /// Key `keep_best`: at every resampling and at the end, evaluate the loss on a fixed
    /// validation set (fresh points drawn once per stage from a separate random stream) and
    /// end the stage with the parameters whose validation loss was lowest. Default: on when
    /// the stage resamples (between resamplings the error swings as the optimizer fits each
    /// new point set; the validation loss follows those swings).
    public var keepBest: Bool

    public init(iterations: Int, variant: Variant = .ssbfgs, toleranceGrad: Double = 1e-10, toleranceChange: Double = 1e-15,
                maxEvaluations: Int? = nil, resampleEvery: Int = 0, keepBest: Bool? = nil) {
        self.iterations = iterations
        self.variant = variant
        self.toleranceGrad = toleranceGrad
        self.toleranceChange = toleranceChange
        self.maxEvaluations = maxEvaluations
        self.resampleEvery = resampleEvery
        self.keepBest = keepBest ?? (resampleEvery > 0)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case optimizer, iterations, variant, toleranceGrad = "tolerance_grad", toleranceChange = "tolerance_change"
        case maxEvaluations = "max_evaluations", resampleEvery = "resample_every", keepBest = "keep_best"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let d = BFGSStageSpec(iterations: 0)
        iterations = try c.decode(Int.self, forKey: .iterations)
        variant = try c.decodeIfPresent(Variant.self, forKey: .variant) ?? d.variant
        toleranceGrad = try c.decodeIfPresent(Double.self, forKey: .toleranceGrad) ?? d.toleranceGrad
        toleranceChange = try c.decodeIfPresent(Double.self, forKey: .toleranceChange) ?? d.toleranceChange
        maxEvaluations = try c.decodeIfPresent(Int.self, forKey: .maxEvaluations)
        resampleEvery = try c.decodeIfPresent(Int.self, forKey: .resampleEvery) ?? d.resampleEvery
        keepBest = try c.decodeIfPresent(Bool.self, forKey: .keepBest) ?? (resampleEvery > 0)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(variant, forKey: .variant)
        try c.encode(toleranceGrad, forKey: .toleranceGrad)
        try c.encode(toleranceChange, forKey: .toleranceChange)
        try c.encodeIfPresent(maxEvaluations, forKey: .maxEvaluations)
        if resampleEvery != 0 { try c.encode(resampleEvery, forKey: .resampleEvery) }
        if keepBest != (resampleEvery > 0) { try c.encode(keepBest, forKey: .keepBest) }
    }
}
