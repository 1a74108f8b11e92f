import Foundation
import PINN
import XCTest

/// What the validator accepts around a reference given at points (Ghia's cavity table) and
/// the `max_abs` bound that goes with it.
final class PointReferenceValidationTests: XCTestCase {
    /// A small cavity problem with the Ghia reference and both bounds' keys in use.
    static let cavity = """
        {
          "schema": 1,
          "inputs": ["x", "y"],
          "outputs": ["u", "v", "p"],
          "parameters": {"Re": 100},
          "domain": {"x": [0, 1], "y": [0, 1]},
          "pde": {"continuity": "u_x + v_y", "momentum_x": "u*u_x + v*u_y + p_x - (u_xx + u_yy)/Re"},
          "conditions": [{"kind": "dirichlet", "side": "top", "values": {"u": "1 - (2*x - 1)^16", "v": 0}}],
          "training": [{"optimizer": "adam", "iterations": 10}],
          "reference": {"kind": "builtin", "name": "ghia_cavity_re100"},
          "expect": {"max_abs": {"u": 0.02, "v": 0.02},
                     "published": [{"source": "somewhere", "rel_l2": {"u": 0.036}}]}
        }
        """

    private func error(_ replacements: [(String, String)], of text: String = cavity,
                       line: UInt = #line) -> (path: String, message: String)? {
        guard let e = ProblemFixture.error(ProblemFixture.variant(replacements, of: text), line: line) else { return nil }
        return (e.path, e.description)
    }

    private func check(_ replacements: [(String, String)], of text: String = cavity, path: String, contains fragment: String,
                       line: UInt = #line) {
        guard let e = error(replacements, of: text, line: line) else { return }
        XCTAssertEqual(e.path, path, "path of «\(e.message)»", line: line)
        XCTAssertTrue(e.message.contains(fragment), "«\(e.message)» should contain «\(fragment)»", line: line)
    }

    func testTheCavityFixtureLoads() throws {
        let p = try ProblemFixture.load(Self.cavity)
        XCTAssertEqual(p.reference, .builtin(.ghiaCavityRe100))
        XCTAssertEqual(p.expectedMaxAbsolute.entries.map(\.name), ["u", "v"])
        XCTAssertEqual(p.expectedMaxAbsolute["u"], 0.02)
        XCTAssertTrue(p.expectedRelativeL2.isEmpty)
        XCTAssertEqual(ReferenceEvaluator.pointReference(p)?.outputs, ["u", "v"])
        XCTAssertEqual(try ReferenceEvaluator.evaluate(p, on: OutputGrid(problem: p)), [:], "no field on the grid")
        XCTAssertEqual(p.spec.expect?.published.first?.relativeL2["u"], 0.036)
    }

    func testMaxAbsNeedsAPointReference() {
        // The heat fixture has an analytic (field) reference.
        check([("\"expect\": {\"rel_l2\": {\"u\": 1e-2}}", "\"expect\": {\"max_abs\": {\"u\": 1e-2}}")], of: ProblemFixture.base,
              path: "expect.max_abs.u", contains: "needs a reference given at points")
    }

    func testRelL2NeedsAFieldReference() {
        check([("\"max_abs\": {\"u\": 0.02, \"v\": 0.02}", "\"rel_l2\": {\"u\": 0.02}")],
              path: "expect.rel_l2.u", contains: "given at points, not as a field on the grid; bound its error with \"max_abs\"")
    }

    func testMaxAbsOnlyForTabulatedOutputs() {
        check([("\"max_abs\": {\"u\": 0.02, \"v\": 0.02}", "\"max_abs\": {\"u\": 0.02, \"p\": 0.02}")],
              path: "expect.max_abs.p", contains: "the point reference has no values of 'p' (it has u, v)")
        check([("\"max_abs\": {\"u\": 0.02, \"v\": 0.02}", "\"max_abs\": {\"u\": 0}")],
              path: "expect.max_abs.u", contains: "must be a positive number")
    }

    func testExpectNeedsABound() {
        check([("\"max_abs\": {\"u\": 0.02, \"v\": 0.02},", "")],
              path: "expect", contains: "needs \"rel_l2\" (relative L2 error on the grid), \"max_abs\"")
        check([("\"rel_l2\": {\"u\": 0.036}", "\"note\": 1")],
              path: "expect.published[0].note", contains: "unknown key (expected one of source, rel_l2, max_abs, parameter_errors)")
        check([(", \"rel_l2\": {\"u\": 0.036}", "")],
              path: "expect.published[0]", contains: "needs \"rel_l2\", \"max_abs\" or \"parameter_errors\"")
        check([("\"max_abs\": {", "\"max_abz\": {")],
              path: "expect.max_abz", contains: "unknown key (expected one of rel_l2, max_abs, published, parameters, functions)")
    }

    func testGhiaNeedsTheSteadyUnitSquare() {
        let expected = "'ghia_cavity_re100' needs outputs u, v and two spatial inputs on [0, 1]"
        check([("\"y\": [0, 1]}", "\"y\": [0, 2]}")], path: "reference.name", contains: expected)
        check([("\"outputs\": [\"u\", \"v\", \"p\"]", "\"outputs\": [\"u\", \"w\", \"p\"]"), ("v_y", "w_y"), ("v*u_y", "w*u_y"),
               ("\"v\": 0", "\"w\": 0")],   // also turns the bound's "v": 0.02 into "w": 0.02
              path: "reference.name", contains: expected)
        check([("\"inputs\": [\"x\", \"y\"]", "\"inputs\": [\"x\", \"y\", \"t\"]"), ("\"y\": [0, 1]}", "\"y\": [0, 1], \"t\": [0, 1]}")],
              path: "reference.name", contains: expected)
        check([("\"outputs\": [\"u\", \"v\", \"p\"]", "\"outputs\": [\"u\", \"v\", \"ghia\"]"), ("p_x", "ghia_x")],
              path: "reference.name", contains: "which an output of that name would collide with")
    }
}
