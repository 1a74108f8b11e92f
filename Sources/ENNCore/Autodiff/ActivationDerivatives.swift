import Foundation

/// Derivatives of tanh as polynomials in s = tanh(x), in one pass after s is known:
///   s' = 1 − s², s'' = −2 s s', s''' = −2(s'² + s s''), s⁗ = −2(3 s' s'' + s s'''),
///   s⁽⁵⁾ = −2(3 s''² + 4 s' s''' + s s⁗)   (differentiate s' = 1 − s² repeatedly).
enum TanhDerivatives {
    static func fill(_ d: [UnsafeMutablePointer<Double>], count n: Int, order m: Int) {
        guard m >= 1 else { return }
        let s = d[0], d1 = d[1]
        for i in 0..<n { d1[i] = 1 - s[i] * s[i] }
        guard m >= 2 else { return }
        let d2 = d[2]
        for i in 0..<n { d2[i] = -2 * s[i] * d1[i] }
        guard m >= 3 else { return }
        let d3 = d[3]
        for i in 0..<n { d3[i] = -2 * (d1[i] * d1[i] + s[i] * d2[i]) }
        guard m >= 4 else { return }
        let d4 = d[4]
        for i in 0..<n { d4[i] = -2 * (3 * d1[i] * d2[i] + s[i] * d3[i]) }
        guard m >= 5 else { return }
        let d5 = d[5]
        for i in 0..<n { d5[i] = -2 * (3 * d2[i] * d2[i] + 4 * d1[i] * d3[i] + s[i] * d4[i]) }
    }
}

/// Derivatives of SiLU and GELU, both of the form x·g(x):  (x g)^(k) = x g^(k) + k g^(k−1).
enum SmoothActivationDerivatives {
    /// g = σ: σ' = σ − σ², σ'' = σ'(1 − 2σ), σ''' = σ''(1 − 2σ) − 2σ'², σ⁗ = σ'''(1 − 2σ) − 6σ'σ'',
    /// σ⁽⁵⁾ = σ⁗(1 − 2σ) − 8σ'σ''' − 6σ''².
    static func silu(_ x: UnsafePointer<Double>, count n: Int, order m: Int, into d: [UnsafeMutablePointer<Double>]) {
        // σ through the SIMD exp (same accuracy as `VectorMath.exp`), then the polynomial
        // recurrences per element: the libm exp would dominate the layer otherwise.
        let sigma = d[0]
        VectorMath.exp(x, sigma, count: n) // e^{x}, turned into σ = 1/(1 + e^{−x}) = e^x/(1 + e^x) below
        for i in 0..<n {
            let e = sigma[i]
            let s = e.isInfinite ? 1 : e / (1 + e)
            var g = SIMD8<Double>() // g, g', …, g⁽⁵⁾ on the stack
            g[0] = s
            g[1] = s - s * s
            g[2] = g[1] * (1 - 2 * s)
            g[3] = g[2] * (1 - 2 * s) - 2 * g[1] * g[1]
            g[4] = g[3] * (1 - 2 * s) - 6 * g[1] * g[2]
            g[5] = g[4] * (1 - 2 * s) - 8 * g[1] * g[3] - 6 * g[2] * g[2]
            d[0][i] = x[i] * s
            for k in stride(from: 1, through: m, by: 1) { d[k][i] = x[i] * g[k] + Double(k) * g[k - 1] }
        }
    }

    /// g = Φ: Φ^(k) = φ^(k−1) = (−1)^(k−1) He_{k−1}(x) φ(x), He the probabilists' Hermite
    /// polynomials (He₀ = 1, He₁ = x, He_{j+1} = x He_j − j He_{j−1}).
    static func gelu(_ x: UnsafePointer<Double>, count n: Int, order m: Int, into d: [UnsafeMutablePointer<Double>]) {
        for i in 0..<n {
            let xi = x[i]
            let phi = Foundation.exp(-0.5 * xi * xi) / (2 * Double.pi).squareRoot()
            var g = SIMD8<Double>() // g, g', …, g⁽⁵⁾ on the stack
            g[0] = 0.5 * Foundation.erfc(-xi / 2.0.squareRoot())
            var he = (prev: 0.0, cur: 1.0) // He_{j−1}, He_j starting at j = 0
            for k in 1...5 {
                let j = k - 1
                g[k] = (j % 2 == 0 ? 1 : -1) * he.cur * phi
                he = (he.cur, xi * he.cur - Double(j) * he.prev)
            }
            d[0][i] = xi * g[0]
            for k in stride(from: 1, through: m, by: 1) { d[k][i] = xi * g[k] + Double(k) * g[k - 1] }
        }
    }
}
