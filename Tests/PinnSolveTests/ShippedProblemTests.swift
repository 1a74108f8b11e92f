import Foundation
import PINN
import XCTest

/// Every shipped problem, reduced in size, trained through the command line: the error
/// against its reference must reach a threshold an untrained or broken solver cannot
/// (an untrained network is at rel. L2 ≈ 1), and the written HDF5 must hold what the
/// contract says, with the error recomputed from the stored fields.
final class ShippedProblemTests: XCTestCase {
    /// Trains the reduced problem; every output with a reference must reach `threshold`, or its
    /// own entry in `thresholds`.
    func solve(_ name: String, threshold: Double, thresholds: [String: Double] = [:], arguments: [String] = [],
               file: StaticString = #filePath, line: UInt = #line, changes: (inout [String: Any]) -> Void) throws {
        let dir = try temporaryDirectory(self)
        let problemURL = try reducedProblem(name, in: dir, changes: changes)
        let r = try PinnSolveBinary.run([problemURL.lastPathComponent, "--output", "out", "--quiet"] + arguments, in: dir)
        XCTAssertEqual(r.status, 0, "\(name): exit status; stderr: \(r.stderr)", file: file, line: line)
        let result = try ResultWriter.readResult(from: dir.appendingPathComponent("out/\(name).h5"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/\(name).xdmf").path))
        for output in result.outputs {
            guard let reference = result.reference[output], let field = result.fields[output] else { continue }
            let error = ReferenceEvaluator.relativeL2(field, reference)
            let bound = thresholds[output] ?? threshold
            XCTAssertEqual(result.relativeL2[output] ?? .nan, error, accuracy: 1e-12, "\(name): stored rel_l2_\(output)", file: file, line: line)
            XCTAssertLessThanOrEqual(error, bound, "\(name): rel. L2 of \(output): expected ≤ \(bound), observed \(error)",
                                     file: file, line: line)
            print("\(name) (reduced): rel. L2 \(output) = \(error) (threshold \(bound))")
        }
        XCTAssertEqual(result.lossColumns.last, "total")
        XCTAssertFalse(result.lossHistory.isEmpty)
        // Axes slowest first: t, then y (2-D problems), then x: [nt, nx], [ny, nx] or [nt, ny, nx].
        let axes = ["t", "y", "x"].filter { result.grid[$0] != nil }
        XCTAssertEqual(result.fieldShape, axes.map { result.grid[$0]!.count }, "\(name): [\(axes.map { "n" + $0 }.joined(separator: ", "))]",
                       file: file, line: line)
        for output in result.outputs {
            XCTAssertEqual(result.fields[output]?.count, result.fieldShape.reduce(1, *), "\(name): values of \(output)", file: file, line: line)
        }
    }

    /// The shipped second-order recipe (Adam → LM → SSBroyden with RAD), reduced: a quarter of
    /// the points and about 4 % of the iterations. Measured 1.0e-7 … 1.4e-7 (seeds 0, 1).
    func testHeat1D() throws {
        try solve("heat1d", threshold: 1e-6) { p in
            p["points"] = ["interior": 1024, "boundary": 128, "initial": 128, "sampler": "sobol", "resample_every": 250,
                           "rad": ["k": 1, "c": 1]]
            p["training"] = Self.reducedRecipe
        }
    }

    /// As `testHeat1D` with the conditions built into the output: measured 5.3e-9 … 5.5e-9.
    func testHeat1DHard() throws {
        try solve("heat1d_hard", threshold: 5e-8) { p in
            p["points"] = ["interior": 1024, "sampler": "sobol", "resample_every": 250, "rad": ["k": 1, "c": 1]]
            p["training"] = Self.reducedRecipe
        }
    }

    static let reducedRecipe: [[String: Any]] = [
        ["optimizer": "adam", "iterations": 300, "lr": 1e-3],
        ["optimizer": "lm", "iterations": 40, "resample_every": 20],
        ["optimizer": "bfgs", "variant": "ssbroyden", "iterations": 1500, "resample_every": 500],
    ]

    /// The shipped Burgers problem (ν = 0.01/π, its network and recipe) with half the points
    /// and 7 % of the second-order iterations. Measured 1.5e-3 … 2.5e-3 (seeds 0, 1); the
    /// front makes this the hard case, where Adam and L-BFGS at this budget scatter over
    /// 6.5e-3 … 2.3e-1 (see `testBurgersFullDomain`).
    func testBurgersSecondOrderRecipe() throws {
        try solve("burgers", threshold: 1e-2) { p in
            p["points"] = ["interior": 2048, "sampler": "sobol", "resample_every": 250, "rad": ["k": 1, "c": 1]]
            p["training"] = [["optimizer": "adam", "iterations": 500, "lr": 1e-3],
                             ["optimizer": "lm", "iterations": 100, "resample_every": 50],
                             ["optimizer": "bfgs", "variant": "ssbroyden", "iterations": 3000, "resample_every": 1000]]
        }
    }

    /// The vortex pair (three outputs, x, y, t, periodic embedding, spectral reference) over
    /// the first half of its time span, where the pair turns by about 65°: a 16-wide network
    /// (P = 691), 2048 points, Adam 500 → LM 100, 13 s of CPU. Measured u 3.0e-3 … 3.7e-3,
    /// v 4.2e-3 … 4.7e-3, p (mean-free) 9.1e-3 … 1.4e-2 (seeds 0–2; 1 and 2 threads agree).
    func testVortexMerger() throws {
        try solve("vortex_merger", threshold: 1e-2, thresholds: ["p": 3e-2]) { p in
            p["domain"] = ["x": [0, "2*pi"], "y": [0, "2*pi"], "t": [0, 2]]
            p["network"] = ["hidden": [16, 16, 16], "activation": "tanh", "periodic": ["x": "2*pi", "y": "2*pi"]]
            p["points"] = ["interior": 2048, "sampler": "sobol", "resample_every": 250, "rad": ["k": 1, "c": 1]]
            p["training"] = [["optimizer": "adam", "iterations": 500, "lr": 1e-3],
                             ["optimizer": "lm", "iterations": 100, "resample_every": 50]]
            p["output"] = ["grid": ["x": 33, "y": 33, "t": 5], "mean_free": ["p"]]
        }
    }

    /// Burgers up to t = 0.3, before the front steepens: a small network and budget must
    /// already be accurate to 1e-3.
    func testBurgersEarlyTime() throws {
        try solve("burgers", threshold: 1e-3) { p in
            p["domain"] = ["x": [-1, 1], "t": [0, 0.3]]
            p["network"] = ["hidden": [20, 20, 20], "activation": "tanh"]
            p["points"] = ["interior": 1000, "sampler": "sobol"]
            p["training"] = [["optimizer": "adam", "iterations": 500, "lr": 1e-3], ["optimizer": "lbfgs", "iterations": 1500]]
        }
    }

    /// The whole Burgers domain with its front, the shipped recipe's sampling and optimizer
    /// stages (RAD during Adam, then L-BFGS with RAD restarts; smaller network, constant
    /// learning rate) at a small fraction of the budget, with ν = 0.02/π: within 3 %.
    ///
    /// Why not the shipped ν = 0.01/π: at this budget its training is chaotic. The same
    /// recipe over seeds 0–5 (1 thread) gave 6.5e-3 … 2.3e-1, so whether it passed hung on
    /// the rounding of the gradient sums (a chunk of 160 instead of 128 points: 6.1e-3 →
    /// 4.6e-2). With ν = 0.02/π, 18 runs (seeds 0–13 on 1 thread, 0–3 on 2) gave 1.1e-3 …
    /// 9.2e-3. The shipped problem itself is `make run` (4.9e-4, results/README.md).
    func testBurgersFullDomain() throws {
        try solve("burgers", threshold: 3e-2) { p in
            p["parameters"] = ["nu": "0.02/pi"]
            p["network"] = ["hidden": [20, 20, 20], "activation": "tanh"]
            p["points"] = ["interior": 2000, "sampler": "sobol", "resample_every": 250, "rad": ["k": 1, "c": 1]]
            p["training"] = [["optimizer": "adam", "iterations": 1000, "lr": 1e-3],
                             ["optimizer": "lbfgs", "iterations": 4000, "resample_every": 2000]]
        }
    }
}
