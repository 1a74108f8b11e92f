import XCTest
import BenchCore
import ENNCore

/// The whole Burgers PINN loss (the benchmark's workload) against finite differences.
final class BurgersGradientTests: XCTestCase {
    func testFullLossGradientMatchesFiniteDifferences() {
        var rng = RandomGenerator(seed: 1)
        var config = BurgersLoss.Config(hidden: [10, 10], interior: 50)
        config.boundary = 10; config.initial = 12; config.chunk = 16
        let loss = BurgersLoss(config: config, rng: &rng)
        let theta = loss.network.initialParameters(rng: &rng)
        let evaluator = ParallelLossEvaluator(parameterCount: theta.count, threads: 2)
        var gradient = [Double](repeating: 0, count: theta.count)
        let e = loss.evaluate(theta, gradient: &gradient, evaluator: evaluator)
        XCTAssertEqual(e.total, e.terms.reduce(0, +), accuracy: 1e-14)
        var scratch = gradient
        for i in stride(from: 0, to: theta.count, by: 7) { // a sample across every layer
            let fd = centralDifference(1e-5) { h in
                var t = theta
                t[i] += h
                return loss.evaluate(t, gradient: &scratch, evaluator: evaluator).total
            }
            assertClose(gradient[i], fd, relative: 1e-8, "∂loss/∂θ[\(i)]")
        }
    }

    func testThreadCountDoesNotChangeTheResult() {
        var rng = RandomGenerator(seed: 2)
        let loss = BurgersLoss(config: .a, rng: &rng)
        let theta = loss.network.initialParameters(rng: &rng)
        var g1 = [Double](repeating: 0, count: theta.count), g2 = g1
        let e1 = loss.evaluate(theta, gradient: &g1, evaluator: ParallelLossEvaluator(parameterCount: theta.count, threads: 1))
        let e2 = loss.evaluate(theta, gradient: &g2, evaluator: ParallelLossEvaluator(parameterCount: theta.count, threads: 2))
        assertClose(e2.total, e1.total, relative: 1e-13, "loss, 2 threads vs 1")
        for i in theta.indices { assertClose(g2[i], g1[i], relative: 1e-11, "gradient[\(i)], 2 threads vs 1") }
    }
}
