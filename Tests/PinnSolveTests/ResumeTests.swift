import ENNCore
import Foundation
import PINN
import XCTest

/// A run resumed from a checkpoint ends exactly where the uninterrupted run ends: same
/// /training/parameters and loss history, bit for bit. One reduced Burgers recipe with every
/// optimizer (Adam, Levenberg–Marquardt, L-BFGS, dense self-scaled Broyden), RAD resampling
/// inside each stage and keep_best on the resampling stages; a checkpoint is taken inside each
/// stage, in the middle of a segment between resamplings, written to a file, read back into a
/// fresh solver and trained to the end.
final class ResumeTests: XCTestCase {
    /// Global iterations (loss-history rows) at which a checkpoint is taken: inside Adam
    /// (1–30), LM (31–42, segments of 5), L-BFGS (43–66, segments of 8) and BFGS (67–106,
    /// segments of 10), each away from a segment boundary.
    static let takes = ["adam": 17, "lm": 38, "lbfgs": 56, "bfgs": 89]

    private func problem(in dir: URL) throws -> URL {
        try reducedProblem("burgers", in: dir) { p in
            p["network"] = ["hidden": [10, 10], "activation": "tanh"]
            p["points"] = ["interior": 256, "sampler": "sobol", "resample_every": 10, "rad": ["k": 1, "c": 1]]
            p["training"] = [["optimizer": "adam", "iterations": 30, "lr": 1e-3],
                             ["optimizer": "lm", "iterations": 12, "resample_every": 5],
                             ["optimizer": "lbfgs", "iterations": 24, "resample_every": 8],
                             ["optimizer": "bfgs", "variant": "ssbroyden", "iterations": 40, "resample_every": 10, "keep_best": true]]
            p["output"] = ["grid": ["x": 16, "t": 6]]
        }
    }

    /// The uninterrupted run's θ and history, and the checkpoint files taken on the way.
    private func uninterrupted(_ url: URL, checkpoints dir: URL)
        throws -> (theta: [Double], history: [[Double]], stageStarts: [Int], files: [String: URL]) {
        let solver = try Solver(path: url.path, seed: 3, threads: 2)
        let wanted = Dictionary(uniqueKeysWithValues: Self.takes.map { ($0.value, $0.key) })
        var files: [String: URL] = [:]
        solver.trainer.checkpointDue = { wanted[$0] != nil }
        solver.trainer.checkpointSink = { state in
            guard let name = wanted[state.iterations], state.progress != nil else { return }
            let file = dir.appendingPathComponent("\(name).checkpoint.h5")
            do {
                try CheckpointFile.write(solver.makeCheckpoint(state), to: file)
                files[name] = file
            } catch {
                XCTFail("writing \(file.path): \(error)")
            }
        }
        XCTAssertNil(solver.train { _ in })
        return (solver.trainer.theta, solver.trainer.history, solver.trainer.stageStarts, files)
    }

    private func assertResumeEqualsUninterrupted(inside stage: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = try temporaryDirectory(self)
        let url = try problem(in: dir)
        let full = try uninterrupted(url, checkpoints: dir)
        let checkpointURL = try XCTUnwrap(full.files[stage], "no checkpoint taken inside \(stage)", file: file, line: line)
        let checkpoint = try CheckpointFile.read(checkpointURL)
        XCTAssertEqual(checkpoint.trainer.iterations, Self.takes[stage], file: file, line: line)
        let resumed = try Solver(path: url.path, seed: 3, threads: 2)
        try resumed.resume(from: checkpoint, path: checkpointURL.path)
        var firstEvent: TrainingEvent?
        XCTAssertNil(resumed.train { event in if firstEvent == nil { firstEvent = event } }, file: file, line: line)
        XCTAssertEqual(firstEvent?.stageName, stage, "the resumed run continues the stage it stopped in", file: file, line: line)
        XCTAssertEqual(resumed.trainer.history.count, full.history.count, file: file, line: line)
        XCTAssertEqual(resumed.trainer.stageStarts, full.stageStarts, "where the stages began (the picture's marks)", file: file, line: line)
        XCTAssertTrue(bitIdentical(resumed.trainer.history.flatMap { $0 }, full.history.flatMap { $0 }),
                      "loss history after resuming inside \(stage) differs", file: file, line: line)
        let differing = zip(resumed.trainer.theta, full.theta).filter { $0.bitPattern != $1.bitPattern }.count
        XCTAssertEqual(differing, 0, "θ after resuming inside \(stage): \(differing) of \(full.theta.count) entries differ in their bits",
                       file: file, line: line)
    }

    func testResumeInsideAdamEqualsUninterrupted() throws { try assertResumeEqualsUninterrupted(inside: "adam") }
    func testResumeInsideLevenbergMarquardtEqualsUninterrupted() throws { try assertResumeEqualsUninterrupted(inside: "lm") }
    func testResumeInsideLBFGSEqualsUninterrupted() throws { try assertResumeEqualsUninterrupted(inside: "lbfgs") }
    func testResumeInsideDenseBFGSEqualsUninterrupted() throws { try assertResumeEqualsUninterrupted(inside: "bfgs") }

    /// A checkpoint taken after the last stage resumes to the same parameters without training.
    func testResumeAfterTheLastStageTrainsNothing() throws {
        let dir = try temporaryDirectory(self)
        let url = try problem(in: dir)
        let solver = try Solver(path: url.path, seed: 3, threads: 2)
        let file = dir.appendingPathComponent("end.checkpoint.h5")
        solver.checkpointing = CheckpointSettings(url: file, cadence: ErrorCadenceSpec(seconds: 0, iterations: 0))
        XCTAssertNil(solver.train { _ in })
        XCTAssertEqual(solver.checkpointLog.count, 4, "one checkpoint at each of the 4 stage ends")
        let resumed = try Solver(path: url.path, seed: 3, threads: 2)
        try resumed.resume(from: try CheckpointFile.read(file), path: file.path)
        var events = 0
        XCTAssertNil(resumed.train { _ in events += 1 })
        XCTAssertEqual(events, 0)
        XCTAssertTrue(bitIdentical(resumed.trainer.theta, solver.trainer.theta))
    }

    private func bitIdentical(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}
