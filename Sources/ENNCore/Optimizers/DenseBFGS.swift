/// Quasi-Newton minimisation with a dense inverse Hessian H (P × P) and a self-scaled
/// Broyden-class update (``DenseInverseHessian``), for P up to a few thousand parameters:
///   d = −H g,  θ₊ = θ + α d  (α: strong Wolfe, Nocedal & Wright alg. 3.5/3.6, first trial 1),
///   H₊ from (s, y) = (θ₊ − θ, g₊ − g) by the chosen ``Variant`` (Urbán, Stefanou & Pons,
///   JCP 2025, arXiv:2405.04230; Kiyani et al., arXiv:2501.16371).
/// H₀ = I; the first pair scales it to (yᵀs / yᵀy) I before updating (Nocedal & Wright
/// eq. 6.20), and the first trial step moves about 1 in the largest coordinate. A pair with
/// yᵀs ≤ 1e-12 ‖s‖‖y‖ is skipped, and H restarts from the last yᵀs/yᵀy · I when −H g is not
/// a descent direction or a line search fails with curvature in H; both are counted in the
/// result. Always stops with a stated ``StopReason``.
///
/// Cost per iteration besides the objective: two passes of cblas_dsymv (H y, H g) and one
/// or two of dsyr2/dsyr over the upper triangle of H, O(P²); memory 8·P² bytes. Measured at
/// P = 3 300 (H 87 MB) on one BLAS thread (as in training), AMD EPYC Zen 4 with AVX-512
/// (`grep -o avx512f /proc/cpuinfo`), OpenBLAS 0.3.21, medians of 30 over three runs while
/// another job trained on the same 2 cores: one update (dsymv for H y + one dsyr2) 5.4–7.7 ms
/// for bfgs and ssbfgs, 8.5–11 ms for ssbroyden (+ one dsyr when φ ≠ 1); the next direction
/// −H g (dsymv) 2.0–2.4 ms. Under heavier load the medians doubled (ssbfgs 14–17 ms).
/// Rerun: `swift build -c release --product pinn-bench && .build/release/pinn-bench
/// bfgs-update --parameters 3300 --repeats 30`.
public struct DenseBFGS: Sendable {
    /// The update rule (see `DenseInverseHessian.scaling`).
    public enum Variant: String, Sendable, CaseIterable {
        /// τ = 1, φ = 1: plain BFGS.
        case bfgs
        /// φ = 1, τ = min(1, 1/b), b = sᵀBs / yᵀs: self-scaled BFGS (Al-Baali).
        case ssbfgs
        /// Al-Baali's self-scaled Broyden choice of φ and τ (Kiyani et al. 2025).
        case ssbroyden
    }

    public struct Options: Sendable {
        public var maxIterations = 1000
        /// Objective evaluations (line-search trials included); default 2 × iterations + 10.
        public var maxEvaluations: Int? = nil
        /// Stop when ‖g‖∞ ≤ this.
        public var gradientTolerance = 1e-10
        /// Stop when |f_k − f_{k+1}| ≤ this · max(1, |f_k|) on two consecutive steps.
        public var functionTolerance = 1e-15
        public var c1 = 1e-4
        public var c2 = 0.9
        public var lineSearchEvaluations = 25
        public var variant = Variant.ssbfgs
        public init() {}
    }

    public typealias StopReason = QuasiNewtonStopReason

    public struct Result: Sendable {
        public var x: [Double]
        public var f: Double
        public var iterations: Int
        public var evaluations: Int
        public var reason: StopReason
        /// Curvature pairs not applied (yᵀs ≤ 1e-12 ‖s‖‖y‖, or H y lost positive curvature).
        public var skippedUpdates: Int
        /// Times H went back to a multiple of I (no descent direction, or a failed line search).
        public var restarts: Int
    }

    public var options: Options
    public init(options: Options = Options()) { self.options = options }

