import ArgumentParser
import Foundation
import ENNCore
import PINN

/// `--checkpoint-every`: `500` (iterations), `30s` (seconds), `0` (only stage ends and stops).
struct CheckpointCadenceArgument: ExpressibleByArgument {
    let cadence: ErrorCadenceSpec

    init?(argument: String) {
        if argument.hasSuffix("s"), let seconds = Double(argument.dropLast()), seconds.isFinite, seconds >= 0 {
            cadence = ErrorCadenceSpec(seconds: seconds, iterations: 0)
        } else if let iterations = Int(argument), iterations >= 0 {
            cadence = ErrorCadenceSpec(seconds: 0, iterations: iterations)
        } else {
            return nil
        }
    }

    static var defaultValueDescription: String { "60s" }
}

extension RunCommand {
    /// Restores `solver` from the checkpoint at `url` and says from where; a missing, damaged
    /// or foreign checkpoint is bad input (exit 2).
    func resumeRun(_ solver: Solver, from url: URL) throws {
        do {
            let checkpoint = try CheckpointFile.read(url)
            try solver.resume(from: checkpoint, path: url.path)
            if Communicator.world.isRoot {
                print("resuming from \(url.path): \(solver.position(of: checkpoint)), "
                      + String(format: "%.1f s of training before", checkpoint.elapsedSeconds))
                fflush(stdout)
            }
        } catch let failure as CheckpointFile.Failure {
            throw InputFailure(message: "--resume: \(failure.message)")
        }
    }

    /// Where each stage that ran starts on the picture's loss curve, a resumed run's earlier
    /// stages included (from `Trainer.stageStarts`, which checkpoints keep).
    func stageMarks(_ solver: Solver) -> [StageMark] {
        let starts = solver.trainer.stageStarts, rows = solver.trainer.history.count
        return starts.enumerated().compactMap { s, start in
            let end = s + 1 < starts.count ? starts[s + 1] : rows
            return end > start ? StageMark(name: solver.problem.training[s].optimizer.rawValue, firstIteration: start + 1) : nil
        }
    }

    /// The command that continues this run from its checkpoint.
    func resumeCommand() -> String {
        // Under mpirun the checkpoint resumes only with the same rank count.
        let world = Communicator.world
        var words = world.isDistributed ? ["mpirun", "-np", String(world.size)] : []
        words += [CommandLine.arguments.first ?? "pinn-solve", file, "--resume", "--output", output,
                  "--seed", String(common.seed), "--threads", String(common.threads)]
        if quiet { words.append("--quiet") }
        if noPNG { words.append("--no-png") }
        if let checkpointEvery { words += ["--checkpoint-every", checkpointEvery.description] }
        return words.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }

    /// Which checkpoint a run that ends now can resume from, and how (for a message when the
    /// run cannot finish by itself, e.g. when an MPI rank died).
    func checkpointNote(_ solver: Solver, _ url: URL) -> String {
        let log = solver.checkpointLog
        if log.count > 0 && log.failure == nil {
            return "the last checkpoint is \(url.path) (\(log.lastPosition)); resume with: \(resumeCommand())"
        }
        if FileManager.default.fileExists(atPath: url.path) {
            return "this run wrote no checkpoint yet; \(url.path) is the one it started from; resume with: \(resumeCommand())"
        }
        return "no checkpoint was written (--checkpoint-every sets how often), so the run starts afresh"
    }

    /// Where the checkpoint is and what it cost; after a stop, how to resume.
    func printCheckpoints(_ solver: Solver, _ url: URL, interrupted: Bool) {
        let log = solver.checkpointLog
        guard log.count > 0 else { return }
        if !quiet || interrupted {
            print(String(format: "checkpoint %@ (%d written, %.2f s in all, last %.1f MB, at %@)", url.path, log.count, log.seconds,
                         Double(log.lastBytes) / 1e6, log.lastPosition))
        }
        if interrupted { print("resume with: \(resumeCommand())") }
    }
}

extension CheckpointCadenceArgument: CustomStringConvertible {
    var description: String {
        cadence.iterations > 0 ? String(cadence.iterations) : (cadence.seconds > 0 ? "\(cadence.seconds)s" : "0")
    }
}
