/// L-BFGS for box constraints l ≤ x ≤ u: a projected quasi-Newton method with an active set
/// (Bertsekas, "Projected Newton methods for optimization problems with simple constraints",
/// SIAM J. Control Optim. 20, 1982; the L-BFGS two-loop recursion of Nocedal & Wright,
/// algorithm 7.4, on the free variables; Kelley, "Iterative Methods for Optimization", 5.5).
///
/// Each iteration:
/// 1. the binding set: variables within ε of a bound whose gradient pushes them further out,
///    ε = min(ε₀, ‖x − P(x − ∇f)‖∞) (Bertsekas' rule, which keeps the set from
///    oscillating near a solution);
/// 2. the direction: −H∇f on the free variables by the two-loop recursion over the stored
///    pairs restricted to them, zero on the binding set (steepest descent when that is not
///    a descent direction);
/// 3. backtracking along the projection arc x(α) = P(x + αd) until the Armijo condition
///    f(x(α)) ≤ f(x) + c₁ ∇f·(x(α) − x) holds (the arc bends at the bounds, so a strong-Wolfe
///    search along a straight line does not apply).
/// A pair (s, y) is kept only when sᵀy > 0, so H stays positive definite.
///
/// Stops when the projected gradient ‖x − P(x − ∇f)‖∞ — zero exactly at a KKT point — is at
/// most `projectedGradientTolerance`, and always with a stated reason.
public struct ProjectedLBFGS: Sendable {
    public struct Options: Sendable {
        public var historySize = 10
        public var maxIterations = 100
        /// Objective evaluations, backtracking trials included; default 3 × iterations + 10.
        public var maxEvaluations: Int? = nil
        /// Stop when ‖x − P(x − ∇f)‖∞ ≤ this.
        public var projectedGradientTolerance = 1e-10
        /// Stop when |f_k − f_{k+1}| ≤ this · max(1, |f_k|) on two consecutive steps.
        public var functionTolerance = 1e-15
        /// The largest ε of the binding set (Bertsekas' ε₀).
        public var bindingTolerance = 1e-3
        public var c1 = 1e-4
        /// Backtracking trials per iteration before the search is declared failed.
        public var backtrackingSteps = 30
        public init() {}
    }

    public typealias StopReason = QuasiNewtonStopReason

    public struct Result: Sendable {
        public var x: [Double]
        public var f: Double
        public var iterations: Int
        public var evaluations: Int
        public var reason: StopReason
        /// ‖x − P(x − ∇f(x))‖∞ at the returned x.
        public var projectedGradient: Double
    }

    public var options: Options
    public init(options: Options = Options()) { self.options = options }

