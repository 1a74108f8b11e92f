import ArgumentParser
import PINN

/// `pinn-solve check FILE`: validates a problem file and summarises it; writes nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate a problem file (exit 2 with the JSON path of the first error).")

    @Argument(help: "The problem file (JSON).") var file: String

    func run() throws {
        let problem: Problem
        do { problem = try ProblemLoader.load(path: file) } catch let e as ProblemError { throw InputFailure(message: e.description) }
        print("\(file): OK — \(problem.name)")
        print("  inputs \(problem.inputs.joined(separator: ", ")); outputs \(problem.outputs.joined(separator: ", "))")
        print("  loss terms: \(problem.lossTerms.joined(separator: ", "))")
        print("  derivatives computed: \(problem.requiredDerivatives.map(\.name).joined(separator: ", "))")
        let stages = problem.training.map { "\($0.optimizer.rawValue) \($0.iterations)" }
        print("  training: \(stages.joined(separator: " → "))")
        if let c = problem.control {
            print("  control: \(c.controlInput) in [\(c.lower), \(c.upper)] held \(c.period), horizon \(c.horizon) periods, "
                  + "closed loop \(c.duration) (\(c.periods) steps), tracking \(c.references.map { c.states[$0.state] }.joined(separator: ", "))")
        }
    }
}
