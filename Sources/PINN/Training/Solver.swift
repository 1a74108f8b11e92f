import ENNCore
import Foundation

/// Runs a problem end to end: load, reference, train, evaluate on the output grid, compare.
/// The command line (`pinn-solve`) and the end-to-end tests both go through here.
public final class Solver {
    public static let version = "0.1.0"

    public let problem: Problem
    public let problemText: String
    public let seed: UInt64
    public let trainer: Trainer
    public let grid: OutputGrid
    /// Reference fields on the grid by output (computed before training, so a reference
    /// that cannot be computed is reported before a long run, not after).
    public let reference: [String: [Double]]

    /// Loads and prepares; throws `ProblemError` / `SolveError.unsupported` /
    /// `ReferenceEvaluator.Failure` for bad input, before any training.
    public init(path: String, seed: UInt64 = 0, threads: Int = 2) throws {
        let (problem, text) = try ProblemLoader.loadWithText(path: path)
        self.problem = problem
        problemText = text
        self.seed = seed
        trainer = try Trainer(problem: problem, seed: seed, threads: threads)
        grid = OutputGrid(problem: problem)
        reference = try ReferenceEvaluator.evaluate(problem, on: grid)
    }

    /// The base name of the problem file (`burgers` for problems/burgers.json).
    public var name: String { URL(fileURLWithPath: problem.file).deletingPathExtension().lastPathComponent }

    /// Trains through every stage. A divergence or interruption is returned (not thrown) so
    /// the caller can still write the last good parameters.
    public func train(observer: (TrainingEvent) -> Void) -> SolveError? {
        do {
            try trainer.train(observer: observer)
            return nil
        } catch let e as SolveError {
            return e
        } catch {
            preconditionFailure("Trainer.train threw \(error)")
        }
    }

    /// The trained fields on the output grid, their errors, and everything the result file holds.
    public func result(wallSeconds: Double) -> SolveResult {
        let predictions = trainer.predict(points: grid.points())
        var fields: [String: [Double]] = [:]
        for (o, name) in problem.outputs.enumerated() { fields[name] = predictions[o] }
        var errors: [String: Double] = [:]
        for (name, r) in reference { errors[name] = ReferenceEvaluator.relativeL2(fields[name]!, r) }
        return SolveResult(name: name, problemText: problemText, seed: seed, version: Solver.version, wallSeconds: wallSeconds,
                           inputs: problem.inputs, timeInput: problem.timeInput, grid: grid.coordinates,
                           outputs: problem.outputs, fields: fields, reference: reference,
                           lossColumns: trainer.historyColumns, lossHistory: trainer.history, parameters: trainer.theta,
                           relativeL2: errors)
    }
}
