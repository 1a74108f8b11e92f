import Foundation
import PINN
import XCTest

/// `output.mean_free`: the spatial mean over the grid is removed per output time, only from
/// the outputs listed, so a field fixed up to a constant compares by its shape alone.
final class OutputGridMeanFreeTests: XCTestCase {
    func testMeanIsRemovedAtEachTime() throws {
        // x: 3 points, t: 2 points; axes [t, x].
        let problem = try ProblemFixture.load(ProblemFixture.variant([("\"grid\": {\"x\": 11, \"t\": 11}", "\"grid\": {\"x\": 3, \"t\": 2}")]))
        let grid = OutputGrid(problem: problem)
        XCTAssertEqual(grid.axisOrder, ["t", "x"])
        let fields = ["u": [1.0, 2, 6, 10, 10, 13], "q": [1.0, 2, 3, 4, 5, 6]]
        let result = grid.removingSpatialMean(fields, outputs: ["u"])
        XCTAssertEqual(result["u"]!, [-2, -1, 3, -1, -1, 2], "means 3 and 11 removed")
        XCTAssertEqual(result["q"]!, fields["q"]!, "outputs not listed are left alone")
        XCTAssertEqual(grid.removingSpatialMean(fields, outputs: []), fields)
    }

    func testSteadyProblemsRemoveOneMean() throws {
        let steady = ProblemFixture.variant([
            ("\"inputs\": [\"x\", \"t\"]", "\"inputs\": [\"x\"]"), ("\"x\": [0, 1], \"t\": [0, 1]", "\"x\": [0, 1]"),
            ("u_t - alpha*u_xx", "u_xx"), ("{\"name\": \"ic\", \"kind\": \"initial\", \"value\": \"sin(pi*x)\"},", ""),
            ("\"weights\": {\"ic\": 10},", ""), ("exp(-alpha*pi^2*t)*sin(pi*x)", "0*x"),
            ("\"grid\": {\"x\": 11, \"t\": 11}", "\"grid\": {\"x\": 4}")])
        let grid = OutputGrid(problem: try ProblemFixture.load(steady))
        XCTAssertEqual(grid.removingSpatialMean(["u": [1, 2, 3, 6]], outputs: ["u"])["u"]!, [-2, -1, 0, 3])
    }
}
