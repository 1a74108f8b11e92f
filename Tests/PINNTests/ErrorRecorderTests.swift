import Foundation
import XCTest

import PINN

/// The recorder's cadence, clock and row rules, with a hand-driven clock and fake fields.
final class ErrorRecorderTests: XCTestCase {
    /// A clock the test advances; `predict` advances it by `evaluationCost` (an evaluation's time).
    private final class Harness {
        var now = 500.0
        var evaluationCost = 0.1
        var field = [1.0, 2.0, 4.0]
        let reference = [1.0, 2.0, 3.0]
        var predictions = 0

        func recorder(_ cadence: ErrorCadenceSpec, outputs: [String] = ["u"]) -> ErrorRecorder {
            ErrorRecorder(outputs: outputs, reference: ["u": reference], cadence: cadence, clock: { self.now }) {
                self.predictions += 1
                self.now += self.evaluationCost
                return ["u": self.field, "v": self.field]
            }
        }
    }

    func testSecondsCadenceExcludesTheEvaluationTime() {
        let h = Harness()
        let recorder = h.recorder(ErrorCadenceSpec(seconds: 1))
        XCTAssertEqual(recorder.columns, ["wall_seconds", "iteration", "rel_l2_u"])
        recorder.start(parameters: [0])
        for i in 1...10 {             // 0.3 s of training per iteration
            h.now += 0.3
            recorder.iterationDone(iteration: i, parameters: [Double(i)])
        }
        // Training time reaches 1.2 s at iteration 4 and 2.4 s at 8 (were the evaluations' 0.1 s
        // counted, iteration 7 would already be due).
        XCTAssertEqual(recorder.rows.map { Int($0[1]) }, [0, 4, 8])
        let seconds = recorder.rows.map { $0[0] }
        for (observed, expected) in zip(seconds, [0, 1.2, 2.4]) { XCTAssertEqual(observed, expected, accuracy: 1e-9) }
        XCTAssertEqual(recorder.evaluations, 3)
        XCTAssertEqual(recorder.evaluationSeconds, 0.3, accuracy: 1e-9)
        XCTAssertEqual(recorder.trainingSeconds(), 3.0, accuracy: 1e-9)
        let expected = (1.0 / 14.0).squareRoot()   // ‖(0, 0, 1)‖ / ‖(1, 2, 3)‖
        XCTAssertEqual(recorder.latest, [expected])
        XCTAssertEqual(recorder.rows[1][2], ReferenceEvaluator.relativeL2(h.field, h.reference))
    }

    func testIterationCadenceAndCheckpoints() {
        let h = Harness()
        let recorder = h.recorder(ErrorCadenceSpec(seconds: 0, iterations: 5))
        recorder.start(parameters: [0])
        for i in 1...12 {
            h.now += 10         // the time rule is off: long iterations do not matter
            recorder.iterationDone(iteration: i, parameters: [Double(i)])
        }
        recorder.checkpoint(iteration: 12, parameters: [12])     // end of a stage
        recorder.checkpoint(iteration: 12, parameters: [12])     // end of training: same parameters, no row
        XCTAssertEqual(recorder.rows.map { Int($0[1]) }, [0, 5, 10, 12])
        XCTAssertEqual(h.predictions, 4)
        // A checkpoint at the same iteration with other parameters replaces the row.
        h.field = [1, 2, 3]
        recorder.checkpoint(iteration: 12, parameters: [11])
        XCTAssertEqual(recorder.rows.map { Int($0[1]) }, [0, 5, 10, 12])
        XCTAssertEqual(recorder.latest, [0])
        XCTAssertEqual(recorder.evaluations, 5)
        let times = recorder.rows.map { $0[0] }
        XCTAssertEqual(times, times.sorted(), "time does not go back")
    }

    func testBothRulesOffRecordsOnlyCheckpoints() {
        let h = Harness()
        let recorder = h.recorder(ErrorCadenceSpec(seconds: 0, iterations: 0))
        recorder.start(parameters: [0])
        for i in 1...50 { h.now += 1; recorder.iterationDone(iteration: i, parameters: [Double(i)]) }
        recorder.checkpoint(iteration: 50, parameters: [50])
        XCTAssertEqual(recorder.rows.map { Int($0[1]) }, [0, 50])
    }

    func testOutputsWithoutReferenceAreSkipped() {
        let h = Harness()
        let recorder = h.recorder(.standard, outputs: ["u", "v"])
        XCTAssertEqual(recorder.outputs, ["u"])
        XCTAssertEqual(recorder.columns, ["wall_seconds", "iteration", "rel_l2_u"])
        XCTAssertEqual(ErrorCadenceSpec.standard, ErrorCadenceSpec(seconds: 2, iterations: 0))
    }

    func testStartClearsAnEarlierRun() {
        let h = Harness()
        let recorder = h.recorder(ErrorCadenceSpec(iterations: 1))
        recorder.start(parameters: [0])
        recorder.iterationDone(iteration: 1, parameters: [1])
        recorder.start(parameters: [0])
        XCTAssertEqual(recorder.rows.count, 1)
        XCTAssertEqual(recorder.evaluations, 1)
    }

    /// With a point reference the recorder keeps the largest deviation per output, in
    /// `max_abs_<output>` columns (what the progress line shows for the cavity).
    func testPointReferenceRecordsTheLargestDeviation() {
        let reference = GhiaCavity.reference(horizontal: "x", vertical: "y")
        var now = 0.0, offset = 0.05
        let recorder = ErrorRecorder(pointReference: reference, cadence: ErrorCadenceSpec(iterations: 2), clock: { now }) {
            PointComparison(reference: reference, predicted: reference.lines.enumerated().map { k, line in
                line.values.map { $0 + offset * Double(k + 1) }   // u off by offset, v by twice that
            })
        }
        XCTAssertEqual(recorder.metric, .maxAbsolute)
        XCTAssertEqual(recorder.outputs, ["u", "v"])
        XCTAssertEqual(recorder.columns, ["wall_seconds", "iteration", "max_abs_u", "max_abs_v"])
        recorder.start(parameters: [0])
        now = 1
        offset = 0.01
        recorder.iterationDone(iteration: 1, parameters: [1])
        recorder.iterationDone(iteration: 2, parameters: [2])
        XCTAssertEqual(recorder.rows.map { Int($0[1]) }, [0, 2])
        XCTAssertEqual(recorder.rows[0][2], 0.05, accuracy: 1e-15)
        XCTAssertEqual(recorder.rows[0][3], 0.1, accuracy: 1e-15)
        XCTAssertEqual(recorder.latest[0], 0.01, accuracy: 1e-15)
        XCTAssertEqual(recorder.latest[1], 0.02, accuracy: 1e-15)
    }
}
