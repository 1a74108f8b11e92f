import Foundation
import PINN
import XCTest

/// The `control` section: what a valid one resolves to, and every kind of bad one failing
/// with the file and the JSON path.
final class ControlProblemTests: XCTestCase {
    func testValidSectionResolves() throws {
        let c = try ControlFixture.settings()
        XCTAssertEqual(c.states, ["x1", "x2"])
        XCTAssertEqual(c.stateInputs, ["a", "b"])
        XCTAssertEqual(c.controlInput, "u")
        XCTAssertEqual(c.timeInput, "t")
        XCTAssertEqual([c.lower, c.upper], [-1, 1])
        XCTAssertEqual(c.period, 0.5)
        XCTAssertEqual(c.horizon, 5)
        XCTAssertEqual(c.initialState, [1, 0])
        XCTAssertEqual(c.periods, 120)
        XCTAssertEqual(c.plantStepsPerPeriod, 500)
        XCTAssertEqual(c.modelStepsPerPeriod, 50)
        XCTAssertEqual(c.penalty, 0)
        XCTAssertEqual(c.optimizer, ControlOptimizerSpec())
        XCTAssertEqual(c.references.count, 1)
        XCTAssertEqual(c.references[0].state, 0)
        XCTAssertEqual([0, 14.99, 15, 29.9, 30, 60].map(c.references[0].value(at:)), [0.5, 0.5, -0.5, -0.5, 0.8, 0.8])
        XCTAssertEqual(c.stateBox.map { [$0.lower, $0.upper] }, [[-1.5, 1.5], [-1.5, 1.5]])
        XCTAssertEqual([c.controlDomain.lower, c.controlDomain.upper], [-1, 1])
        // f read from the residuals `<state>_t − f`: x1' = x2, x2' = μ(1 − x1²)x2 − x1 + u.
        let env = ["x1": 0.7, "x2": -0.4, "u": 0.3]
        XCTAssertEqual(c.rightHandSides[0].evaluate(env), -0.4, accuracy: 1e-15)
        XCTAssertEqual(c.rightHandSides[1].evaluate(env), (1 - 0.49) * -0.4 - 0.7 + 0.3, accuracy: 1e-15)
        // The model step defaults to the plant step.
        let linear = try ControlFixture.settings(ControlFixture.linear)
        XCTAssertEqual(linear.modelStepsPerPeriod, 4)
        XCTAssertEqual(linear.rightHandSides[0].evaluate(["x": 0.5, "u": 0.25]), 0.25 - 2 * 0.5, accuracy: 1e-15)
    }

    /// (what, replacements in the Van der Pol fixture, JSON path in the message, words in it)
    static let broken: [(String, [(String, String)], String, String)] = [
        ("horizon 0", [("\"horizon\": 5", "\"horizon\": 0")], "control.horizon", "positive"),
        ("inverted range", [("\"bounds\": [-1, 1]", "\"bounds\": [1, -1]")], "control.bounds", "empty or inverted"),
        ("empty range", [("\"bounds\": [-1, 1]", "\"bounds\": [0.5, 0.5]")], "control.bounds", "empty or inverted"),
        ("one bound", [("\"bounds\": [-1, 1]", "\"bounds\": [1]")], "control.bounds", "[lower, upper]"),
        ("range beyond training", [("\"bounds\": [-1, 1]", "\"bounds\": [-2, 1]")], "control.bounds", "domain of 'u'"),
        ("schedule out of time order", [("{\"from\": 30, \"value\": 0.8}", "{\"from\": 10, \"value\": 0.8}")],
         "control.reference.x1[2].from", "out of time order"),
        ("schedule not from 0", [("{\"from\": 0, \"value\": 0.5}", "{\"from\": 1, \"value\": 0.5}")],
         "control.reference.x1[0].from", "starts at time 0"),
        ("empty schedule", [("\"reference\": {\"x1\": [", "\"reference\": {\"x1\": [], \"x2\": [")],
         "control.reference.x1", "at least one step"),
        ("unknown tracked state", [("\"reference\": {\"x1\"", "\"reference\": {\"x3\"")], "control.reference.x3", "not a state"),
        ("period beyond the t domain", [("\"period\": 0.5", "\"period\": 1")], "control.period", "[0, T']"),
        ("plant step not dividing", [("\"plant_step\": 0.001", "\"plant_step\": 0.3")], "control.plant_step", "whole number"),
        ("duration not whole periods", [("\"duration\": 60", "\"duration\": 60.2")], "control.duration", "whole number"),
        ("missing state", [("\"state\": {\"x1\": \"a\", \"x2\": \"b\"}", "\"state\": {\"x1\": \"a\"}")],
         "control.state", "missing state 'x2'"),
        ("state input reused", [("\"state\": {\"x1\": \"a\", \"x2\": \"b\"}", "\"state\": {\"x1\": \"a\", \"x2\": \"a\"}")],
         "control.state.x2", "already holds"),
        ("control is a state input", [("\"input\": \"u\"", "\"input\": \"a\"")], "control.input", "already"),
        ("residual not x_t - f", [("x1_t - x2", "x1_t*x1 - x2")], "pde.x1dot", "not x1_t minus"),
        ("residual with two derivatives", [("x1_t - x2", "x1_t - x2_t")], "pde.x1dot", "one derivative"),
        ("f uses an initial-state input", [("x1_t - x2", "x1_t - b")], "pde.x1dot", "not the input 'b'"),
        ("initial value not exact", [("\"x1\": \"a + t*N_x1\"", "\"x1\": \"t*N_x1\"")], "hard.x1", "equal the state input 'a'"),
        ("no transform", [("\"hard\": {\"x1\": \"a + t*N_x1\", \"x2\": \"b + t*N_x2\"}", "\"hard\": {\"x1\": \"a + t*N_x1\"}")],
         "hard", "state 'x2' needs a hard transform"),
        ("negative penalty", [("\"model_step\": 0.01", "\"model_step\": 0.01, \"penalty\": -1")], "control.penalty", "zero or positive"),
        ("unknown key", [("\"model_step\": 0.01", "\"model_step\": 0.01, \"horizont\": 3")], "control.horizont", "did you mean"),
    ]

    func testBrokenSectionsNameFileAndPath() {
        for (what, replacements, path, words) in Self.broken {
            guard let e = ProblemFixture.error(ProblemFixture.variant(replacements, of: ControlFixture.vanDerPol),
                                               file: "problems/control.json") else { continue }
            let message = e.description
            XCTAssertTrue(message.hasPrefix("problems/control.json: \(path):"), "\(what): expected path \(path) in «\(message)»")
            XCTAssertTrue(message.contains(words), "\(what): expected «\(words)» in «\(message)»")
        }
    }
}
