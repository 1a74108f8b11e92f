import Foundation
import PINN
import XCTest

/// The `vorticity_2d` reference wired to problem files: Taylor–Green through a file matches
/// its analytic decay, on shifted boxes and start times, on and off the solver grid; files
/// the solver cannot take are refused with the JSON path and what is missing.
final class VorticityReferenceTests: XCTestCase {
    /// Taylor–Green (ANCHORS.md) from the file's initial condition at t0, on [a, a + 2π]².
    /// `domain` and `grid` are JSON fragments; `extra` is spliced into the top level.
    static func taylorGreen(domain: String = #"{"x": [0, "2*pi"], "y": [0, "2*pi"], "t": [0, 1]}"#,
                            grid: String = #"{"x": 33, "y": 33, "t": 5}"#,
                            outputs: String = #"["u", "v", "p", "w"]"#,
                            network: String = #"{"hidden": [8], "periodic": {"x": "2*pi", "y": "2*pi"}}"#,
                            reference: String = #"{"kind": "spectral", "solver": "vorticity_2d", "modes": 32}"#,
                            inputs: String = #"["x", "y", "t"]"#) -> String {
        """
        {
          "schema": 1,
          "inputs": \(inputs),
          "outputs": \(outputs),
          "parameters": {"nu": 0.1},
          "domain": \(domain),
          "pde": {"continuity": "u_x + v_y"},
          "conditions": [
            {"name": "initial", "kind": "initial", "values": {
              "u": "sin(x)*cos(y)*exp(-2*nu*t)", "v": "-cos(x)*sin(y)*exp(-2*nu*t)"}}
          ],
          "network": \(network),
          "training": [{"optimizer": "adam", "iterations": 1}],
          "reference": \(reference),
          "output": {"grid": \(grid)}
        }
        """
    }

    /// u, v, p, ω of Taylor–Green at every grid point, [nt, ny, nx].
    func exact(_ grid: OutputGrid, nu: Double) -> [String: [Double]] {
        var out: [String: [Double]] = ["u": [], "v": [], "p": [], "w": []]
        for t in grid.coordinates["t"]! { for y in grid.coordinates["y"]! { for x in grid.coordinates["x"]! {
            let f = exp(-2 * nu * t)
            out["u"]!.append(sin(x) * cos(y) * f)
            out["v"]!.append(-cos(x) * sin(y) * f)
            out["p"]!.append(0.25 * (cos(2 * x) + cos(2 * y)) * f * f)
            out["w"]!.append(2 * sin(x) * sin(y) * f)
        } } }
        return out
    }

    func check(_ text: String, tolerance: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let problem = try ProblemFixture.load(text)
        let grid = OutputGrid(problem: problem)
        XCTAssertEqual(grid.axisOrder, ["t", "y", "x"], file: file, line: line)
        let reference = try ReferenceEvaluator.evaluate(problem, on: grid)
        let expected = exact(grid, nu: 0.1)
        XCTAssertEqual(Set(reference.keys), Set(expected.keys.filter { problem.outputs.contains($0) }), file: file, line: line)
        for (name, values) in reference {
            assertReferenceMaxError(values, expected[name]!, tolerance: tolerance, "\(what): \(name)", file: file, line: line)
        }
    }

    /// Output grid 33 points on [0, 2π] with 32 modes: every output point is a solver point.
    func testTaylorGreenOnTheSolverGrid() throws {
        try check(Self.taylorGreen(), tolerance: 1e-10, "Taylor–Green, grid aligned")
    }

