import Foundation

/// A reference tabulated at points instead of on the output grid: values of outputs along
/// lines parallel to an axis, as Ghia, Ghia & Shin (1982) give the cavity's velocity on its
/// centrelines. The error against it is the largest absolute deviation at those points
/// (`PointComparison`), not a relative L2 over the grid.
public struct PointReference: Sendable, Equatable {
    /// One output tabulated along a line on which every input but `along` is fixed.
    public struct Line: Sendable, Equatable {
        /// The output the values belong to (`u`).
        public var output: String
        /// The input that varies along the line (`y` for the vertical centreline).
        public var along: String
        /// The other inputs and their values on the line (`["x": 0.5]`).
        public var fixed: [String: Double]
        /// Values of `along`, one per point.
        public var coordinates: [Double]
        /// The reference value of `output` at each point.
        public var values: [Double]

        public init(output: String, along: String, fixed: [String: Double], coordinates: [Double], values: [Double]) {
            precondition(coordinates.count == values.count,
                         "PointReference.Line(\(output)): \(coordinates.count) coordinates for \(values.count) values")
            self.output = output
            self.along = along
            self.fixed = fixed
            self.coordinates = coordinates
            self.values = values
        }

        /// "x = 0.5" (the fixed inputs in name order), for messages and file attributes.
        public var placeDescription: String {
            fixed.keys.sorted().map { "\($0) = \(ExpressionSource.spell(fixed[$0]!))" }.joined(separator: ", ")
        }

        /// The points as rows of input values in `inputs` order, row-major [count × inputs].
        /// Precondition: `inputs` are exactly `along` and the fixed inputs.
        public func points(inputs: [String]) -> [Double] {
            precondition(Set(inputs) == Set(fixed.keys).union([along]) && !fixed.keys.contains(along),
                         "PointReference.Line(\(output)).points: inputs \(inputs) are not \(along) and \(fixed.keys.sorted())")
            var rows: [Double] = []
            rows.reserveCapacity(coordinates.count * inputs.count)
            for c in coordinates {
                for input in inputs { rows.append(input == along ? c : fixed[input]!) }
            }
            return rows
        }
    }

    /// The name of the point set; the result file keeps it under `/reference/<name>`.
    public var name: String
    /// Where the values come from (written as an attribute and printed with the errors).
    public var source: String
    /// At most one line per output.
    public var lines: [Line]

    public init(name: String, source: String, lines: [Line]) {
        precondition(Set(lines.map(\.output)).count == lines.count,
                     "PointReference(\(name)): more than one line for an output: \(lines.map(\.output))")
        self.name = name
        self.source = source
        self.lines = lines
    }

    /// The outputs with a line, in line order.
    public var outputs: [String] { lines.map(\.output) }

    /// The line of `output`, if there is one.
    public func line(of output: String) -> Line? { lines.first { $0.output == output } }
}

/// A network's values at the points of a `PointReference`, and the deviations.
public struct PointComparison: Sendable, Equatable {
    public var reference: PointReference
    /// Per line of `reference`, the predicted value at each of its points.
    public var predicted: [[Double]]

    public init(reference: PointReference, predicted: [[Double]]) {
        precondition(predicted.count == reference.lines.count
                        && zip(predicted, reference.lines).allSatisfy { $0.count == $1.values.count },
                     "PointComparison(\(reference.name)): predictions \(predicted.map(\.count)) do not match the lines "
                        + "\(reference.lines.map(\.values.count))")
        self.reference = reference
        self.predicted = predicted
    }

    /// Evaluates `predict` (input rows in `inputs` order → one array of values per output, in
    /// `outputs` order, as `Trainer.predict`) at every point of `reference`, in one call.
    public init(reference: PointReference, inputs: [String], outputs: [String],
                predict: ([Double]) -> [[Double]]) {
        let rows = reference.lines.flatMap { $0.points(inputs: inputs) }
        let values = predict(rows)
        var start = 0
        var predicted: [[Double]] = []
        for line in reference.lines {
            guard let o = outputs.firstIndex(of: line.output) else {
                preconditionFailure("PointComparison: '\(line.output)' is not one of the outputs \(outputs)")
            }
            predicted.append(Array(values[o][start..<(start + line.values.count)]))
            start += line.values.count
        }
        self.init(reference: reference, predicted: predicted)
    }

    /// max_i |predicted_i − reference_i| by output.
    public var maxAbsolute: [String: Double] {
        var result: [String: Double] = [:]
        for (k, line) in reference.lines.enumerated() { result[line.output] = Self.worst(predicted[k], line.values).deviation }
        return result
    }

    /// Where the largest deviation of `output` is: the coordinate along its line and the
    /// deviation there (predicted − reference); nil for an output without a line.
    public func worstPoint(of output: String) -> (coordinate: Double, deviation: Double)? {
        guard let k = reference.lines.firstIndex(where: { $0.output == output }) else { return nil }
        let w = Self.worst(predicted[k], reference.lines[k].values)
        return (reference.lines[k].coordinates[w.index], predicted[k][w.index] - reference.lines[k].values[w.index])
    }

    /// The index and size of the largest |p − r| (NaN when a value is NaN, so a broken
    /// network cannot pass for an accurate one).
    static func worst(_ p: [Double], _ r: [Double]) -> (index: Int, deviation: Double) {
        var best = (index: 0, deviation: 0.0)
        for i in p.indices {
            let d = abs(p[i] - r[i])
            if d.isNaN { return (i, .nan) }
            if d > best.deviation { best = (i, d) }
        }
        return best
    }
}