    /// Minimises `objective` (returns f(x), writes ∇f(x) into its inout argument) from x0.
    /// `inverseHessian`, when given, is continued (not reset), so H carries over between runs
    /// on changing data (as Urbán et al. pass `hess_inv0` between batches); by default a new
    /// H = I is allocated for this run. `callback(iteration, f, evaluations, x)` runs after every
    /// accepted step; return false to stop.
    public func minimize(from x0: [Double], objective: ([Double], inout [Double]) -> Double,
                         inverseHessian: DenseInverseHessian? = nil,
                         callback: (Int, Double, Int, [Double]) -> Bool = { _, _, _, _ in true }) -> Result {
        let n = x0.count
        let maxEvaluations = options.maxEvaluations ?? (options.maxIterations * 2 + 10)
        var x = x0
        var g = [Double](repeating: 0, count: n)
        var f = objective(x, &g)
        var evaluations = 1
        var iteration = 0, smallChanges = 0, skipped = 0, restarts = 0
        func finish(_ reason: StopReason) -> Result {
            Result(x: x, f: f, iterations: iteration, evaluations: evaluations, reason: reason,
                   skippedUpdates: skipped, restarts: restarts)
        }
        guard f.isFinite else { return finish(.nonFiniteObjective) }
        let h = inverseHessian ?? DenseInverseHessian(dimension: n)
        precondition(h.dimension == n, "DenseBFGS.minimize: inverse Hessian is \(h.dimension)², x0 has \(n) entries")
        var d = [Double](repeating: 0, count: n)
        var s = d, y = d
        var lineSearch = StrongWolfeLineSearch(c1: options.c1, c2: options.c2)

        while true {
            if infinityNorm(g) <= options.gradientTolerance { return finish(.gradientTolerance) }
            if iteration >= options.maxIterations { return finish(.maxIterations) }
            if evaluations >= maxEvaluations { return finish(.maxEvaluations) }

            descentDirection(h, g, into: &d)
            var slope = dot(g, d)
            if !(slope < 0), !h.isInitial { // H lost positive definiteness numerically
                h.reset(scale: h.restartScale)
                restarts += 1
                descentDirection(h, g, into: &d)
                slope = dot(g, d)
            }
            guard slope < 0 else { return finish(.lineSearchFailed("no descent direction (gᵀd = \(slope))")) }
            // Before any curvature: move about 1 in the largest coordinate (as L-BFGS's first step).
            let initial = h.updateCount == 0 ? min(1, 1 / max(infinityNorm(d), 1e-300)) : 1
            lineSearch.maxEvaluations = min(options.lineSearchEvaluations, maxEvaluations - evaluations)
            if lineSearch.maxEvaluations <= 0 { return finish(.maxEvaluations) }
            let point: StrongWolfeLineSearch.Point
            switch lineSearch.search(x: x, f0: f, g0: g, direction: d, initialStep: initial, objective: objective) {
            case .accepted(let p, let used):
                evaluations += used
                point = p
            case .failed(let why, let best, let used):
                evaluations += used
                if best.f < f { x = best.x; f = best.f; g = best.g; iteration += 1 }
                if evaluations >= maxEvaluations { return finish(.maxEvaluations) }
                // One retry from a scaled identity before giving up, if H held curvature.
                if !h.isInitial { h.reset(scale: h.restartScale); restarts += 1; continue }
                return finish(.lineSearchFailed(why))
            }
            subtract(point.x, x, into: &s)
            subtract(point.g, g, into: &y)
            let sBs = -point.alpha * dot(s, g) // B s = −α g for s = α d, d = −H g
            let fPrevious = f
            x = point.x; f = point.f; g = point.g
            iteration += 1
            if h.update(step: s, gradientChange: y, sBs: sBs, variant: options.variant) == nil { skipped += 1 }
            if !callback(iteration, f, evaluations, x) { return finish(.stoppedByCallback) }
            smallChanges = Swift.abs(fPrevious - f) <= options.functionTolerance * max(1, Swift.abs(fPrevious)) ? smallChanges + 1 : 0
            if smallChanges >= 2 { return finish(.functionTolerance) }
        }
    }

    /// d = −H g.
    private func descentDirection(_ h: DenseInverseHessian, _ g: [Double], into d: inout [Double]) {
        g.withUnsafeBufferPointer { gp in d.withUnsafeMutableBufferPointer { h.multiply(gp.baseAddress!, into: $0.baseAddress!, factor: -1) } }
    }

    private func subtract(_ a: [Double], _ b: [Double], into out: inout [Double]) {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in out.withUnsafeMutableBufferPointer { o in
            for i in 0..<o.count { o[i] = a[i] - b[i] }
        } } }
    }

    private func infinityNorm(_ v: [Double]) -> Double {
        v.withUnsafeBufferPointer { p in
            var m = 0.0
            for i in 0..<p.count { m = max(m, Swift.abs(p[i])) }
            return m
        }
    }
}
