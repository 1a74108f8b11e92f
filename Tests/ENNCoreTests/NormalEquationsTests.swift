import XCTest
import ENNCore

/// The Gauss–Newton normal equations from row-Jacobian backward passes against a Jacobian
/// built by central differences of the residuals, and Jᵀr against the loss gradient.
final class NormalEquationsTests: XCTestCase {
    private let net = MLP(inputs: 2, hidden: [6, 5], outputs: 1, activation: .tanh)
    private let layout = JetLayout(inputCount: 2, requested: [Partial([0]), Partial([1]), Partial([0, 0])])
    /// 37 points in chunks of 8: the last chunk is short.
    private let points: [Double] = {
        var rng = RandomGenerator(seed: 11)
        return (0..<74).map { _ in rng.uniform(-1, 1) }
    }()
    private let chunk = 8
    private var chunks: [Range<Int>] { ParallelLossEvaluator.chunks(count: points.count / 2, chunk: chunk) }
    /// Two terms: a Burgers-like residual u_t + u u_x − 0.1 u_xx (weight 1.5, mean over the
    /// 37 points) and u − sin(x) on the same points (weight 0.5).
    private let weights = [1.5, 0.5]

    private func residuals(_ tape: Tape, _ range: Range<Int>) -> [Var] {
        let x = tape.inputJet(points: Array(points[(2 * range.lowerBound)..<(2 * range.upperBound)]), layout: layout)
        let u = net(x, on: tape)
        let value = tape.component(u, .value)
        let burgers = tape.add(tape.add(tape.component(u, Partial([1])), tape.multiply(value, tape.component(u, Partial([0])))),
                               tape.affine(tape.component(u, Partial([0, 0])), scale: -0.1))
        let target = tape.sin(tape.column(tape.component(x, .value), 0))
        return [burgers, tape.subtract(value, target)]
    }

    /// The stacked, weighted residual vector (2 × 37) at θ, value-only.
    private func stackedResiduals(_ theta: [Double]) -> [Double] {
        let tape = Tape(parameterCount: theta.count)
        var blocks: [[Double]] = [[], []]
        theta.withUnsafeBufferPointer { th in
            for range in chunks {
                tape.begin(parameters: th.baseAddress!)
                for (k, r) in residuals(tape, range).enumerated() { blocks[k] += tape.value(r) }
            }
        }
        let n = Double(points.count / 2)
        return (0..<2).flatMap { k in blocks[k].map { (weights[k] / n).squareRoot() * $0 } }
    }

