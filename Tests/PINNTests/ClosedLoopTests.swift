import Foundation
import PINN
import XCTest

/// The closed loop on a plant whose answer is known: ẋ = −2x + u tracking 0.2 from x = 0 with
/// the true model. The controller can reach 0.2 at the first period end (u ≈ 0.46) and hold
/// it with u = 0.4; the record holds every plant step, the control held over each period.
final class ClosedLoopTests: XCTestCase {
    func testLinearPlantReachesAndHoldsTheReference() throws {
        let settings = try ControlFixture.settings(ControlFixture.linear)
        let controller = ModelPredictiveController(model: TrueModel(settings: settings, stepsPerPeriod: 4), settings: settings)
        let loop = ClosedLoop(settings: settings, controller: controller)
        loop.run()
        let r = loop.result
        XCTAssertEqual(r.time, (0...12).map { Double($0) * 0.25 })
        XCTAssertEqual(r.state.count, 13)
        let decay = exp(-2.0)
        // (the exact flow; RK4 with 4 steps per period is within 1e-3 of it)
        XCTAssertEqual(r.steps[0].control, 0.4 / (1 - decay), accuracy: 1e-3, "first control: reach 0.2 at t = 1")
        XCTAssertEqual(r.steps[1].control, 0.4, accuracy: 1e-6, "then hold")
        XCTAssertEqual(r.state[4], 0.2, accuracy: 1e-6)
        XCTAssertEqual(r.state.last!, 0.2, accuracy: 1e-6)
        XCTAssertEqual(Array(r.control[0..<4]), [Double](repeating: r.steps[0].control, count: 4))
        XCTAssertEqual(r.control[4], r.steps[1].control)
        // IAE: only the first period is off the reference (the trapezoid rule on the samples).
        var firstPeriod = 0.0
        for k in 0..<4 {
            let left = Swift.abs(r.state[k] - 0.2), right = Swift.abs(r.state[k + 1] - 0.2)
            firstPeriod += 0.125 * (left + right)
        }
        XCTAssertEqual(r.iae, firstPeriod, accuracy: 1e-6)
        XCTAssertGreaterThan(r.iae, 0.05)
    }
}
