import Foundation
import ENNCore

/// The viscous Burgers PINN loss, written directly on ENNCore (no problem file): the
/// workload of `pinn-bench burgers` and of the end-to-end gradient test.
///
///   PDE:  u_t + u u_x − ν u_xx = 0,  ν = 0.01/π,  x ∈ [−1, 1], t ∈ [0, 1]
///   loss = mean(r²) over interior points + mean(u²) on x = ±1 + mean((u + sin πx)²) at t = 0
public final class BurgersLoss {
    public struct Config: Sendable {
        public var hidden: [Int]
        public var interior: Int
        public var boundary = 80
        public var initial = 160
        /// Points per work item: a chunk's jet blocks stay in L2. 160 is the fastest on A
        /// (`pinn-bench burgers --config A --chunk 128|160 [--threads 1]`, five interleaved
        /// runs each on 2 threads: 0.90–0.98 ms vs 0.95–1.14 ms for 128; one thread 1.81 vs
        /// 1.89–1.95 ms; 256 is slower) and even with 128 on B.
        public var chunk = 160

        public init(hidden: [Int], interior: Int) { self.hidden = hidden; self.interior = interior }

        /// 2→20→20→20→1 tanh, 2540 interior + 80 boundary + 160 initial points.
        public static let a = Config(hidden: [20, 20, 20], interior: 2540)
        /// 2→64×4→1 tanh, 8192 interior + the same 80 + 160.
        public static let b = Config(hidden: [64, 64, 64, 64], interior: 8192)
    }

    public static let termNames = ["pde", "boundary", "initial"]
    public let nu = 0.01 / Double.pi
    public let network: MLP
    public let config: Config
    /// Points as row-major [N × 2] arrays of (x, t).
    public let interiorPoints: [Double], boundaryPoints: [Double], initialPoints: [Double]
    private let jetLayout = JetLayout(inputCount: 2, requested: [Partial([0]), Partial([1]), Partial([0, 0])])
    private let valueLayout = JetLayout.valueOnly(inputCount: 2)
    /// u_x, u_t, u_xx, and the initial-condition targets −sin πx: built once, not per chunk.
    private let ux = Partial([0]), ut = Partial([1]), uxx = Partial([0, 0])
    private let initialTargets: [Double]
    private let items: [(term: Int, range: Range<Int>)]

    public init(config: Config, rng: inout RandomGenerator) {
        self.config = config
        network = MLP(inputs: 2, hidden: config.hidden, outputs: 1, activation: .tanh)
        var pts: [Double] = []
        for _ in 0..<config.interior { pts += [rng.uniform(-1, 1), rng.uniform(0, 1)] }
        interiorPoints = pts
        pts = []
        for i in 0..<config.boundary { pts += [i < config.boundary / 2 ? -1 : 1, rng.uniform(0, 1)] }
        boundaryPoints = pts
        pts = []
        for _ in 0..<config.initial { pts += [rng.uniform(-1, 1), 0] }
        initialPoints = pts
        initialTargets = stride(from: 0, to: pts.count, by: 2).map { -Foundation.sin(Double.pi * pts[$0]) }
        let counts = [config.interior, config.boundary, config.initial]
        items = counts.enumerated().flatMap { term, n in
            ParallelLossEvaluator.chunks(count: n, chunk: config.chunk).map { (term, $0) }
        }
    }

    public var workItems: Int { items.count }

    /// Records work item `item` (one chunk of one term) and returns its contribution.
    public func build(tape: Tape, item: Int) -> [LossContribution] {
        let (term, range) = items[item]
        switch term {
        case 0:
            let x = tape.inputJet(points: Array(interiorPoints[(2 * range.lowerBound)..<(2 * range.upperBound)]), layout: jetLayout)
            let u = network(x, on: tape)
            let (uv, ux) = (tape.component(u, .value), tape.component(u, self.ux))
            let (ut, uxx) = (tape.component(u, self.ut), tape.component(u, self.uxx))
            let r = tape.add(tape.add(ut, tape.multiply(uv, ux)), tape.affine(uxx, scale: -nu))
            return [LossContribution(term: 0, value: tape.sumOfSquares(r, scale: 1 / Double(config.interior)), weight: 1)]
        case 1:
            let x = tape.inputJet(points: Array(boundaryPoints[(2 * range.lowerBound)..<(2 * range.upperBound)]), layout: valueLayout)
            let u = network(x, on: tape)
            return [LossContribution(term: 1, value: tape.sumOfSquares(u, scale: 1 / Double(config.boundary)), weight: 1)]
        default:
            let x = tape.inputJet(points: Array(initialPoints[(2 * range.lowerBound)..<(2 * range.upperBound)]),
                                  layout: valueLayout)
            let u = network(x, on: tape)
            let target = Array(initialTargets[range])
            let mismatch = tape.subtract(u, tape.constant(target, shape: tape.shape(u), layout: valueLayout))
            return [LossContribution(term: 2, value: tape.sumOfSquares(mismatch, scale: 1 / Double(config.initial)), weight: 1)]
        }
    }

    /// Loss and gradient at θ.
    public func evaluate(_ theta: [Double], gradient: inout [Double], evaluator: ParallelLossEvaluator)
        -> ParallelLossEvaluator.Evaluation {
        gradient.withUnsafeMutableBufferPointer { g in
            evaluator.evaluate(theta: theta, gradient: g.baseAddress!, termCount: 3, items: workItems) { tape, item in
                self.build(tape: tape, item: item)
            }
        }
    }
}