    /// Output points off the solver grid (spectral interpolation), box shifted to [1, 1 + 2π]
    /// and time to [0.5, 1.5] (the solver starts from the condition's value at t0 = 0.5).
    func testTaylorGreenShiftedBoxAndStartTime() throws {
        let text = Self.taylorGreen(domain: #"{"x": [1, "1 + 2*pi"], "y": [-2, "-2 + 2*pi"], "t": [0.5, 1.5]}"#,
                                    grid: #"{"x": 41, "y": 37, "t": 3}"#)
        try check(text, tolerance: 1e-10, "Taylor–Green, shifted, interpolated")
    }

    /// Periodic conditions (soft) stand in for the embedding; only u, v asked for.
    func testPeriodicConditionsAndVelocityOnly() throws {
        let text = Self.taylorGreen(outputs: #"["u", "v"]"#, network: #"{"hidden": [8]}"#)
            .replacingOccurrences(of: #"exp(-2*nu*t)"}}"#,
                                  with: #"exp(-2*nu*t)"}}, {"kind": "periodic", "input": "x"}, {"kind": "periodic", "input": "y"}"#)
        try check(text, tolerance: 1e-10, "Taylor–Green, periodic conditions")
    }

    /// A Dirichlet condition on the side `initial` gives the start as well as an initial condition.
    func testDirichletOnTheInitialSide() throws {
        let text = Self.taylorGreen().replacingOccurrences(of: #""kind": "initial", "values""#,
                                                           with: #""kind": "dirichlet", "side": "initial", "values""#)
        try check(text, tolerance: 1e-10, "Taylor–Green, Dirichlet on the initial side")
    }

    /// The inputs in another order: y first makes y the solver's x (u points along y); the
    /// fields still come out in the grid's axis order [t, y, x] (x, y, z by name).
    func testOtherInputOrder() throws {
        let text = Self.taylorGreen(grid: #"{"x": 33, "y": 17, "t": 3}"#, inputs: #"["y", "x", "t"]"#)
        let problem = try ProblemFixture.load(text)
        let grid = OutputGrid(problem: problem)
        XCTAssertEqual(grid.axisOrder, ["t", "y", "x"])
        let reference = try ReferenceEvaluator.evaluate(problem, on: grid)
        // (u along y, v along x) = (sin x cos y, −cos x sin y) F is again divergence-free
        // (u_y + v_x = 0) and one shell |k|² = 2, so it decays as e^{−2νt}.
        assertReferenceMaxError(reference["u"]!, exact(grid, nu: 0.1)["u"]!, tolerance: 1e-10, "Taylor–Green, inputs y, x, t: u")
        assertReferenceMaxError(reference["v"]!, exact(grid, nu: 0.1)["v"]!, tolerance: 1e-10, "Taylor–Green, inputs y, x, t: v")
    }

    func testMethodSpectralInfersTheVorticitySolver() throws {
        let text = Self.taylorGreen(reference: #"{"kind": "analytic", "fields": {"u": "0"}}"#)
        let problem = try ProblemFixture.load(text)
        let grid = OutputGrid(problem: problem)
        let reference = try ReferenceEvaluator.evaluate(problem, on: grid, method: .spectral)
        assertReferenceMaxError(reference["v"]!, exact(grid, nu: 0.1)["v"]!, tolerance: 1e-10, "inferred vorticity_2d: v")
    }

    // MARK: - What the solver cannot take

    func assertRefused(_ text: String, path: String, mentions: [String], file: StaticString = #filePath, line: UInt = #line) {
        guard let error = ProblemFixture.error(text, testFile: file, line: line) else { return }
        XCTAssertEqual(error.path, path, error.description, file: file, line: line)
        for word in mentions {
            XCTAssertTrue(error.description.contains(word), "«\(word)» not in: \(error.description)", file: file, line: line)
        }
    }

    func testNonPeriodicInputIsRefused() {
        assertRefused(Self.taylorGreen(network: #"{"hidden": [8], "periodic": {"x": "2*pi"}}"#),
                      path: "reference.solver", mentions: ["periodic box", "y is not periodic", "network"])
    }

    func testPeriodNotTheIntervalLengthIsRefused() {
        assertRefused(Self.taylorGreen(network: #"{"hidden": [8], "periodic": {"x": "pi", "y": "2*pi"}}"#),
                      path: "reference.solver", mentions: ["x is not periodic"])
    }

    func testSteadyOrOneDimensionalProblemsAreRefused() {
        let steady = Self.taylorGreen(domain: #"{"x": [0, "2*pi"], "y": [0, "2*pi"]}"#, grid: #"{"x": 9, "y": 9}"#,
                                      inputs: #"["x", "y"]"#)
            .replacingOccurrences(of: #""kind": "initial", "values""#, with: #""kind": "dirichlet", "side": "left", "values""#)
            .replacingOccurrences(of: "*exp(-2*nu*t)", with: "")
        assertRefused(steady, path: "reference.solver", mentions: ["two spatial inputs and time", "x, y"])
    }

    func testMissingVelocityOutputIsRefused() {
        let text = Self.taylorGreen(outputs: #"["u", "q"]"#)
            .replacingOccurrences(of: #""v": "-cos(x)*sin(y)*exp(-2*nu*t)""#, with: #""q": "0""#)
            .replacingOccurrences(of: "u_x + v_y", with: "u_x + q_y")
        assertRefused(text, path: "reference.solver", mentions: ["outputs u and v", "u, q"])
    }

    func testMissingInitialVelocityIsRefused() {
        let text = Self.taylorGreen().replacingOccurrences(of: #", "v": "-cos(x)*sin(y)*exp(-2*nu*t)""#, with: "")
        assertRefused(text, path: "reference.solver", mentions: ["initial condition giving v"])
    }

    func testMissingViscosityIsRefused() {
        let text = Self.taylorGreen().replacingOccurrences(of: #""parameters": {"nu": 0.1}"#, with: #""parameters": {"mu": 0.1}"#)
            .replacingOccurrences(of: "2*nu*t", with: "2*mu*t")
        assertRefused(text, path: "reference", mentions: ["'nu'"])
    }

    func testOddModesAreRefused() {
        assertRefused(Self.taylorGreen(reference: #"{"kind": "spectral", "solver": "vorticity_2d", "modes": 33}"#),
                      path: "reference.modes", mentions: ["even", "33"])
    }
}
