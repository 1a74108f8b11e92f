import Foundation

/// Self-convergence of a problem's spectral reference: the same solve at several grid sizes
/// and time steps, each compared with the finest (most points, smallest step) on the output
/// grid. Measures how far the reference is from converged where no closed form exists.
///
/// Difference of a run, per output: max |f − f_finest| / max |f_finest| over every point of
/// the output grid at every output time.
public struct SpectralConvergence: Sendable {
    /// One solve and its differences from the finest.
    public struct Run: Sendable {
        public let modes: Int
        /// The time step asked for (nil: the solver's default).
        public let dt: Double?
        public let seconds: Double
        /// Relative max difference from the finest run, by output (0 for the finest itself).
        public let difference: [String: Double]
    }

    /// Outputs compared, in problem order.
    public let outputs: [String]
    /// Runs with `modes` varying, each at the smallest time step.
    public let byModes: [Run]
    /// Runs with the time step varying, each at the most modes.
    public let byStep: [Run]
    /// The file's own settings (modes, dt as the file gives them or the defaults), against the finest.
    public let shipped: Run

    /// Solves at every `modes` (smallest `dts` entry) and every `dts` (largest `modes` entry),
    /// and at the file's settings. `base` is the file's spectral block (its solver, modes, dt).
    public init(problem: Problem, grid: OutputGrid, base: SpectralReferenceSpec, modes: [Int], dts: [Double]) throws {
        precondition(!modes.isEmpty && !dts.isEmpty, "SpectralConvergence: modes and dts must not be empty")
        let (finestModes, finestStep) = (modes.max()!, dts.min()!)
        var cache: [String: (fields: [String: [Double]], seconds: Double)] = [:]
        func solve(_ m: Int?, _ dt: Double?) throws -> (fields: [String: [Double]], seconds: Double) {
            let key = "\(m.map(String.init) ?? "default") \(dt.map { "\($0)" } ?? "default")"
            if let hit = cache[key] { return hit }
            var spec = base
            spec.modes = m
            spec.dt = dt
            let start = Date()
            let fields = try ReferenceEvaluator.evaluateSpectral(problem, on: grid, spec: spec)
            let solved = (fields, Date().timeIntervalSince(start))
            cache[key] = solved
            return solved
        }
        let finest = try solve(finestModes, finestStep).fields
        let compared = problem.outputs.filter { finest[$0] != nil }
        func run(_ m: Int?, _ dt: Double?) throws -> Run {
            let (fields, seconds) = try solve(m, dt)
            var difference: [String: Double] = [:]
            for output in compared {
                let (f, reference) = (fields[output]!, finest[output]!)
                let scale = reference.map(abs).max() ?? 0
                let gap = zip(f, reference).map { abs($0 - $1) }.max() ?? 0
                difference[output] = scale > 0 ? gap / scale : gap
            }
            return Run(modes: m ?? 0, dt: dt, seconds: seconds, difference: difference)
        }
        outputs = compared
        byModes = try modes.sorted().map { try run($0, finestStep) }
        byStep = try dts.sorted(by: >).map { try run(finestModes, $0) }
        shipped = try run(base.modes, base.dt)
    }
}
