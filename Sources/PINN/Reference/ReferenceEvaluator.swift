import Foundation

/// The output grid of a problem and the reference solution on it.
///
/// Axis order of every field is slowest first: time, then the spatial inputs in reverse
/// problem order (t, z, y, x), so Burgers' fields are [nt, nx] (DESIGN.md's file contract).
public struct OutputGrid: Sendable {
    /// Coordinates per input, in problem order.
    public let coordinates: [String: [Double]]
    /// Input names, slowest axis first.
    public let axisOrder: [String]
    public let inputs: [String]
    /// The time input, the first of `axisOrder` when there is one.
    public let timeInput: String?

    public init(problem: Problem) {
        inputs = problem.inputs
        timeInput = problem.timeInput
        var coords: [String: [Double]] = [:]
        for interval in problem.domain {
            let n = problem.grid[interval.input] ?? 101
            coords[interval.input] = (0..<n).map { n == 1 ? interval.lower : interval.lower + interval.length * Double($0) / Double(n - 1) }
        }
        coordinates = coords
        axisOrder = ResultAxes.order(inputs: problem.inputs, timeInput: problem.timeInput)
    }

    public var shape: [Int] { axisOrder.map { coordinates[$0]!.count } }
    public var count: Int { shape.reduce(1, *) }

    /// Every grid point as a row of input values (problem order), row-major [count × inputs],
    /// the last axis of `axisOrder` varying fastest.
    public func points() -> [Double] {
        let axes = axisOrder.map { coordinates[$0]! }
        let position = axisOrder.map { inputs.firstIndex(of: $0)! }
        var result = [Double](repeating: 0, count: count * inputs.count)
        var index = [Int](repeating: 0, count: axes.count)
        for p in 0..<count {
            for (a, i) in index.enumerated() { result[p * inputs.count + position[a]] = axes[a][i] }
            var a = axes.count - 1
            while a >= 0 { index[a] += 1; if index[a] < axes[a].count { break }; index[a] = 0; a -= 1 }
        }
        return result
    }
}

extension OutputGrid {
    /// A field of a 2-D solver whose x (`solverX`, the problem's first spatial input) varies
    /// fastest, [n, ny, nx], in this grid's layout: the grid orders x, y, z by name
    /// (ResultAxes.order), so for inputs listed as ["y", "x", "t"] the two fast axes swap.
    func inAxisOrder(_ values: [Double], solverX: String, nx: Int, ny: Int) -> [Double] {
        guard axisOrder.last != solverX else { return values }
        let size = nx * ny
        var out = [Double](repeating: 0, count: values.count)
        for base in stride(from: 0, to: values.count, by: size) {
            for j in 0..<ny { for i in 0..<nx { out[base + i * ny + j] = values[base + j * nx + i] } }
        }
        return out
    }
}

/// How to compute a reference: as the problem file says, or forced by `pinn-solve reference --method`.
public enum ReferenceMethod: String, CaseIterable, Sendable {
    case file, analytic, builtin, spectral
}

/// Computes the reference solution of a problem on its output grid.
public enum ReferenceEvaluator {
    public enum Failure: Error, CustomStringConvertible {
        case unavailable(String)
        public var description: String {
            switch self { case .unavailable(let message): return message }
        }
    }

    /// Reference fields by output (only outputs that have one), each in the grid's axis order;
    /// empty for a reference given at points (`pointReference`).
    public static func evaluate(_ problem: Problem, on grid: OutputGrid, method: ReferenceMethod = .file) throws -> [String: [Double]] {
        let reference: Reference
        switch (method, problem.reference) {
        case (.file, nil): return [:]
        case (.file, let r?): reference = r
        case (.spectral, let r):
            if case .spectral(let s)? = r { reference = .spectral(s) } else { reference = .spectral(try inferredSpectral(problem)) }
        case (.analytic, .analytic?), (.builtin, .builtin?): reference = problem.reference!
        case (.analytic, _), (.builtin, _):
            throw Failure.unavailable("\(problem.file): reference: the file has no \(method.rawValue) reference")
        }
        switch reference {
        case .analytic(let fields):
            let points = grid.points()
            let d = problem.inputs.count
            var columns: [String: [Double]] = [:]
            for (i, name) in problem.inputs.enumerated() {
                columns[name] = stride(from: i, to: points.count, by: d).map { points[$0] }
            }
            var result: [String: [Double]] = [:]
            for field in fields { result[field.name] = field.expression.evaluate(columns: columns, count: grid.count) }
            return result
        case .builtin(.burgersColeHopf):
            let (x, t) = try burgersAxes(problem, grid)
            return ["u": BurgersColeHopf(nu: problem.parameters["nu"]!).grid(x: x, t: t)]
        case .builtin(.ghiaCavityRe100):
            return [:]  // point data, not a field: see `pointReference`
        case .spectral(let s):
            return try spectral(problem, grid, s)
        }
    }

    /// The reference given at points rather than on the grid (Ghia's centrelines), or nil
    /// when the problem's reference is a field (or it has none).
    public static func pointReference(_ problem: Problem) -> PointReference? {
        guard case .builtin(.ghiaCavityRe100)? = problem.reference else { return nil }
        // The validator guarantees two spatial inputs on the unit square and outputs u, v.
        return GhiaCavity.reference(horizontal: problem.spatialInputs[0], vertical: problem.spatialInputs[1])
    }

