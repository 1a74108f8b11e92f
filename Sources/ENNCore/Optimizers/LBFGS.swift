/// Limited-memory BFGS (Nocedal & Wright, algorithm 7.4, two-loop recursion 7.5) with a
/// strong-Wolfe line search. Always stops with a stated `StopReason`.
public struct LBFGS: Sendable {
    public struct Options: Sendable {
        public var historySize = 50
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
        public init() {}
    }

    public typealias StopReason = QuasiNewtonStopReason

    public struct Result: Sendable {
        public var x: [Double]
        public var f: Double
        public var iterations: Int
        public var evaluations: Int
        public var reason: StopReason
    }

    public var options: Options
    public init(options: Options = Options()) { self.options = options }

    /// Where a run stands after an accepted step: everything the loop carries, so a run can be
    /// saved (a checkpoint) and continued with `minimize(continuing:)` exactly as if it had
    /// not stopped.
    public struct State: Sendable, Equatable {
        /// The current iterate, its objective and gradient.
        public var x: [Double]
        public var f: Double
        public var g: [Double]
        /// The curvature pairs kept (oldest first) and their 1 / yᵀs.
        public var s: [[Double]] = []
        public var y: [[Double]] = []
        public var rho: [Double] = []
        /// Accepted steps and objective evaluations so far in this run.
        public var iteration = 0
        public var evaluations = 1
        /// Consecutive steps with |Δf| ≤ functionTolerance · max(1, |f|) (the run stops at 2).
        public var smallChanges = 0

        public init(x: [Double], f: Double, g: [Double], s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = [],
                    iteration: Int = 0, evaluations: Int = 1, smallChanges: Int = 0) {
            self.x = x; self.f = f; self.g = g; self.s = s; self.y = y; self.rho = rho
            self.iteration = iteration; self.evaluations = evaluations; self.smallChanges = smallChanges
        }
    }

    /// Minimises `objective` (returns f(x), writes ∇f(x) into its inout argument) from x0.
    /// `callback(iteration, f, evaluations, x)` runs after every accepted step, with the
    /// accepted iterate x (whose value is f); return false to stop.
    public func minimize(from x0: [Double], objective: ([Double], inout [Double]) -> Double,
                         callback: (Int, Double, Int, [Double]) -> Bool = { _, _, _, _ in true }) -> Result {
        minimize(from: x0, objective: objective) { (state: State) in callback(state.iteration, state.f, state.evaluations, state.x) }
    }

    /// As above, with the whole `State` after each accepted step given to `callback` (to save it).
    public func minimize(from x0: [Double], objective: ([Double], inout [Double]) -> Double,
                         callback: (State) -> Bool) -> Result {
        var g = [Double](repeating: 0, count: x0.count)
        let f = objective(x0, &g)
        guard f.isFinite else { return Result(x: x0, f: f, iterations: 0, evaluations: 1, reason: .nonFiniteObjective) }
        return minimize(continuing: State(x: x0, f: f, g: g), objective: objective, callback: callback)
    }

