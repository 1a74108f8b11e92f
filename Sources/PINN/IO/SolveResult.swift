import Foundation

/// Everything a training run produces, as `ResultWriter` writes it to `DIR/NAME.h5`
/// (DESIGN.md, "The command-line and file contract").
///
/// Arrays on the output grid are row-major with the axes in `axisOrder`, slowest first:
/// Burgers (inputs [x, t]) is [nt, nx], Kovasznay ([x, y]) [ny, nx], Taylor–Green
/// ([x, y, t]) [nt, ny, nx]; element [it, ix] of Burgers' `u` is u(x[ix], t[it]).
public struct SolveResult: Sendable {
    public var name: String                 // NAME (problem file base name)
    public var problemText: String          // the problem JSON as written
    public var seed: UInt64
    public var version: String
    public var wallSeconds: Double
    public var inputs: [String]             // input names in problem order, e.g. ["x", "t"]
    public var timeInput: String?           // "t" or nil
    public var grid: [String: [Double]]     // 1-D coordinates per input
    public var outputs: [String]            // e.g. ["u"] or ["u","v","p"]
    /// Fields per output, axes slowest first in the order t, z, y, x (time first, then the
    /// spatial inputs in REVERSE problem order), e.g. Burgers inputs [x, t] → [nt, nx].
    /// (Precisely: `axisOrder`, which puts spatial inputs named x, y, z in the contract's
    /// order z, y, x whatever order the problem lists them in.)
    public var fields: [String: [Double]]
    public var reference: [String: [Double]]   // same shape; empty when no reference
    public var lossColumns: [String]
    public var lossHistory: [[Double]]          // one row per recorded iteration
    public var parameters: [Double]
    public var relativeL2: [String: Double]     // per output with a reference field
    /// The network against a reference given at points (Ghia's centrelines), written to
    /// `/reference/<name>`; nil without one.
    public var pointComparison: PointComparison?
    /// Largest absolute deviation at the reference points by output (root attributes
    /// `max_abs_<output>`); empty without a point reference.
    public var maxAbsolute: [String: Double]
    public var extraAttributes: [String: Double] // e.g. stage info; written as root attributes
    /// The error against the reference during training (`/training/error_history`); nil
    /// when not recorded (no reference).
    public var errorHistory: ErrorHistory?
    /// Further float64 datasets by path (inverse problems: `/training/parameter_history`,
    /// `/functions/<name>/arguments` and `/values`).
    public var extraDatasets: [ResultDataset] = []
    /// Learned network functions of one argument, for the picture (not written to NAME.h5:
    /// /functions holds them there).
    public var functionCurves: [FunctionCurve] = []
    /// The unknown parameters as learned, in file order, for the picture's title.
    public var learnedParameters: [LearnedParameter] = []

    public init(name: String, problemText: String, seed: UInt64, version: String, wallSeconds: Double,
                inputs: [String], timeInput: String?, grid: [String: [Double]], outputs: [String],
                fields: [String: [Double]], reference: [String: [Double]] = [:],
                lossColumns: [String], lossHistory: [[Double]], parameters: [Double],
                relativeL2: [String: Double] = [:], pointComparison: PointComparison? = nil,
                maxAbsolute: [String: Double]? = nil, extraAttributes: [String: Double] = [:],
                errorHistory: ErrorHistory? = nil) {
        self.name = name
        self.problemText = problemText
        self.seed = seed
        self.version = version
        self.wallSeconds = wallSeconds
        self.inputs = inputs
        self.timeInput = timeInput
        self.grid = grid
        self.outputs = outputs
        self.fields = fields
        self.reference = reference
        self.lossColumns = lossColumns
        self.lossHistory = lossHistory
        self.parameters = parameters
        self.relativeL2 = relativeL2
        self.pointComparison = pointComparison
        self.maxAbsolute = maxAbsolute ?? pointComparison?.maxAbsolute ?? [:]
        self.extraAttributes = extraAttributes
        self.errorHistory = errorHistory
    }

    /// The extents of every field array, slowest first: the grid sizes in `axisOrder`
    /// (0 for an input without coordinates). Burgers: [nt, nx].
    public var fieldShape: [Int] { axisOrder.map { grid[$0]?.count ?? 0 } }

    /// The inputs in array-axis order, slowest first: `ResultAxes.order(inputs:timeInput:)`.
    public var axisOrder: [String] { ResultAxes.order(inputs: inputs, timeInput: timeInput) }
}

/// An unknown parameter's learned value.
public struct LearnedParameter: Sendable, Equatable {
    public var name: String
    public var value: Double

    public init(name: String, value: Double) {
        self.name = name
        self.value = value
    }
}

/// A float64 dataset outside the contract's fixed layout, with an optional `columns`
/// attribute naming its last axis.
public struct ResultDataset: Sendable, Equatable {
    public var path: String
    public var shape: [Int]
    public var values: [Double]
    public var columns: [String]?

    public init(path: String, shape: [Int], values: [Double], columns: [String]? = nil) {
        precondition(shape.reduce(1, *) == values.count, "ResultDataset \(path): \(values.count) values for shape \(shape)")
        self.path = path
        self.shape = shape
        self.values = values
        self.columns = columns
    }
}

/// The relative L2 error against the reference recorded during training, as
/// `/training/error_history` holds it: float64 [rows, columns] with the columns
/// `wall_seconds` (training seconds since the start, the time spent on these evaluations
/// excluded), `iteration` (global, over all stages; 0 = before training) and one
/// `rel_l2_<output>` per output with a reference field (`max_abs_<output>` per output of a
/// point reference); rows increase in iteration.
public struct ErrorHistory: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[Double]]
    /// Wall seconds spent computing the errors (dataset attribute `evaluation_seconds`).
    public var evaluationSeconds: Double

    public init(columns: [String], rows: [[Double]], evaluationSeconds: Double) {
        self.columns = columns
        self.rows = rows
        self.evaluationSeconds = evaluationSeconds
    }

    /// The values of column `name`, one per row (nil when there is no such column).
    public func column(_ name: String) -> [Double]? {
        columns.firstIndex(of: name).map { c in rows.map { $0[c] } }
    }
}

/// The axis order of result arrays (DESIGN.md: "axes slowest first in the order t, z, y, x").
public enum ResultAxes {
    /// The time input first (when there is one), then the spatial inputs: those named
    /// z, y, x in that order, then any other names in reverse problem order.
    ///
    /// ["x", "t"] -> ["t", "x"]; ["x", "y", "t"] -> ["t", "y", "x"]; ["y", "x"] -> ["y", "x"];
    /// ["t"] -> ["t"]. For problems that list x, y, z in that order this is "time first,
    /// then the spatial inputs in reverse problem order".
    public static func order(inputs: [String], timeInput: String?) -> [String] {
        let spatial = inputs.filter { $0 != timeInput }
        let canonical = ["z", "y", "x"].filter(spatial.contains)
        let others = spatial.filter { !canonical.contains($0) }.reversed()
        let time = timeInput.map { inputs.contains($0) ? [$0] : [] } ?? []
        return time + canonical + others
    }
}