    /// A spectral solver for problems whose file names none (`--method spectral`).
    static func inferredSpectral(_ problem: Problem) throws -> SpectralReferenceSpec {
        if problem.parameters["nu"] != nil, problem.outputs == ["u"], problem.spatialInputs.count == 1 { return .init(solver: .burgers) }
        if problem.parameters["alpha"] != nil, problem.outputs == ["u"] { return .init(solver: .heat) }
        if problem.parameters["nu"] != nil, problem.spatialInputs.count == 2, problem.timeInput != nil,
           problem.outputs.contains("u"), problem.outputs.contains("v") { return .init(solver: .vorticity2D) }
        throw Failure.unavailable("\(problem.file): no spectral solver fits this problem (Burgers needs nu, heat needs alpha, "
                                  + "vorticity_2d needs nu, outputs u and v, two spatial inputs and time)")
    }

    private static func burgersAxes(_ problem: Problem, _ grid: OutputGrid) throws -> ([Double], [Double]) {
        guard let t = problem.timeInput, problem.spatialInputs.count == 1, let x = problem.spatialInputs.first,
              problem.outputs == ["u"] else {
            throw Failure.unavailable("\(problem.file): the Burgers reference needs one output u, one spatial input and time")
        }
        return (grid.coordinates[x]!, grid.coordinates[t]!)
    }

    /// The initial condition's value expression as a closure of the spatial inputs.
    private static func initialValue(_ problem: Problem) throws -> ([Double]) -> Double {
        guard let c = problem.conditions.first(where: { if case .initial = $0.kind { return true } else { return false } }),
              let value = c.values.first else {
            throw Failure.unavailable("\(problem.file): a spectral reference needs an initial condition")
        }
        let names = problem.spatialInputs
        return { xs in
            var env: [String: Double] = [:]
            for (n, v) in zip(names, xs) { env[n] = v }
            if let t = problem.timeInput { env[t] = problem.interval(of: t).lower }
            return value.expression.evaluate(env)
        }
    }

    /// The spectral reference of `problem` with the solver settings of `spec` (which need not
    /// be the file's: `SpectralConvergence` varies modes and dt).
    public static func evaluateSpectral(_ problem: Problem, on grid: OutputGrid, spec: SpectralReferenceSpec) throws -> [String: [Double]] {
        try spectral(problem, grid, spec)
    }

    private static func spectral(_ problem: Problem, _ grid: OutputGrid, _ s: SpectralReferenceSpec) throws -> [String: [Double]] {
        switch s.solver {
        case .burgers:
            let u0 = try initialValue(problem)
            let (x, t) = try burgersAxes(problem, grid)
            let interval = problem.interval(of: problem.spatialInputs[0])
            let solver = SpectralBurgers(nu: problem.parameters["nu"]!, lower: interval.lower, length: interval.length,
                                         points: s.modes ?? SpectralBurgers.defaultPoints,
                                         maxTimeStep: s.dt ?? SpectralBurgers.defaultMaxTimeStep, initial: { u0([$0]) })
            return ["u": solver.grid(x: x, t: t)]
        case .heat:
            guard let tName = problem.timeInput else { throw Failure.unavailable("\(problem.file): the heat reference needs time") }
            let u0 = try initialValue(problem)
            let alpha = problem.parameters["alpha"]!
            let t = grid.coordinates[tName]!
            switch problem.spatialInputs.count {
            case 1:
                let xi = problem.interval(of: problem.spatialInputs[0])
                let heat = SpectralHeat1D(alpha: alpha, lower: xi.lower, upper: xi.upper, points: s.modes ?? 256, initial: { u0([$0]) })
                return ["u": heat.grid(x: grid.coordinates[xi.input]!, t: t)]
            case 2:
                let (xi, yi) = (problem.interval(of: problem.spatialInputs[0]), problem.interval(of: problem.spatialInputs[1]))
                let heat = SpectralHeat2D(alphaX: alpha, alphaY: alpha, x: (xi.lower, xi.upper), y: (yi.lower, yi.upper),
                                          pointsX: s.modes ?? 128, pointsY: s.modes ?? 128, initial: { u0([$0, $1]) })
                let (x, y) = (grid.coordinates[xi.input]!, grid.coordinates[yi.input]!)
                return ["u": grid.inAxisOrder(heat.grid(x: x, y: y, t: t), solverX: xi.input, nx: x.count, ny: y.count)]
            default:
                throw Failure.unavailable("\(problem.file): the heat reference handles one or two spatial inputs")
            }
        case .vorticity2D:
            let setup: VorticityReference
            let modes = s.modes ?? VorticityReference.defaultModes
            do {
                setup = try VorticityReference(problem: problem)
                try VorticityReference.check(modes: modes)
            } catch let e as VorticityReference.Unsupported {
                throw Failure.unavailable("\(problem.file): \(e)")
            }
            return setup.fields(on: grid, modes: modes, maxTimeStep: s.dt)
        }
    }

    /// ‖f − r‖₂ / ‖r‖₂ (NaN when the reference is all zeros).
    public static func relativeL2(_ f: [Double], _ r: [Double]) -> Double {
        precondition(f.count == r.count, "relativeL2: \(f.count) vs \(r.count) values")
        var num = 0.0, den = 0.0
        for i in f.indices { num += (f[i] - r[i]) * (f[i] - r[i]); den += r[i] * r[i] }
        return den > 0 ? (num / den).squareRoot() : .nan
    }
}
