import ArgumentParser
import Foundation
import PINN

/// `pinn-solve check FILE`: validates a problem file and summarises it; writes nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate a problem file (exit 2 with the JSON path of the first error).")

    @Argument(help: "The problem file (JSON).") var file: String
    @Option(help: "Worker threads the memory estimate assumes (each holds its own tape).")
    var threads: Int = min(ProcessInfo.processInfo.activeProcessorCount, 8)

    func run() throws {
        let problem: Problem
        do { problem = try ProblemLoader.load(path: file) } catch let e as ProblemError { throw InputFailure(message: e.description) }
        print("\(file): OK — \(problem.name)")
        print("  inputs \(problem.inputs.joined(separator: ", ")); outputs \(problem.outputs.joined(separator: ", "))")
        print("  loss terms: \(problem.lossTerms.joined(separator: ", "))")
        print("  derivatives computed: \(problem.requiredDerivatives.map(\.name).joined(separator: ", "))")
        for line in problem.inverse.summaryLines { print("  " + line) }
        let stages = problem.training.map { "\($0.optimizer.rawValue) \($0.iterations)" }
        print("  training: \(stages.joined(separator: " → "))")
        if let c = problem.control {
            print("  control: \(c.controlInput) in [\(c.lower), \(c.upper)] held \(c.period), horizon \(c.horizon) periods, "
                  + "closed loop \(c.duration) (\(c.periods) steps), tracking \(c.references.map { c.states[$0.state] }.joined(separator: ", "))")
        }
        // The estimate a run makes before allocating; a problem that cannot fit fails here too.
        let estimate = MemoryEstimate(problem: problem, threads: threads), machine = MachineMemory.current()
        for line in estimate.lines(machine: machine) { print("  " + line) }
        do { try estimate.refuseIfTooLarge(machine: machine) } catch let e as SolveError { throw InputFailure(message: e.description) }
    }
}
