import Foundation

/// How a `PointComparison` is stored: the group `/reference/<name>` (Ghia: `/reference/ghia`)
/// holds, per line of the reference, the coordinates along the line as `<along>` and the
/// values as `<output>_<name>` (reference) and `<output>_pinn` (the trained network); for
/// Ghia `y`, `u_ghia`, `u_pinn` and `x`, `v_ghia`, `v_pinn`, 17 points each. The group's
/// attributes `source`, `outputs` and `along` (line order) and each reference dataset's
/// `fixed_inputs`, `fixed_values` (and `line`, "x = 0.5", for people) let the line be read
/// back. The largest deviations are the root attributes `max_abs_<output>`.
enum PointComparisonLayout {
    static func group(_ reference: PointReference) -> String { "\(ResultLayout.reference)/\(reference.name)" }
    static func referenceDataset(_ line: PointReference.Line, _ reference: PointReference) -> String {
        "\(line.output)_\(reference.name)"
    }
    static func predictedDataset(_ line: PointReference.Line) -> String { "\(line.output)_pinn" }

    /// The dataset names in the group, in line order.
    static func datasetNames(_ reference: PointReference) -> [String] {
        reference.lines.flatMap { [$0.along, referenceDataset($0, reference), predictedDataset($0)] }
    }

    static func write(_ file: HDF5File, _ comparison: PointComparison) throws {
        let reference = comparison.reference, group = group(reference)
        for (line, predicted) in zip(reference.lines, comparison.predicted) {
            try file.writeDataset("\(group)/\(line.along)", doubles: line.coordinates)
            let values = "\(group)/\(referenceDataset(line, reference))"
            try file.writeDataset(values, doubles: line.values)
            let fixed = line.fixed.keys.sorted()
            try file.setAttribute("fixed_inputs", .strings(fixed), on: values)
            try file.setAttribute("fixed_values", .doubles(fixed.map { line.fixed[$0]! }), on: values)
            try file.setAttribute("line", .string(line.placeDescription), on: values)
            try file.writeDataset("\(group)/\(predictedDataset(line))", doubles: predicted)
        }
        try file.setAttribute("source", .string(reference.source), on: group)
        try file.setAttribute("outputs", .strings(reference.outputs), on: group)
        try file.setAttribute("along", .strings(reference.lines.map(\.along)), on: group)
    }

    /// The comparison stored in the first subgroup of `/reference`, or nil when there is none.
    static func read(_ file: HDF5File) throws -> PointComparison? {
        guard try file.exists(ResultLayout.reference),
              let name = try file.childNames(of: ResultLayout.reference)
                  .first(where: { try file.isGroup("\(ResultLayout.reference)/\($0)") }) else { return nil }
        let group = "\(ResultLayout.reference)/\(name)"
        let outputs = try file.stringsAttribute("outputs", on: group), along = try file.stringsAttribute("along", on: group)
        guard outputs.count == along.count else {
            throw HDF5Error(.typeMismatch, operation: "read result", file: file.path, objectPath: group,
                            detail: "attributes outputs \(outputs) and along \(along) differ in length")
        }
        var lines: [PointReference.Line] = [], predicted: [[Double]] = []
        for (output, input) in zip(outputs, along) {
            let values = "\(group)/\(output)_\(name)"
            let inputs = try file.stringsAttribute("fixed_inputs", on: values)
            guard case .doubles(let at) = try file.attribute("fixed_values", on: values), at.count == inputs.count else {
                throw HDF5Error(.typeMismatch, operation: "read result", file: file.path, objectPath: values,
                                detail: "fixed_values must be one float64 per fixed input \(inputs)")
            }
            let coordinates = try file.readDoubles("\(group)/\(input)").values
            let reference = try file.readDoubles(values).values
            let pinn = try file.readDoubles("\(group)/\(output)_pinn").values
            guard coordinates.count == reference.count, pinn.count == reference.count else {
                throw HDF5Error(.typeMismatch, operation: "read result", file: file.path, objectPath: values,
                                detail: "\(coordinates.count) coordinates, \(reference.count) reference and \(pinn.count) predicted values")
            }
            lines.append(.init(output: output, along: input, fixed: Dictionary(uniqueKeysWithValues: zip(inputs, at)),
                               coordinates: coordinates, values: reference))
            predicted.append(pinn)
        }
        let source = try file.stringAttribute("source", on: group)
        return PointComparison(reference: PointReference(name: name, source: source, lines: lines), predicted: predicted)
    }
}

extension SolveResult {
    /// The point comparison's lines belong to outputs, its datasets under `/reference/<name>`
    /// have distinct names, its group clashes with no output's reference field, and
    /// `maxAbsolute` names only outputs it compares.
    func pointComparisonProblems() -> [String] {
        guard let comparison = pointComparison else {
            return maxAbsolute.isEmpty ? [] : ["maxAbsolute \(maxAbsolute.keys.sorted()) is given without a pointComparison"]
        }
        let reference = comparison.reference
        var problems = ResultValidation.uniqueNames(PointComparisonLayout.datasetNames(reference),
                                                    "pointComparison '\(reference.name)' dataset names")
        problems += ResultValidation.uniqueNames([reference.name], "pointComparison name")
        if outputs.contains(reference.name) {
            problems.append("pointComparison name '\(reference.name)' is also an output (both would live under /reference)")
        }
        for line in reference.lines where !outputs.contains(line.output) {
            problems.append("pointComparison line of '\(line.output)' is not one of the outputs \(outputs)")
        }
        for output in maxAbsolute.keys.sorted() where reference.line(of: output) == nil {
            problems.append("maxAbsolute['\(output)'] is given but the point reference has no line of '\(output)'")
        }
        return problems
    }
}
