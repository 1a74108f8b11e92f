import CBLAS
import Foundation

/// The self-scaled Broyden-class update of H in inverse form (Urbán, Stefanou & Pons, JCP
/// 2025, arXiv:2405.04230, eq. for SSBFGS/SSBroyden; Kiyani et al., CMAME 2025,
/// arXiv:2501.16371; Al-Baali & Khalfan, Optim. Methods Softw. 2005):
///
///   H₊ = (1/τ) [ H − H y yᵀ H / (yᵀHy) + φ v vᵀ ] + s sᵀ / (yᵀs),
///   v  = √(yᵀHy) · ( s / (yᵀs) − H y / (yᵀHy) ),
///
/// s = θ₊ − θ, y = g₊ − g. τ = φ = 1 is BFGS. For every τ > 0 and φ, H₊ y = s (the secant
/// equation): the bracket sends y to H y − H y + φ v (vᵀy) and vᵀy = 0.
///
/// Cost: with u = H y (one dsymv), h = yᵀu, ρ = 1/(yᵀs), expanding v vᵀ gives
///   H₊ = H/τ + α u uᵀ + β (u sᵀ + s uᵀ) + γ s sᵀ,
///   α = (φ − 1)/(τ h),  β = −φ ρ / τ,  γ = φ h ρ² / τ + ρ.
/// H/τ changes only the scalar σ of H = σM. When φ = 1 (α = 0) the rest is one symmetric
/// rank-2 update, x zᵀ + z xᵀ with x = u + (γ / 2β) s, z = β s (one cblas_dsyr2); otherwise
/// one dsyr2 (x = u, z = β s + (α/2) u) and one dsyr (γ s sᵀ). So an update reads the
/// triangle once (dsymv) and reads and writes it once or twice: O(P²), no O(P³) step.
extension DenseInverseHessian {
    /// The scalars of one update.
    public struct Scaling: Equatable, Sendable {
        /// H is divided by τ before the rank-two correction (1: no self-scaling).
        public var tau: Double
        /// The Broyden-class parameter φ of the inverse update (1: BFGS, 0: DFP).
        public var phi: Double

        public init(tau: Double, phi: Double) { self.tau = tau; self.phi = phi }
    }

    /// A pair is skipped (H unchanged) when yᵀs ≤ this · ‖s‖‖y‖: with a strong-Wolfe step
    /// yᵀs ≥ (1 − c₂)|gᵀs| > 0, so only round-off gets there.
    public static let curvatureTolerance = 1e-12

    /// Applies the curvature pair (s, y). `sBs` is sᵀB s for the B = H⁻¹ that made the step:
    /// a step s = α d along d = −H g has B s = −α g, so sᵀB s = −α sᵀg (no solve needed).
    /// When `isInitial`, H is first set to (yᵀs / yᵀy) I (Nocedal & Wright eq. 6.20), `sBs`
    /// is recomputed for that H, and τ = 1 (the scaling already happened).
    /// Returns the τ and φ used, or nil when the pair was skipped.
    @discardableResult
    public func update(step s: [Double], gradientChange y: [Double], sBs: Double, variant: DenseBFGS.Variant) -> Scaling? {
        let n = dimension
        precondition(s.count == n && y.count == n, "DenseInverseHessian.update: s has \(s.count), y \(y.count) entries, H is \(n)²")
        let sy = dot(s, y), ss = dot(s, s), yy = dot(y, y)
        guard sy.isFinite, ss.isFinite, yy.isFinite, sy > Self.curvatureTolerance * (ss * yy).squareRoot() else { return nil }
        let first = isInitial
        var b = sBs / sy
        if first { // M = I here, so H = γI is σ = γ
            sigma = sy / yy
            restartScale = sigma
            b = ss / (sigma * sy)
        }
        y.withUnsafeBufferPointer { yp in hy.withUnsafeMutableBufferPointer { multiply(yp.baseAddress!, into: $0.baseAddress!, factor: 1) } }
        let h = dot(y, hy)
        guard h > 0, h.isFinite, b > 0, b.isFinite else { return nil } // H or the step lost positive curvature numerically
        let rho = 1 / sy
        var scaling = Self.scaling(variant, h: h * rho, b: b, dimension: n)
        if first { scaling.tau = 1 }
        let tau = scaling.tau, phi = scaling.phi
        let alphaCoefficient = (phi - 1) / (tau * h)
        let betaCoefficient = -phi * rho / tau
        let gammaCoefficient = phi * h * rho * rho / tau + rho
        sigma /= tau
        renormalizeIfNeeded()
        let factor = 1 / sigma, ld = Int32(n)
        s.withUnsafeBufferPointer { sp in
            hy.withUnsafeBufferPointer { up in
                left.withUnsafeMutableBufferPointer { xp in
                    right.withUnsafeMutableBufferPointer { zp in
                        let s = sp.baseAddress!, u = up.baseAddress!, x = xp.baseAddress!, z = zp.baseAddress!
                        if alphaCoefficient == 0 {
                            let q = gammaCoefficient / (2 * betaCoefficient)
                            for i in 0..<n { x[i] = u[i] + q * s[i]; z[i] = betaCoefficient * s[i] }
                            cblas_dsyr2(CblasRowMajor, CblasUpper, ld, factor, x, 1, z, 1, m, ld)
                        } else {
                            let halfAlpha = 0.5 * alphaCoefficient
                            for i in 0..<n { z[i] = betaCoefficient * s[i] + halfAlpha * u[i] }
                            cblas_dsyr2(CblasRowMajor, CblasUpper, ld, factor, u, 1, z, 1, m, ld)
                            cblas_dsyr(CblasRowMajor, CblasUpper, ld, factor * gammaCoefficient, s, 1, m, ld)
                        }
                    }
                }
            }
        }
        isInitial = false
        updateCount += 1
        return scaling
    }

