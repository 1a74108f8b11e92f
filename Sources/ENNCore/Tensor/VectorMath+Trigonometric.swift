import Foundation

/// Vectorised sin and cos together (8 doubles per step), for the `sin` activation, Fourier
/// features and periodic embeddings.
///
/// Reduction x = k·π/2 + r, |r| ≤ π/4, with π/2 split in three parts (Cody–Waite; exact
/// for |x| < 2²⁰·π/2), then the fdlibm kernel polynomials for sin r and cos r (Sun
/// Microsystems' __kernel_sin/__kernel_cos coefficients) and the quadrant k mod 4.
/// Lanes with |x| ≥ 10⁵ fall back to libm. Tested against glibc: within 1e-15 absolute for
/// |x| ≤ 100 (VectorMathTests).
extension VectorMath {
    static let pio2Parts = (1.57079632673412561417e+00, 6.07710050630396597660e-11, 2.02226624871116645580e-21)
    static let sinCoefficients = (-1.66666666666666324348e-01, 8.33333333332248946124e-03, -1.98412698298579493134e-04,
                                  2.75573137070700676789e-06, -2.50507602534068634195e-08, 1.58969099521155010221e-10)
    static let cosCoefficients = (4.16666666666666019037e-02, -1.38888888888741095749e-03, 2.48015872894767294178e-05,
                                  -2.75573143513906633035e-07, 2.08757232129817482790e-09, -1.13596475577881948265e-11)

    /// (sin x, cos x) for one vector.
    @inline(__always) public static func sinCos(_ x: V) -> (sin: V, cos: V) {
        let magic = V(repeating: 0x1.8p52)
        let shifted = x * (2 / Double.pi) + magic
        let k = shifted - magic
        let r = ((x - k * pio2Parts.0) - k * pio2Parts.1) - k * pio2Parts.2
        let z = r * r
        let (s1, s2, s3, s4, s5, s6) = sinCoefficients
        let (c1, c2, c3, c4, c5, c6) = cosCoefficients
        let sp = V(repeating: s5).addingProduct(z, V(repeating: s6))
        let sPoly = V(repeating: s1).addingProduct(z, V(repeating: s2).addingProduct(z, V(repeating: s3).addingProduct(z,
                        V(repeating: s4).addingProduct(z, sp))))
        let sinR = r.addingProduct(r * z, sPoly)
        let cp = V(repeating: c5).addingProduct(z, V(repeating: c6))
        let cPoly = V(repeating: c1).addingProduct(z, V(repeating: c2).addingProduct(z, V(repeating: c3).addingProduct(z,
                        V(repeating: c4).addingProduct(z, cp))))
        let cosR = (1 - 0.5 * z).addingProduct(z * z, cPoly)
        // Quadrant q = k mod 4 from the low bits of the shifted value.
        let q = unsafeBitCast(shifted, to: SIMD8<UInt64>.self) & 3
        let swap = (q & 1) .== 1
        var s = sinR.replacing(with: cosR, where: swap)
        var c = cosR.replacing(with: sinR, where: swap)
        s = s.replacing(with: -s, where: (q & 2) .== 2)              // q = 2, 3: −sin r, −cos r
        c = c.replacing(with: -c, where: ((q &+ 1) & 2) .== 2)       // q = 1, 2: −sin r, −cos r
        return (s, c)
    }

    /// sin and cos of `count` doubles into two buffers (either may be nil).
    public static func sinCos(_ x: UnsafePointer<Double>, sin: UnsafeMutablePointer<Double>?, cos: UnsafeMutablePointer<Double>?,
                              count: Int) {
        var i = 0
        while i < count {
            let n = min(8, count - i)
            var v = V()
            for j in 0..<n { v[j] = x[i + j] }
            var (s, c) = sinCos(v)
            if v.max() >= 1e5 || v.min() <= -1e5 || v.max().isNaN || v.min().isNaN { // rare: libm per lane
                for j in 0..<n where !(Swift.abs(v[j]) < 1e5) { s[j] = Foundation.sin(v[j]); c[j] = Foundation.cos(v[j]) }
            }
            for j in 0..<n { sin?[i + j] = s[j]; cos?[i + j] = c[j] }
            i += 8
        }
    }
}
