import Foundation

/// A fixed (untrained) map of the network inputs applied before the first layer.
public enum InputEmbedding: Sendable {
    /// Random Fourier features (Tancik et al. 2020): γ(x) = [cos(2π x·B), sin(2π x·B)],
    /// B [in × m] with entries ~ N(0, σ²) drawn from the seeded generator.
    case fourier(matrix: [Double], inputs: Int, features: Int)
    /// Exactly periodic inputs (Dong & Ni 2021): an input with period L becomes
    /// [cos(2πx/L), sin(2πx/L)], so the network is periodic in it by construction; inputs
    /// without a period pass through unchanged.
    case periodic(periods: [Double?])

    public static func randomFourier(inputs: Int, features: Int, scale: Double, rng: inout RandomGenerator) -> InputEmbedding {
        precondition(inputs > 0 && features > 0, "InputEmbedding.randomFourier: inputs \(inputs), features \(features)")
        let b = (0..<(inputs * features)).map { _ in scale * rng.normal() }
        return .fourier(matrix: b, inputs: inputs, features: features)
    }

    /// Width of the embedded input.
    public var outputWidth: Int {
        switch self {
        case .fourier(_, _, let m): return 2 * m
        case .periodic(let periods): return periods.reduce(0) { $0 + ($1 == nil ? 1 : 2) }
        }
    }

    public func callAsFunction(_ x: Var, on tape: Tape) -> Var {
        switch self {
        case .fourier(let matrix, let inputs, let features):
            let projected = tape.linear(x, fixedWeights: matrix.map { 2 * Double.pi * $0 },
                                        inFeatures: inputs, outFeatures: features)
            return tape.concatenateColumns([tape.cos(projected), tape.sin(projected)])
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
