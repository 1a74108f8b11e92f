import Foundation

/// The `vorticity_2d` spectral reference of a problem: a periodic box, ν, and the initial
/// velocity, read from the problem file and checked before anything is solved.
///
/// What the file must say, and why:
/// - inputs: two spatial inputs and time. The first spatial input is the solver's x (along
///   which u points), the second its y.
/// - outputs `u` and `v`: the velocity along the first and second spatial input. Optional
///   outputs `p` (pressure, mean zero over the box at every time: the equations fix it only
///   up to a function of time) and `w` or `omega` (vorticity v_x − u_y) are filled too; any
///   other output has no reference.
/// - both spatial inputs periodic with period equal to their interval's length (through
///   `network.periodic`, or a `periodic` condition on the input covering u and v): the
///   solver knows no other boundary.
/// - `initial` conditions (or Dirichlet conditions on the side `initial`) giving u and v, soft
///   or hard: the solver starts from them at the start of the time interval; the velocity is projected onto divergence-free fields first.
/// - parameter `nu`: ν in u_t + u·∇u = −∇p + ν Δu.
public struct VorticityReference: Sendable {
    /// A problem the solver cannot take, with the JSON path the message is about.
    public struct Unsupported: Error, CustomStringConvertible {
        public let path: String
        public let message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Grid points per axis when the file gives no `modes`.
    public static let defaultModes = 128

    /// The spatial inputs, first = the solver's x.
    public let inputs: (x: InputInterval, y: InputInterval)
    public let time: InputInterval
    public let nu: Double
    /// Initial velocity expressions over the inputs and parameters.
    public let u0: Expr, v0: Expr
    /// Output names filled by the reference, and what each is.
    public let pressureOutput: String?, vorticityOutput: String?

    /// Reads and checks the problem; throws `Unsupported` naming what is missing.
    public init(problem: Problem) throws {
        func fail(_ message: String) -> Unsupported { Unsupported(path: "reference.solver", message: "'vorticity_2d' " + message) }
        if case .spectral(let s)? = problem.reference, let modes = s.modes { try VorticityReference.check(modes: modes) }
        guard let t = problem.timeInput, problem.spatialInputs.count == 2 else {
            throw fail("needs two spatial inputs and time (inputs such as [\"x\", \"y\", \"t\"]); this problem has inputs "
                       + problem.inputs.joined(separator: ", "))
        }
        guard problem.outputs.contains("u"), problem.outputs.contains("v") else {
            throw fail("needs outputs u and v (the velocity along \(problem.spatialInputs[0]) and \(problem.spatialInputs[1])); "
                       + "this problem has outputs " + problem.outputs.joined(separator: ", "))
        }
        guard let nu = problem.parameters["nu"] else {
            throw fail("reads the parameter 'nu' (the kinematic viscosity); add it to \"parameters\"")
        }
        for input in problem.spatialInputs where !VorticityReference.isPeriodic(problem, input) {
            let interval = problem.interval(of: input)
            throw fail("solves on a periodic box, but \(input) is not periodic: add \"network\": {\"periodic\": {\"\(input)\": "
                       + "\(interval.length)}} (the length of [\(interval.lower), \(interval.upper)]) or a periodic condition on \(input)")
        }
        func initial(_ output: String) throws -> Expr {
            for c in problem.conditions {
                let atStart: Bool
                switch c.kind {
                case .initial: atStart = true
                case .dirichlet(let faces): atStart = faces.contains { $0.side == .initial }  // "side": "initial"
                default: atStart = false
                }
                if atStart, let value = c.values.first(where: { $0.name == output }) { return value.expression }
            }
            throw fail("starts from the initial velocity: add an initial condition giving \(output) (\"kind\": \"initial\")")
        }
        inputs = (problem.interval(of: problem.spatialInputs[0]), problem.interval(of: problem.spatialInputs[1]))
        time = problem.interval(of: t)
        self.nu = nu
        u0 = try initial("u")
        v0 = try initial("v")
        pressureOutput = problem.outputs.contains("p") ? "p" : nil
        vorticityOutput = problem.outputs.first { $0 == "w" || $0 == "omega" }
    }

