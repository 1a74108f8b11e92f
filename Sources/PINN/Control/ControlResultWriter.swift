import Foundation

/// Writes a control problem's result: `DIR/NAME.h5` and `DIR/NAME.xdmf` as for every
/// problem (the network's fields on the output grid, the training history and parameters),
/// plus, in the .h5 (DESIGN.md contract):
///
/// - `/trajectory/{time,state,control}`: the closed loop with the network as the model;
///   `time` [samples], `state` [samples, states] (attribute `columns`: the state names),
///   `control` [samples] (the control applied from each sample to the next);
/// - `/baseline/{time,state,control}`: the same controller with the true model;
/// - in both groups: `solve_seconds`, `solve_cpu_seconds`, `iterations` [control steps] and the
///   attributes `model`, `iae`, `mean_solve_seconds`;
/// - root attributes `iae`, `iae_baseline`, `iae_ratio`, `one_step_error_max`,
///   `one_step_error_rms`, `mean_solve_seconds`, `mean_solve_seconds_baseline`, `plant_step`,
///   `model_step` (with the result's other `extraAttributes`).
public enum ControlResultWriter {
    /// The root attributes the outcome adds to the result.
    public static func attributes(_ outcome: ControlOutcome) -> [String: Double] {
        [
            "iae": outcome.network.iae, "iae_baseline": outcome.baseline.iae, "iae_ratio": outcome.iaeRatio,
            "one_step_error_max": outcome.predictionError.maximum,
            "one_step_error_rms": outcome.predictionError.rootMeanSquare,
            "mean_solve_seconds": outcome.network.meanWallSeconds,
            "mean_solve_seconds_baseline": outcome.baseline.meanWallSeconds,
            "mean_solve_cpu_seconds": outcome.network.meanCPUSeconds,
            "mean_solve_cpu_seconds_baseline": outcome.baseline.meanCPUSeconds,
            "plant_step": outcome.plantStep, "model_step": outcome.modelStep,
        ]
    }

    /// Writes `result` (whose `extraAttributes` should include ``attributes(_:)``) with both
    /// closed loops; returns the URLs of NAME.h5 and NAME.xdmf. Throws like `ResultWriter.write`.
    @discardableResult
    public static func write(_ result: SolveResult, outcome: ControlOutcome, states: [String],
                             to directory: URL) throws -> [URL] {
        try ResultWriter.write(result, to: directory) { file in
            try writeLoop(outcome.network, group: "/trajectory", states: states, in: file)
            try writeLoop(outcome.baseline, group: "/baseline", states: states, in: file)
        }
    }

    static func writeLoop(_ loop: ClosedLoopRecord, group: String, states: [String], in file: HDF5File) throws {
        try file.writeDataset(group + "/time", doubles: loop.time)
        try file.writeDataset(group + "/state", doubles: loop.state, shape: [loop.time.count, loop.stateCount])
        try file.setAttribute("columns", .strings(states), on: group + "/state")
        try file.writeDataset(group + "/control", doubles: loop.control)
        try file.writeDataset(group + "/solve_seconds", doubles: loop.steps.map(\.wallSeconds))
        try file.writeDataset(group + "/solve_cpu_seconds", doubles: loop.steps.map(\.cpuSeconds))
        try file.writeDataset(group + "/iterations", integers: loop.steps.map(\.iterations))
        try file.setAttribute("model", .string(loop.model), on: group)
        try file.setAttribute("iae", .double(loop.iae), on: group)
        try file.setAttribute("mean_solve_seconds", .double(loop.meanWallSeconds), on: group)
    }
}
