import Foundation

/// A smooth scalar function applied elementwise to jets, with its derivatives f, f', …
///
/// `derivatives` fills d[k][i] = f^(k)(x[i]) for k = 0…m (m ≤ 5: a jet of order 4 needs
/// f'''' forward and f^(5) in the reverse pass). tanh runs through the SIMD kernel in
/// `VectorMath`; the others use libm per element (they are not on the hot path of the
/// shipped networks; sin as an activation is the exception and is still exact to libm).
public enum ScalarFunction: Hashable, Sendable {
    case tanh, sin, cos, exp, log, sqrt, abs
    /// 1/x.
    case reciprocal
    /// xⁿ for an integer n (n < 0 allowed; x must then be non-zero).
    case power(Int)
    /// SiLU (swish): x·σ(x).
    case silu
    /// GELU: x·Φ(x), Φ the standard normal CDF.
    case gelu

    public static let maximumDerivative = 5

    public func derivatives(_ x: UnsafePointer<Double>, count n: Int, order m: Int,
                            into d: [UnsafeMutablePointer<Double>]) {
        precondition(m <= ScalarFunction.maximumDerivative && d.count > m,
                     "ScalarFunction.derivatives: order \(m) with \(d.count) buffers")
        switch self {
        case .tanh:
            VectorMath.tanh(x, d[0], count: n)
            TanhDerivatives.fill(d, count: n, order: m)
        case .sin, .cos:
            // The derivatives cycle through ±sin, ±cos: one SIMD pass for the pair, then signs.
            if self == .sin {
                VectorMath.sinCos(x, sin: d[0], cos: m >= 1 ? d[1] : nil, count: n)       // sin, cos
            } else {
                VectorMath.sinCos(x, sin: m >= 1 ? d[1] : nil, cos: d[0], count: n)       // cos, −sin
                if m >= 1 { for i in 0..<n { d[1][i] = -d[1][i] } }
            }
            for k in stride(from: 2, through: m, by: 1) { for i in 0..<n { d[k][i] = -d[k - 2][i] } }
        case .exp:
            VectorMath.exp(x, d[0], count: n)
            for k in stride(from: 1, through: m, by: 1) { d[k].update(from: d[0], count: n) }
        case .log:
            for i in 0..<n {
                d[0][i] = Foundation.log(x[i])
                var term = 1 / x[i] // (−1)^(k−1)(k−1)!/x^k
                for k in stride(from: 1, through: m, by: 1) {
                    d[k][i] = term
                    term *= -Double(k) / x[i]
                }
            }
        case .sqrt:
            for i in 0..<n {
                var term = x[i].squareRoot() // d_k = d_{k−1}·(1/2 − (k−1))/x
                d[0][i] = term
                for k in stride(from: 1, through: m, by: 1) {
                    term *= (0.5 - Double(k - 1)) / x[i]
                    d[k][i] = term
                }
            }
        case .abs:
            for i in 0..<n {
                d[0][i] = Swift.abs(x[i])
                if m >= 1 { d[1][i] = x[i] > 0 ? 1 : (x[i] < 0 ? -1 : 0) }
                for k in stride(from: 2, through: m, by: 1) { d[k][i] = 0 }
            }
        case .reciprocal:
            for i in 0..<n {
                var term = 1 / x[i] // (−1)^k k!/x^(k+1)
                for k in 0...m {
                    d[k][i] = term
                    term *= -Double(k + 1) / x[i]
                }
            }
        case .power(let p):
            for i in 0..<n {
                var falling = 1.0 // p(p−1)…(p−k+1)
                for k in 0...m {
                    d[k][i] = falling == 0 ? 0 : falling * integerPower(x[i], p - k)
                    falling *= Double(p - k)
                }
            }
        case .silu:
            SmoothActivationDerivatives.silu(x, count: n, order: m, into: d)
        case .gelu:
            SmoothActivationDerivatives.gelu(x, count: n, order: m, into: d)
        }
    }
}

/// xⁿ by repeated squaring (exact for small n, no libm pow).
@inline(__always) func integerPower(_ x: Double, _ n: Int) -> Double {
    if n < 0 { return 1 / integerPower(x, -n) }
    var result = 1.0, base = x, e = n
    while e > 0 {
        if e & 1 == 1 { result *= base }
        base *= base
        e >>= 1
    }
    return result
}
