/// Levenberg–Marquardt on the stacked residuals (ENNCore's `LevenbergMarquardt`): each
/// iteration builds the Gauss–Newton normal equations JᵀJ, Jᵀr over every collocation point
/// (N·P² flops) and solves (JᵀJ + λD) δ = −Jᵀr by Cholesky (P³/3). Memory: about four P × P
/// matrices of doubles (P = parameters), so keep P to a few thousand.
///
/// `{"optimizer": "lm", "iterations": 2000, "resample_every": 100}`
public struct LMStageSpec: Codable, Equatable, Sendable {
    public var iterations: Int
    /// Key `damping`: λ₀ relative to the mean diagonal of JᵀJ. Default 1e-3.
    public var damping: Double
    /// Key `scaling`: D = I (`identity`, default) or diag(JᵀJ) (`diagonal`, Marquardt's).
    public var scaling: String
    /// Key `tolerance_grad`: stop when ‖∇loss‖∞ falls to this. Default 0 (never).
    public var toleranceGrad: Double
    /// Key `resample_every`: redraw the collocation points (by RAD when `points.rad` is set)
    /// every this many iterations, keeping the damping. 0 (default) keeps them fixed.
    public var resampleEvery: Int
    /// Key `keep_best`: at every resampling and at the end, evaluate the loss on a fixed
    /// validation set (fresh points drawn once per stage from a separate random stream) and
    /// end the stage with the parameters whose validation loss was lowest. Default: on when
    /// the stage resamples (between resamplings the error swings as the optimizer fits each
    /// new point set; the validation loss follows those swings).
    public var keepBest: Bool

    public init(iterations: Int, damping: Double = 1e-3, scaling: String = "identity", toleranceGrad: Double = 0,
                resampleEvery: Int = 0, keepBest: Bool? = nil) {
        self.iterations = iterations
        self.damping = damping
        self.scaling = scaling
        self.toleranceGrad = toleranceGrad
        self.resampleEvery = resampleEvery
        self.keepBest = keepBest ?? (resampleEvery > 0)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case optimizer, iterations, damping, scaling, toleranceGrad = "tolerance_grad", resampleEvery = "resample_every", keepBest = "keep_best"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let d = LMStageSpec(iterations: 0)
        iterations = try c.decode(Int.self, forKey: .iterations)
        damping = try c.decodeIfPresent(Double.self, forKey: .damping) ?? d.damping
        scaling = try c.decodeIfPresent(String.self, forKey: .scaling) ?? d.scaling
        toleranceGrad = try c.decodeIfPresent(Double.self, forKey: .toleranceGrad) ?? d.toleranceGrad
        resampleEvery = try c.decodeIfPresent(Int.self, forKey: .resampleEvery) ?? d.resampleEvery
        keepBest = try c.decodeIfPresent(Bool.self, forKey: .keepBest) ?? (resampleEvery > 0)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(damping, forKey: .damping)
        try c.encode(scaling, forKey: .scaling)
        if toleranceGrad != 0 { try c.encode(toleranceGrad, forKey: .toleranceGrad) }
        if resampleEvery != 0 { try c.encode(resampleEvery, forKey: .resampleEvery) }
        if keepBest != (resampleEvery > 0) { try c.encode(keepBest, forKey: .keepBest) }
    }
}
