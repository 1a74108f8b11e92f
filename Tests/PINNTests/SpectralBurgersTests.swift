import Foundation
import XCTest
import PINN

/// Pseudo-spectral ETDRK4 Burgers against the Cole–Hopf solution.
final class SpectralBurgersTests: XCTestCase {
    let nu = 0.01 / Double.pi

    /// The project grid (256 uniform x in [−1, 1] with ends, 101 uniform t in [0, 1]) with the
    /// default N and step: ≤ 1e-6 at every grid point and well under a minute.
    func testDefaultsMatchColeHopfOnProjectGrid() {
        let x = referenceLinspace(-1, 1, 256), t = referenceLinspace(0, 1, 101)
        let start = Date()
        let spectral = SpectralBurgers().grid(x: x, t: t)
        let seconds = Date().timeIntervalSince(start)
        let exact = BurgersColeHopf(nu: nu).grid(x: x, t: t)
        let worst = assertReferenceMaxError(spectral, exact, tolerance: 1e-6, "spectral vs Cole–Hopf, 256 × 101")
        let last = assertReferenceMaxError(Array(spectral.suffix(256)), Array(exact.suffix(256)), tolerance: 1e-6, "spectral vs Cole–Hopf at t = 1")
        print("SpectralBurgers defaults (N = \(SpectralBurgers.defaultPoints), h ≤ \(SpectralBurgers.defaultMaxTimeStep)): 256 × 101 grid in \(String(format: "%.2f", seconds)) s, max error \(worst) (t = 1: \(last))")
        XCTAssert(seconds < 30, "256 × 101 spectral reference took \(seconds) s, expected < 30 s")
        for j in 0..<t.count {
            assertReferenceValue(spectral[j * 256], 0, tolerance: 1e-12, "u(−1, \(t[j]))")
            assertReferenceValue(spectral[j * 256 + 255], 0, tolerance: 1e-12, "u(1, \(t[j]))")
        }
    }

    /// The steepest moment (Basdevant et al. 1986): the spectral solution reproduces the
    /// published slope −152.00516 at x = 0, t = 1.6037/π, and Cole–Hopf at t = 1/π.
    func testSteepestMomentMatchesPublishedSlope() {
        // Five-point derivative, h = 1e-4 (truncation ≈ 4e-6, solution error / h ≈ 1e-6).
        let h = 1e-4, x = referenceLinspace(-1, 1, 201)
        let times = [1 / Double.pi, 1.6037 / Double.pi]
        let stencil = [-2 * h, -h, h, 2 * h]
        let u = SpectralBurgers().grid(x: stencil + x, t: times)
        let row = stencil.count + x.count
        let f = Array(u[row..<(row + 4)])
        let slope = (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * h)
        assertReferenceValue(slope, -152.00516, tolerance: 1e-4, "spectral ∂u/∂x(0, 1.6037/π)")
        let exact = BurgersColeHopf(nu: nu).grid(x: x, t: times)
        let spectral = Array(u[4..<row]) + Array(u[(row + 4)...])
        assertReferenceMaxError(spectral, exact, tolerance: 1e-6, "spectral vs Cole–Hopf at t = 1/π and 1.6037/π")
    }

    /// Error at t = 1 against Cole–Hopf falls (faster than) geometrically as N doubles, down
    /// to the time-stepping/round-off floor; prints the table.
    func testSpectralConvergenceInN() {
        let x = referenceLinspace(-1, 1, 256)
        let exact = BurgersColeHopf(nu: nu).grid(x: x, t: [1])
        var errors: [(Int, Double)] = []
        print("| N | max error at t = 1 (h = 1e-4) |")
        for n in [256, 512, 1024, 2048] {
            let u = SpectralBurgers(points: n, maxTimeStep: 1e-4).grid(x: x, t: [1])
            let error = zip(u, exact).map { abs($0 - $1) }.max()!
            errors.append((n, error))
            print("| \(n) | \(String(format: "%.2e", error)) |")
        }
        for k in 1..<errors.count where errors[k].1 > 1e-10 {
            let ratio = errors[k - 1].1 / errors[k].1
            XCTAssert(ratio >= 10, "error should drop ≥ 10× from N = \(errors[k - 1].0) (\(errors[k - 1].1)) to N = \(errors[k].0) (\(errors[k].1)); ratio \(ratio)")
        }
        // The ratios grow (faster than geometric: the error behaves like e^{−cN}).
        let r1 = errors[1].1 / errors[2].1, r0 = errors[0].1 / errors[1].1
        XCTAssert(r1 > r0, "convergence ratios should grow: \(r0) then \(r1)")
        assertReferenceValue(errors[3].1, 0, tolerance: 1e-9, "N = 2048 error at t = 1")
    }

    /// A shifted period [0, 2) and larger ν: u₀(x) = −sin(π(x − 1)) is Cole–Hopf shifted by 1.
    func testShiftedDomain() {
        let nu = 0.05 / Double.pi
        let x = referenceLinspace(0, 2, 65), t = [0.0, 0.3, 0.8]
        let solver = SpectralBurgers(nu: nu, lower: 0, length: 2, points: 512, maxTimeStep: 1e-3) { -sin(Double.pi * ($0 - 1)) }
        XCTAssertEqual(solver.gridPoints.first, 0)
        let exact = BurgersColeHopf(nu: nu).grid(x: x.map { $0 - 1 }, t: t)
        assertReferenceMaxError(solver.grid(x: x, t: t), exact, tolerance: 1e-9, "shifted-domain Burgers vs Cole–Hopf")
    }
}
