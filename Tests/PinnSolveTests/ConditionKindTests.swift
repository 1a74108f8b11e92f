import Foundation
import PINN
import XCTest

/// Neumann, periodic and initial-rate conditions, RAD resampling and automatic weights,
/// each trained on a small problem with an analytic solution and held to an error bound.
final class ConditionKindTests: XCTestCase {
    func train(_ json: String, threshold: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        let dir = try temporaryDirectory(self)
        try json.write(to: dir.appendingPathComponent("case.json"), atomically: true, encoding: .utf8)
        let r = try PinnSolveBinary.run(["case.json", "--output", "out", "--quiet"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        let result = try ResultWriter.readResult(from: dir.appendingPathComponent("out/case.h5"))
        let error = result.relativeL2["u"] ?? .nan
        XCTAssertLessThanOrEqual(error, threshold, "rel. L2: expected ≤ \(threshold), observed \(error)", file: file, line: line)
        print("\(result.name): rel. L2 \(error) (threshold \(threshold))")
    }

    /// u_t = α u_xx, u_x(0) = u_x(1) = 0, u(x, 0) = cos(πx): u = e^{−απ²t} cos(πx).
    func testNeumannWalls() throws {
        try train("""
        {"schema": 1, "inputs": ["x", "t"], "outputs": ["u"], "parameters": {"alpha": 0.1},
         "domain": {"x": [0, 1], "t": [0, 1]}, "pde": {"heat": "u_t - alpha*u_xx"},
         "conditions": [{"name": "initial", "kind": "initial", "value": "cos(pi*x)"},
                        {"name": "insulated", "kind": "neumann", "side": ["left", "right"], "value": 0}],
         "network": {"hidden": [20, 20]}, "points": {"interior": 512, "boundary": 64, "initial": 64},
         "training": [{"optimizer": "adam", "iterations": 500}, {"optimizer": "lbfgs", "iterations": 500}],
         "reference": {"kind": "analytic", "fields": {"u": "exp(-alpha*pi^2*t)*cos(pi*x)"}},
         "output": {"grid": {"x": 41, "t": 21}}}
        """, threshold: 2e-3)
    }

    /// u_t + u_x = 0 on a periodic x ∈ [0, 2π], u(x, 0) = sin x: u = sin(x − t), with a soft
    /// periodic condition on u and u_x; RAD resampling during Adam; gradient-norm weights.
    func testPeriodicAdvectionWithRADAndAutomaticWeights() throws {
        try train("""
        {"schema": 1, "inputs": ["x", "t"], "outputs": ["u"],
         "domain": {"x": [0, "2*pi"], "t": [0, 1]}, "pde": {"advection": "u_t + u_x"},
         "conditions": [{"name": "initial", "kind": "initial", "value": "sin(x)"},
                        {"name": "periodic", "kind": "periodic", "input": "x", "derivatives": 1}],
         "network": {"hidden": [20, 20]},
         "points": {"interior": 512, "boundary": 64, "initial": 64, "resample_every": 100, "rad": {"k": 1, "c": 1}},
         "auto_weights": {"method": "grad_norm", "every": 100},
         "training": [{"optimizer": "adam", "iterations": 500}, {"optimizer": "lbfgs", "iterations": 500}],
         "reference": {"kind": "analytic", "fields": {"u": "sin(x - t)"}},
         "output": {"grid": {"x": 41, "t": 21}}}
        """, threshold: 1e-2)
    }

    /// The wave equation u_tt = u_xx with u(x, 0) = sin(πx), u_t(x, 0) = 0, fixed ends:
    /// u = sin(πx) cos(πt) (initial rate condition, second time derivative).
    func testInitialRateOnTheWaveEquation() throws {
        try train("""
        {"schema": 1, "inputs": ["x", "t"], "outputs": ["u"],
         "domain": {"x": [0, 1], "t": [0, 0.5]}, "pde": {"wave": "u_tt - u_xx"},
         "conditions": [{"name": "initial", "kind": "initial", "value": "sin(pi*x)"},
                        {"name": "at_rest", "kind": "initial_rate", "value": 0},
                        {"name": "ends", "kind": "dirichlet", "side": ["left", "right"], "value": 0}],
         "network": {"hidden": [20, 20]}, "points": {"interior": 512, "boundary": 64, "initial": 64},
         "training": [{"optimizer": "adam", "iterations": 500}, {"optimizer": "lbfgs", "iterations": 800}],
         "reference": {"kind": "analytic", "fields": {"u": "sin(pi*x)*cos(pi*t)"}},
         "output": {"grid": {"x": 41, "t": 21}}}
        """, threshold: 1e-2)
    }
}
