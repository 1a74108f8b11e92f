import Foundation
import XCTest
import PINN

/// Cole–Hopf Burgers reference and its Gauss–Hermite rule.
final class BurgersColeHopfTests: XCTestCase {
    let nu = 0.01 / Double.pi

    func testGaussHermiteMomentsAreExact() {
        // ∫ z^{2k} e^{−z²} dz = Γ(k + ½); a 20-point rule is exact to degree 39.
        let rule = GaussHermite(count: 20)
        for k in 0...19 {
            let quadrature = zip(rule.weights, rule.nodes).map { $0 * pow($1, Double(2 * k)) }.reduce(0, +)
            let exact = tgamma(Double(k) + 0.5)
            assertReferenceValue(quadrature / exact, 1, tolerance: 1e-12, "Gauss–Hermite n=20 relative moment z^\(2 * k)")
        }
        let big = GaussHermite(count: 200)
        assertReferenceValue(big.weights.reduce(0, +), Double.pi.squareRoot(), tolerance: 1e-14, "Gauss–Hermite n=200 Σw")
        let second = zip(big.weights, big.nodes).map { $0 * $1 * $1 }.reduce(0, +)
        assertReferenceValue(second, Double.pi.squareRoot() / 2, tolerance: 1e-14, "Gauss–Hermite n=200 Σw z²")
        for i in 0..<200 { XCTAssertEqual(big.nodes[i], -big.nodes[199 - i], "node symmetry at \(i)") }
    }

    func testInitialTimeIsExact() {
        let ch = BurgersColeHopf(nu: nu)
        for x in referenceLinspace(-1, 1, 41) {
            XCTAssertEqual(ch.u(x: x, t: 0), -sin(Double.pi * x), "u(\(x), 0) must be −sin(πx) exactly")
        }
    }

    func testConvergedInNodeCount() {
        let (a, b) = (BurgersColeHopf(nu: nu, nodes: 200), BurgersColeHopf(nu: nu, nodes: 300))
        let x = referenceLinspace(-1, 1, 129)
        let t = [0.01, 0.1, 0.25, 1 / Double.pi, 0.5, 1.6037 / Double.pi, 0.75, 1.0]
        assertReferenceMaxError(a.grid(x: x, t: t), b.grid(x: x, t: t), tolerance: 1e-10, "Cole–Hopf 200 vs 300 nodes")
    }

    func testOddSymmetryAndBoundaryValues() {
        let ch = BurgersColeHopf(nu: nu)
        for t in [0.1, 0.4, 1.0] {
            for x in referenceLinspace(0, 1, 33) {
                assertReferenceValue(ch.u(x: -x, t: t), -ch.u(x: x, t: t), tolerance: 1e-13, "u(−x,t) = −u(x,t) at x=\(x), t=\(t)")
            }
            assertReferenceValue(ch.u(x: 1, t: t), 0, tolerance: 1e-13, "u(1, \(t))")
            assertReferenceValue(ch.u(x: -1, t: t), 0, tolerance: 1e-13, "u(−1, \(t))")
        }
    }

    /// Basdevant et al. (1986, Comput. Fluids 14(1)): max |∂u/∂x| = 152.00516 at x = 0,
    /// t = 1.6037/π for ν = 0.01/π. Central difference with h = 1e-6 (error ≈ 1e-7).
    func testPublishedMaximumSlope() {
        let ch = BurgersColeHopf(nu: nu)
        let (t, h) = (1.6037 / Double.pi, 1e-6)
        let slope = (ch.u(x: h, t: t) - ch.u(x: -h, t: t)) / (2 * h)
        assertReferenceValue(slope, -152.00516, tolerance: 1e-5, "∂u/∂x(0, 1.6037/π)")
        // It is the steepest moment: slightly earlier and later the front is less steep.
        for other in [1.5 / Double.pi, 1.7 / Double.pi] {
            let s = (ch.u(x: h, t: other) - ch.u(x: -h, t: other)) / (2 * h)
            XCTAssert(abs(s) < 152.00516, "|∂u/∂x(0, \(other))| = \(abs(s)) should be below the maximum 152.00516")
        }
    }
}
