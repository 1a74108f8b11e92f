import CBLAS
import CSupport

/// Levenberg–Marquardt for a least-squares loss L(θ) = ‖r(θ)‖², given at each iterate the
/// normal equations A = JᵀJ and b = Jᵀr (see `NormalEquationsBuilder`; J itself is never held).
///
/// Step: (A + λD) δ = −b by Cholesky (LAPACK dpotrf/dpotrs from OpenBLAS), D = I or
/// D = diag(A) (Marquardt's scaling). The model predicts L(θ+δ) ≈ ‖r + Jδ‖², a decrease of
/// pred = −δᵀb + λ δᵀDδ > 0; the gain ratio ρ = (L(θ) − L(θ+δ)) / pred decides. ρ > 0: accept
/// and λ ← λ · max(1/3, 1 − (2ρ − 1)³), ν ← 2; otherwise λ ← λν, ν ← 2ν and re-solve with the
/// same A (one Cholesky and one loss evaluation, no new Jacobian). Nielsen's rule, as in
/// Madsen, Nielsen & Tingleff, "Methods for non-linear least squares problems" (2004), §3.2.
///
/// Cost per iteration: one normal-equations build (N·P² flops for the SYRK), one Cholesky
/// (P³/3) per trial, one loss evaluation per trial. Memory: two P × P matrices here.
public struct LevenbergMarquardt: Sendable {
    public enum Scaling: String, Sendable, CaseIterable { case identity, diagonal }

    public struct Options: Sendable {
        public var maxIterations = 1000
        /// λ₀ relative to the mean of diag(JᵀJ) (when no state is carried in).
        public var initialDamping = 1e-3
        /// Stop when λ (relative to the mean of diag(JᵀJ)) exceeds this: no step decreases the loss.
        public var maxDamping = 1e10
        /// Smallest λ relative to the mean of diag(JᵀJ): keeps A + λD safely positive definite.
        public var minDamping = 1e-14
        /// Stop when ‖∇L‖∞ = 2‖Jᵀr‖∞ ≤ this.
        public var gradientTolerance = 0.0
        public var scaling = Scaling.identity
        /// OpenBLAS threads for the Cholesky (the builder's own threads run single-threaded BLAS).
        public var choleskyThreads = 1
        public init() {}
    }

    public enum StopReason: Equatable, Sendable, CustomStringConvertible {
        case maxIterations, gradientTolerance, dampingLimit, nonFiniteObjective, stoppedByCallback
        public var description: String {
            switch self {
            case .maxIterations: return "maximum iterations reached"
            case .gradientTolerance: return "gradient norm below tolerance"
            case .dampingLimit: return "damping limit reached (no step decreases the loss)"
            case .nonFiniteObjective: return "loss is not finite at the start point"
            case .stoppedByCallback: return "stopped by callback"
            }
        }
    }

    /// What carries over between calls (segments between resamplings, checkpoints).
    public struct State: Sendable, Equatable {
        /// λ relative to the mean of diag(JᵀJ).
        public var damping: Double
        public var growth: Double
        public init(damping: Double, growth: Double = 2) { self.damping = damping; self.growth = growth }
    }

    public struct Result: Sendable {
        public var x: [Double]
        public var f: Double
        public var iterations: Int
        /// Trial steps (Cholesky solves and loss evaluations), accepted or not.
        public var trials: Int
        public var reason: StopReason
        public var state: State
    }

    public var options: Options
    public init(options: Options = Options()) { self.options = options }

