import Foundation

/// One input axis as a picture shows it: its name, grid coordinates, and the distance
/// between neighbouring grid values in the flat field array.
struct SliceAxis {
    let name: String
    let coordinates: [Double]
    let stride: Int

    var count: Int { coordinates.count }
    var lower: Double { coordinates.first ?? 0 }
    var upper: Double { coordinates.last ?? 0 }
}

/// A 2-D cut through a result's arrays, drawn as a colour map: every axis other than
/// `horizontal` and `vertical` is held at one grid index (folded into `offset`).
struct PlaneSlice {
    /// What the cut is, for titles: "x–t plane", "t = 0.5 (midpoint)".
    let label: String
    let horizontal: SliceAxis
    let vertical: SliceAxis
    let offset: Int

    /// The values of `array` on the plane as image rows, top row first: row r holds
    /// vertical index count − 1 − r (the vertical axis grows upwards), column c
    /// horizontal index c.
    func imageRows(of array: [Double]) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(horizontal.count * vertical.count)
        for iv in (0..<vertical.count).reversed() {
            for ih in 0..<horizontal.count { values.append(array[offset + iv * vertical.stride + ih * horizontal.stride]) }
        }
        return values
    }
}

/// A 1-D cut (a problem with one input), drawn as curves.
struct LineSlice {
    let label: String
    let axis: SliceAxis
    let offset: Int

    func values(of array: [Double]) -> [Double] { (0..<axis.count).map { array[offset + $0 * axis.stride] } }
}

enum ResultSlice {
    case plane(PlaneSlice)
    case line(LineSlice)
}

extension SolveResult {
    /// The cuts a picture of this result shows.
    ///
    /// Two or more spatial inputs: the last two in array order (y vertical, x horizontal),
    /// any third held at its middle grid index; with time, at the midpoint and at the last
    /// time. One spatial input and time: the whole x–t plane, time horizontal. A single
    /// input: the curve along it.
    var pictureSlices: [ResultSlice] {
        let axes = axisOrder, shape = fieldShape
        let strides = shape.indices.map { shape[($0 + 1)...].reduce(1, *) }
        func axis(_ name: String) -> SliceAxis {
            let i = axes.firstIndex(of: name)!
            return SliceAxis(name: name, coordinates: grid[name] ?? [], stride: strides[i])
        }
        func at(_ name: String, index: Int) -> (offset: Int, label: String) {
            let a = axis(name)
            return (index * a.stride, "\(name) = " + AxisTicks.short(a.coordinates[index]))
        }
        let time = timeInput.flatMap { axes.contains($0) ? $0 : nil }
        let spatial = axes.filter { $0 != time }
        switch (spatial.count, time) {
        case (0, let t?):
            return [.line(LineSlice(label: "along \(t)", axis: axis(t), offset: 0))]
        case (1, nil):
            return [.line(LineSlice(label: "along \(spatial[0])", axis: axis(spatial[0]), offset: 0))]
        case (1, let t?):
            return [.plane(PlaneSlice(label: "\(spatial[0])–\(t) plane", horizontal: axis(t),
                                      vertical: axis(spatial[0]), offset: 0))]
        default:
            let horizontal = axis(spatial[spatial.count - 1]), vertical = axis(spatial[spatial.count - 2])
            // Further spatial axes (z) at their middle index.
            let held = spatial.dropLast(2).map { at($0, index: (axis($0).count - 1) / 2) }
            let heldOffset = held.map(\.offset).reduce(0, +)
            let heldLabel = held.map(\.label)
            guard let t = time else {
                let label = heldLabel.isEmpty ? "\(horizontal.name)–\(vertical.name) plane" : heldLabel.joined(separator: ", ")
                return [.plane(PlaneSlice(label: label, horizontal: horizontal, vertical: vertical, offset: heldOffset))]
            }
            let last = axis(t).count - 1, middle = last / 2
            let times = middle == last ? [(last, "last")] : [(middle, "midpoint"), (last, "last")]
            return times.map { index, which in
                let cut = at(t, index: index)
                let label = ([cut.label + " (\(which))"] + heldLabel).joined(separator: ", ")
                return .plane(PlaneSlice(label: label, horizontal: horizontal, vertical: vertical,
                                         offset: cut.offset + heldOffset))
            }
        }
    }
}
