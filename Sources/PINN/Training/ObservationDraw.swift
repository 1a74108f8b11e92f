import ENNCore
import Foundation

/// Observations for a problem's `data`: as loaded with the file, or drawn from the reference.
enum ObservationDraw {
    /// The observations the data terms fit (nil without `data`). For `from_reference`,
    /// `reference` is the reference on the output grid when the caller has it already
    /// (else it is evaluated here; throws `ReferenceEvaluator.Failure` when it cannot be).
    static func observations(for problem: Problem, reference: [String: [Double]]? = nil) throws -> Observations? {
        switch problem.inverse.data {
        case nil: return nil
        case .observations(let o)?: return o
        case .fromReference(let spec, let outputs)?:
            let grid = OutputGrid(problem: problem)
            let fields = try reference ?? ReferenceEvaluator.evaluate(problem, on: grid)
            return try draw(spec, outputs: outputs, grid: grid, reference: fields, file: problem.file)
        }
    }

    /// `spec.points` distinct grid points chosen uniformly at random (a partial Fisher–Yates
    /// shuffle from `spec.seed`), with Gaussian noise of standard deviation
    /// noise × std(drawn values) added per output, as Raissi, Perdikaris & Karniadakis (2019)
    /// perturbed their Burgers data.
    static func draw(_ spec: FromReferenceSpec, outputs: [String], grid: OutputGrid, reference: [String: [Double]],
                     file: String) throws -> Observations {
        var rng = RandomGenerator(seed: spec.seed)
        var order = Array(0..<grid.count)
        let n = min(spec.points, order.count)
        for i in 0..<n {
            let j = i + Int(rng.next() % UInt64(order.count - i))
            order.swapAt(i, j)
        }
        let chosen = order.prefix(n)
        let all = grid.points(), d = grid.inputs.count
        let points = chosen.flatMap { all[($0 * d)..<($0 * d + d)] }
        let values = try outputs.map { output -> [Double] in
            guard let field = reference[output] else {
                throw ReferenceEvaluator.Failure.unavailable("\(file): data.from_reference: the reference has no field '\(output)'")
            }
            let clean = chosen.map { field[$0] }
            guard spec.noise > 0 else { return clean }
            let mean = clean.reduce(0, +) / Double(n)
            let deviation = (clean.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)).squareRoot()
            return clean.map { $0 + spec.noise * deviation * rng.normal() }
        }
        let noise = spec.noise > 0 ? String(format: ", %g noise", spec.noise) : ""
        return Observations(source: "\(n) points of the reference\(noise)", points: points, outputs: outputs, values: values)
    }
}