    /// The solver's grid: an even number of points per axis, at least 8 (FFTW r2c layout,
    /// Nyquist mode handling).
    public static func check(modes: Int) throws {
        guard modes >= 8, modes % 2 == 0 else {
            throw Unsupported(path: "reference.modes", message: "'vorticity_2d' needs an even number of grid points per axis, at least 8; got \(modes)")
        }
    }

    /// True when `input` repeats with its interval's length: by the network's periodic
    /// embedding (period equal to the length, relative 1e-12) or a periodic condition on it
    /// that covers u and v.
    static func isPeriodic(_ problem: Problem, _ input: String) -> Bool {
        let length = problem.interval(of: input).length
        if let period = problem.periodicEmbedding[input], abs(period - length) <= 1e-12 * length { return true }
        return problem.conditions.contains { c in
            if case .periodic(let i, let outputs, _) = c.kind { return i == input && outputs.contains("u") && outputs.contains("v") }
            return false
        }
    }

    /// u, v and (where the problem has them) p and ω on the output grid, in its axis order
    /// (time first; [nt, ny, nx] for inputs x, y, t).
    ///
    /// `modes` grid points per axis, `maxTimeStep` nil for the solver's CFL default. Output
    /// points that all lie on the solver grid are copied from it; otherwise the Fourier
    /// series is evaluated at them (exact for the solver's trigonometric interpolant).
    public func fields(on grid: OutputGrid, modes: Int, maxTimeStep: Double?) -> [String: [Double]] {
        let (ix, iy) = inputs
        let env0: (Double, Double) -> [String: Double] = { [time] x, y in [ix.input: x, iy.input: y, time.input: time.lower] }
        let (u0, v0) = (self.u0, self.v0)
        let solver = SpectralNavierStokes2D(
            nu: nu, lengthX: ix.length, lengthY: iy.length, pointsX: modes, pointsY: modes, maxTimeStep: maxTimeStep,
            u0: { x, y in u0.evaluate(env0(ix.lower + x, iy.lower + y)) },
            v0: { x, y in v0.evaluate(env0(ix.lower + x, iy.lower + y)) })
        let times = grid.coordinates[time.input]!.map { $0 - time.lower }
        let (gx, gy) = (grid.coordinates[ix.input]!, grid.coordinates[iy.input]!)
        let flow: FlowFields2D
        if let columns = VorticityReference.gridIndices(gx, lower: ix.lower, length: ix.length, points: modes),
           let rows = VorticityReference.gridIndices(gy, lower: iy.lower, length: iy.length, points: modes) {
            flow = solver.fields(times: times).restricted(columns: columns, rows: rows, pointsX: modes)
        } else {
            flow = solver.fields(x: gx.map { $0 - ix.lower }, y: gy.map { $0 - iy.lower }, times: times)
        }
        var result = ["u": flow.u, "v": flow.v]
        if let p = pressureOutput { result[p] = flow.p }
        if let w = vorticityOutput { result[w] = flow.omega }
        return result.mapValues { grid.inAxisOrder($0, solverX: ix.input, nx: gx.count, ny: gy.count) }
    }

    /// The solver-grid index of every coordinate (the upper end maps to 0: periodic), or nil
    /// when one is off the grid x_i = lower + i·length/points by more than 1e-12·length.
    static func gridIndices(_ coordinates: [Double], lower: Double, length: Double, points: Int) -> [Int]? {
        var indices: [Int] = []
        for c in coordinates {
            let position = (c - lower) / length * Double(points)
            let nearest = position.rounded()
            guard abs(position - nearest) <= 1e-12 * Double(points) else { return nil }
            indices.append(((Int(nearest) % points) + points) % points)
        }
        return indices
    }
}

extension FlowFields2D {
    /// The fields at solver-grid columns and rows (indices into x and y), same times.
    func restricted(columns: [Int], rows: [Int], pointsX: Int) -> FlowFields2D {
        let size = x.count * y.count
        func pick(_ field: [Double]) -> [Double] {
            var out: [Double] = []
            out.reserveCapacity(times.count * rows.count * columns.count)
            for k in times.indices { for j in rows { for i in columns { out.append(field[k * size + j * pointsX + i]) } } }
            return out
        }
        return FlowFields2D(times: times, x: columns.map { x[$0] }, y: rows.map { y[$0] },
                            u: pick(u), v: pick(v), p: pick(p), omega: pick(omega))
    }
}
