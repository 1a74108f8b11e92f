import ENNCore
import Foundation

/// Residual-based adaptive distribution, RAD (Wu, Zhu, Tan, Kartha & Lu, "A comprehensive
/// study of non-adaptive and residual-based adaptive sampling for physics-informed neural
/// networks", CMAME 403, 115671, 2023): n of the m candidates (row-major [m × d]) drawn
/// WITH replacement with probability
///   p(x_i) ∝ |r_i|^k / mean_j(|r_j|^k) + c,
/// returned as row-major [n × d] copies of the chosen rows. See `radResampleIndices`.
public func radResample(candidates: [Double], dimension d: Int, residuals: [Double], k: Double, c: Double,
                        count n: Int, rng: inout RandomGenerator) -> [Double] {
    precondition(d >= 1, "radResample: dimension must be ≥ 1, got \(d)")
    precondition(candidates.count == residuals.count * d,
                 "radResample: candidates has \(candidates.count) values, expected residuals.count × dimension = \(residuals.count) × \(d)")
    let chosen = radResampleIndices(residuals: residuals, k: k, c: c, count: n, rng: &rng)
    var out = [Double](repeating: 0, count: n * d)
    for (p, i) in chosen.enumerated() {
        for j in 0..<d { out[p * d + j] = candidates[i * d + j] }
    }
    return out
}

/// The candidate indices RAD draws: n independent draws (with replacement) from
/// p_i ∝ |r_i|^k / mean_j(|r_j|^k) + c, k ≥ 0, c ≥ 0.
///
/// k = 0 or large c tends to uniform sampling; c = 0 never picks a zero residual. The weights
/// are formed from |r_i| / max|r| (the ratio to the mean is scale-free, and this cannot
/// overflow); all-zero residuals count as equal. Sampling is by inversion: a running-sum table
/// P_i = Σ_{j≤i} p_j, and for each draw u ~ U[0, P_m) the first i with P_i > u by binary
/// search, O(m + n log m) in all. (The authors' DeepXDE example draws without replacement;
/// with n ≪ m the two agree closely, and with replacement keeps the probabilities exact.)
public func radResampleIndices(residuals: [Double], k: Double, c: Double, count n: Int,
                               rng: inout RandomGenerator) -> [Int] {
    precondition(n >= 0, "radResample: count must be ≥ 0, got \(n)")
    precondition(k >= 0 && k.isFinite, "radResample: k must be finite and ≥ 0, got \(k)")
    precondition(c >= 0 && c.isFinite, "radResample: c must be finite and ≥ 0, got \(c)")
    precondition(!residuals.isEmpty || n == 0, "radResample: no candidates to draw \(n) points from")
    if n == 0 { return [] }
    let m = residuals.count
    var largest = 0.0
    for (i, r) in residuals.enumerated() {
        precondition(r.isFinite, "radResample: residuals[\(i)] is not finite (\(r))")
        largest = max(largest, abs(r))
    }
    // e_i = (|r_i| / max|r|)^k, then p_i = e_i / mean(e) + c, accumulated into `table`.
    var table = [Double](repeating: 1, count: m)
    if largest > 0 {
        if k == 1 {
            for i in 0..<m { table[i] = abs(residuals[i]) / largest }
        } else if k != 0 {
            for i in 0..<m { table[i] = Foundation.pow(abs(residuals[i]) / largest, k) }
        }
    }
    var sum = 0.0
    for i in 0..<m { sum += table[i] }
    let scale = Double(m) / sum   // sum ≥ 1: the largest residual has e = 1
    var running = 0.0
    var lastPositive = 0
    for i in 0..<m {
        let p = table[i] * scale + c
        if p > 0 { lastPositive = i }
        running += p
        table[i] = running
    }
    let total = running
    var chosen = [Int](repeating: 0, count: n)
    for s in 0..<n {
        let u = rng.uniform() * total
        var lo = 0, hi = m
        while lo < hi {
            let mid = (lo + hi) >> 1
            if table[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        chosen[s] = lo < m ? lo : lastPositive
    }
    return chosen
}
