import Foundation

/// What an `ErrorRecorder` measures per output; the raw value prefixes its columns
/// (`rel_l2_u`, `max_abs_u`) and the result's root attributes.
public enum ErrorMetric: String, CaseIterable, Sendable {
    /// ‖u − u_ref‖₂ / ‖u_ref‖₂ on the output grid.
    case relativeL2 = "rel_l2"
    /// max |u − u_ref| over the points of a point reference (`PointComparison`).
    case maxAbsolute = "max_abs"
}

/// Records the error against the reference while a problem trains, for time-to-accuracy
/// plots: one row (wall seconds since training started, global iteration, the error of each
/// output with a reference) at the cadence of `output.error_every` (`ErrorCadenceSpec`).
/// The error is the relative L2 on the output grid for a field reference and the largest
/// deviation at the points for a point reference (`metric`). `Solver` owns one when the
/// problem has a reference and writes its rows to `/training/error_history`.
///
/// Rows: one before the first iteration (iteration 0); then, after an iteration, when
/// `cadence.seconds` of training time have passed since the previous row or the global
/// iteration is a multiple of `cadence.iterations`; and at every `checkpoint` (the end of
/// each stage and of training), unless the parameters are those of the previous row.
/// A checkpoint at the iteration of the previous row (an L-BFGS step that ended a stage
/// without an iteration callback, or a divergence that restored older parameters) replaces
/// that row, so the iterations strictly increase and the last row is the error of the
/// parameters the result holds.
///
/// An evaluation is the trained outputs at every grid point (or reference point; value only,
/// no derivatives) compared with the reference computed once before training. Its wall time
/// is subtracted from the clock: the `wall_seconds` column is the training time alone, as a
/// run without recording would have spent it, and the time the evaluations took is
/// `evaluationSeconds` (written as the dataset attribute `evaluation_seconds`).
public final class ErrorRecorder {
    /// The first two columns; one `<metric>_<output>` column follows per output.
    public static let leadingColumns = ["wall_seconds", "iteration"]

    /// Outputs with a reference, in problem order.
    public let outputs: [String]
    public let metric: ErrorMetric
    public let cadence: ErrorCadenceSpec
    /// `wall_seconds`, `iteration`, then `<metric>_<output>` per output (`rel_l2_u`).
    public var columns: [String] { ErrorRecorder.leadingColumns + outputs.map { metric.rawValue + "_" + $0 } }
    /// One row per record, as `columns`.
    public private(set) var rows: [[Double]] = []
    /// Wall seconds spent in evaluations (excluded from the `wall_seconds` column).
    public private(set) var evaluationSeconds = 0.0
    /// Evaluations run (a replaced row counts too).
    public private(set) var evaluations = 0

    /// The errors at the current parameters, by `outputs`.
    private let measure: () -> [Double]
    private let clock: () -> Double
    private var startTime = 0.0
    /// Training seconds at the last row.
    private var lastRowSeconds = 0.0
    /// The parameters of the last row (compared at checkpoints; an array copy shares storage).
    private var lastParameters: [Double]?

    /// - Parameters:
    ///   - outputs: the outputs measured, in the order `measure` returns their errors.
    ///   - measure: the error of each output at the current parameters.
    ///   - clock: seconds on a monotonic clock; overridable for tests.
    public init(outputs: [String], metric: ErrorMetric, cadence: ErrorCadenceSpec,
                clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime },
                measure: @escaping () -> [Double]) {
        self.outputs = outputs
        self.metric = metric
        self.cadence = cadence
        self.clock = clock
        self.measure = measure
    }

    /// Relative L2 errors on the output grid.
    ///
    /// - Parameters:
    ///   - reference: reference values on the grid by output; outputs without one are skipped.
    ///   - predict: the trained fields on the same grid by output, at the current parameters.
    public convenience init(outputs: [String], reference: [String: [Double]], cadence: ErrorCadenceSpec,
                            clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime },
                            predict: @escaping () -> [String: [Double]]) {
        let measured = outputs.filter { reference[$0] != nil }
        let references = measured.map { reference[$0]! }
        self.init(outputs: measured, metric: .relativeL2, cadence: cadence, clock: clock) {
            let fields = predict()
            return zip(measured, references).map { output, r in
                guard let field = fields[output] else { preconditionFailure("ErrorRecorder: predict() gave no '\(output)'") }
                return ReferenceEvaluator.relativeL2(field, r)
            }
        }
    }

    /// Largest deviations at the points of `reference`, by its outputs.
    ///
    /// - Parameter compare: the network at the current parameters compared at the points.
    public convenience init(pointReference reference: PointReference, cadence: ErrorCadenceSpec,
                            clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime },
                            compare: @escaping () -> PointComparison) {
        let outputs = reference.outputs
        self.init(outputs: outputs, metric: .maxAbsolute, cadence: cadence, clock: clock) {
            let deviations = compare().maxAbsolute
            return outputs.map { deviations[$0]! }
        }
    }

    /// The errors of the last row, by `outputs` (empty before the first).
    public var latest: [Double] { rows.last.map { Array($0.dropFirst(2)) } ?? [] }

    /// Training seconds now: wall time since `start` less the time spent evaluating.
    public func trainingSeconds() -> Double { clock() - startTime - evaluationSeconds }

    /// Starts the clock and records the error of the initial `parameters` (iteration 0).
    /// Clears rows from an earlier start.
    public func start(parameters: [Double]) {
        rows = []
        evaluationSeconds = 0
        evaluations = 0
        startTime = clock()
        record(iteration: 0, parameters: parameters, now: startTime)
    }

    /// Continues the rows of a checkpoint instead of `start`: training seconds go on from
    /// the last row's (the time between that row and the checkpoint is not counted).
    public func resume(rows saved: [[Double]], evaluationSeconds savedSeconds: Double) {
        rows = saved
        evaluationSeconds = savedSeconds
        evaluations = saved.count
        let last = saved.last?.first ?? 0
        startTime = clock() - last - evaluationSeconds
        lastRowSeconds = last
        lastParameters = nil
    }

    /// After global iteration `iteration` produced `parameters`: records a row when one is due.
    /// Cheap when none is (one clock read).
    public func iterationDone(iteration: Int, parameters: [Double]) {
        let now = clock()
        let dueByIterations = cadence.iterations > 0 && iteration % cadence.iterations == 0
        let dueBySeconds = cadence.seconds > 0 && now - startTime - evaluationSeconds - lastRowSeconds >= cadence.seconds
        if dueByIterations || dueBySeconds { record(iteration: iteration, parameters: parameters, now: now) }
    }

    /// At the end of a stage or of training: records the error of `parameters` unless the
    /// last row already holds it (see the type's notes on replacing a row).
    public func checkpoint(iteration: Int, parameters: [Double]) {
        if let lastParameters, lastParameters == parameters { return }
        record(iteration: iteration, parameters: parameters, now: clock())
    }

    private func record(iteration: Int, parameters: [Double], now: Double) {
        let seconds = now - startTime - evaluationSeconds
        let errors = measure()
        precondition(errors.count == outputs.count, "ErrorRecorder: measure() gave \(errors.count) errors for \(outputs)")
        let row = [seconds, Double(iteration)] + errors
        if let last = rows.last, Int(last[1]) >= iteration {
            rows[rows.count - 1] = row
        } else {
            rows.append(row)
        }
        lastRowSeconds = seconds
        lastParameters = parameters
        evaluations += 1
        evaluationSeconds += clock() - now
    }
}
