import Foundation

/// Automatic loss weighting by gradient statistics, updated every `every` iterations of
/// first-order stages as a moving average λᵢ ← α λᵢ + (1 − α) λ̂ᵢ.
///
/// - `grad_norm`: λ̂ᵢ = (Σⱼ ‖∇θ Lⱼ‖) / ‖∇θ Lᵢ‖ (the gradient-norm form of Wang, Wang &
///   Perdikaris 2023, "An expert's guide to training PINNs", as in jaxpi).
/// - `max_mean`: λ̂ᵢ = max|∇θ L_r| / mean|∇θ Lᵢ| with L_r the PDE residual losses (learning-rate
///   annealing, Wang, Teng & Perdikaris 2021, SIAM J. Sci. Comput. 43(5), Algorithm 1).
///
/// `{"method": "grad_norm", "every": 100, "alpha": 0.9}`. Weights from `weights` multiply the
/// automatic ones.
public struct AutoWeightsSpec: Codable, Equatable, Sendable {
    public enum Method: String, SpecEnum {
        case gradNorm = "grad_norm"
        case maxMean = "max_mean"
    }

    /// Default `grad_norm`.
    public var method: Method
    /// Update interval in iterations. Default 100.
    public var every: Int
    /// Moving-average factor in [0, 1). Default 0.9.
    public var alpha: Double

    public init(method: Method = .gradNorm, every: Int = 100, alpha: Double = 0.9) {
        self.method = method
        self.every = every
        self.alpha = alpha
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case method, every, alpha }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        method = try c.decodeIfPresent(Method.self, forKey: .method) ?? .gradNorm
        every = try c.decodeIfPresent(Int.self, forKey: .every) ?? 100
        alpha = try c.decodeIfPresent(Double.self, forKey: .alpha) ?? 0.9
    }
}
