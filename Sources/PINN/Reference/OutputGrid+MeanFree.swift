import Foundation

extension OutputGrid {
    /// `fields` with the outputs named in `outputs` made mean-free (see `OutputSpec.meanFree`):
    /// at each output time (over the whole grid without time), the mean over the spatial grid
    /// points is subtracted. Outputs not listed, or absent, are returned as they are.
    ///
    /// Applied alike to a trained field and its reference, it leaves their difference with its
    /// mean removed per time, which is what the error of a field fixed up to a constant is.
    public func removingSpatialMean(_ fields: [String: [Double]], outputs: [String]) -> [String: [Double]] {
        guard !outputs.isEmpty else { return fields }
        let slice = timeInput.map { count / coordinates[$0]!.count } ?? count
        var result = fields
        for name in outputs {
            guard var values = fields[name] else { continue }
            precondition(values.count == count, "removingSpatialMean: \(name) has \(values.count) values for \(count) grid points")
            for start in stride(from: 0, to: count, by: slice) {
                let mean = values[start..<(start + slice)].reduce(0, +) / Double(slice)
                for i in start..<(start + slice) { values[i] -= mean }
            }
            result[name] = values
        }
        return result
    }
}
