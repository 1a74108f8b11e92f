import XCTest
import Foundation
import ENNCore

/// The fused tanh-jet kernel (forward and backward of tanh on a second-order jet) at both
/// step widths: the AVX-512 build steps 16 lanes, the AVX2 build 8, and each must give the
/// same doubles, with the last partial step (block not a multiple of the width) included.
final class FusedTanhJetTests: XCTestCase {
    /// u, u_t, u_x, u_xx over inputs (x, t), as in the Burgers PINN.
    let layout = JetLayout(inputCount: 2, requested: [Partial([1]), Partial([0]), Partial([0, 0])])

    func randomJet(block m: Int, seed: UInt64) -> (a: [Double], gy: [Double]) {
        var rng = RandomGenerator(seed: seed)
        let k = layout.count
        return ((0..<(k * m)).map { _ in rng.uniform(-2, 2) }, (0..<(k * m)).map { _ in rng.uniform(-1, 1) })
    }

    func testStepWidthsGiveIdenticalDoubles() {
        for m in [1, 7, 8, 16, 37, 101, 3200] {
            let (a, gy) = randomJet(block: m, seed: UInt64(m))
            let eight = FusedTanhJetProbe.evaluate(layout: layout, a: a, gy: gy, lanes: 8)
            let sixteen = FusedTanhJetProbe.evaluate(layout: layout, a: a, gy: gy, lanes: 16)
            XCTAssertEqual(eight.y, sixteen.y, "forward, block \(m)")
            XCTAssertEqual(eight.ga, sixteen.ga, "backward, block \(m)")
        }
    }

    /// y against tanh's chain rule written out with Foundation's tanh, and ā against central
    /// differences of L(a) = Σ ȳ·y(a) (each lane is independent, so one lane's components
    /// are perturbed at a time).
    func testForwardAndBackwardMatchChainRuleAndFiniteDifferences() {
        let m = 37, k = layout.count
        let (a, gy) = randomJet(block: m, seed: 42)
        let comp = { (name: [Int]) in self.layout.index(of: Partial(name))! }
        let (ct, cx, cxx) = (comp([1]), comp([0]), comp([0, 0]))
        for lanes in [8, 16] {
            let (y, ga) = FusedTanhJetProbe.evaluate(layout: layout, a: a, gy: gy, lanes: lanes)
            for e in 0..<m {
                let s = Foundation.tanh(a[e]), s1 = 1 - s * s, s2 = -2 * s * s1
                XCTAssertEqual(y[e], s, accuracy: 1e-15)
                XCTAssertEqual(y[ct * m + e], s1 * a[ct * m + e], accuracy: 1e-14)
                XCTAssertEqual(y[cx * m + e], s1 * a[cx * m + e], accuracy: 1e-14)
                XCTAssertEqual(y[cxx * m + e], s1 * a[cxx * m + e] + s2 * a[cx * m + e] * a[cx * m + e], accuracy: 1e-14)
            }
            func lossAtLane(_ e: Int, _ perturbed: [Double]) -> Double {
                let y = FusedTanhJetProbe.evaluate(layout: layout, a: perturbed, gy: gy, lanes: lanes).y
                return (0..<k).reduce(0) { $0 + gy[$1 * m + e] * y[$1 * m + e] }
            }
            for e in [0, 9, 36] {
                for c in 0..<k {
                    let h = 1e-6
                    var plus = a, minus = a
                    plus[c * m + e] += h; minus[c * m + e] -= h
                    let difference = (lossAtLane(e, plus) - lossAtLane(e, minus)) / (2 * h)
                    XCTAssertEqual(ga[c * m + e], difference, accuracy: 1e-8, "ā component \(c), lane \(e), \(lanes) lanes")
                }
            }
        }
    }
}
