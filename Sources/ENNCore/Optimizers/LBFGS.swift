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

    /// Minimises `objective` (returns f(x), writes ∇f(x) into its inout argument) from x0.
    /// `callback(iteration, f, evaluations, x)` runs after every accepted step, with the
    /// accepted iterate x (whose value is f); return false to stop.
    public func minimize(from x0: [Double], objective: ([Double], inout [Double]) -> Double,
                         callback: (Int, Double, Int, [Double]) -> Bool = { _, _, _, _ in true }) -> Result {
        let maxEvaluations = options.maxEvaluations ?? (options.maxIterations * 2 + 10)
        var x = x0
        var g = [Double](repeating: 0, count: x.count)
        var f = objective(x, &g)
        var evaluations = 1
        guard f.isFinite else { return Result(x: x, f: f, iterations: 0, evaluations: 1, reason: .nonFiniteObjective) }
        var s: [[Double]] = [], y: [[Double]] = [], rho: [Double] = []
        var iteration = 0
        var smallChanges = 0
        var lineSearch = StrongWolfeLineSearch(c1: options.c1, c2: options.c2)

        func finish(_ reason: StopReason) -> Result {
            Result(x: x, f: f, iterations: iteration, evaluations: evaluations, reason: reason)
        }

        while true {
            if infinityNorm(g) <= options.gradientTolerance { return finish(.gradientTolerance) }
            if iteration >= options.maxIterations { return finish(.maxIterations) }
            if evaluations >= maxEvaluations { return finish(.maxEvaluations) }

            var d = direction(g, s, y, rho)
            var slope = dot(g, d)
            if !(slope < 0) { // lost positive definiteness numerically: restart from steepest descent
                s.removeAll(); y.removeAll(); rho.removeAll()
                d = g.map { -$0 }
                slope = dot(g, d)
            }
            // First step: scale so the trial moves by about 1 in the largest coordinate.
            let initial = s.isEmpty ? min(1, 1 / max(infinityNorm(g), 1e-300)) : 1
            lineSearch.maxEvaluations = min(options.lineSearchEvaluations, maxEvaluations - evaluations)
            if lineSearch.maxEvaluations <= 0 { return finish(.maxEvaluations) }
            let outcome = lineSearch.search(x: x, f0: f, g0: g, direction: d, initialStep: initial, objective: objective)
            let point: StrongWolfeLineSearch.Point
            switch outcome {
            case .accepted(let p, let n):
                evaluations += n
                point = p
            case .failed(let why, let best, let n):
                evaluations += n
                if best.f < f { x = best.x; f = best.f; g = best.g; iteration += 1 }
                if evaluations >= maxEvaluations { return finish(.maxEvaluations) }
                // One retry from steepest descent before giving up, if history was in use.
                if !s.isEmpty { s.removeAll(); y.removeAll(); rho.removeAll(); continue }
                return finish(.lineSearchFailed(why))
            }
            let step = zip(point.x, x).map { $0 - $1 }
            let change = zip(point.g, g).map { $0 - $1 }
            let fPrevious = f
            x = point.x; f = point.f; g = point.g
            iteration += 1
            let sy = dot(step, change)
            if sy > 1e-12 * dot(change, change) { // keep the curvature pair only if it keeps H positive definite
                if s.count == options.historySize { s.removeFirst(); y.removeFirst(); rho.removeFirst() }
                s.append(step); y.append(change); rho.append(1 / sy)
            }
            if !callback(iteration, f, evaluations, x) { return finish(.stoppedByCallback) }
            smallChanges = Swift.abs(fPrevious - f) <= options.functionTolerance * max(1, Swift.abs(fPrevious)) ? smallChanges + 1 : 0
            if smallChanges >= 2 { return finish(.functionTolerance) }
        }
    }

    /// d = −H g by the two-loop recursion, H₀ = (sᵀy / yᵀy) I from the newest pair.
    private func direction(_ g: [Double], _ s: [[Double]], _ y: [[Double]], _ rho: [Double]) -> [Double] {
        var q = g
        var alpha = [Double](repeating: 0, count: s.count)
        for i in stride(from: s.count - 1, through: 0, by: -1) {
            alpha[i] = rho[i] * dot(s[i], q)
            for j in q.indices { q[j] -= alpha[i] * y[i][j] }
        }
        if let sl = s.last, let yl = y.last {
            let gamma = dot(sl, yl) / dot(yl, yl)
            for j in q.indices { q[j] *= gamma }
        }
        for i in 0..<s.count {
            let beta = rho[i] * dot(y[i], q)
            for j in q.indices { q[j] += (alpha[i] - beta) * s[i][j] }
        }
        return q.map { -$0 }
    }

    private func infinityNorm(_ v: [Double]) -> Double { v.reduce(0) { max($0, Swift.abs($1)) } }
}
