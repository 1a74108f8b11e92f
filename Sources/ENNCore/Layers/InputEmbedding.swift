import Foundation

/// A fixed (untrained) map of the network inputs applied before the first layer.
public enum InputEmbedding: Sendable {
    /// Random Fourier features (Tancik et al. 2020): γ(x) = [cos(2π x·B), sin(2π x·B), x_rest],
    /// B [in × m] with entries ~ N(0, σ²) drawn from the seeded generator in the rows of the
    /// embedded inputs and zero in the others; the inputs listed in `passThrough` are appended
    /// unchanged (e.g. time beside a multiscale space input whose frequencies it must not share).
    case fourier(matrix: [Double], inputs: Int, features: Int, passThrough: [Int])
    /// Exactly periodic inputs (Dong & Ni 2021): an input with period L becomes
    /// [cos(2πx/L), sin(2πx/L)], so the network is periodic in it by construction; inputs
    /// without a period pass through unchanged.
    case periodic(periods: [Double?])

    /// Fourier features of the inputs whose indices are in `embedded` (default: all); the
    /// other inputs pass through unchanged.
    public static func randomFourier(inputs: Int, features: Int, scale: Double, embedded: [Int]? = nil,
                                     rng: inout RandomGenerator) -> InputEmbedding {
        precondition(inputs > 0 && features > 0, "InputEmbedding.randomFourier: inputs \(inputs), features \(features)")
        let embedded = Set(embedded ?? Array(0..<inputs))
        precondition(!embedded.isEmpty && embedded.allSatisfy { (0..<inputs).contains($0) },
                     "InputEmbedding.randomFourier: embedded inputs \(embedded.sorted()) of \(inputs)")
        var b = [Double](repeating: 0, count: inputs * features)
        for row in 0..<inputs where embedded.contains(row) {
            for f in 0..<features { b[row * features + f] = scale * rng.normal() }
        }
        return .fourier(matrix: b, inputs: inputs, features: features,
                        passThrough: (0..<inputs).filter { !embedded.contains($0) })
    }

    /// Width of the embedded input.
    public var outputWidth: Int {
        switch self {
        case .fourier(_, _, let m, let passThrough): return 2 * m + passThrough.count
        case .periodic(let periods): return periods.reduce(0) { $0 + ($1 == nil ? 1 : 2) }
        }
    }

    public func callAsFunction(_ x: Var, on tape: Tape) -> Var {
        switch self {
        case .fourier(let matrix, let inputs, let features, let passThrough):
            let projected = tape.linear(x, fixedWeights: matrix.map { 2 * Double.pi * $0 },
                                        inFeatures: inputs, outFeatures: features)
            return tape.concatenateColumns([tape.cos(projected), tape.sin(projected)] + passThrough.map { tape.column(x, $0) })
        case .periodic(let periods):
            precondition(tape.shape(x).cols == periods.count,
                         "InputEmbedding.periodic: \(periods.count) periods for \(tape.shape(x).cols) inputs")
            var parts: [Var] = []
            for (i, period) in periods.enumerated() {
                let xi = tape.column(x, i)
                if let period {
                    let angle = tape.affine(xi, scale: 2 * Double.pi / period)
                    parts += [tape.cos(angle), tape.sin(angle)]
                } else {
                    parts.append(xi)
                }
            }
            return tape.concatenateColumns(parts)
        }
    }
}