    /// τ and φ for a variant, from h = yᵀHy / yᵀs and b = sᵀBs / yᵀs (hb ≥ 1 by Cauchy–Schwarz).
    ///
    /// - `bfgs`: τ = 1, φ = 1.
    /// - `ssbfgs`: φ = 1, τ = min(1, 1/b) (Al-Baali's choice, "SSBFGS_AB" in Urbán et al.).
    /// - `ssbroyden`: Al-Baali's self-scaled Broyden choice as in Kiyani et al. 2025:
    ///     a = hb − 1, c = √(a / (1 + a)), ρ⁻ = min(1, h(1 − c)),
    ///     θ⁻ = (ρ⁻ − 1)/a, θ⁺ = 1/ρ⁻, θ = max(θ⁻, min(θ⁺, (1 − b)/b)),
    ///     φ = (1 − θ)/(1 + aθ),
    ///   and τ as in the authors' reference code (github.com/jorgeurban/
    ///   self_scaled_algorithms_pinns, modified_optimize.py, "SSBroyden2"): with
    ///   σ = 1 + aθ (> 0 because θ ≥ θ⁻) and ρ_τ = min(1, 1/b),
    ///     τ = min(ρ_τ σ^{1/(1−P)}, σ)        if θ ≤ 0,
    ///     τ = ρ_τ min(σ^{1/(1−P)}, 1/θ)      if θ > 0,
    ///   so 0 < τ ≤ 1 always. When a ≤ 1e-10 (y ∥ Bs up to round-off, where v = 0 and every
    ///   φ gives the same update, but θ⁻ = (ρ⁻−1)/a is 0/0) the SSBFGS choice is used; it is
    ///   the limit of the rule above. A non-finite τ or φ also falls back to SSBFGS.
    public static func scaling(_ variant: DenseBFGS.Variant, h: Double, b: Double, dimension: Int) -> Scaling {
        let selfScaledBFGS = Scaling(tau: min(1, 1 / b), phi: 1)
        switch variant {
        case .bfgs: return Scaling(tau: 1, phi: 1)
        case .ssbfgs: return selfScaledBFGS
        case .ssbroyden:
            let a = h * b - 1
            guard a > 1e-10 else { return selfScaledBFGS }
            let c = (a / (1 + a)).squareRoot()
            let rhoMinus = min(1, h * (1 - c))
            let thetaMinus = (rhoMinus - 1) / a, thetaPlus = 1 / rhoMinus
            let theta = max(thetaMinus, min(thetaPlus, (1 - b) / b))
            let sigma = 1 + a * theta
            let sigmaPower = dimension > 1 ? Foundation.pow(Swift.abs(sigma), 1 / Double(1 - dimension)) : 1
            let tau = theta <= 0 ? min(selfScaledBFGS.tau * sigmaPower, sigma) : selfScaledBFGS.tau * min(sigmaPower, 1 / theta)
            let phi = (1 - theta) / sigma
            guard tau > 0, tau.isFinite, phi.isFinite else { return selfScaledBFGS }
            return Scaling(tau: tau, phi: phi)
        }
    }
}
