import XCTest
import Foundation
import ENNCore

final class OptimizerTests: XCTestCase {
    static func rosenbrock(_ x: [Double], _ g: inout [Double]) -> Double {
        let (a, b) = (x[0], x[1])
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a)
        g[1] = 200 * (b - a * a)
        return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a)
    }

    func testLBFGSSolvesRosenbrock() {
        var options = LBFGS.Options()
        options.maxIterations = 100
        options.gradientTolerance = 1e-12
        let result = LBFGS(options: options).minimize(from: [-1.2, 1], objective: Self.rosenbrock)
        XCTAssertLessThanOrEqual(result.f, 1e-10, "f after \(result.iterations) iterations (\(result.reason))")
        XCTAssertLessThan(result.iterations, 100, "iterations; stopped because \(result.reason)")
        XCTAssertEqual(result.x[0], 1, accuracy: 1e-5)
    }

    func testLBFGSStatesWhyItStopped() {
        var options = LBFGS.Options()
        options.maxIterations = 3
        let result = LBFGS(options: options).minimize(from: [-1.2, 1], objective: Self.rosenbrock)
        XCTAssertEqual(result.reason, .maxIterations)
        XCTAssertEqual(result.iterations, 3)
        let nan = LBFGS().minimize(from: [0], objective: { _, g in g[0] = 0; return .nan })
        XCTAssertEqual(nan.reason, .nonFiniteObjective)
    }

    /// Fit a 1→16→16→1 tanh network to sin(πx) on [−1, 1] with the same number of
    /// gradient evaluations: L-BFGS must end lower than Adam.
    func testLBFGSBeatsAdamOnASmoothFit() {
        let net = MLP(inputs: 1, hidden: [16, 16], outputs: 1)
        var rng = RandomGenerator(seed: 5)
        let theta0 = net.initialParameters(rng: &rng)
        let xs = (0..<64).map { -1 + 2 * Double($0) / 63 }
        let layout = JetLayout.valueOnly(inputCount: 1)
        let tape = Tape(parameterCount: theta0.count)
        func objective(_ theta: [Double], _ g: inout [Double]) -> Double {
            theta.withUnsafeBufferPointer { p in
                tape.begin(parameters: p.baseAddress!)
                tape.zeroParameterGradient()
                let u = net(tape.inputJet(points: xs, layout: layout), on: tape)
                let target = tape.constant(xs.map { sin(Double.pi * $0) }, shape: tape.shape(u), layout: layout)
                let l = tape.sumOfSquares(tape.subtract(u, target), scale: 1 / Double(xs.count))
                tape.backward(from: l)
                for i in g.indices { g[i] = tape.parameterGradient[i] }
                return tape.scalar(l)
            }
        }
        var options = LBFGS.Options()
        options.maxIterations = 400
        options.maxEvaluations = 500
        let lbfgs = LBFGS(options: options).minimize(from: theta0, objective: objective)
        var theta = theta0, g = theta0, adam = Adam(parameterCount: theta0.count, learningRate: 1e-2)
        var adamLoss = 0.0
        for _ in 0..<lbfgs.evaluations { adamLoss = objective(theta, &g); adam.update(&theta, gradient: g) }
        XCTAssertLessThan(lbfgs.f, adamLoss / 10,
                          "L-BFGS \(lbfgs.f) vs Adam \(adamLoss) after \(lbfgs.evaluations) evaluations (\(lbfgs.reason))")
    }

    func testAdamFirstStepAndSchedules() {
        var adam = Adam(parameterCount: 2, learningRate: 0.1)
        var theta = [1.0, -1.0]
        adam.update(&theta, gradient: [3, -0.5])
        // First step moves each coordinate by lr·sign(g) (bias correction makes m̂/√v̂ = ±1).
        XCTAssertEqual(theta[0], 0.9, accuracy: 1e-7)
        XCTAssertEqual(theta[1], -0.9, accuracy: 1e-7)
        XCTAssertEqual(LearningRateSchedule.exponential(rate: 0.9, every: 1000).learningRate(base: 1, step: 500), 0.9.squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(LearningRateSchedule.step(rate: 0.5, every: 10).learningRate(base: 1, step: 25), 0.25)
    }
}
