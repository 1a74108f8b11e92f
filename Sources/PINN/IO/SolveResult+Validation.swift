import Foundation

extension SolveResult {
    /// The root attribute names the contract reserves; `extraAttributes` may not use them
    /// (nor the `rel_l2_` and `max_abs_` prefixes).
    public static let reservedAttributeNames: Set<String> = ["problem", "seed", "version", "wall_seconds"]

    /// What is inconsistent in this result, one message per problem, each naming the
    /// output or input and the shapes involved; empty when the result can be written.
    ///
    /// `ResultWriter.write` stops with a precondition failure listing these before it
    /// creates any file: a mismatch is a bug in the solver, not bad user input.
    public func validationProblems() -> [String] {
        var problems = ResultValidation.checkName(name)
        problems += ResultValidation.checkGrid(inputs: inputs, timeInput: timeInput, grid: grid)
        let shape = fieldShape, axes = axisOrder
        problems += ResultValidation.checkArrays(fields, group: "fields", outputs: outputs, required: true,
                                                 shape: shape, axes: axes)
        problems += ResultValidation.checkArrays(reference, group: "reference", outputs: outputs, required: false,
                                                 shape: shape, axes: axes)
        problems += ResultValidation.uniqueNames(lossColumns, "lossColumns")
        for (row, values) in lossHistory.enumerated() where values.count != lossColumns.count {
            problems.append("lossHistory[\(row)] has \(values.count) values for \(lossColumns.count) "
                                + "lossColumns \(lossColumns)")
        }
        if let history = errorHistory {
            problems += ResultValidation.uniqueNames(history.columns, "errorHistory.columns")
            for (row, values) in history.rows.enumerated() where values.count != history.columns.count {
                problems.append("errorHistory.rows[\(row)] has \(values.count) values for \(history.columns.count) "
                                    + "columns \(history.columns)")
            }
        }
        for output in relativeL2.keys.sorted() where reference[output] == nil {
            problems.append("relativeL2['\(output)'] is given but output '\(output)' has no reference")
        }
        problems += pointComparisonProblems()
        for key in extraAttributes.keys.sorted() {
            if key.isEmpty || SolveResult.reservedAttributeNames.contains(key)
                || ErrorMetric.allCases.contains(where: { key.hasPrefix($0.rawValue + "_") }) {
                problems.append("extraAttributes['\(key)'] collides with a reserved root attribute name "
                                    + "(problem, seed, version, wall_seconds, rel_l2_<output>, max_abs_<output>) or is empty")
            }
        }
        return problems
    }
}

/// Shape and name checks shared by results and reference files.
enum ResultValidation {
    /// NAME becomes a file name: non-empty, no "/", not "." or "..".
    static func checkName(_ name: String) -> [String] {
        if name.isEmpty || name.contains("/") || name == "." || name == ".." || name.contains("\0") {
            return ["name '\(name)' is not a usable file base name"]
        }
        return []
    }

    /// Names become HDF5 link names: unique, non-empty, without "/" or ".".
    static func uniqueNames(_ names: [String], _ label: String) -> [String] {
        var problems: [String] = []
        if Set(names).count != names.count { problems.append("\(label) \(names) contain duplicates") }
        for name in names where name.isEmpty || name.contains("/") || name == "." || name.contains("\0") {
            problems.append("\(label) entry '\(name)' is not a usable HDF5 name")
        }
        return problems
    }

    /// Inputs unique, the time input among them, one non-empty 1-D coordinate array per
    /// input and no others, at most three spatial inputs (XDMF's rectilinear meshes).
    static func checkGrid(inputs: [String], timeInput: String?, grid: [String: [Double]]) -> [String] {
        var problems = uniqueNames(inputs, "inputs")
        if inputs.isEmpty { problems.append("inputs are empty") }
        if let timeInput, !inputs.contains(timeInput) {
            problems.append("timeInput '\(timeInput)' is not one of the inputs \(inputs)")
        }
        let spatial = inputs.filter { $0 != timeInput }.count
        if spatial > 3 { problems.append("\(spatial) spatial inputs \(inputs); at most 3 can be described in XDMF") }
        for input in inputs {
            guard let coordinates = grid[input] else {
                problems.append("grid has no coordinates for input '\(input)' (grid keys \(grid.keys.sorted()))")
                continue
            }
            if coordinates.isEmpty { problems.append("grid['\(input)'] is empty") }
        }
        for key in grid.keys.sorted() where !inputs.contains(key) {
            problems.append("grid['\(key)'] is not one of the inputs \(inputs)")
        }
        return problems
    }

    /// Every array in `arrays` belongs to an output and fills `shape`; with `required`,
    /// every output has one.
    static func checkArrays(_ arrays: [String: [Double]], group: String, outputs: [String], required: Bool,
                            shape: [Int], axes: [String]) -> [String] {
        var problems = required ? uniqueNames(outputs, "outputs") : []
        if required, outputs.isEmpty { problems.append("outputs are empty") }
        let count = shape.reduce(1, *)
        for output in outputs {
            guard let values = arrays[output] else {
                if required { problems.append("\(group) has no array for output '\(output)'") }
                continue
            }
            if values.count != count {
                problems.append("\(group)['\(output)'] has \(values.count) values, but the grid \(axes) "
                                    + "has shape \(shape) (\(count) values)")
            }
        }
        for key in arrays.keys.sorted() where !outputs.contains(key) {
            problems.append("\(group)['\(key)'] is not one of the outputs \(outputs)")
        }
        return problems
    }
}
