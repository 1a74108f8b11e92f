import Foundation
import PINN
import XCTest

/// How an MPI job ends early (issue 13): a rank that dies, and Ctrl-C to mpirun. In both Open
/// MPI sends SIGTERM to every rank that is alive and SIGKILL 1 s later. Skipped where mpirun or
/// libmpi.so.40 is missing.
final class MPIStopTests: XCTestCase {
    /// `mpirun -np 2 … pinn-solve arguments` started in `dir`; its output goes to files there
    /// (`name`.out, `name`.err), read with `output(name, in:)` once it has ended.
    private func start(_ mpirun: String, _ arguments: [String], name: String, in dir: URL,
                       options: [String] = []) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: mpirun)
        process.arguments = ["-np", "2", "--oversubscribe", "--bind-to", "none"] + options + [PinnSolveBinary.url.path] + arguments
        process.currentDirectoryURL = dir
        var environment = MPITests.environment()
        environment["PINN_GEMM"] = "simd" // the same kernels in every run, whatever the timing (README, "Reproducibility")
        process.environment = environment
        for (suffix, assign) in [("out", { process.standardOutput = $0 }), ("err", { process.standardError = $0 })] as [(String, (FileHandle) -> Void)] {
            let url = dir.appendingPathComponent("\(name).\(suffix)")
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            assign(try FileHandle(forWritingTo: url))
        }
        try process.run()
        return process
    }

    private func output(_ name: String, in dir: URL) -> String {
        ["out", "err"].map { (try? String(contentsOf: dir.appendingPathComponent("\(name).\($0)"), encoding: .utf8)) ?? "" }
            .joined(separator: "\n")
    }

    private func runToEnd(_ mpirun: String, _ arguments: [String], name: String, in dir: URL) throws -> Int32 {
        let process = try start(mpirun, arguments, name: name, in: dir)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The pid of rank `rank` among mpirun's children (its environment says OMPI_COMM_WORLD_RANK).
    private func rankProcess(_ rank: Int, of mpirun: Process) -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // "pid (comm) state ppid …"; comm may hold spaces, so split after its ')'.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, pid_t(fields[1]) == mpirun.processIdentifier,
                  let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { continue }
            if environ.split(separator: 0).contains(where: { String(decoding: $0, as: UTF8.self) == "OMPI_COMM_WORLD_RANK=\(rank)" }) {
                return pid
            }
        }
        return nil
    }

    private func parameters(_ url: URL) throws -> [UInt64] {
        try ResultWriter.readResult(from: url).parameters.map(\.bitPattern)
    }

    /// Rank 1 killed with SIGKILL after the first checkpoint: the job ends within seconds (no
    /// hang) with a message from rank 0 naming the checkpoint and the resume command; resumed
    /// under mpirun, the run ends with the uninterrupted 2-rank run's parameters, bit for bit.
    func testADeadRankEndsTheJobWithAMessageFromRank0AndTheJobResumes() throws {
        let mpirun = try MPITests.mpirun()
        guard FileManager.default.fileExists(atPath: "/proc/self/environ") else { throw XCTSkip("needs /proc to find rank 1") }
        let dir = try temporaryDirectory(self)
        let url = try CheckpointCommandTests.burgers(in: dir, bfgsIterations: 1500)
        let common = [url.lastPathComponent, "--quiet", "--no-png", "--threads", "1", "--checkpoint-every", "25"]
        let started = Date()
        XCTAssertEqual(try runToEnd(mpirun, common + ["--output", "full"], name: "full", in: dir), 0, output("full", in: dir))
        let duration = Date().timeIntervalSince(started)
        let expected = try parameters(dir.appendingPathComponent("full/burgers.h5"))

        let checkpoint = dir.appendingPathComponent("killed/burgers.checkpoint.h5")
        var killedAt: Date?
        var job: Process!
        for attempt in 0..<3 where killedAt == nil {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("killed"))
            job = try start(mpirun, common + ["--output", "killed"], name: "killed", in: dir)
            waitForFile(checkpoint)
            Thread.sleep(forTimeInterval: Double.random(in: 0...(0.4 * duration / Double(1 << attempt))))
            if let rank1 = rankProcess(1, of: job), kill(rank1, SIGKILL) == 0 { killedAt = Date() }
            job.waitUntilExit()
        }
        let killed = try XCTUnwrap(killedAt, "three runs ended before rank 1 was killed")
        let ending = Date().timeIntervalSince(killed)
        let text = output("killed", in: dir)
        print(String(format: "rank 1 killed; the job ended %.2f s later with status %d", ending, job.terminationStatus))
        XCTAssertNotEqual(job.terminationStatus, 0)
        XCTAssertLessThan(ending, 10, "the job ends soon after a rank dies")
        XCTAssertTrue(text.contains("pinn-solve: rank 0 of 2: SIGTERM arrived while this rank waited for the others"), text)
        XCTAssertTrue(text.contains("because a rank died"), text)
        XCTAssertTrue(text.contains("resume with: mpirun -np 2 "), text)

        XCTAssertEqual(try runToEnd(mpirun, common + ["--output", "killed", "--resume"], name: "resumed", in: dir), 0,
                       output("resumed", in: dir))
        let observed = try parameters(dir.appendingPathComponent("killed/burgers.h5"))
        XCTAssertEqual(observed.count, expected.count)
        let differing = zip(observed, expected).filter { $0 != $1 }.count
        XCTAssertEqual(differing, 0, "\(differing) of \(expected.count) parameters differ after a dead rank and --resume")
    }

    /// Ctrl-C to mpirun: Open MPI sends every rank SIGCONT, SIGTERM odls_base_sigkill_timeout
    /// (1 s) later and SIGKILL as long after that. The ranks agree to stop after the same
    /// iteration, and rank 0 writes the checkpoint and the result before SIGKILL; both hold the
    /// same parameters, and the output says how to resume. (1 s is enough here on a quiet
    /// machine; the test gives 3 s, so that it holds under the sanitizers too.)
    func testInterruptingMpirunWritesTheCheckpointAndTheResult() throws {
        let mpirun = try MPITests.mpirun()
        let dir = try temporaryDirectory(self)
        let url = try CheckpointCommandTests.burgers(in: dir, bfgsIterations: 1_000_000)
        let job = try start(mpirun, [url.lastPathComponent, "--quiet", "--no-png", "--threads", "1", "--output", "out"],
                            name: "job", in: dir, options: ["--mca", "odls_base_sigkill_timeout", "3"])
        let checkpoint = dir.appendingPathComponent("out/burgers.checkpoint.h5")
        waitForFile(checkpoint, poll: 0.05)
        Thread.sleep(forTimeInterval: 0.3) // past the end of Adam (the first checkpoint)
        kill(job.processIdentifier, SIGINT)
        job.waitUntilExit()
        let text = output("job", in: dir)
        XCTAssertNotEqual(job.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("interrupted (SIGTERM)"), text)
        XCTAssertTrue(text.contains("resume with: mpirun -np 2 "), text)
        let saved = try CheckpointCommandTests.assertResultHoldsTheCheckpoint(in: dir.appendingPathComponent("out"))
        XCTAssertGreaterThan(saved.trainer.iterations, 150, "stopped after Adam")
    }
}
