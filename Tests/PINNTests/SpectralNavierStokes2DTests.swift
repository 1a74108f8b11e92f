import Foundation
import XCTest
import PINN

/// Pseudo-spectral 2-D Navier–Stokes against Taylor–Green and self-convergence.
final class SpectralNavierStokes2DTests: XCTestCase {
    /// Taylor–Green (ANCHORS.md) advected by a uniform flow (U, V); U = V = 0 is the standard
    /// vortex. By Galilean invariance u = U + sin ξ cos η F, v = V − cos ξ sin η F,
    /// p = ¼(cos 2ξ + cos 2η) F², ω = 2 sin ξ sin η F with ξ = x − Ut, η = y − Vt, F = e^{−2νt}.
    func taylorGreen(_ nu: Double, _ mean: (Double, Double), _ x: Double, _ y: Double, _ t: Double) -> [Double] {
        let (xi, eta, f) = (x - mean.0 * t, y - mean.1 * t, exp(-2 * nu * t))
        return [mean.0 + sin(xi) * cos(eta) * f, mean.1 - cos(xi) * sin(eta) * f,
                0.25 * (cos(2 * xi) + cos(2 * eta)) * f * f, 2 * sin(xi) * sin(eta) * f]
    }

    func expectedFields(_ nu: Double, _ mean: (Double, Double), x: [Double], y: [Double], t: [Double]) -> [[Double]] {
        var out = [[Double]](repeating: [], count: 4)
        for tk in t { for yj in y { for xi in x {
            let f = taylorGreen(nu, mean, xi, yj, tk)
            for c in 0..<4 { out[c].append(f[c]) }
        } } }
        return out
    }

    func check(_ fields: FlowFields2D, _ expected: [[Double]], tolerance: Double, _ what: String,
               file: StaticString = #filePath, line: UInt = #line) {
        for (name, observed, exact) in [("u", fields.u, expected[0]), ("v", fields.v, expected[1]),
                                         ("p", fields.p, expected[2]), ("ω", fields.omega, expected[3])] {
            assertReferenceMaxError(observed, exact, tolerance: tolerance, "\(what): \(name)", file: file, line: line)
        }
    }

    func testTaylorGreenVortex() {
        let nu = 0.1
        let solver = SpectralNavierStokes2D(nu: nu, pointsX: 32, pointsY: 32,
                                            u0: { x, y in sin(x) * cos(y) }, v0: { x, y in -cos(x) * sin(y) })
        let t = [0, 0.5, 1]
        check(solver.fields(times: t), expectedFields(nu, (0, 0), x: solver.gridX, y: solver.gridY, t: t),
              tolerance: 1e-10, "Taylor–Green on the solver grid")
        // Arbitrary points, including the periodic end 2π.
        let x = referenceLinspace(0, 2 * Double.pi, 41), y = referenceLinspace(0, 2 * Double.pi, 37)
        check(solver.fields(x: x, y: y, times: [1]), expectedFields(nu, (0, 0), x: x, y: y, t: [1]),
              tolerance: 1e-10, "Taylor–Green at arbitrary points")
    }

    /// Rectangular box and grid: ψ = sin(ax) sin(by) F, F = e^{−ν(a²+b²)t}, is exact with
    /// u = b sin ax cos by F, v = −a cos ax sin by F, p = ¼(b² cos 2ax + a² cos 2by) F².
    func testGeneralisedTaylorGreenOnRectangle() {
        let (nu, a, b) = (0.05, 2.0, 0.5)
        let solver = SpectralNavierStokes2D(nu: nu, lengthX: 2 * Double.pi, lengthY: 4 * Double.pi, pointsX: 32, pointsY: 48,
                                            u0: { x, y in b * sin(a * x) * cos(b * y) }, v0: { x, y in -a * cos(a * x) * sin(b * y) })
        let x = referenceLinspace(0, 2 * Double.pi, 23), y = referenceLinspace(0, 4 * Double.pi, 29), t = [0.0, 1.5]
        var expected = [[Double]](repeating: [], count: 4)
        for tk in t { for yj in y { for xi in x {
            let f = exp(-nu * (a * a + b * b) * tk)
            expected[0].append(b * sin(a * xi) * cos(b * yj) * f)
            expected[1].append(-a * cos(a * xi) * sin(b * yj) * f)
            expected[2].append(0.25 * (b * b * cos(2 * a * xi) + a * a * cos(2 * b * yj)) * f * f)
            expected[3].append((a * a + b * b) * sin(a * xi) * sin(b * yj) * f)
        } } }
        check(solver.fields(x: x, y: y, times: t), expected, tolerance: 1e-10, "Taylor–Green on a 2π × 4π box, 32 × 48")
    }

