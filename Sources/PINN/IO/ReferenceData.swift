import Foundation

/// A reference solution on the output grid, as `pinn-solve reference` writes it to
/// `DIR/NAME.reference.h5` (grid and reference only) and as `ResultWriter.readReference`
/// returns it. Arrays use the axis order of `SolveResult` (`ResultAxes.order`).
public struct ReferenceData: Sendable, Equatable {
    public var name: String                  // NAME (problem file base name)
    public var problemText: String           // the problem JSON as written
    public var inputs: [String]              // problem order, e.g. ["x", "t"]
    public var timeInput: String?
    public var grid: [String: [Double]]      // 1-D coordinates per input
    public var outputs: [String]             // outputs that have a reference, in problem order
    public var reference: [String: [Double]] // per output, shape `fieldShape`

    public init(name: String, problemText: String, inputs: [String], timeInput: String?,
                grid: [String: [Double]], outputs: [String], reference: [String: [Double]]) {
        self.name = name
        self.problemText = problemText
        self.inputs = inputs
        self.timeInput = timeInput
        self.grid = grid
        self.outputs = outputs
        self.reference = reference
    }

    /// The inputs in array-axis order, slowest first (Burgers: ["t", "x"]).
    public var axisOrder: [String] { ResultAxes.order(inputs: inputs, timeInput: timeInput) }

    /// The extents of every reference array, slowest first (Burgers: [nt, nx]).
    public var fieldShape: [Int] { axisOrder.map { grid[$0]?.count ?? 0 } }

    /// What is inconsistent, one message per problem naming the output and shapes; empty
    /// when the data can be written. Every output listed must have an array.
    public func validationProblems() -> [String] {
        ResultValidation.checkName(name)
            + ResultValidation.checkGrid(inputs: inputs, timeInput: timeInput, grid: grid)
            + ResultValidation.checkArrays(reference, group: "reference", outputs: outputs, required: true,
                                           shape: fieldShape, axes: axisOrder)
    }
}
