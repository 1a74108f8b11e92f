import Foundation
import PINN
import XCTest

/// `/training/error_history` from real runs of the command line: its columns, its rows'
/// order, its last row against the final error, the cadence option, and no history
/// without a reference.
final class ErrorHistoryTests: XCTestCase {
    /// Burgers up to t = 0.3 on a small network: Adam 60, then L-BFGS up to 40 iterations.
    private func smallBurgers(in dir: URL, errorEvery: [String: Any]?) throws -> URL {
        try reducedProblem("burgers", in: dir) { p in
            p["domain"] = ["x": [-1, 1], "t": [0, 0.3]]
            p["network"] = ["hidden": [16, 16], "activation": "tanh"]
            p["points"] = ["interior": 500, "sampler": "sobol"]
            p["training"] = [["optimizer": "adam", "iterations": 60, "lr": 1e-3], ["optimizer": "lbfgs", "iterations": 40]]
            var output: [String: Any] = ["grid": ["x": 64, "t": 31]]
            if let errorEvery { output["error_every"] = errorEvery }
            p["output"] = output
        }
    }

    func testHistoryRowsAndTheIterationCadence() throws {
        let dir = try temporaryDirectory(self)
        let problem = try smallBurgers(in: dir, errorEvery: ["seconds": 0, "iterations": 20])
        let r = try PinnSolveBinary.run([problem.lastPathComponent, "--output", "out", "--threads", "2"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains(" err "), "the progress lines show the error: \(r.stderr)")
        let result = try ResultWriter.readResult(from: dir.appendingPathComponent("out/burgers.h5"))
        let history = try XCTUnwrap(result.errorHistory, "a run with a reference records its error")
        XCTAssertEqual(history.columns, ["wall_seconds", "iteration", "rel_l2_u"])
        XCTAssertTrue(history.evaluationSeconds.isFinite && history.evaluationSeconds > 0, "\(history.evaluationSeconds)")

        let seconds = history.column("wall_seconds")!, iterations = history.column("iteration")!.map { Int($0) }
        let total = result.lossHistory.count
        XCTAssertGreaterThan(total, 60, "Adam's 60 and some L-BFGS iterations")
        // Every 20 iterations, the end of Adam (60, also a multiple) and the end of training.
        var expected = Array(stride(from: 0, through: total, by: 20))
        if expected.last != total { expected.append(total) }
        XCTAssertEqual(iterations, expected)
        XCTAssertEqual(seconds.first, 0)
        for k in 1..<seconds.count {
            XCTAssertGreaterThan(seconds[k], seconds[k - 1], "row \(k): time increases")
            XCTAssertGreaterThan(iterations[k], iterations[k - 1], "row \(k): iteration increases")
        }
        XCTAssertLessThanOrEqual(seconds.last!, result.wallSeconds, "training time within the run's wall time")
        let errors = history.column("rel_l2_u")!
        XCTAssertEqual(errors.last!, result.relativeL2["u"]!, accuracy: 1e-12, "the last row is the final error")
        XCTAssertLessThan(errors.last!, errors.first!, "training lowers the error")
    }

    func testDefaultCadenceRecordsStartAndStageEnds() throws {
        let dir = try temporaryDirectory(self)
        let problem = try smallBurgers(in: dir, errorEvery: nil)
        let r = try PinnSolveBinary.run([problem.lastPathComponent, "--output", "out", "--quiet"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let result = try ResultWriter.readResult(from: dir.appendingPathComponent("out/burgers.h5"))
        let iterations = try XCTUnwrap(result.errorHistory?.column("iteration")).map { Int($0) }
        // Every 2 s of training (this run is shorter or about as long), and always 0, 60 and the end.
        XCTAssertEqual(iterations.first, 0)
        XCTAssertTrue(iterations.contains(60), "\(iterations)")
        XCTAssertEqual(iterations.last, result.lossHistory.count)
        XCTAssertEqual(result.errorHistory!.rows.last![2], result.relativeL2["u"]!, accuracy: 1e-12)
    }

    func testNoReferenceNoHistory() throws {
        let dir = try temporaryDirectory(self)
        let problem = try reducedProblem("heat1d", in: dir) { p in
            p.removeValue(forKey: "reference")
            p.removeValue(forKey: "expect")
            p["points"] = ["interior": 200, "boundary": 32, "initial": 32, "sampler": "sobol"]
            p["training"] = [["optimizer": "adam", "iterations": 20, "lr": 1e-3]]
        }
        let r = try PinnSolveBinary.run([problem.lastPathComponent, "--output", "out"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stderr.contains(" err "), r.stderr)
        let url = dir.appendingPathComponent("out/heat1d.h5")
        XCTAssertNil(try ResultWriter.readResult(from: url).errorHistory)
        let file = try HDF5File.open(at: url)
        defer { try? file.close() }
        XCTAssertEqual(try file.childNames(of: "/training"), ["loss", "parameters"])
    }
}
