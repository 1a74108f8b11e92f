import Foundation

/// Records the relative L2 error against the reference on the output grid while a problem
/// trains, for time-to-accuracy plots: one row (wall seconds since training started, global
/// iteration, relative L2 of each output with a reference) at the cadence of
/// `output.error_every` (`ErrorCadenceSpec`). `Solver` owns one when the problem has a
/// reference and writes its rows to `/training/error_history`.
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
/// An evaluation is the trained outputs at every grid point (value only, no derivatives)
/// and ‖u − u_ref‖₂ / ‖u_ref‖₂ per output against the reference computed once before
/// training. Its wall time is subtracted from the clock: the `wall_seconds` column is the
/// training time alone, as a run without recording would have spent it, and the time the
/// evaluations took is `evaluationSeconds` (written as the dataset attribute
/// `evaluation_seconds`).
public final class ErrorRecorder {
    /// The first two columns; one `rel_l2_<output>` column follows per output.
    public static let leadingColumns = ["wall_seconds", "iteration"]

    /// Outputs with a reference, in problem order.
    public let outputs: [String]
    public let cadence: ErrorCadenceSpec
    /// `wall_seconds`, `iteration`, then `rel_l2_<output>` per output.
    public var columns: [String] { ErrorRecorder.leadingColumns + outputs.map { "rel_l2_" + $0 } }
    /// One row per record, as `columns`.
    public private(set) var rows: [[Double]] = []
    /// Wall seconds spent in evaluations (excluded from the `wall_seconds` column).
    public private(set) var evaluationSeconds = 0.0
    /// Evaluations run (a replaced row counts too).
    public private(set) var evaluations = 0

    private let references: [[Double]]
    private let predict: () -> [String: [Double]]
    private let clock: () -> Double
    private var startTime = 0.0
    /// Training seconds at the last row.
    private var lastRowSeconds = 0.0
    /// The parameters of the last row (compared at checkpoints; an array copy shares storage).
    private var lastParameters: [Double]?

    /// - Parameters:
    ///   - reference: reference values on the grid by output; outputs without one are skipped.
    ///   - predict: the trained fields on the same grid by output, at the current parameters.
    ///   - clock: seconds on a monotonic clock; overridable for tests.
    public init(outputs: [String], reference: [String: [Double]], cadence: ErrorCadenceSpec,
                clock: @escaping () -> Double = { ProcessInfo.processInfo.systemUptime },
                predict: @escaping () -> [String: [Double]]) {
        self.outputs = outputs.filter { reference[$0] != nil }
        references = self.outputs.map { reference[$0]! }
        self.cadence = cadence
        self.clock = clock
        self.predict = predict
    }

    /// The relative L2 errors of the last row, by `outputs` (empty before the first).
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
        let fields = predict()
        var row = [seconds, Double(iteration)]
        for (k, output) in outputs.enumerated() {
            guard let field = fields[output] else { preconditionFailure("ErrorRecorder: predict() gave no '\(output)'") }
            row.append(ReferenceEvaluator.relativeL2(field, references[k]))
        }
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
