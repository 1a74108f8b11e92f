import Foundation
import PINN
import XCTest

final class FailureTests: XCTestCase {
    /// A residual that is NaN from the first step (√ of a negative output): exit 1, a clear
    /// message, and the result file still written with the last good (initial) parameters.
    func testDivergenceExitsOneAndKeepsParameters() throws {
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("heat1d", in: dir) { p in
            p["pde"] = ["heat": "u_t - alpha*u_xx + sqrt(u - 10)"]
            p["points"] = ["interior": 64, "boundary": 16, "initial": 16]
            p["training"] = [["optimizer": "adam", "iterations": 5]]
        }
        let r = try PinnSolveBinary.run([url.lastPathComponent, "--output", "out", "--quiet"], in: dir)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("diverged"), r.stderr)
        let result = try ResultWriter.readResult(from: dir.appendingPathComponent("out/heat1d.h5"))
        XCTAssertTrue(result.parameters.allSatisfy(\.isFinite))
        XCTAssertEqual(result.extraAttributes["failed"], 1)
    }

    /// Divergence after some steps (√(u + 1) turns NaN once a step pushes u below −1): the
    /// trainer keeps the parameters before that step, whose loss is finite, not the ones that
    /// produced the NaN.
    func testDivergenceLaterKeepsTheLastFiniteParameters() throws {
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("heat1d", in: dir) { p in
            p["pde"] = ["heat": "u_t - alpha*u_xx + sqrt(u + 1)"]
            p["network"] = ["hidden": [32, 32, 32], "activation": "tanh"] // diverges at this lr (the shipped 20×3 does not)
            p["points"] = ["interior": 64, "boundary": 16, "initial": 16]
            p["training"] = [["optimizer": "adam", "iterations": 200, "lr": 0.05]]
        }
        let solver = try Solver(path: url.path, seed: 0, threads: 1)
        guard case .diverged(_, let iteration, let lastGoodLoss)? = solver.train(observer: { _ in }) else {
            return XCTFail("expected divergence")
        }
        XCTAssertGreaterThan(iteration, 1, "should diverge after at least one step")
        let (total, _) = solver.trainer.currentLoss()
        XCTAssertTrue(total.isFinite, "loss at the kept parameters: \(total)")
        XCTAssertEqual(total, lastGoodLoss, "the kept parameters are the last ones evaluated finite")
    }

    /// Derivatives of a hard-constrained output (through the transform's product and chain
    /// rules on jets) against central differences of the trained output.
    func testHardTransformDerivativesMatchFiniteDifferences() throws {
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("burgers", in: dir) { p in
            p["network"] = ["hidden": [8, 8], "activation": "tanh"]
            p["points"] = ["interior": 32]
            p["training"] = [["optimizer": "adam", "iterations": 3]]
        }
        let solver = try Solver(path: url.path, seed: 3, threads: 1)
        let points = [0.3, 0.4, -0.7, 0.9]
        let symbols = ["u_x", "u_t", "u_xx", "u_xt"].map { DerivativeSymbol(parsing: $0, outputs: ["u"], inputs: ["x", "t"])! }
        let jets = solver.trainer.derivatives(at: points, of: symbols)
        func u(_ x: Double, _ t: Double) -> Double { solver.trainer.predict(points: [x, t])[0][0] }
        let h = 1e-3
        for p in 0..<2 {
            let (x, t) = (points[2 * p], points[2 * p + 1])
            let ux = (u(x + h, t) - u(x - h, t)) / (2 * h)
            let ut = (u(x, t + h) - u(x, t - h)) / (2 * h)
            let uxx = (u(x + h, t) - 2 * u(x, t) + u(x - h, t)) / (h * h)
            let uxt = (u(x + h, t + h) - u(x + h, t - h) - u(x - h, t + h) + u(x - h, t - h)) / (4 * h * h)
            for (k, fd) in [ux, ut, uxx, uxt].enumerated() {
                XCTAssertEqual(jets[k][p], fd, accuracy: 1e-5 * max(1, abs(fd)), "\(symbols[k]) at point \(p)")
            }
        }
        // The transform holds exactly: u(x, 0) = −sin(πx), u(±1, t) = 0.
        XCTAssertEqual(u(0.3, 0), -sin(Double.pi * 0.3), accuracy: 1e-15)
        XCTAssertEqual(u(1, 0.6), 0, accuracy: 1e-15)
    }
}

final class InterruptTests: XCTestCase {
    /// Ctrl-C during training: exit 130, and the result file is written with the parameters
    /// reached so far, marked as failed.
    func testInterruptExits130AndWritesTheResult() throws {
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("heat1d", in: dir) { p in
            p["points"] = ["interior": 64, "boundary": 16, "initial": 16]
            p["training"] = [["optimizer": "adam", "iterations": 10_000_000]]
        }
        let process = Process()
        process.executableURL = PinnSolveBinary.url
        process.arguments = [url.lastPathComponent, "--output", "out", "--quiet", "--threads", "1"]
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        Thread.sleep(forTimeInterval: 2) // loading and some iterations
        process.interrupt()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130, stderr)
        XCTAssertTrue(stderr.contains("interrupted"), stderr)
        let result = try ResultWriter.readResult(from: dir.appendingPathComponent("out/heat1d.h5"))
        XCTAssertFalse(result.lossHistory.isEmpty, "some iterations ran before the interrupt")
        XCTAssertEqual(result.extraAttributes["failed"], 1)
    }

    /// A stop request ends one training and is then cleared: the next training in the same
    /// process runs to the end.
    func testStopRequestIsClearedAfterTheTrainingItStopped() throws {
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("heat1d", in: dir) { p in
            p["points"] = ["interior": 64, "boundary": 16, "initial": 16]
            p["training"] = [["optimizer": "adam", "iterations": 5]]
        }
        Trainer.stopRequested = true
        guard case .interrupted? = try Solver(path: url.path, threads: 1).train(observer: { _ in }) else {
            return XCTFail("a requested stop should interrupt training")
        }
        XCTAssertFalse(Trainer.stopRequested)
        XCTAssertNil(try Solver(path: url.path, threads: 1).train(observer: { _ in }))
    }
}