    /// A gradient added to the initial velocity is removed by the Leray projection.
    func testLerayProjectionRemovesGradient() {
        let nu = 0.05
        // ∇φ with φ = sin x + cos 2y sin 3x; u gets φ_x, v gets φ_y.
        let solver = SpectralNavierStokes2D(nu: nu, pointsX: 32, pointsY: 32,
            u0: { x, y in sin(x) * cos(y) + cos(x) + 3 * cos(2 * y) * cos(3 * x) },
            v0: { x, y in -cos(x) * sin(y) - 2 * sin(2 * y) * sin(3 * x) })
        let t: [Double] = [0, 1]
        check(solver.fields(times: t), expectedFields(nu, (0, 0), x: solver.gridX, y: solver.gridY, t: t),
              tolerance: 1e-10, "projected Taylor–Green")
    }

    /// With a mean flow the advection term no longer vanishes, so this tests the time stepping.
    func testTaylorGreenInUniformFlow() {
        let (nu, mean) = (0.05, (1.0, 0.5))
        let solver = SpectralNavierStokes2D(nu: nu, pointsX: 32, pointsY: 32, maxTimeStep: 0.01,
            u0: { x, y in 1 + sin(x) * cos(y) }, v0: { x, y in 0.5 - cos(x) * sin(y) })
        assertReferenceValue(solver.meanU, 1, tolerance: 1e-14, "mean u")
        let t = [0.25, 1]
        check(solver.fields(times: t), expectedFields(nu, mean, x: solver.gridX, y: solver.gridY, t: t),
              tolerance: 1e-9, "Taylor–Green in a uniform flow")
    }

    /// A nonlinear flow (two interacting shear modes). Space: at a fixed step the difference to
    /// 128² falls from 32² to 64² by orders of magnitude. Time: on 64², steps 0.04, 0.02 against
    /// 0.005 show fourth order (ratio ≈ 16).
    func testSelfConvergenceOnNonlinearFlow() {
        let nu = 0.02
        let u0: (Double, Double) -> Double = { x, y in sin(y) + 0.3 * cos(x + 2 * y) }
        let v0: (Double, Double) -> Double = { x, y in 0.2 * sin(x) + 0.1 * cos(2 * x - y) }
        let x = referenceLinspace(0, 2 * Double.pi, 17), y = x, t = [1.0]
        func run(_ n: Int, step: Double) -> FlowFields2D {
            SpectralNavierStokes2D(nu: nu, pointsX: n, pointsY: n, maxTimeStep: step, u0: u0, v0: v0).fields(x: x, y: y, times: t)
        }
        let (n32, n64, n128) = (run(32, step: 0.02), run(64, step: 0.02), run(128, step: 0.02))
        let (h4, h1) = (run(64, step: 0.04), run(64, step: 0.005))
        func maxDiff(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map { abs($0 - $1) }.max()! }
        for (name, f32, f64, f128, f64h4, f64h1) in [
            ("u", n32.u, n64.u, n128.u, h4.u, h1.u), ("v", n32.v, n64.v, n128.v, h4.v, h1.v),
            ("p", n32.p, n64.p, n128.p, h4.p, h1.p), ("ω", n32.omega, n64.omega, n128.omega, h4.omega, h1.omega)] {
            let (e32, e64) = (maxDiff(f32, f128), maxDiff(f64, f128))
            let (eh4, eh2) = (maxDiff(f64h4, f64h1), maxDiff(f64, f64h1))
            print("NS self-convergence \(name): space |32²−128²| \(e32), |64²−128²| \(e64); time |h0.04−h0.005| \(eh4), |h0.02−h0.005| \(eh2)")
            assertReferenceValue(e64, 0, tolerance: 1e-9, "64² vs 128² at t = 1: \(name)")
            XCTAssert(e32 >= 1e4 * e64, "\(name): 32² error \(e32) should exceed 10⁴ × the 64² error \(e64)")
            let order = log2(eh4 / eh2)
            XCTAssert(order > 3.5, "\(name): observed time order \(order) (errors \(eh4), \(eh2)), expected ≈ 4")
        }
    }
}