    /// Minimises `objective` (returns f(x), writes ∇f(x) into its inout argument) over the box
    /// `lower ≤ x ≤ upper` from `x0` (projected into the box first).
    public func minimize(from x0: [Double], lower: [Double], upper: [Double],
                         objective: ([Double], inout [Double]) -> Double) -> Result {
        precondition(lower.count == x0.count && upper.count == x0.count,
                     "ProjectedLBFGS: x0 has \(x0.count) values, lower \(lower.count), upper \(upper.count)")
        precondition(zip(lower, upper).allSatisfy { $0 <= $1 }, "ProjectedLBFGS: a lower bound exceeds its upper bound")
        let box = Box(lower: lower, upper: upper)
        let maxEvaluations = options.maxEvaluations ?? (3 * options.maxIterations + 10)
        var x = box.project(x0)
        var g = [Double](repeating: 0, count: x.count)
        var f = objective(x, &g)
        var evaluations = 1
        var iteration = 0
        var pairs = CurvaturePairs(capacity: options.historySize)
        var smallChanges = 0

        func finish(_ reason: StopReason) -> Result {
            Result(x: x, f: f, iterations: iteration, evaluations: evaluations, reason: reason,
                   projectedGradient: box.projectedGradientNorm(x, g))
        }
        guard f.isFinite else { return finish(.nonFiniteObjective) }

        while true {
            let projectedGradient = box.projectedGradientNorm(x, g)
            if projectedGradient <= options.projectedGradientTolerance { return finish(.gradientTolerance) }
            if iteration >= options.maxIterations { return finish(.maxIterations) }
            if evaluations >= maxEvaluations { return finish(.maxEvaluations) }

            let free = box.freeMask(x, g, epsilon: min(options.bindingTolerance, projectedGradient))
            var d = pairs.direction(g, free: free)
            if !(dot(g, d) < 0) {
                pairs.removeAll()
                d = zip(g, free).map { $1 ? -$0 : 0 }
            }
            // Without curvature information, a first trial that moves about 1 in the largest coordinate.
            var alpha = pairs.isEmpty ? min(1, 1 / max(d.reduce(0) { max($0, Swift.abs($1)) }, 1e-300)) : 1
            var accepted: (x: [Double], f: Double, g: [Double])?
            var trial = [Double](repeating: 0, count: x.count)
            for _ in 0..<options.backtrackingSteps where evaluations < maxEvaluations {
                let xa = box.project(zip(x, d).map { $0 + alpha * $1 })
                let fa = objective(xa, &trial)
                evaluations += 1
                // The linear model along the arc: ∇f·(x(α) − x), negative for a descent arc.
                let decrease = zip(g, zip(xa, x)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) }
                if fa.isFinite && fa <= f + options.c1 * decrease {
                    accepted = (xa, fa, trial)
                    break
                }
                alpha *= fa.isFinite ? 0.5 : 0.1
            }
            guard let step = accepted else {
                if evaluations >= maxEvaluations { return finish(.maxEvaluations) }
                if !pairs.isEmpty { pairs.removeAll(); continue }  // retry once from steepest descent
                return finish(.lineSearchFailed("no Armijo step along the projection arc in \(options.backtrackingSteps) trials"))
            }
            let s = zip(step.x, x).map { $0 - $1 }, y = zip(step.g, g).map { $0 - $1 }
            // H can point a free variable that sits on its bound outwards; if the projection
            // then cancels the whole step, start again from the projected steepest descent
            // (which moves whenever the projected gradient is not zero).
            if s.allSatisfy({ $0 == 0 }), !pairs.isEmpty {
                pairs.removeAll()
                continue
            }
            let fPrevious = f
            (x, f, g) = step
            iteration += 1
            pairs.add(s: s, y: y)
            smallChanges = Swift.abs(fPrevious - f) <= options.functionTolerance * max(1, Swift.abs(fPrevious)) ? smallChanges + 1 : 0
            if smallChanges >= 2 { return finish(.functionTolerance) }
        }
    }
}

/// The feasible box and the operations on it.
private struct Box {
    let lower: [Double], upper: [Double]

    func project(_ x: [Double]) -> [Double] {
        (0..<x.count).map { min(max(x[$0], lower[$0]), upper[$0]) }
    }

    /// ‖x − P(x − g)‖∞.
    func projectedGradientNorm(_ x: [Double], _ g: [Double]) -> Double {
        (0..<x.count).reduce(0) { max($0, Swift.abs(x[$1] - min(max(x[$1] - g[$1], lower[$1]), upper[$1]))) }
    }

    /// True for the variables the step may move: not within `epsilon` of a bound that the
    /// gradient pushes them against.
    func freeMask(_ x: [Double], _ g: [Double], epsilon: Double) -> [Bool] {
        (0..<x.count).map { i in
            !((x[i] <= lower[i] + epsilon && g[i] > 0) || (x[i] >= upper[i] - epsilon && g[i] < 0))
        }
    }
}

/// The newest (s, y) pairs and the two-loop recursion restricted to a set of free variables.
private struct CurvaturePairs {
    let capacity: Int
    private var s: [[Double]] = [], y: [[Double]] = []

    init(capacity: Int) { self.capacity = max(capacity, 1) }

    var isEmpty: Bool { s.isEmpty }
    mutating func removeAll() { s.removeAll(); y.removeAll() }

    mutating func add(s step: [Double], y change: [Double]) {
        let sy = dot(step, change)
        guard sy > 1e-12 * dot(change, change) else { return }
        if s.count == capacity { s.removeFirst(); y.removeFirst() }
        s.append(step); y.append(change)
    }

    /// d = −H g over the free variables (pairs restricted to them; H₀ = (sᵀy / yᵀy) I from the
    /// newest pair that still has positive curvature there), zero on the others.
    func direction(_ g: [Double], free: [Bool]) -> [Double] {
        func restrict(_ v: [Double]) -> [Double] { zip(v, free).map { $1 ? $0 : 0 } }
        let rs = s.map(restrict), ry = y.map(restrict)
        let rho = zip(rs, ry).map { pair -> Double in
            let sy = dot(pair.0, pair.1)
            return sy > 1e-12 * dot(pair.1, pair.1) ? 1 / sy : 0  // a pair with no curvature left on F is skipped
        }
        return restrict(LBFGS.twoLoop(restrict(g), rs, ry, rho)).map { -$0 }
    }
}
