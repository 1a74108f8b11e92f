import Foundation

extension XDMFContent {
    /// The groups holding arrays on the output grid, and the suffix of their ParaView names.
    public static let contractArrayGroups: [(group: String, suffix: String)] = [
        ("/fields", ""), ("/reference", "_reference"), ("/error", "_error"),
    ]

    /// Describes an open file in the DESIGN.md layout for ParaView.
    ///
    /// `axisNames` are the inputs in array-axis order, slowest first (see
    /// `ResultAxes.order`); each must have a 1-D `/grid/<name>`. Every dataset under
    /// `/fields`, `/reference` and `/error` becomes a node array named `u`,
    /// `u_reference`, `u_error`, ... and must have the grid's shape (subgroups, such as the
    /// point data in `/reference/ghia`, are left out).
    ///
    /// - With no `timeAxis`, or at most one spatial axis beside it (Burgers: [t, x]),
    ///   the result is one rectilinear grid over all axes (a space-time plane).
    /// - With `timeAxis` first and two or three spatial axes (Taylor–Green: [t, y, x]),
    ///   the result is a temporal collection; the per-step datasets are written here,
    ///   into `stepGroup/<group>/<output>/NNNN` (e.g. `/xdmf/fields/u/0007`) with
    ///   `stepStorage`, so `file` must be writable in that case.
    public static func describing(_ file: HDF5File, name: String, axisNames: [String], timeAxis: String = "t",
                                  stepGroup: String = "/xdmf",
                                  stepStorage: HDF5StepStorage = .copies) throws -> XDMFContent {
        let operation = "describe for XDMF"
        var axes: [XDMFAxis] = []
        for axisName in axisNames {
            let dataset = "/grid/\(axisName)"
            guard try file.exists(dataset) else {
                throw HDF5Error(.notFound, operation: operation, file: file.path, objectPath: dataset,
                                detail: "no coordinates for input '\(axisName)'")
            }
            let shape = try file.datasetShape(dataset)
            guard shape.count == 1, shape[0] > 0 else {
                throw HDF5Error(.typeMismatch, operation: operation, file: file.path, objectPath: dataset,
                                detail: "coordinates must be 1-D and non-empty, found shape \(shape)")
            }
            axes.append(XDMFAxis(name: axisName, dataset: dataset, count: shape[0]))
        }
        let gridShape = axes.map(\.count)
        let arrays = try gridArrays(file, gridShape: gridShape, operation)

        let timeIndex = axisNames.firstIndex(of: timeAxis)
        let spatialCount = axisNames.count - (timeIndex == nil ? 0 : 1)
        guard let timeIndex, spatialCount >= 2 else {
            return .grid(XDMFRectilinearGrid(name: name, axes: axes,
                                             attributes: arrays.map { XDMFAttribute(name: $0.name, dataset: $0.dataset) }))
        }
        guard timeIndex == 0 else {
            throw HDF5Error(.typeMismatch, operation: operation, file: file.path, objectPath: "/grid/\(timeAxis)",
                            detail: "the time axis must be the slowest (first) axis, axes are \(axisNames)")
        }
        let times = try file.readDoubles(axes[0].dataset).values
        var series: [XDMFTimeSeriesAttribute] = []
        for array in arrays {
            let steps = try file.writeTimeSteps(of: array.dataset, into: "\(stepGroup)\(array.dataset)",
                                                storage: stepStorage)
            series.append(XDMFTimeSeriesAttribute(name: array.name, stepDatasets: steps))
        }
        return .temporal(XDMFTemporalCollection(name: name, times: times, axes: Array(axes.dropFirst()),
                                                attributes: series))
    }

    /// The contract's grid arrays, ordered by output (fields' order), then fields, reference, error.
    private static func gridArrays(_ file: HDF5File, gridShape: [Int],
                                   _ operation: String) throws -> [(name: String, dataset: String)] {
        var found: [(output: String, rank: Int, name: String, dataset: String)] = []
        var outputs: [String] = []
        for (rank, entry) in contractArrayGroups.enumerated() {
            guard try file.exists(entry.group), try file.isGroup(entry.group) else { continue }
            for output in try file.childNames(of: entry.group) {
                let dataset = "\(entry.group)/\(output)"
                // Point data (`/reference/ghia`) is not on the grid: ParaView gets fields only.
                if try file.isGroup(dataset) { continue }
                let shape = try file.datasetShape(dataset)
                guard shape == gridShape else {
                    throw HDF5Error(.typeMismatch, operation: operation, file: file.path, objectPath: dataset,
                                    detail: "shape \(shape) does not match the grid \(gridShape)")
                }
                if !outputs.contains(output) { outputs.append(output) }
                found.append((output, rank, output + entry.suffix, dataset))
            }
        }
        return found
            .sorted { ($0.output == $1.output) ? $0.rank < $1.rank
                : outputs.firstIndex(of: $0.output)! < outputs.firstIndex(of: $1.output)! }
            .map { ($0.name, $0.dataset) }
    }
}