    /// Minimises from x0. `normalEquations(θ, A, b)` writes JᵀJ (upper triangle, row-major
    /// P × P) and Jᵀr and returns L(θ); `loss(θ)` returns L(θ) alone (non-finite is a
    /// rejected step). `callback(iteration, L, λ, θ)` runs after every accepted step; return
    /// false to stop.
    public func minimize(from x0: [Double], state: State? = nil,
                         normalEquations: ([Double], UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Double,
                         loss: ([Double]) -> Double,
                         callback: (Int, Double, Double, [Double]) -> Bool = { _, _, _, _ in true }) -> Result {
        let p = x0.count
        let a = UnsafeMutablePointer<Double>.allocate(capacity: p * p)
        let factor = UnsafeMutablePointer<Double>.allocate(capacity: p * p)
        let b = UnsafeMutablePointer<Double>.allocate(capacity: p)
        defer { a.deallocate(); factor.deallocate(); b.deallocate() }
        var x = x0
        var f = normalEquations(x, a, b)
        var state = state ?? State(damping: options.initialDamping)
        var iteration = 0, trials = 0
        func finish(_ reason: StopReason) -> Result {
            Result(x: x, f: f, iterations: iteration, trials: trials, reason: reason, state: state)
        }
        guard f.isFinite else { return finish(.nonFiniteObjective) }
        var delta = [Double](repeating: 0, count: p), trial = x
        while true {
            if iteration >= options.maxIterations { return finish(.maxIterations) }
            var gradientNorm = 0.0
            for i in 0..<p { gradientNorm = max(gradientNorm, 2 * abs(b[i])) }
            if gradientNorm <= options.gradientTolerance { return finish(.gradientTolerance) }
            var meanDiagonal = 0.0
            for i in 0..<p { meanDiagonal += a[i * p + i] }
            meanDiagonal = max(meanDiagonal / Double(p), .leastNormalMagnitude)
            while true {
                if state.damping > options.maxDamping { return finish(.dampingLimit) }
                state.damping = max(state.damping, options.minDamping)
                let lambda = state.damping * meanDiagonal
                trials += 1
                guard solve(a: a, b: b, lambda: lambda, floor: meanDiagonal * 1e-12, factor: factor, p: p, into: &delta) else {
                    state.damping *= state.growth; state.growth *= 2
                    continue
                }
                var predicted = 0.0
                for i in 0..<p {
                    let d = dampingWeight(a[i * p + i], floor: meanDiagonal * 1e-12)
                    predicted += -delta[i] * b[i] + lambda * d * delta[i] * delta[i]
                    trial[i] = x[i] + delta[i]
                }
                let fTrial = loss(trial)
                let rho = (f - fTrial) / predicted
                if fTrial.isFinite, rho > 0, predicted > 0 {
                    swap(&x, &trial)
                    let t = 2 * rho - 1
                    state.damping *= max(1.0 / 3, 1 - t * t * t)
                    state.growth = 2
                    break
                }
                state.damping *= state.growth; state.growth *= 2
            }
            iteration += 1
            f = normalEquations(x, a, b)
            guard f.isFinite else { return finish(.nonFiniteObjective) }
            if !callback(iteration, f, state.damping, x) { return finish(.stoppedByCallback) }
        }
    }

    /// δ = −(A + λD)⁻¹ b; false when the Cholesky factorisation fails (not positive definite).
    /// D's diagonal entry for a diagonal of JᵀJ: 1, or the entry itself (floored, so a
    /// parameter the loss does not see still gets damped).
    private func dampingWeight(_ diagonal: Double, floor: Double) -> Double {
        options.scaling == .identity ? 1 : max(diagonal, floor)
    }

    private func solve(a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>, lambda: Double, floor: Double,
                       factor: UnsafeMutablePointer<Double>, p: Int, into delta: inout [Double]) -> Bool {
        // Row-major upper triangle = column-major lower triangle ("L" for LAPACK).
        for i in 0..<p { (factor + i * p + i).update(from: a + i * p + i, count: p - i) }
        for i in 0..<p { factor[i * p + i] += lambda * dampingWeight(a[i * p + i], floor: floor) }
        var n = Int32(p), info: Int32 = 0, one: Int32 = 1
        var uplo = CChar(UInt8(ascii: "L"))
        if options.choleskyThreads > 1 { csupport_blas_set_threads(Int32(options.choleskyThreads)) }
        defer { if options.choleskyThreads > 1 { csupport_blas_set_threads(1) } }
        dpotrf_(&uplo, &n, factor, &n, &info)
        guard info == 0 else { return false }
        for i in 0..<p { delta[i] = -b[i] }
        delta.withUnsafeMutableBufferPointer { d in dpotrs_(&uplo, &n, &one, factor, &n, d.baseAddress!, &n, &info) }
        return info == 0 && delta.allSatisfy(\.isFinite)
    }
}
