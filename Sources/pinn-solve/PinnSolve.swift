import ArgumentParser
import ENNCore
import Foundation
import PINN

/// `pinn-solve`: trains a physics-informed neural network on a problem file.
///
/// Exit codes (DESIGN.md contract): 0 done; 2 bad input (arguments or problem file),
/// nothing written (also a checkpoint --resume refuses); 1 failure at run time (divergence,
/// I/O), last good output kept; 130 interrupted by Ctrl-C (SIGINT), 143 by SIGTERM (the
/// parameters reached are written, and a checkpoint to --resume from).
@main
struct PinnSolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pinn-solve",
        abstract: "Solve PDEs with physics-informed neural networks, from a JSON problem file.",
        discussion: """
        Examples:
          pinn-solve problems/burgers.json                 train, print the error table, write results/burgers.h5 + .xdmf + .png
          pinn-solve problems/heat1d.json --seed 1 --quiet --no-png
          pinn-solve problems/burgers.json --resume        continue from results/burgers.checkpoint.h5 (written every 60 s,
                                                           at stage ends and on Ctrl-C / SIGTERM)
          pinn-solve check problems/burgers.json           validate the file only
          pinn-solve reference problems/burgers.json --method spectral
          pinn-solve reference problems/vortex_merger.json --convergence   how converged the spectral reference is
          pinn-solve bench benchmarks/burgers_A.json --iterations 200

        Open the result in ParaView: paraview results/burgers.xdmf
        results/burgers.png shows each output, its reference and its error, and the loss curve (--no-png skips it).
        The problem format is described in problems/SCHEMA.md.
        """,
        version: Solver.version,
        subcommands: [RunCommand.self, CheckCommand.self, ReferenceCommand.self, BenchCommand.self],
        defaultSubcommand: RunCommand.self)

    static func main() {
        do {
            var command = try parseAsRoot()
            // Under mpirun: join MPI_COMM_WORLD now, on the main thread (the one that calls MPI),
            // or stop with exit 2 if Open MPI cannot be loaded. Otherwise a single rank.
            _ = Communicator.world
            if let problem = CPUFeatureCheck.problem() { throw RuntimeFailure(message: problem) }
            try command.run()
        } catch let failure as InputFailure {
            printError(failure.message)
            Foundation.exit(2)
        } catch let failure as RuntimeFailure {
            printError(failure.message)
            Foundation.exit(failure.code)
        } catch {
            // Argument errors, --help and --version are ArgumentParser's; bad arguments exit 2.
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            printError(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}

/// Bad input: the message names the file and JSON path; exit 2, nothing written.
struct InputFailure: Error { let message: String }

/// A failure while running: exit 1 (or 130 when interrupted).
struct RuntimeFailure: Error {
    let message: String
    var code: Int32 = 1
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("pinn-solve: " + message + "\n").utf8))
}

/// Loads a problem, turning every kind of bad input into an `InputFailure`.
func loadSolver(_ path: String, seed: UInt64, threads: Int) throws -> Solver {
    do {
        return try Solver(path: path, seed: seed, threads: threads)
    } catch let e as ProblemError {
        throw InputFailure(message: e.description)
    } catch let e as SolveError {
        throw InputFailure(message: e.description)
    } catch let e as ReferenceEvaluator.Failure {
        throw InputFailure(message: e.description)
    }
}

/// Options shared by the commands that train or evaluate.
struct CommonOptions: ParsableArguments {
    @Option(help: "Random seed for the initial weights and the collocation points.")
    var seed: UInt64 = 0
    @Option(help: "Worker threads (the batch is split between them).")
    var threads: Int = min(ProcessInfo.processInfo.activeProcessorCount, 8)

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }
}
