import XCTest
import Foundation
import ENNCore

final class VectorMathTests: XCTestCase {
    private func relativeErrors(_ xs: [Double], _ simd: (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void,
                                _ reference: (Double) -> Double) -> (Double, Double) {
        var out = [Double](repeating: .nan, count: xs.count)
        xs.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { o in simd(x.baseAddress!, o.baseAddress!, xs.count) } }
        var worst = 0.0, at = 0.0
        for (x, y) in zip(xs, out) {
            let r = reference(x)
            let e = r == 0 ? Swift.abs(y) : Swift.abs(y - r) / Swift.abs(r)
            if !(e <= worst) { worst = e; at = x }
        }
        return (worst, at)
    }

    /// The stated accuracy: within 4 ulp (≈ 9e-16 relative) of glibc over wide ranges,
    /// including tiny arguments where a naive (e−1)/(e+1) loses all digits.
    func testTanhAccuracy() {
        var xs = randomValues(100_000, -20, 20, seed: 7)
        xs += randomValues(20_000, -1e-6, 1e-6, seed: 8) + [0, -0.0, 1e-300, 19.06, 300, -300, 710, -710]
        let (e, at) = relativeErrors(xs, { VectorMath.tanh($0, $1, count: $2) }, Foundation.tanh)
        XCTAssertLessThanOrEqual(e, 9e-16, "tanh worst relative error \(e) at x = \(at), tolerance 9e-16")
    }

    func testExpAccuracyAndOverflowSafety() {
        let xs = randomValues(100_000, -700, 700, seed: 9) + [0, 1e-12, -1e-12, 709, -708]
        let (e, at) = relativeErrors(xs, { VectorMath.exp($0, $1, count: $2) }, Foundation.exp)
        XCTAssertLessThanOrEqual(e, 9e-16, "exp worst relative error \(e) at x = \(at), tolerance 9e-16")
        var out = [Double](repeating: 0, count: 2)
        VectorMath.exp([800, -800], &out, count: 2)
        XCTAssert(out[0].isFinite && out[1] >= 0, "exp(±800) clamps without inf/NaN, got \(out)")
    }

    func testTailsShorterThanOneVector() {
        for n in 1...9 {
            let xs = randomValues(n, -3, 3, seed: UInt64(n))
            var out = [Double](repeating: .nan, count: n)
            VectorMath.tanh(xs, &out, count: n)
            for i in 0..<n { assertClose(out[i], Foundation.tanh(xs[i]), relative: 1e-15, "tanh tail n=\(n) i=\(i)") }
        }
    }
}

final class TrigonometricTests: XCTestCase {
    /// The stated accuracy: within 1e-15 absolute of glibc for |x| ≤ 100, and libm itself
    /// for huge arguments (fallback lanes).
    func testSinCosAgainstLibm() {
        let xs = randomValues(50_000, -100, 100, seed: 12) + [0, -0.0, Double.pi / 4, Double.pi / 2, Double.pi, 1e-300, 1e6, -3e7]
        var s = [Double](repeating: .nan, count: xs.count), c = s
        xs.withUnsafeBufferPointer { x in s.withUnsafeMutableBufferPointer { sp in c.withUnsafeMutableBufferPointer { cp in
            VectorMath.sinCos(x.baseAddress!, sin: sp.baseAddress!, cos: cp.baseAddress!, count: xs.count)
        } } }
        var worst = 0.0, at = 0.0
        for (i, x) in xs.enumerated() {
            let e = max(Swift.abs(s[i] - Foundation.sin(x)), Swift.abs(c[i] - Foundation.cos(x)))
            if e > worst { worst = e; at = x }
        }
        XCTAssertLessThanOrEqual(worst, 1e-15, "sin/cos worst absolute error \(worst) at x = \(at), tolerance 1e-15")
    }
}
