import Foundation

/// One axis of a rectilinear grid: the 1-D coordinate dataset in the HDF5 file.
public struct XDMFAxis: Sendable, Equatable {
    /// The input name ("x", "y", "z", "t"); used in grid names only.
    public var name: String
    /// The HDF5 path of the coordinates, e.g. "/grid/x".
    public var dataset: String
    /// The number of coordinates.
    public var count: Int

    public init(name: String, dataset: String, count: Int) {
        precondition(count > 0, "XDMFAxis(\(name)): count must be positive, got \(count)")
        self.name = name
        self.dataset = dataset
        self.count = count
    }
}

/// A node-centred scalar array defined on every point of a grid.
public struct XDMFAttribute: Sendable, Equatable {
    /// The array name ParaView shows, e.g. "u", "u_reference", "u_error".
    public var name: String
    /// The HDF5 path of the array; its shape is the grid's axis counts, slowest first.
    public var dataset: String

    public init(name: String, dataset: String) {
        self.name = name
        self.dataset = dataset
    }
}

/// A structured rectilinear grid of 1 to 3 axes, listed slowest first (the order of the
/// arrays' HDF5 shape): [x], [t, x] (a space-time plane: x horizontal, t vertical),
/// [y, x], or [z, y, x]. A 1-axis grid is written as a 2-D grid one point high.
public struct XDMFRectilinearGrid: Sendable, Equatable {
    public var name: String
    public var axes: [XDMFAxis]
    public var attributes: [XDMFAttribute]

    public init(name: String, axes: [XDMFAxis], attributes: [XDMFAttribute]) {
        precondition((1...3).contains(axes.count),
                     "XDMFRectilinearGrid(\(name)): 1 to 3 axes expected, got \(axes.map(\.name))")
        self.name = name
        self.axes = axes
        self.attributes = attributes
    }
}

/// One array of a time series: a dataset per time step, each of the spatial grid's shape.
public struct XDMFTimeSeriesAttribute: Sendable, Equatable {
    public var name: String
    /// HDF5 paths in time order, e.g. "/xdmf/fields/u/0000", ...
    public var stepDatasets: [String]

    public init(name: String, stepDatasets: [String]) {
        self.name = name
        self.stepDatasets = stepDatasets
    }
}

/// A temporal collection: one rectilinear grid per time value, sharing the spatial axes.
public struct XDMFTemporalCollection: Sendable, Equatable {
    public var name: String
    public var times: [Double]
    /// Spatial axes, slowest first: [y, x] or [z, y, x] (or [x]).
    public var axes: [XDMFAxis]
    public var attributes: [XDMFTimeSeriesAttribute]

    public init(name: String, times: [Double], axes: [XDMFAxis], attributes: [XDMFTimeSeriesAttribute]) {
        precondition((1...3).contains(axes.count),
                     "XDMFTemporalCollection(\(name)): 1 to 3 spatial axes expected, got \(axes.map(\.name))")
        for attribute in attributes {
            precondition(attribute.stepDatasets.count == times.count,
                         "XDMFTemporalCollection(\(name)): '\(attribute.name)' has \(attribute.stepDatasets.count) "
                             + "step datasets for \(times.count) times")
        }
        self.name = name
        self.times = times
        self.axes = axes
        self.attributes = attributes
    }
}

/// What an XDMF file describes: a single grid, or a time series of grids.
public enum XDMFContent: Sendable, Equatable {
    case grid(XDMFRectilinearGrid)
    case temporal(XDMFTemporalCollection)
}
