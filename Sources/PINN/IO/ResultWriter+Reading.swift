import Foundation

extension ResultWriter {
    /// Reads a result file written by `write` (or any file in the contract layout) back
    /// into a `SolveResult`: for tests, for resuming from trained parameters, and for
    /// comparing runs.
    ///
    /// `name` is the file's base name without ".h5". The input order and time input come
    /// from the `/grid` attributes the writer records; for files without them, the axes are
    /// put in contract order (t, z, y, x), the time input is "t" when present, and the
    /// problem order is taken as the spatial axes reversed, then time. `relativeL2` holds
    /// the stored `rel_l2_<output>` values, `maxAbsolute` the `max_abs_<output>` values and
    /// `pointComparison` the group under `/reference` (`PointComparisonLayout`); every other numeric root attribute besides
    /// `seed` and `wall_seconds` goes to `extraAttributes`; `errorHistory` is
    /// `/training/error_history` when the file has one. Throws `HDF5Error` naming the
    /// file and object when something is missing or has the wrong shape.
    public static func readResult(from url: URL) throws -> SolveResult {
        let file = try HDF5File.open(at: url)
        defer { try? file.close() }
        let axes = try ResultReading.axes(file)
        let shape = axes.order.map { axes.grid[$0]?.count ?? 0 }
        let outputs = try ResultReading.outputs(file, group: ResultLayout.fields)
        let fields = try ResultReading.arrays(file, group: ResultLayout.fields, outputs: outputs, shape: shape)
        var reference: [String: [Double]] = [:]
        if try file.exists(ResultLayout.reference) {
            let present = try ResultReading.outputs(file, group: ResultLayout.reference)
            reference = try ResultReading.arrays(file, group: ResultLayout.reference, outputs: present, shape: shape)
        }
        let loss = try file.readDoubles(ResultLayout.loss)
        guard loss.shape.count == 2 else {
            throw HDF5Error(.typeMismatch, operation: "read result", file: file.path, objectPath: ResultLayout.loss,
                            detail: "expected [iterations, terms], found shape \(loss.shape)")
        }
        let columns = try file.stringsAttribute("columns", on: ResultLayout.loss)
        let width = loss.shape[1]
        let history = (0..<loss.shape[0]).map { Array(loss.values[($0 * width)..<(($0 + 1) * width)]) }
        let parameters = try file.readDoubles(ResultLayout.parameters).values
        let errorHistory = try ResultReading.errorHistory(file)

        let pointComparison = try PointComparisonLayout.read(file)
        var relativeL2: [String: Double] = [:], maxAbsolute: [String: Double] = [:], extras: [String: Double] = [:]
        for attribute in try file.attributeNames() {
            let value = try file.attribute(attribute)
            let number: Double
            switch value {
            case .double(let x): number = x
            case .int(let n): number = Double(n)
            default: continue
            }
            if attribute.hasPrefix(ResultLayout.relativeL2Prefix) {
                relativeL2[String(attribute.dropFirst(ResultLayout.relativeL2Prefix.count))] = number
            } else if attribute.hasPrefix(ResultLayout.maxAbsolutePrefix) {
                maxAbsolute[String(attribute.dropFirst(ResultLayout.maxAbsolutePrefix.count))] = number
            } else if !SolveResult.reservedAttributeNames.contains(attribute) {
                extras[attribute] = number
            }
        }
        return SolveResult(
            name: ResultReading.baseName(url, dropping: ".h5"),
            problemText: try file.stringAttribute("problem"),
            seed: UInt64(bitPattern: Int64(try file.intAttribute("seed"))),
            version: try file.stringAttribute("version"),
            wallSeconds: try file.doubleAttribute("wall_seconds"),
            inputs: axes.inputs, timeInput: axes.timeInput, grid: axes.grid, outputs: outputs,
            fields: fields, reference: reference, lossColumns: columns, lossHistory: history,
            parameters: parameters, relativeL2: relativeL2, pointComparison: pointComparison, maxAbsolute: maxAbsolute,
            extraAttributes: extras, errorHistory: errorHistory)
    }

