import Foundation
import PINN
import XCTest

/// The shipped inverse problems, reduced in size, through the command line: the learned
/// parameters and fields must reach thresholds an untrained or broken solver cannot (an
/// untrained λ₁ = 0 is 100 % off), and the result file must hold what was learned.
final class InverseProblemTests: XCTestCase {
    /// Burgers identification from 2 000 clean points with a quarter of the collocation
    /// points and a twentieth of the quasi-Newton iterations: 20–45 s on a busy 2-core machine.
    /// Measured (seeds 0, 1, 2): λ₁ 5.3e-4, 1.9e-4, 1.5e-4; λ₂ 2.7e-3, 1.3e-4, 5.4e-3;
    /// u 8.3e-4, 2.7e-3, 6.0e-4. The thresholds leave room for the seed; the starting values
    /// are 100 % (λ₁ = 0) and 1 500 % (λ₂ = 0.05) off.
    func testBurgersIdentificationReduced() throws {
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("burgers_identify", in: dir) { p in
            p["points"] = ["interior": 1024, "sampler": "sobol", "resample_every": 250, "rad": ["k": 1, "c": 1]]
            p["training"] = [["optimizer": "adam", "iterations": 300, "lr": 1e-3],
                             ["optimizer": "lm", "iterations": 60, "resample_every": 20],
                             ["optimizer": "bfgs", "variant": "ssbroyden", "iterations": 1000, "resample_every": 500]]
        }
        let r = try PinnSolveBinary.run([url.lastPathComponent, "--output", "out"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("data_u"), "the progress line shows the data term: \(r.stderr.suffix(300))")
        XCTAssertTrue(r.stdout.contains("parameter   learned"), "the table of learned parameters: \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("l1 9.60e-04, l2 4.69e-03"), "the published errors beside ours: \(r.stdout)")
        let h5 = dir.appendingPathComponent("out/burgers_identify.h5")
        let result = try ResultWriter.readResult(from: h5)
        XCTAssertEqual(result.lossColumns, ["burgers", "data_u", "total"])
        let l1 = try XCTUnwrap(result.extraAttributes["parameter_l1"]), l2 = try XCTUnwrap(result.extraAttributes["parameter_l2"])
        let e1 = abs(l1 - 1), e2 = abs(l2 - 0.01 / Double.pi) / (0.01 / Double.pi)
        XCTAssertEqual(result.extraAttributes["parameter_error_l1"] ?? .nan, e1, accuracy: 1e-15)
        XCTAssertEqual(result.extraAttributes["parameter_error_l2"] ?? .nan, e2, accuracy: 1e-12)
        let u = result.relativeL2["u"] ?? .nan
        print("burgers_identify (reduced): l1 error \(e1), l2 error \(e2), u rel. L2 \(u)")
        XCTAssertLessThanOrEqual(e1, 2e-3, "λ₁ relative error: expected ≤ 2e-3, observed \(e1)")
        XCTAssertLessThanOrEqual(e2, 2e-2, "λ₂ relative error: expected ≤ 2e-2, observed \(e2)")
        XCTAssertLessThanOrEqual(u, 5e-3, "u rel. L2: expected ≤ 5e-3, observed \(u)")

        // The history: one row per iteration and the start, columns iteration, l1, l2; it
        // starts at the initial values and ends at the final ones.
        let file = try HDF5File.open(at: h5)
        defer { try? file.close() }
        let history = try file.readDoubles("/training/parameter_history")
        XCTAssertEqual(try file.stringsAttribute("columns", on: "/training/parameter_history"), ["iteration", "l1", "l2"])
        XCTAssertEqual(history.shape, [result.lossHistory.count + 1, 3])
        XCTAssertEqual(Array(history.values.prefix(3)), [0, 0, 0.05], "iteration 0: the initial values")
        XCTAssertEqual(history.values[history.values.count - 2], l1, accuracy: 0)
        XCTAssertEqual(history.values[history.values.count - 1], l2, accuracy: 0)
    }

    /// Bad observations stop before training: exit 2, a message naming the problem file, the
    /// JSON path, the data file and the row, and nothing written.
    func testBadObservationsExitTwo() throws {
        let dir = try temporaryDirectory(self)
        try "x,t,u\n0,0,0\n0.5,0.5,nan\n".write(to: dir.appendingPathComponent("obs.csv"), atomically: true, encoding: .utf8)
        let url = try reducedProblem("burgers_identify", in: dir) { p in
            p["data"] = ["file": "obs.csv"]
        }
        for command in [[url.lastPathComponent, "--output", "out"], ["check", url.lastPathComponent]] {
            let r = try PinnSolveBinary.run(command, in: dir)
            XCTAssertEqual(r.status, 2, "\(command): \(r.stderr)")
            for fragment in ["burgers_identify.json: data.file:", "obs.csv', row 2 (line 3)", "column 'u' is not a finite number"] {
                XCTAssertTrue(r.stderr.contains(fragment), "\(command): «\(r.stderr)» should contain «\(fragment)»")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
        }
    }
}