    func testNormalEquationsMatchFiniteDifferenceJacobian() {
        var rng = RandomGenerator(seed: 5)
        let theta = net.initialParameters(rng: &rng)
        let p = theta.count, n = Double(points.count / 2)
        for threads in [1, 2] {
            let evaluator = ParallelLossEvaluator(parameterCount: p, threads: threads)
            let builder = NormalEquationsBuilder(evaluator: evaluator)
            var a = [Double](repeating: 0, count: p * p), b = [Double](repeating: 0, count: p)
            let e = a.withUnsafeMutableBufferPointer { ap in
                b.withUnsafeMutableBufferPointer { bp in
                    builder.build(theta: theta, matrix: ap.baseAddress!, rhs: bp.baseAddress!, termCount: 2,
                                  items: chunks.count, weights: weights) { tape, item in
                        self.residuals(tape, self.chunks[item]).enumerated().map {
                            ResidualBlock(term: $0.offset, residual: $0.element, pointScale: 1 / n)
                        }
                    }
                }
            }
            // Reference: J by central differences, column by column.
            let r = stackedResiduals(theta)
            var jacobian = [[Double]](repeating: [Double](repeating: 0, count: p), count: r.count)
            for j in 0..<p {
                let h = 1e-6
                var plus = theta, minus = theta
                plus[j] += h; minus[j] -= h
                let rp = stackedResiduals(plus), rm = stackedResiduals(minus)
                for i in 0..<r.count { jacobian[i][j] = (rp[i] - rm[i]) / (2 * h) }
            }
            let loss = r.reduce(0) { $0 + $1 * $1 }
            XCTAssertEqual(e.total, loss, accuracy: 1e-13 * loss, "loss, \(threads) threads")
            var worstA = 0.0, scaleA = 0.0, worstB = 0.0, scaleB = 0.0
            for i in 0..<p {
                var jr = 0.0
                for row in 0..<r.count { jr += jacobian[row][i] * r[row] }
                worstB = max(worstB, abs(jr - b[i])); scaleB = max(scaleB, abs(jr))
                for j in i..<p {
                    var jj = 0.0
                    for row in 0..<r.count { jj += jacobian[row][i] * jacobian[row][j] }
                    worstA = max(worstA, abs(jj - a[i * p + j])); scaleA = max(scaleA, abs(jj))
                }
            }
            XCTAssertLessThan(worstA / scaleA, 1e-7, "JᵀJ vs finite differences (\(threads) threads): max error \(worstA), scale \(scaleA), tolerance 1e-7 relative")
            XCTAssertLessThan(worstB / scaleB, 1e-7, "Jᵀr vs finite differences (\(threads) threads): max error \(worstB), scale \(scaleB), tolerance 1e-7 relative")
            // Jᵀr is half the gradient of the loss Σ w · mean(r²) from the ordinary reverse pass.
            var gradient = [Double](repeating: 0, count: p)
            _ = gradient.withUnsafeMutableBufferPointer { g in
                evaluator.evaluate(theta: theta, gradient: g.baseAddress!, termCount: 2, items: chunks.count) { tape, item in
                    self.residuals(tape, self.chunks[item]).enumerated().map {
                        LossContribution(term: $0.offset, value: tape.sumOfSquares($0.element, scale: 1 / n), weight: self.weights[$0.offset])
                    }
                }
            }
            for i in 0..<p {
                XCTAssertEqual(2 * b[i], gradient[i], accuracy: 1e-12 * max(1, abs(gradient[i])), "2 Jᵀr vs ∇loss at \(i)")
            }
            XCTAssertEqual(e.terms[0] * weights[0] + e.terms[1] * weights[1], e.total, accuracy: 1e-14 * e.total, "terms are unweighted means")
        }
    }

    /// Levenberg–Marquardt fits a small network to a smooth target far below what the same
    /// number of Adam steps reaches, and states why it stopped.
    func testLevenbergMarquardtFitsASmoothTarget() {
        var rng = RandomGenerator(seed: 2)
        let theta0 = net.initialParameters(rng: &rng)
        let p = theta0.count, n = Double(points.count / 2)
        let evaluator = ParallelLossEvaluator(parameterCount: p, threads: 2)
        let builder = NormalEquationsBuilder(evaluator: evaluator)
        let fitWeights = [0.0, 1.0] // the u − sin(x) term only
        func blocks(_ tape: Tape, _ item: Int) -> [ResidualBlock] {
            [ResidualBlock(term: 1, residual: residuals(tape, chunks[item])[1], pointScale: 1 / n)]
        }
        var options = LevenbergMarquardt.Options()
        options.maxIterations = 100
        func loss(_ x: [Double], _ gradient: UnsafeMutablePointer<Double>?) -> Double {
            evaluator.evaluate(theta: x, gradient: gradient, termCount: 2, items: self.chunks.count) { tape, item in
                [LossContribution(term: 1, value: tape.sumOfSquares(self.residuals(tape, self.chunks[item])[1], scale: 1 / n), weight: 1)]
            }.total
        }
        let result = LevenbergMarquardt(options: options).minimize(from: theta0, normalEquations: { x, a, b in
            builder.build(theta: x, matrix: a, rhs: b, termCount: 2, items: self.chunks.count, weights: fitWeights, build: blocks).total
        }, loss: { loss($0, nil) })
        // Adam with ten times the iterations, for scale.
        var adam = Adam(parameterCount: p, learningRate: 1e-2)
        var theta = theta0, gradient = [Double](repeating: 0, count: p), adamLoss = 0.0
        for _ in 0..<1000 {
            adamLoss = gradient.withUnsafeMutableBufferPointer { loss(theta, $0.baseAddress!) }
            adam.update(&theta, gradient: gradient)
        }
        XCTAssertLessThan(result.f, 5e-9, "LM loss after \(result.iterations) iterations (\(result.reason)); Adam ×10: \(adamLoss)")
        XCTAssertLessThan(result.f, adamLoss * 1e-3, "LM \(result.f) vs Adam \(adamLoss)")
        XCTAssertTrue([.maxIterations, .dampingLimit].contains(result.reason), "\(result.reason)")
    }
}
