import Foundation

/// The names of the layout's groups and bookkeeping attributes, shared by writer and reader.
///
/// Besides the contract's datasets and root attributes, the writer records the order
/// information a reader cannot recover from HDF5's alphabetical link order:
/// `/grid` attributes `inputs` (problem order), `axes` (array-axis order, slowest first)
/// and `time_input` (only for time-dependent problems); `/fields` and `/reference`
/// attribute `outputs` (problem order).
enum ResultLayout {
    static let grid = "/grid"
    static let fields = "/fields"
    static let reference = "/reference"
    static let error = "/error"
    static let loss = "/training/loss"
    static let errorHistory = "/training/error_history"
    static let parameters = "/training/parameters"
    static let relativeL2Prefix = ErrorMetric.relativeL2.rawValue + "_"
    static let maxAbsolutePrefix = ErrorMetric.maxAbsolute.rawValue + "_"

    /// Writes `/grid/<input>` for every input, with the order attributes on `/grid`.
    static func writeGrid(_ file: HDF5File, inputs: [String], timeInput: String?, axes: [String],
                          grid: [String: [Double]]) throws {
        for input in axes {
            try file.writeDataset("\(ResultLayout.grid)/\(input)", doubles: grid[input] ?? [])
        }
        try file.setAttribute("inputs", .strings(inputs), on: ResultLayout.grid)
        try file.setAttribute("axes", .strings(axes), on: ResultLayout.grid)
        if let timeInput { try file.setAttribute("time_input", .string(timeInput), on: ResultLayout.grid) }
    }

    /// Writes `group/<output>` of `shape` for every output that has an array, and the
    /// group's `outputs` attribute; writes nothing when no output has one.
    static func writeArrays(_ file: HDF5File, group: String, outputs: [String], arrays: [String: [Double]],
                            shape: [Int]) throws {
        let present = outputs.filter { arrays[$0] != nil }
        guard !present.isEmpty else { return }
        for output in present {
            try file.writeDataset("\(group)/\(output)", doubles: arrays[output] ?? [], shape: shape)
        }
        try file.setAttribute("outputs", .strings(present), on: group)
    }

    /// `/error/<output>` = field − reference for every output with a reference.
    static func writeErrors(_ file: HDF5File, _ result: SolveResult, shape: [Int]) throws {
        var errors: [String: [Double]] = [:]
        for output in result.outputs {
            guard let field = result.fields[output], let reference = result.reference[output] else { continue }
            errors[output] = zip(field, reference).map { $0 - $1 }
        }
        try writeArrays(file, group: ResultLayout.error, outputs: result.outputs, arrays: errors, shape: shape)
    }

    /// `/training/loss` [iterations, terms] with `columns`, `/training/parameters`, and
    /// `/training/error_history` [rows, columns] with `columns` and `evaluation_seconds`
    /// when the result has an error history.
    static func writeTraining(_ file: HDF5File, _ result: SolveResult) throws {
        var flat: [Double] = []
        flat.reserveCapacity(result.lossHistory.count * result.lossColumns.count)
        for row in result.lossHistory { flat += row }
        try file.writeDataset(ResultLayout.loss, doubles: flat,
                              shape: [result.lossHistory.count, result.lossColumns.count])
        try file.setAttribute("columns", .strings(result.lossColumns), on: ResultLayout.loss)
        try file.writeDataset(ResultLayout.parameters, doubles: result.parameters)
        if let history = result.errorHistory {
            try file.writeDataset(ResultLayout.errorHistory, doubles: history.rows.flatMap { $0 },
                                  shape: [history.rows.count, history.columns.count])
            try file.setAttribute("columns", .strings(history.columns), on: ResultLayout.errorHistory)
            try file.setAttribute("evaluation_seconds", .double(history.evaluationSeconds), on: ResultLayout.errorHistory)
        }
    }

    /// Root attributes: problem, seed, version, wall_seconds, rel_l2_<output>, max_abs_<output>, extras.
    ///
    /// `seed` is an int64 attribute holding the seed's bit pattern (seeds above
    /// Int64.max read back negative in other tools; `readResult` restores them).
    static func writeRootAttributes(_ file: HDF5File, _ result: SolveResult) throws {
        try file.setAttribute("problem", .string(result.problemText))
        try file.setAttribute("seed", .int(Int(Int64(bitPattern: result.seed))))
        try file.setAttribute("version", .string(result.version))
        try file.setAttribute("wall_seconds", .double(result.wallSeconds))
        for output in result.outputs {
            guard let error = relativeL2(result, output) else { continue }
            try file.setAttribute(relativeL2Prefix + output, .double(error))
        }
        for output in result.outputs {
            guard let deviation = result.maxAbsolute[output] else { continue }
            try file.setAttribute(maxAbsolutePrefix + output, .double(deviation))
        }
        for key in result.extraAttributes.keys.sorted() {
            try file.setAttribute(key, .double(result.extraAttributes[key] ?? .nan))
        }
    }

    /// The given relative L2 error of `output`, or, when it has a reference but none was
    /// given, ‖field − reference‖₂ / ‖reference‖₂ (NaN when the reference is all zeros).
    static func relativeL2(_ result: SolveResult, _ output: String) -> Double? {
        if let given = result.relativeL2[output] { return given }
        guard let field = result.fields[output], let reference = result.reference[output] else { return nil }
        return ReferenceEvaluator.relativeL2(field, reference)
    }
}
