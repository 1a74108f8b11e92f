import Foundation
import PINN
import XCTest

/// `pinn-solve FILE --resume`, SIGTERM and SIGKILL, through the built binary in child
/// processes (PINN_GEMM=simd, so that every process multiplies with the same kernels whatever
/// its timing: see README, "Reproducibility").
final class CheckpointCommandTests: XCTestCase {
    /// A reduced Burgers run of a few seconds on 2 threads: Adam, LM, then dense BFGS with RAD
    /// resampling and keep_best (MPIStopTests runs it on 2 ranks).
    static func burgers(in dir: URL, bfgsIterations: Int = 600) throws -> URL {
        try reducedProblem("burgers", in: dir) { p in
            p["network"] = ["hidden": [10, 10], "activation": "tanh"]
            p["points"] = ["interior": 512, "sampler": "sobol", "resample_every": 50, "rad": ["k": 1, "c": 1]]
            p["training"] = [["optimizer": "adam", "iterations": 150, "lr": 1e-3],
                             ["optimizer": "lm", "iterations": 20, "resample_every": 10],
                             ["optimizer": "bfgs", "variant": "ssbroyden", "iterations": bfgsIterations, "resample_every": 100]]
            p["output"] = ["grid": ["x": 16, "t": 6]]
        }
    }

    /// After a stop: DIR/burgers.h5 and DIR/burgers.checkpoint.h5 hold the same parameters and
    /// iteration count. Returns the checkpoint.
    @discardableResult
    static func assertResultHoldsTheCheckpoint(in dir: URL) throws -> Checkpoint {
        let saved = try CheckpointFile.read(dir.appendingPathComponent("burgers.checkpoint.h5"))
        let result = try ResultWriter.readResult(from: dir.appendingPathComponent("burgers.h5"))
        XCTAssertEqual(result.parameters.map(\.bitPattern), saved.trainer.theta.map(\.bitPattern),
                       "the result and the checkpoint hold the parameters reached")
        XCTAssertEqual(result.lossHistory.count, saved.trainer.iterations)
        return saved
    }

