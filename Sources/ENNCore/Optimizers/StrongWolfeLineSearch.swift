/// Line search satisfying the strong Wolfe conditions (Nocedal & Wright, Numerical
/// Optimization, 2nd ed., algorithms 3.5 and 3.6, with safeguarded cubic interpolation,
/// eq. 3.59):
///   φ(α) ≤ φ(0) + c₁ α φ'(0)   and   |φ'(α)| ≤ c₂ |φ'(0)|,   φ(α) = f(x + α d).
struct StrongWolfeLineSearch {
    var c1 = 1e-4
    var c2 = 0.9
    var maxEvaluations = 25

    /// A point along the line with its value, slope and full gradient.
    struct Point {
        var alpha: Double
        var f: Double
        var slope: Double
        var x: [Double]
        var g: [Double]
    }

    enum Outcome {
        case accepted(Point, evaluations: Int)
        /// No acceptable step; `best` is the lowest point seen (it may be the start).
        case failed(reason: String, best: Point, evaluations: Int)
    }

    func search(x: [Double], f0: Double, g0: [Double], direction d: [Double], initialStep: Double,
                objective: ([Double], inout [Double]) -> Double) -> Outcome {
        let slope0 = dot(g0, d)
        precondition(slope0 < 0, "StrongWolfeLineSearch: direction is not a descent direction (slope \(slope0))")
        var evaluations = 0
        let start = Point(alpha: 0, f: f0, slope: slope0, x: x, g: g0)
        var best = start

        func evaluate(_ alpha: Double) -> Point {
            evaluations += 1
            var xa = x
            for i in xa.indices { xa[i] += alpha * d[i] }
            var ga = [Double](repeating: 0, count: x.count)
            let fa = objective(xa, &ga)
            let p = Point(alpha: alpha, f: fa, slope: dot(ga, d), x: xa, g: ga)
            if fa.isFinite && fa < best.f { best = p }
            return p
        }
        func sufficientDecrease(_ p: Point) -> Bool { p.f <= f0 + c1 * p.alpha * slope0 }
        func curvature(_ p: Point) -> Bool { Swift.abs(p.slope) <= -c2 * slope0 }

        // Algorithm 3.6: shrink [lo, hi] (lo satisfies sufficient decrease, lowest so far).
        func zoom(_ lo0: Point, _ hi0: Point) -> Outcome {
            var lo = lo0, hi = hi0
            while evaluations < maxEvaluations {
                if Swift.abs(hi.alpha - lo.alpha) <= 1e-14 * max(1, Swift.abs(lo.alpha)) {
                    return .failed(reason: "line-search interval shrank below round-off", best: best, evaluations: evaluations)
                }
                let a = cubicMinimizer(lo, hi, lower: 0.1, upper: 0.9)
                let p = evaluate(a)
                if !p.f.isFinite || !sufficientDecrease(p) || p.f >= lo.f {
                    hi = p
                } else {
                    if curvature(p) { return .accepted(p, evaluations: evaluations) }
                    if p.slope * (hi.alpha - lo.alpha) >= 0 { hi = lo }
                    lo = p
                }
            }
            return .failed(reason: "line search used \(maxEvaluations) evaluations", best: best, evaluations: evaluations)
        }

        // Algorithm 3.5: bracket an acceptable step by expanding.
        var previous = start
        var alpha = initialStep
        while evaluations < maxEvaluations {
            let p = evaluate(alpha)
            if !p.f.isFinite { // overshot into overflow: treat as too long a step
                return zoom(previous, p)
            }
            if !sufficientDecrease(p) || (evaluations > 1 && p.f >= previous.f) { return zoom(previous, p) }
            if curvature(p) { return .accepted(p, evaluations: evaluations) }
            if p.slope >= 0 { return zoom(p, previous) }
            // Still descending steeply: extrapolate (cubic), at least doubling, at most ×10.
            let guess = cubicMinimizer(previous, p, lower: 0, upper: 1, extrapolate: true)
            alpha = min(max(guess, 2 * p.alpha), 10 * p.alpha)
            previous = p
        }
        return .failed(reason: "line search used \(maxEvaluations) evaluations while expanding", best: best,
                       evaluations: evaluations)
    }

    /// Minimiser of the cubic through (a, φa, φ'a) and (b, φb, φ'b), kept within
    /// [lower, upper] fractions of [a, b] (bisection when the cubic has no minimiser).
    private func cubicMinimizer(_ a: Point, _ b: Point, lower: Double, upper: Double, extrapolate: Bool = false) -> Double {
        let mid = 0.5 * (a.alpha + b.alpha)
        guard b.f.isFinite, a.alpha != b.alpha else { return extrapolate ? 2 * b.alpha : mid }
        let d1 = a.slope + b.slope - 3 * (a.f - b.f) / (a.alpha - b.alpha)
        let disc = d1 * d1 - a.slope * b.slope
        guard disc >= 0 else { return extrapolate ? 2 * b.alpha : mid }
        let d2 = (b.alpha > a.alpha ? 1.0 : -1.0) * disc.squareRoot()
        let denom = b.slope - a.slope + 2 * d2
        guard denom != 0 else { return extrapolate ? 2 * b.alpha : mid }
        let t = b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / denom
        guard t.isFinite else { return extrapolate ? 2 * b.alpha : mid }
        if extrapolate { return t }
        let lo = min(a.alpha, b.alpha), hi = max(a.alpha, b.alpha), w = hi - lo
        return min(max(t, lo + lower * w), lo + upper * w)
    }
}

@inline(__always) func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in for i in 0..<a.count { s += a[i] * b[i] } } }
    return s
}
