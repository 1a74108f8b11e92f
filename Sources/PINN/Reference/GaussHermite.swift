import Foundation

/// Gauss–Hermite quadrature: ∫ f(z) e^{−z²} dz ≈ Σ_i w_i f(z_i), exact for polynomials of
/// degree ≤ 2n − 1.
///
/// Nodes are the zeros of the degree-n Hermite polynomial, found by Newton's method on the
/// orthonormal Hermite *functions* h_j(z) = p_j(z) e^{−z²/2}, which stay O(1) where the
/// polynomials p_j overflow:
///
///     h_0 = π^{−1/4} e^{−z²/2},  h_1 = √2 z h_0,
///     h_{j+1} = √(2/(j+1)) z h_j − √(j/(j+1)) h_{j−1},
///     h_n'(z) = √(2n) h_{n−1} − z h_n.
///
/// The weights are w_i = e^{−z_i²} / (n h_{n−1}(z_i)²), kept as logarithms so that callers
/// can combine them with large exponents before exponentiating. Starting guesses are the
/// asymptotic ones of Numerical Recipes §4.5 (largest zero ≈ √(2n+1) − 1.85575 (2n+1)^{−1/6},
/// later zeros extrapolated from the previous ones); the rule is symmetric, z_{n−1−i} = −z_i.
/// Reference: Golub & Welsch (1969), Math. Comp. 23; Press et al., Numerical Recipes, §4.5.
public struct GaussHermite: Sendable {
    /// Nodes in decreasing order.
    public let nodes: [Double]
    /// Weights w_i (the outermost underflow to 0 beyond n ≈ 350; use `logWeights` there).
    public let weights: [Double]
    /// log w_i.
    public let logWeights: [Double]

    /// Computes the n-point rule, 2 ≤ n ≤ 500.
    public init(count n: Int) {
        precondition(n >= 2 && n <= 500, "GaussHermite: count must be in 2...500, got \(n)")
        var z = [Double](repeating: 0, count: n)
        var logW = [Double](repeating: 0, count: n)
        let m = (n + 1) / 2
        var root = 0.0
        for i in 0..<m {
            switch i {
            case 0: root = (2 * Double(n) + 1).squareRoot() - 1.85575 * pow(2 * Double(n) + 1, -1.0 / 6.0)
            case 1: root -= 1.14 * pow(Double(n), 0.426) / root
            case 2: root = 1.86 * root - 0.86 * z[0]
            case 3: root = 1.91 * root - 0.91 * z[1]
            default: root = 2 * root - z[i - 2]
            }
            var converged = false
            for _ in 0..<100 {
                let (hn, hn1) = GaussHermite.hermiteFunctions(n, at: root)
                let step = hn / ((2 * Double(n)).squareRoot() * hn1 - root * hn)
                root -= step
                if abs(step) <= 1e-14 * max(1, abs(root)) { converged = true; break }
            }
            precondition(converged, "GaussHermite: Newton did not converge for node \(i) of \(n)")
            let hPrev = GaussHermite.hermiteFunctions(n, at: root).1
            z[i] = root
            z[n - 1 - i] = -root
            let lw = -root * root - log(Double(n) * hPrev * hPrev)
            logW[i] = lw
            logW[n - 1 - i] = lw
        }
        if n % 2 == 1 { z[n / 2] = 0 }
        for i in 1..<n {
            precondition(z[i] < z[i - 1], "GaussHermite: nodes not distinct for n = \(n)")
        }
        nodes = z
        logWeights = logW
        weights = logW.map { exp($0) }
    }

    /// (h_n(z), h_{n−1}(z)) by the three-term recurrence on orthonormal Hermite functions.
    static func hermiteFunctions(_ n: Int, at z: Double) -> (Double, Double) {
        var hPrev = 0.0
        var h = pow(Double.pi, -0.25) * exp(-0.5 * z * z)
        for j in 0..<n {
            let next = (2 / Double(j + 1)).squareRoot() * z * h - (Double(j) / Double(j + 1)).squareRoot() * hPrev
            hPrev = h
            h = next
        }
        return (h, hPrev)
    }
}
