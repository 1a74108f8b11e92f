import XCTest
import ENNCore

/// An MLP's input derivatives from jets against nested finite differences of the plain
/// forward pass (values only), for each activation and input embedding.
final class NetworkDerivativeTests: XCTestCase {
    /// u(x, t) at one point through the value-only path.
    private func plainForward(_ net: MLP, _ theta: [Double], _ x: Double, _ t: Double) -> Double {
        let tape = Tape(parameterCount: theta.count)
        return theta.withUnsafeBufferPointer { p in
            tape.begin(parameters: p.baseAddress!)
            return tape.value(net(tape.inputJet(points: [x, t], layout: .valueOnly(inputCount: 2)), on: tape))[0]
        }
    }

    /// Nested central differences (4th-order stencils) for ∂^a/∂x^a ∂^b/∂t^b.
    private func finiteDifference(_ f: @escaping (Double, Double) -> Double, x: Double, t: Double, dx: Int, dt: Int) -> Double {
        switch (dx, dt) {
        case (1, 0): return centralDifference(1e-3) { f(x + $0, t) }
        case (0, 1): return centralDifference(1e-3) { f(x, t + $0) }
        case (2, 0): // f'' with the 5-point O(h⁴) stencil
            let h = 1e-3
            return (-f(x + 2 * h, t) + 16 * f(x + h, t) - 30 * f(x, t) + 16 * f(x - h, t) - f(x - 2 * h, t)) / (12 * h * h)
        case (1, 1): return centralDifference(1e-3) { dx in centralDifference(1e-3) { f(x + dx, t + $0) } }
        case (4, 0): // f'''' with the 7-point O(h⁴) stencil, Richardson-extrapolated to O(h⁶)
            let c = [-1.0 / 6, 2, -13.0 / 2, 28.0 / 3, -13.0 / 2, 2, -1.0 / 6]
            func stencil(_ h: Double) -> Double {
                (-3...3).enumerated().reduce(0) { $0 + c[$1.offset] * f(x + Double($1.element) * h, t) } / (h * h * h * h)
            }
            return (16 * stencil(5e-3) - stencil(1e-2)) / 15
        default: fatalError("unsupported")
        }
    }

    func testMLPJetsMatchNestedFiniteDifferences() {
        var rng = RandomGenerator(seed: 3)
        let embeddings: [(String, InputEmbedding?)] = [
            ("none", nil),
            ("fourier", .randomFourier(inputs: 2, features: 4, scale: 0.5, rng: &rng)),
            ("periodic x", .periodic(periods: [2.0, nil])),
            ("fourier of x, t passed through", .randomFourier(inputs: 2, features: 3, scale: 0.7, embedded: [0], rng: &rng)),
        ]
        let requested = [(Partial([0]), 1, 0, 1e-8), (Partial([1]), 0, 1, 1e-8), (Partial([0, 0]), 2, 0, 1e-7),
                         (Partial([0, 1]), 1, 1, 1e-7), (Partial([0, 0, 0, 0]), 4, 0, 2e-5)]
        let layout = JetLayout(inputCount: 2, requested: requested.map(\.0))
        for activation in Activation.allCases {
            for (name, embedding) in embeddings {
                let net = MLP(inputs: 2, hidden: [8, 8], outputs: 2, activation: activation, embedding: embedding)
                let theta = net.initialParameters(rng: &rng)
                let points = [0.3, 0.7, -0.55, 0.2]
                let tape = Tape(parameterCount: theta.count)
                let jets: [Double] = theta.withUnsafeBufferPointer { p in
                    tape.begin(parameters: p.baseAddress!)
                    return tape.value(tape.column(net(tape.inputJet(points: points, layout: layout), on: tape), 1))
                }
                let f: (Double, Double) -> Double = { x, t in
                    let tape = Tape(parameterCount: theta.count)
                    return theta.withUnsafeBufferPointer { p in
                        tape.begin(parameters: p.baseAddress!)
                        return tape.value(net(tape.inputJet(points: [x, t], layout: .valueOnly(inputCount: 2)), on: tape))[1]
                    }
                }
                for (partial, dx, dt, tol) in requested {
                    let c = layout.index(of: partial)!
                    for p in 0..<2 {
                        let fd = finiteDifference(f, x: points[2 * p], t: points[2 * p + 1], dx: dx, dt: dt)
                        assertClose(jets[c * 2 + p], fd, relative: tol, "\(activation)/\(name): \(partial) at point \(p)")
                    }
                }
                _ = plainForward
            }
        }
    }

    /// Periodic embedding makes the network exactly periodic in that input.
    func testPeriodicEmbeddingIsExactlyPeriodic() {
        var rng = RandomGenerator(seed: 4)
        let net = MLP(inputs: 2, hidden: [6], outputs: 1, embedding: .periodic(periods: [2.0, nil]))
        let theta = net.initialParameters(rng: &rng)
        let a = plainForward(net, theta, -0.3, 0.4), b = plainForward(net, theta, 1.7, 0.4)
        XCTAssertEqual(a, b, accuracy: 1e-14, "u(x) vs u(x + period)")
    }

    /// Same seed, same parameters; Glorot normal has the right spread.
    func testInitializationIsSeededAndScaled() {
        let net = MLP(inputs: 2, hidden: [64, 64], outputs: 1)
        var r1 = RandomGenerator(seed: 9), r2 = RandomGenerator(seed: 9)
        let t1 = net.initialParameters(rng: &r1), t2 = net.initialParameters(rng: &r2)
        XCTAssertEqual(t1, t2)
        let w = net.layers[1]
        let ws = t1[w.weightOffset..<(w.weightOffset + 64 * 64)]
        let variance = ws.reduce(0) { $0 + $1 * $1 } / Double(ws.count)
        assertClose(variance, 2.0 / 128, relative: 0.002, "Glorot normal variance of a 64×64 layer")
    }
}
