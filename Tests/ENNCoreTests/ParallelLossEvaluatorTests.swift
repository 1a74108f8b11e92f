import XCTest
import Foundation
import BenchCore
import ENNCore

/// The batch split's worker pool: every evaluation sees all its work items, whether the
/// workers were spinning or asleep, and evaluators do not leak threads.
final class ParallelLossEvaluatorTests: XCTestCase {
    private func smallLoss() -> (BurgersLoss, [Double]) {
        var rng = RandomGenerator(seed: 3)
        var config = BurgersLoss.Config(hidden: [8, 8], interior: 90)
        config.boundary = 10; config.initial = 14; config.chunk = 8
        let loss = BurgersLoss(config: config, rng: &rng)
        return (loss, loss.network.initialParameters(rng: &rng))
    }

    func testBackToBackAndAfterIdleEvaluationsAreIdentical() {
        let (loss, theta) = smallLoss()
        var reference = [Double](repeating: 0, count: theta.count)
        let serial = loss.evaluate(theta, gradient: &reference,
                                   evaluator: ParallelLossEvaluator(parameterCount: theta.count, threads: 1))
        // Three threads on two cores: workers get preempted while the caller waits.
        let evaluator = ParallelLossEvaluator(parameterCount: theta.count, threads: 3)
        var first = [Double](repeating: 0, count: theta.count)
        let e0 = loss.evaluate(theta, gradient: &first, evaluator: evaluator)
        assertClose(e0.total, serial.total, relative: 1e-13, "3 threads vs 1")
        for i in theta.indices { assertClose(first[i], reference[i], relative: 1e-11, "gradient[\(i)], 3 threads vs 1") }
        for round in 0..<60 {
            // Every tenth round waits past the spin limit, so the workers are asleep.
            if round % 10 == 9 { Thread.sleep(forTimeInterval: 0.01) }
            var g = [Double](repeating: 0, count: theta.count)
            let e = loss.evaluate(theta, gradient: &g, evaluator: evaluator)
            XCTAssertEqual(e.total, e0.total, "round \(round): loss differs from the first evaluation")
            XCTAssertEqual(g, first, "round \(round): gradient differs from the first evaluation")
        }
    }

    func testReleasedEvaluatorsStopTheirThreads() throws {
        func threadCount() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count
        }
        let (loss, theta) = smallLoss()
        let before = try threadCount()
        for _ in 0..<10 {
            let evaluator = ParallelLossEvaluator(parameterCount: theta.count, threads: 4)
            var g = [Double](repeating: 0, count: theta.count)
            _ = loss.evaluate(theta, gradient: &g, evaluator: evaluator)
        }
        // Threads exit asynchronously after shutdown; allow them a moment.
        var after = try threadCount()
        for _ in 0..<100 where after > before { Thread.sleep(forTimeInterval: 0.01); after = try threadCount() }
        XCTAssertLessThanOrEqual(after, before, "30 workers were started; \(after - before) threads are still running")
    }
}