    private func start(_ arguments: [String], in dir: URL) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = PinnSolveBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["PINN_GEMM"] = "simd"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Runs to the end; returns status, stdout, stderr.
    private func run(_ arguments: [String], in dir: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let (process, out, err) = try start(arguments, in: dir)
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    private func parameters(_ url: URL) throws -> [UInt64] {
        try ResultWriter.readResult(from: url).parameters.map(\.bitPattern)
    }

    /// Killed with SIGKILL at a random moment after the first checkpoint, then resumed: the
    /// final /training/parameters equal the uninterrupted run's bit for bit.
    func testSIGKILLAtARandomMomentThenResumeEqualsUninterrupted() throws {
        let dir = try temporaryDirectory(self)
        let url = try CheckpointCommandTests.burgers(in: dir, bfgsIterations: 2000)
        let common = [url.lastPathComponent, "--quiet", "--no-png", "--threads", "2", "--checkpoint-every", "25"]
        let started = Date()
        let full = try run(common + ["--output", "full"], in: dir)
        let duration = Date().timeIntervalSince(started)
        XCTAssertEqual(full.status, 0, full.stderr)
        let expected = try parameters(dir.appendingPathComponent("full/burgers.h5"))

        // Somewhere in the first half of the run (its load time is also part of `duration`); if
        // a change of load lets the run end before the kill, again with a shorter delay.
        let checkpoint = dir.appendingPathComponent("killed/burgers.checkpoint.h5")
        var killed = false
        for attempt in 0..<3 where !killed {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("killed"))
            let (process, _, _) = try start(common + ["--output", "killed"], in: dir)
            waitForFile(checkpoint)
            XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint.path), "no checkpoint within 60 s")
            let delay = Double.random(in: 0...(0.5 * duration / Double(1 << attempt)))
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            killed = process.terminationReason == .uncaughtSignal
            print(String(format: "attempt %d: SIGKILL %.2f s after the first checkpoint (uninterrupted run %.1f s): %@", attempt + 1,
                         delay, duration, killed ? "killed" : "the run had ended"))
        }
        XCTAssertTrue(killed, "three runs ended before the kill")
        let saved = try CheckpointFile.read(checkpoint) // complete despite the kill (written by rename)
        print("resuming from iteration \(saved.trainer.iterations)")

        let resumed = try run(common + ["--output", "killed", "--resume"], in: dir)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("resuming from"), resumed.stdout)
        let observed = try parameters(dir.appendingPathComponent("killed/burgers.h5"))
        XCTAssertEqual(observed.count, expected.count)
        let differing = zip(observed, expected).filter { $0 != $1 }.count
        XCTAssertEqual(differing, 0, "\(differing) of \(expected.count) parameters differ after SIGKILL and --resume")
    }

    /// SIGTERM: the iteration finishes, a checkpoint and the result are written, the output
    /// says how to resume, exit 143; resuming with that command finishes the run.
    func testSIGTERMWritesACheckpointAndExits143() throws {
        let dir = try temporaryDirectory(self)
        let url = try CheckpointCommandTests.burgers(in: dir, bfgsIterations: 1_000_000)
        let (process, out, err) = try start([url.lastPathComponent, "--no-png", "--quiet", "--threads", "2", "--output", "out"], in: dir)
        let checkpoint = dir.appendingPathComponent("out/burgers.checkpoint.h5")
        waitForFile(checkpoint, poll: 0.05)
        Thread.sleep(forTimeInterval: 0.3) // past the end of Adam (the first checkpoint), into LM or BFGS
        process.terminate()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 143, stderr)
        XCTAssertTrue(stderr.contains("interrupted (SIGTERM)"), stderr)
        XCTAssertTrue(stdout.contains("resume with: "), stdout)
        XCTAssertTrue(stdout.contains("--resume --output out --seed 0 --threads 2"), stdout)
        try CheckpointCommandTests.assertResultHoldsTheCheckpoint(in: dir.appendingPathComponent("out"))
    }

    /// A second SIGTERM right after the first ends the process at once (killed by the signal,
    /// not exit 143), and whatever checkpoint was complete before is still complete.
    func testASecondSIGTERMEndsTheProcessAtOnce() throws {
        let dir = try temporaryDirectory(self)
        let url = try CheckpointCommandTests.burgers(in: dir, bfgsIterations: 1_000_000)
        let (process, _, _) = try start([url.lastPathComponent, "--no-png", "--quiet", "--threads", "2", "--output", "out"], in: dir)
        let checkpoint = dir.appendingPathComponent("out/burgers.checkpoint.h5")
        waitForFile(checkpoint, poll: 0.05)
        Thread.sleep(forTimeInterval: 0.2)
        kill(process.processIdentifier, SIGTERM)
        // Two pending SIGTERMs merge into one, so repeat every 0.2 ms: once the first has been
        // handled, the next finds the default action, long before the graceful stop (finish
        // the iteration, write the checkpoint and the result) could end the process — on a
        // quiet machine that stop takes under 10 ms for this small problem, so a 10 ms
        // cadence let it finish first.
        while process.isRunning {
            usleep(200)
            kill(process.processIdentifier, SIGTERM)
        }
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGTERM)
        XCTAssertNoThrow(try CheckpointFile.read(checkpoint))
    }

    /// --resume refuses, with exit 2 and a message naming the checkpoint, one made from a
    /// different problem text, a damaged file, a missing one and another seed.
    func testResumeRefusesAForeignOrDamagedCheckpoint() throws {
        let dir = try temporaryDirectory(self)
        let url = try CheckpointCommandTests.burgers(in: dir, bfgsIterations: 10)
        let arguments = [url.lastPathComponent, "--quiet", "--no-png", "--threads", "2", "--output", "out"]
        let missing = try run(arguments + ["--resume"], in: dir)
        XCTAssertEqual(missing.status, 2, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("burgers.checkpoint.h5: no checkpoint"), missing.stderr)
        XCTAssertEqual(try run(arguments, in: dir).status, 0)

        let otherSeed = try run(arguments + ["--resume", "--seed", "1"], in: dir)
        XCTAssertEqual(otherSeed.status, 2, otherSeed.stderr)
        XCTAssertTrue(otherSeed.stderr.contains("made with --seed 0 --threads 2"), otherSeed.stderr)

        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"iterations\" : 10", with: "\"iterations\" : 11")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let changed = try run(arguments + ["--resume"], in: dir)
        XCTAssertEqual(changed.status, 2, changed.stderr)
        XCTAssertTrue(changed.stderr.contains("made from a different problem text"), changed.stderr)

        let checkpoint = dir.appendingPathComponent("out/burgers.checkpoint.h5")
        let bytes = try Data(contentsOf: checkpoint)
        try bytes.prefix(bytes.count / 2).write(to: checkpoint)
        let damaged = try run(arguments + ["--resume"], in: dir)
        XCTAssertEqual(damaged.status, 2, damaged.stderr)
        XCTAssertTrue(damaged.stderr.contains("cannot be read"), damaged.stderr)
    }

    /// When the result cannot be put in place (here a directory stands at NAME.h5), the run
    /// exits 1 saying where the trained parameters are: the checkpoint written at the end of
    /// the last stage, from which --resume writes the results without training.
    func testAFailedResultWriteKeepsTheParametersInTheCheckpoint() throws {
        let dir = try temporaryDirectory(self)
        let url = try CheckpointCommandTests.burgers(in: dir, bfgsIterations: 10)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out/burgers.h5"), withIntermediateDirectories: true)
        let arguments = [url.lastPathComponent, "--quiet", "--no-png", "--threads", "2", "--output", "out"]
        let failed = try run(arguments, in: dir)
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertTrue(failed.stderr.contains("the trained parameters are in"), failed.stderr)
        let saved = try CheckpointFile.read(dir.appendingPathComponent("out/burgers.checkpoint.h5"))
        XCTAssertEqual(saved.trainer.stage, 3, "the checkpoint is past the last of the 3 stages")

        try FileManager.default.removeItem(at: dir.appendingPathComponent("out/burgers.h5"))
        let resumed = try run(arguments + ["--resume"], in: dir)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let result = try ResultWriter.readResult(from: dir.appendingPathComponent("out/burgers.h5"))
        XCTAssertEqual(result.parameters.map(\.bitPattern), saved.trainer.theta.map(\.bitPattern))
    }
}
