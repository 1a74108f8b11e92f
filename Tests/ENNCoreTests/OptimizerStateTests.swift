import ENNCore
import XCTest

/// The optimizers' explicit states continue a run exactly: stopping after iteration k and
/// continuing from the saved state (with a fresh H restored from its snapshot for dense BFGS)
/// ends at the same iterate, bit for bit, as the run that never stopped.
final class OptimizerStateTests: XCTestCase {
    private let objective = DenseBFGSTests.extendedRosenbrock
    private let start = DenseBFGSTests.rosenbrockStart(20)

    private func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }

    func testDenseBFGSContinuesFromItsStateAndHSnapshot() {
        for variant in DenseBFGS.Variant.allCases {
            var options = DenseBFGS.Options()
            options.variant = variant
            options.maxIterations = 60
            let optimizer = DenseBFGS(options: options)
            let full = optimizer.minimize(from: start, objective: objective)
            var saved: (DenseBFGS.State, DenseInverseHessian.Snapshot)?
            let h = DenseInverseHessian(dimension: start.count)
            _ = optimizer.minimize(from: start, objective: objective, inverseHessian: h) { (state: DenseBFGS.State) in
                if state.iteration == 25 { saved = (state, h.snapshot()); return false }
                return true
            }
            guard let (state, snapshot) = saved else { return XCTFail("\(variant): no iteration 25") }
            let fresh = DenseInverseHessian(dimension: start.count)
            fresh.restore(snapshot)
            let resumed = optimizer.minimize(continuing: state, objective: objective, inverseHessian: fresh) { _ in true }
            XCTAssertEqual(bits(resumed.x), bits(full.x), "\(variant)")
            XCTAssertEqual(resumed.iterations, full.iterations, "\(variant)")
            XCTAssertEqual(resumed.evaluations, full.evaluations, "\(variant)")
            XCTAssertEqual(resumed.reason, full.reason, "\(variant)")
        }
    }

    func testLBFGSContinuesFromItsState() {
        var options = LBFGS.Options()
        options.maxIterations = 60
        options.historySize = 5 // so the saved pairs have already dropped some
        let optimizer = LBFGS(options: options)
        let full = optimizer.minimize(from: start, objective: objective)
        var saved: LBFGS.State?
        _ = optimizer.minimize(from: start, objective: objective) { (state: LBFGS.State) in
            if state.iteration == 25 { saved = state; return false }
            return true
        }
        guard let state = saved else { return XCTFail("no iteration 25") }
        XCTAssertEqual(state.s.count, 5)
        let resumed = optimizer.minimize(continuing: state, objective: objective) { _ in true }
        XCTAssertEqual(bits(resumed.x), bits(full.x))
        XCTAssertEqual(resumed.evaluations, full.evaluations)
    }

    func testAdamStateRoundTrips() {
        let gradient = (0..<5).map { Double($0) - 2.5 }
        var a = Adam(parameterCount: 5), theta = [Double](repeating: 1, count: 5)
        for _ in 0..<7 { a.update(&theta, gradient: gradient) }
        var b = Adam(parameterCount: 5), thetaB = theta
        b.state = a.state
        a.update(&theta, gradient: gradient)
        b.update(&thetaB, gradient: gradient)
        XCTAssertEqual(bits(theta), bits(thetaB))
        XCTAssertEqual(b.state, a.state)
    }

    /// The state includes a spare Box–Muller deviate: the next normal draw is the same too.
    func testRandomGeneratorContinuesFromItsState() {
        var a = RandomGenerator(seed: 42)
        _ = a.normal() // leaves a spare
        var b = RandomGenerator(state: a.state)!
        XCTAssertEqual(a.normal().bitPattern, b.normal().bitPattern)
        XCTAssertEqual((0..<10).map { _ in a.next() }, (0..<10).map { _ in b.next() })
        XCTAssertNil(RandomGenerator(state: [0, 0, 0, 0, 0, 0]), "all-zero xoshiro state")
        XCTAssertNil(RandomGenerator(state: [1, 2, 3]))
    }
}