    /// Reads `NAME.reference.h5` (as `writeReference` writes it) back; `name` is the file's
    /// base name without ".reference.h5". Throws `HDF5Error` naming file and object.
    public static func readReference(from url: URL) throws -> ReferenceData {
        let file = try HDF5File.open(at: url)
        defer { try? file.close() }
        let axes = try ResultReading.axes(file)
        let shape = axes.order.map { axes.grid[$0]?.count ?? 0 }
        let outputs = try ResultReading.outputs(file, group: ResultLayout.reference)
        let reference = try ResultReading.arrays(file, group: ResultLayout.reference, outputs: outputs, shape: shape)
        let problem = try file.hasAttribute("problem") ? try file.stringAttribute("problem") : ""
        return ReferenceData(name: ResultReading.baseName(url, dropping: ".reference.h5"), problemText: problem,
                             inputs: axes.inputs, timeInput: axes.timeInput, grid: axes.grid, outputs: outputs,
                             reference: reference)
    }
}

/// Pieces of the read-back shared by results and references.
enum ResultReading {
    struct Axes {
        var inputs: [String]
        var timeInput: String?
        var order: [String]
        var grid: [String: [Double]]
    }

    /// The grid coordinates and the input order information.
    static func axes(_ file: HDF5File) throws -> Axes {
        let group = ResultLayout.grid
        let names = try file.childNames(of: group)
        let timeInput: String? = try file.hasAttribute("time_input", on: group)
            ? try file.stringAttribute("time_input", on: group)
            : (names.contains("t") ? "t" : nil)
        let order = try file.hasAttribute("axes", on: group)
            ? try file.stringsAttribute("axes", on: group)
            : ResultAxes.order(inputs: names, timeInput: timeInput)
        let inputs = try file.hasAttribute("inputs", on: group)
            ? try file.stringsAttribute("inputs", on: group)
            : order.filter { $0 != timeInput }.reversed() + (timeInput.map { [$0] } ?? [])
        var grid: [String: [Double]] = [:]
        for input in order {
            let coordinates = try file.readDoubles("\(group)/\(input)")
            guard coordinates.shape.count == 1 else {
                throw HDF5Error(.typeMismatch, operation: "read result", file: file.path,
                                objectPath: "\(group)/\(input)", detail: "expected 1-D coordinates, found shape \(coordinates.shape)")
            }
            grid[input] = coordinates.values
        }
        return Axes(inputs: inputs, timeInput: timeInput, order: order, grid: grid)
    }

    /// `/training/error_history` with its `columns` (and `evaluation_seconds`, NaN when
    /// absent), or nil when the file has none.
    static func errorHistory(_ file: HDF5File) throws -> ErrorHistory? {
        let path = ResultLayout.errorHistory
        guard try file.exists(path) else { return nil }
        let array = try file.readDoubles(path)
        let columns = try file.stringsAttribute("columns", on: path)
        guard array.shape.count == 2, array.shape[1] == columns.count else {
            throw HDF5Error(.typeMismatch, operation: "read result", file: file.path, objectPath: path,
                            detail: "expected [rows, \(columns.count)] for the columns \(columns), found shape \(array.shape)")
        }
        let width = columns.count
        let rows = (0..<array.shape[0]).map { Array(array.values[($0 * width)..<(($0 + 1) * width)]) }
        let seconds = try file.hasAttribute("evaluation_seconds", on: path)
            ? try file.doubleAttribute("evaluation_seconds", on: path) : .nan
        return ErrorHistory(columns: columns, rows: rows, evaluationSeconds: seconds)
    }

    /// The group's `outputs` attribute, or its dataset names (a subgroup such as
    /// `/reference/ghia` holds point data, not an output's field).
    static func outputs(_ file: HDF5File, group: String) throws -> [String] {
        try file.hasAttribute("outputs", on: group)
            ? try file.stringsAttribute("outputs", on: group)
            : try file.childNames(of: group).filter { try !file.isGroup("\(group)/\($0)") }
    }

    /// `group/<output>` for each output, each checked to have `shape`.
    static func arrays(_ file: HDF5File, group: String, outputs: [String], shape: [Int]) throws -> [String: [Double]] {
        var arrays: [String: [Double]] = [:]
        for output in outputs {
            let path = "\(group)/\(output)"
            let array = try file.readDoubles(path)
            guard array.shape == shape else {
                throw HDF5Error(.typeMismatch, operation: "read result", file: file.path, objectPath: path,
                                detail: "shape \(array.shape) does not match the grid \(shape)")
            }
            arrays[output] = array.values
        }
        return arrays
    }

    /// "results/burgers.h5" -> "burgers".
    static func baseName(_ url: URL, dropping suffix: String) -> String {
        let name = url.lastPathComponent
        return name.hasSuffix(suffix) ? String(name.dropLast(suffix.count)) : name
    }
}
