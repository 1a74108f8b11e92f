import Foundation
import PINN
import XCTest

/// Small control problems (the Van der Pol plant of problems/mpc_vanderpol.json, and a
/// linear plant with a closed-form solution) and helpers for the control tests.
enum ControlFixture {
    /// Van der Pol, μ = 1, with a small network and a short loop.
    static let vanDerPol = """
        {
          "schema": 1,
          "inputs": ["t", "a", "b", "u"],
          "outputs": ["x1", "x2"],
          "parameters": {"mu": 1},
          "domain": {"t": [0, 0.5], "a": [-1.5, 1.5], "b": [-1.5, 1.5], "u": [-1, 1]},
          "pde": {"x1dot": "x1_t - x2", "x2dot": "x2_t - mu*(1 - x1^2)*x2 + x1 - u"},
          "hard": {"x1": "a + t*N_x1", "x2": "b + t*N_x2"},
          "network": {"hidden": [8, 8], "activation": "tanh"},
          "points": {"interior": 64},
          "training": [{"optimizer": "adam", "iterations": 2}],
          "output": {"grid": {"t": 2, "a": 3, "b": 3, "u": 2}},
          "control": {
            "state": {"x1": "a", "x2": "b"}, "input": "u", "bounds": [-1, 1], "period": 0.5, "horizon": 5,
            "initial_state": {"x1": 1, "x2": 0},
            "reference": {"x1": [{"from": 0, "value": 0.5}, {"from": 15, "value": -0.5}, {"from": 30, "value": 0.8}]},
            "duration": 60, "plant_step": 0.001, "model_step": 0.01
          }
        }
        """

    /// ẋ = −k·x + u: x(T) = x₀ e^{−kT} + (u/k)(1 − e^{−kT}).
    static let linear = """
        {
          "schema": 1,
          "inputs": ["t", "a", "u"],
          "outputs": ["x"],
          "parameters": {"k": 2},
          "domain": {"t": [0, 1], "a": [-2, 2], "u": [-1, 1]},
          "pde": {"decay": "x_t + k*x - u"},
          "hard": {"x": "a + t*N_x"},
          "network": {"hidden": [4], "activation": "tanh"},
          "points": {"interior": 16},
          "training": [{"optimizer": "adam", "iterations": 1}],
          "output": {"grid": {"t": 2, "a": 2, "u": 2}},
          "control": {
            "state": {"x": "a"}, "input": "u", "bounds": [-1, 1], "period": 1, "horizon": 3,
            "initial_state": {"x": 0}, "reference": {"x": [{"from": 0, "value": 0.2}]},
            "duration": 3, "plant_step": 0.25
          }
        }
        """

    static func problem(_ text: String = vanDerPol, _ replacements: [(String, String)] = []) throws -> Problem {
        try ProblemFixture.load(ProblemFixture.variant(replacements, of: text), file: "problems/control.json")
    }

    static func settings(_ text: String = vanDerPol, _ replacements: [(String, String)] = []) throws -> ControlSettings {
        try XCTUnwrap(problem(text, replacements).control)
    }

    /// max |analytic − numeric| / max(|analytic|, floor) over the entries, with a message.
    static func relativeMismatch(_ analytic: [Double], _ numeric: [Double], floor: Double = 1e-6) -> Double {
        zip(analytic, numeric).map { Swift.abs($0 - $1) / max(Swift.abs($0), floor) }.max() ?? 0
    }
}
