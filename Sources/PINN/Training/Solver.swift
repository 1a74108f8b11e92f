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
    /// that cannot be computed is reported before a long run, not after); outputs in
    /// `output.mean_free` with their spatial mean removed per time, like the trained fields.
    public let reference: [String: [Double]]
    /// The reference given at points (Ghia's centrelines); nil when it is a field or absent.
    public let pointReference: PointReference?
    /// Records the error against the reference during `train` (nil without a reference).
    public let errorRecorder: ErrorRecorder?
    /// Rows [iteration, unknown parameter values…] recorded by `train` (empty without unknowns).
    public internal(set) var parameterHistory: [[Double]] = []
    /// Set before `train`: where and how often `train` writes checkpoints (nil: none). See
    /// Solver+Checkpoint.swift.
    public var checkpointing: CheckpointSettings?
    /// What `train` did about checkpoints: how many, their cost, and a failure to write one.
    public internal(set) var checkpointLog = CheckpointLog()
    /// Training seconds of the run a resumed solver continues (0 when not resumed).
    public internal(set) var resumedSeconds = 0.0
    /// The checkpoint `resume(from:)` restored, until `train` has taken the error rows from it.
    var resumedCheckpoint: Checkpoint?
    /// The threads the trainer was made with (a checkpoint records them).
    public let threads: Int
    /// When this solver was made (its run's wall time counts from here).
    let startDate = Date()
    /// What `result` found about the unknowns and functions (nil before `result`, or for a
    /// forward problem).
    public private(set) var inverseReport: InverseReport?

    /// Loads and prepares; throws `ProblemError` / `SolveError.unsupported` /
    /// `ReferenceEvaluator.Failure` for bad input, before any training.
    public init(path: String, seed: UInt64 = 0, threads: Int = 2) throws {
        let (problem, text) = try ProblemLoader.loadWithText(path: path)
        self.problem = problem
        problemText = text
        self.seed = seed
        self.threads = threads
        // Before the grid, the reference or the trainer allocates anything.
        try MemoryEstimate(problem: problem, threads: threads).refuseIfTooLarge()
        grid = OutputGrid(problem: problem)
        // Observations drawn from the reference see it as computed; the stored reference and
        // the errors use it with the `output.mean_free` outputs' spatial mean removed.
        let computed = try ReferenceEvaluator.evaluate(problem, on: grid)
        reference = grid.removingSpatialMean(computed, outputs: problem.spec.output.meanFree)
        trainer = try Trainer(problem: problem, seed: seed, threads: threads,
                              observations: try ObservationDraw.observations(for: problem, reference: computed))
        pointReference = ReferenceEvaluator.pointReference(problem)
        if !Communicator.world.isRoot {
            errorRecorder = nil // under mpirun only rank 0 reports; the others would only predict and wait
        } else if let pointReference {
            errorRecorder = ErrorRecorder(pointReference: pointReference, cadence: problem.spec.output.errorCadence) { [trainer] in
                Solver.compare(trainer, problem, pointReference)
            }
        } else if !reference.isEmpty {
            errorRecorder = Solver.errorRecorder(problem: problem, trainer: trainer, grid: grid, reference: reference)
        } else {
            errorRecorder = nil
        }
    }

    /// The trainer's outputs at the points of `reference`.
    private static func compare(_ trainer: Trainer, _ problem: Problem, _ reference: PointReference) -> PointComparison {
        PointComparison(reference: reference, inputs: problem.inputs, outputs: problem.outputs) { trainer.predict(points: $0) }
    }

    /// A recorder that evaluates the trainer's outputs on the grid's points (made once).
    private static func errorRecorder(problem: Problem, trainer: Trainer, grid: OutputGrid,
                                      reference: [String: [Double]]) -> ErrorRecorder {
        let points = grid.points(), outputs = problem.outputs, meanFree = problem.spec.output.meanFree
        return ErrorRecorder(outputs: outputs, reference: reference, cadence: problem.spec.output.errorCadence) {
            let predictions = trainer.predict(points: points)
            return grid.removingSpatialMean(Dictionary(uniqueKeysWithValues: zip(outputs, predictions)), outputs: meanFree)
        }
    }

    /// The base name of the problem file (`burgers` for problems/burgers.json).
    public var name: String { URL(fileURLWithPath: problem.file).deletingPathExtension().lastPathComponent }

    /// Trains through every stage. A divergence or interruption is returned (not thrown) so
    /// the caller can still write the last good parameters. With a reference, `errorRecorder`
    /// records the error (at its cadence, at every stage end and at the end) before
    /// `observer` sees the iteration, so `errorRecorder.latest` is current there.
    public func train(observer: (TrainingEvent) -> Void) -> SolveError? {
        let recorder = errorRecorder, trainer = trainer
        if let resumed = resumedCheckpoint {
            recorder?.resume(rows: resumed.errorRows, evaluationSeconds: resumed.errorEvaluationSeconds)
            resumedCheckpoint = nil
        } else {
            recorder?.start(parameters: trainer.theta)
        }
        recordParameters()
        installCheckpointing()
        defer {
            removeCheckpointing()
            recorder?.checkpoint(iteration: trainer.history.count, parameters: trainer.theta)
            recordParameters() // the final values (a stage may end on an earlier, better iterate)
        }
        do {
            try trainer.train(observer: { event in
                self.recordParameters()
                recorder?.iterationDone(iteration: trainer.history.count, parameters: trainer.theta)
                observer(event)
            }, stageFinished: { _ in
                recorder?.checkpoint(iteration: trainer.history.count, parameters: trainer.theta)
            })
            return nil
        } catch let e as SolveError {
            return e
        } catch {
            preconditionFailure("Trainer.train threw \(error)")
        }
    }

    /// Appends [iteration, unknowns…] to `parameterHistory` (replacing a row of the same iteration).
    private func recordParameters() {
        let values = trainer.unknownParameters.map(\.value)
        guard !values.isEmpty else { return }
        let row = [Double(trainer.history.count)] + values
        if parameterHistory.last?.first == row[0] { parameterHistory.removeLast() }
        parameterHistory.append(row)
    }

    /// The learned unknowns and functions against the file's expectations.
    public func makeInverseReport() -> InverseReport? {
        let inverse = problem.inverse
        guard !inverse.unknowns.isEmpty || !inverse.functions.isEmpty else { return nil }
        let parameters = trainer.unknownParameters.map { p in
            InverseReport.Parameter(name: p.name, value: p.value, expected: inverse.expectedParameters.first { $0.name == p.name })
        }
        let functions = trainer.functionSamples().map { sample in
            InverseReport.Function(sample: sample, expected: inverse.expectedFunctions.first { $0.name == sample.name }) {
                self.trainer.evaluateFunction(sample.name, at: $0)
            }
        }
        return InverseReport(parameters: parameters, functions: functions, parameterHistory: parameterHistory,
                             published: problem.spec.expect?.published ?? [])
    }

    /// The trained fields on the output grid (`output.mean_free` outputs with their spatial mean
    /// removed per time), their errors (relative L2 on the grid, or the deviations at the
    /// points of a point reference), and everything the result file holds.
    public func result(wallSeconds: Double) -> SolveResult {
        let predictions = trainer.predict(points: grid.points())
        var fields: [String: [Double]] = [:]
        for (o, name) in problem.outputs.enumerated() { fields[name] = predictions[o] }
        fields = grid.removingSpatialMean(fields, outputs: problem.spec.output.meanFree)
        var errors: [String: Double] = [:]
        for (name, r) in reference { errors[name] = ReferenceEvaluator.relativeL2(fields[name]!, r) }
        inverseReport = makeInverseReport()
        var result = SolveResult(name: name, problemText: problemText, seed: seed, version: Solver.version, wallSeconds: wallSeconds,
                             inputs: problem.inputs, timeInput: problem.timeInput, grid: grid.coordinates,
                             outputs: problem.outputs, fields: fields, reference: reference,
                             lossColumns: trainer.historyColumns, lossHistory: trainer.history, parameters: trainer.theta,
                             relativeL2: errors,
                             pointComparison: pointReference.map { Solver.compare(trainer, problem, $0) },
                             errorHistory: errorRecorder.map {
                                 ErrorHistory(columns: $0.columns, rows: $0.rows, evaluationSeconds: $0.evaluationSeconds)
                             })
        if let report = inverseReport {
            result.extraAttributes.merge(report.attributes) { _, new in new }
            result.extraDatasets = report.datasets
            result.functionCurves = report.functions.compactMap(FunctionCurve.init)
            result.learnedParameters = report.parameters.map { LearnedParameter(name: $0.name, value: $0.value) }
        }
        return result
    }
}