    /// Continues a run from `state` (as a callback saw it): the same steps follow, bit for bit,
    /// as in the run that was not stopped.
    public func minimize(continuing state: State, objective: ([Double], inout [Double]) -> Double,
                         callback: (State) -> Bool) -> Result {
        let maxEvaluations = options.maxEvaluations ?? (options.maxIterations * 2 + 10)
        var state = state
        var lineSearch = StrongWolfeLineSearch(c1: options.c1, c2: options.c2)

        func finish(_ reason: StopReason) -> Result {
            Result(x: state.x, f: state.f, iterations: state.iteration, evaluations: state.evaluations, reason: reason)
        }
        func forgetHistory() { state.s.removeAll(); state.y.removeAll(); state.rho.removeAll() }

        while true {
            if infinityNorm(state.g) <= options.gradientTolerance { return finish(.gradientTolerance) }
            if state.iteration >= options.maxIterations { return finish(.maxIterations) }
            if state.evaluations >= maxEvaluations { return finish(.maxEvaluations) }

            var d = direction(state.g, state.s, state.y, state.rho)
            var slope = dot(state.g, d)
            if !(slope < 0) { // lost positive definiteness numerically: restart from steepest descent
                forgetHistory()
                d = state.g.map { -$0 }
                slope = dot(state.g, d)
            }
            // First step: scale so the trial moves by about 1 in the largest coordinate.
            let initial = state.s.isEmpty ? min(1, 1 / max(infinityNorm(state.g), 1e-300)) : 1
            lineSearch.maxEvaluations = min(options.lineSearchEvaluations, maxEvaluations - state.evaluations)
            if lineSearch.maxEvaluations <= 0 { return finish(.maxEvaluations) }
            let outcome = lineSearch.search(x: state.x, f0: state.f, g0: state.g, direction: d, initialStep: initial, objective: objective)
            let point: StrongWolfeLineSearch.Point
            switch outcome {
            case .accepted(let p, let n):
                state.evaluations += n
                point = p
            case .failed(let why, let best, let n):
                state.evaluations += n
                if best.f < state.f { state.x = best.x; state.f = best.f; state.g = best.g; state.iteration += 1 }
                if state.evaluations >= maxEvaluations { return finish(.maxEvaluations) }
                // One retry from steepest descent before giving up, if history was in use.
                if !state.s.isEmpty { forgetHistory(); continue }
                return finish(.lineSearchFailed(why))
            }
            let step = zip(point.x, state.x).map { $0 - $1 }
            let change = zip(point.g, state.g).map { $0 - $1 }
            let fPrevious = state.f
            state.x = point.x; state.f = point.f; state.g = point.g
            state.iteration += 1
            let sy = dot(step, change)
            if sy > 1e-12 * dot(change, change) { // keep the curvature pair only if it keeps H positive definite
                if state.s.count == options.historySize { state.s.removeFirst(); state.y.removeFirst(); state.rho.removeFirst() }
                state.s.append(step); state.y.append(change); state.rho.append(1 / sy)
            }
            // Counted before the callback, so the state it sees is complete.
            let small = Swift.abs(fPrevious - state.f) <= options.functionTolerance * max(1, Swift.abs(fPrevious))
            state.smallChanges = small ? state.smallChanges + 1 : 0
            if !callback(state) { return finish(.stoppedByCallback) }
            if state.smallChanges >= 2 { return finish(.functionTolerance) }
        }
    }

    private func direction(_ g: [Double], _ s: [[Double]], _ y: [[Double]], _ rho: [Double]) -> [Double] {
        LBFGS.twoLoop(g, s, y, rho).map { -$0 }
    }

    /// H g by the two-loop recursion (Nocedal & Wright, section 7.2) over the pairs
    /// (s_i, y_i, ρ_i = 1/s_iᵀy_i), oldest first, with H₀ = (sᵀy / yᵀy) I from the newest pair
    /// used. A pair with ρ_i = 0 is skipped (ProjectedLBFGS restricts the pairs to the free
    /// variables, where some may have no curvature left); L-BFGS stores only ρ_i > 0.
    static func twoLoop(_ g: [Double], _ s: [[Double]], _ y: [[Double]], _ rho: [Double]) -> [Double] {
        var q = g
        var alpha = [Double](repeating: 0, count: s.count)
        for i in stride(from: s.count - 1, through: 0, by: -1) where rho[i] > 0 {
            alpha[i] = rho[i] * dot(s[i], q)
            for j in q.indices { q[j] -= alpha[i] * y[i][j] }
        }
        if let newest = rho.lastIndex(where: { $0 > 0 }) {
            let gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest])
            for j in q.indices { q[j] *= gamma }
        }
        for i in 0..<s.count where rho[i] > 0 {
            let beta = rho[i] * dot(y[i], q)
            for j in q.indices { q[j] += (alpha[i] - beta) * s[i][j] }
        }
        return q
    }

    private func infinityNorm(_ v: [Double]) -> Double { v.reduce(0) { max($0, Swift.abs($1)) } }
}
