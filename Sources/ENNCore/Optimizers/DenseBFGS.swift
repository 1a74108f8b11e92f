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

    /// Where a run stands after an accepted step: everything the loop carries besides H, so a
    /// run can be saved (a checkpoint) and continued with `minimize(continuing:)` exactly as if
    /// it had not stopped.
    public struct State: Sendable, Equatable {
        /// The current iterate, its objective and gradient.
        public var x: [Double]
        public var f: Double
        public var g: [Double]
        /// Accepted steps and objective evaluations so far in this run.
        public var iteration = 0
        public var evaluations = 1
        /// Consecutive steps with |Δf| ≤ functionTolerance · max(1, |f|) (the run stops at 2).
        public var smallChanges = 0
        /// Curvature pairs skipped and restarts of H so far in this run.
        public var skipped = 0
        public var restarts = 0

        public init(x: [Double], f: Double, g: [Double], iteration: Int = 0, evaluations: Int = 1,
                    smallChanges: Int = 0, skipped: Int = 0, restarts: Int = 0) {
            self.x = x; self.f = f; self.g = g
            self.iteration = iteration; self.evaluations = evaluations
            self.smallChanges = smallChanges; self.skipped = skipped; self.restarts = restarts
        }
    }

    /// Minimises `objective` (returns f(x), writes ∇f(x) into its inout argument) from x0.
    /// `inverseHessian`, when given, is continued (not reset), so H carries over between runs
    /// on changing data (as Urbán et al. pass `hess_inv0` between batches); by default a new
    /// H = I is allocated for this run. `callback(iteration, f, evaluations, x)` runs after every
    /// accepted step; return false to stop.
    public func minimize(from x0: [Double], objective: ([Double], inout [Double]) -> Double,
                         inverseHessian: DenseInverseHessian? = nil,
                         callback: (Int, Double, Int, [Double]) -> Bool = { _, _, _, _ in true }) -> Result {
        minimize(from: x0, objective: objective, inverseHessian: inverseHessian) { (state: State) in
            callback(state.iteration, state.f, state.evaluations, state.x)
        }
    }

    /// As above, with the whole `State` after each accepted step given to `callback` (to save it).
    public func minimize(from x0: [Double], objective: ([Double], inout [Double]) -> Double,
                         inverseHessian: DenseInverseHessian? = nil, callback: (State) -> Bool) -> Result {
        var g = [Double](repeating: 0, count: x0.count)
        let f = objective(x0, &g)
        let start = State(x: x0, f: f, g: g)
        guard f.isFinite else { return result(start, .nonFiniteObjective) }
        return minimize(continuing: start, objective: objective,
                        inverseHessian: inverseHessian ?? DenseInverseHessian(dimension: x0.count), callback: callback)
    }

    /// Continues a run from `state` (as a callback saw it) with the H it had then: the same
    /// steps follow, bit for bit, as in the run that was not stopped.
    public func minimize(continuing state: State, objective: ([Double], inout [Double]) -> Double,
                         inverseHessian h: DenseInverseHessian, callback: (State) -> Bool) -> Result {
        let n = state.x.count
        let maxEvaluations = options.maxEvaluations ?? (options.maxIterations * 2 + 10)
        var state = state
        precondition(h.dimension == n, "DenseBFGS.minimize: inverse Hessian is \(h.dimension)², x has \(n) entries")
        precondition(state.g.count == n, "DenseBFGS.minimize: gradient has \(state.g.count) entries, x has \(n)")
        var d = [Double](repeating: 0, count: n)
        var s = d, y = d
        var lineSearch = StrongWolfeLineSearch(c1: options.c1, c2: options.c2)

        while true {
            if infinityNorm(state.g) <= options.gradientTolerance { return result(state, .gradientTolerance) }
            if state.iteration >= options.maxIterations { return result(state, .maxIterations) }
            if state.evaluations >= maxEvaluations { return result(state, .maxEvaluations) }

            descentDirection(h, state.g, into: &d)
            var slope = dot(state.g, d)
            if !(slope < 0), !h.isInitial { // H lost positive definiteness numerically
                h.reset(scale: h.restartScale)
                state.restarts += 1
                descentDirection(h, state.g, into: &d)
                slope = dot(state.g, d)
            }
            guard slope < 0 else { return result(state, .lineSearchFailed("no descent direction (gᵀd = \(slope))")) }
            // Before any curvature: move about 1 in the largest coordinate (as L-BFGS's first step).
            let initial = h.updateCount == 0 ? min(1, 1 / max(infinityNorm(d), 1e-300)) : 1
            lineSearch.maxEvaluations = min(options.lineSearchEvaluations, maxEvaluations - state.evaluations)
            if lineSearch.maxEvaluations <= 0 { return result(state, .maxEvaluations) }
            let point: StrongWolfeLineSearch.Point
            switch lineSearch.search(x: state.x, f0: state.f, g0: state.g, direction: d, initialStep: initial, objective: objective) {
            case .accepted(let p, let used):
                state.evaluations += used
                point = p
            case .failed(let why, let best, let used):
                state.evaluations += used
                if best.f < state.f { state.x = best.x; state.f = best.f; state.g = best.g; state.iteration += 1 }
                if state.evaluations >= maxEvaluations { return result(state, .maxEvaluations) }
                // One retry from a scaled identity before giving up, if H held curvature.
                if !h.isInitial { h.reset(scale: h.restartScale); state.restarts += 1; continue }
                return result(state, .lineSearchFailed(why))
            }
            subtract(point.x, state.x, into: &s)
            subtract(point.g, state.g, into: &y)
            let sBs = -point.alpha * dot(s, state.g) // B s = −α g for s = α d, d = −H g
            let fPrevious = state.f
            state.x = point.x; state.f = point.f; state.g = point.g
            state.iteration += 1
            if h.update(step: s, gradientChange: y, sBs: sBs, variant: options.variant) == nil { state.skipped += 1 }
            // Counted before the callback, so the state it sees is complete.
            let small = Swift.abs(fPrevious - state.f) <= options.functionTolerance * max(1, Swift.abs(fPrevious))
            state.smallChanges = small ? state.smallChanges + 1 : 0
            if !callback(state) { return result(state, .stoppedByCallback) }
            if state.smallChanges >= 2 { return result(state, .functionTolerance) }
        }
    }

    private func result(_ state: State, _ reason: StopReason) -> Result {
        Result(x: state.x, f: state.f, iterations: state.iteration, evaluations: state.evaluations, reason: reason,
               skippedUpdates: state.skipped, restarts: state.restarts)
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
