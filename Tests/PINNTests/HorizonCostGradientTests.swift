import ENNCore
import Foundation
import PINN
import XCTest

/// The controller's gradient, checked against central differences of the same cost, for
/// both period models: the true model (RK4 sensitivities through every stage) and the network
/// (first-order jets in the directions of the state and control inputs).
final class HorizonCostGradientTests: XCTestCase {
    /// An untrained network is as good as a trained one for a derivative check (and not
    /// trivially linear).
    func neuralModel(_ settings: ControlSettings) throws -> NeuralModel {
        let trainer = try Trainer(problem: try ControlFixture.problem(), seed: 3, threads: 1)
        return NeuralModel(trainer: trainer, settings: settings)
    }

    func checkGradient(model: PeriodModel, settings: ControlSettings, penalty: Double, tolerance: Double,
                       file: StaticString = #filePath, line: UInt = #line) {
        let cost = HorizonCost(model: model, horizon: settings.horizon, penalty: penalty)
        // From t = 13.5, the horizon's last two samples see the reference step at t = 15.
        cost.prepare(state: [0.4, -0.3], previousControl: 0.2, time: 13.5, period: settings.period,
                     references: settings.references)
        let controls = [0.3, -0.7, 0.9, -0.1, 0.5]
        var gradient = [Double](repeating: 0, count: controls.count)
        let value = cost.value(controls, gradient: &gradient)
        var scratch = gradient
        let h = 1e-6
        let numeric = controls.indices.map { k -> Double in
            var up = controls, down = controls
            up[k] += h
            down[k] -= h
            return (cost.value(up, gradient: &scratch) - cost.value(down, gradient: &scratch)) / (2 * h)
        }
        let mismatch = ControlFixture.relativeMismatch(gradient, numeric)
        XCTAssertLessThanOrEqual(mismatch, tolerance,
                                 "\(model.name), penalty \(penalty): gradient \(gradient) vs central differences \(numeric) "
                                 + "(J = \(value)); relative mismatch \(mismatch), tolerance \(tolerance)", file: file, line: line)
        XCTAssertGreaterThan(gradient.map(Swift.abs).max() ?? 0, 1e-3, "\(model.name): a non-trivial gradient", file: file, line: line)
    }

    func testTrueModelGradientMatchesFiniteDifferences() throws {
        let settings = try ControlFixture.settings()
        let model = TrueModel(settings: settings, stepsPerPeriod: settings.modelStepsPerPeriod)
        checkGradient(model: model, settings: settings, penalty: 0, tolerance: 1e-6)
        checkGradient(model: model, settings: settings, penalty: 0.3, tolerance: 1e-6)
    }

    func testNeuralModelGradientMatchesFiniteDifferences() throws {
        let settings = try ControlFixture.settings()
        let model = try neuralModel(settings)
        checkGradient(model: model, settings: settings, penalty: 0, tolerance: 1e-6)
        checkGradient(model: model, settings: settings, penalty: 0.3, tolerance: 1e-6)
    }

    /// ∂x(T)/∂(x(0), u) of one period, for both models, against central differences.
    func testPeriodSensitivitiesMatchFiniteDifferences() throws {
        let settings = try ControlFixture.settings()
        let models: [PeriodModel] = [TrueModel(settings: settings, stepsPerPeriod: 50), try neuralModel(settings)]
        for model in models {
            let x0 = [0.6, -0.8], u = 0.4, n = 2
            var analytic = [Double](repeating: 0, count: n * (n + 1))
            _ = analytic.withUnsafeMutableBufferPointer { model.predict(from: x0, control: u, sensitivity: $0.baseAddress) }
            var numeric = analytic
            let h = 1e-6
            for j in 0...n {
                var up = x0 + [u], down = x0 + [u]
                up[j] += h
                down[j] -= h
                let a = model.predict(from: Array(up[0..<n]), control: up[n], sensitivity: nil)
                let b = model.predict(from: Array(down[0..<n]), control: down[n], sensitivity: nil)
                for i in 0..<n { numeric[i * (n + 1) + j] = (a[i] - b[i]) / (2 * h) }
            }
            let mismatch = ControlFixture.relativeMismatch(analytic, numeric)
            XCTAssertLessThanOrEqual(mismatch, 1e-7, "\(model.name): sensitivities \(analytic) vs \(numeric)")
        }
    }

    /// The RK4 model reads f from the residual (`x_t + k*x - u` → f = u − k·x) and converges
    /// at fourth order to the closed form x(T) = x₀e^{−kT} + (u/k)(1 − e^{−kT}); its
    /// sensitivities converge to e^{−kT} and (1 − e^{−kT})/k.
    func testTrueModelOnALinearPlant() throws {
        let settings = try ControlFixture.settings(ControlFixture.linear)
        let k = 2.0, x0 = 0.7, u = -0.4, decay = exp(-k)
        let exact = x0 * decay + u / k * (1 - decay)
        var errors: [Double] = []
        for steps in [8, 16, 32] {
            var s = [0.0, 0.0]
            let x = s.withUnsafeMutableBufferPointer {
                TrueModel(settings: settings, stepsPerPeriod: steps).predict(from: [x0], control: u, sensitivity: $0.baseAddress)
            }
            errors.append(Swift.abs(x[0] - exact))
            if steps == 32 {
                XCTAssertEqual(s[0], decay, accuracy: 1e-5)
                XCTAssertEqual(s[1], (1 - decay) / k, accuracy: 1e-5)
            }
        }
        for i in 1..<errors.count {
            let order = log2(errors[i - 1] / errors[i])
            XCTAssertEqual(order, 4, accuracy: 0.3, "RK4 order from errors \(errors)")
        }
    }
}
