import Foundation
import PINN
import XCTest

/// `SpectralConvergence` on a flow without a closed form (the vortex pair of
/// problems/vortex_merger.json, to t = 0.5): the differences from the finest solve shrink
/// with more points and smaller steps, and the finest has none.
final class SpectralConvergenceTests: XCTestCase {
    static let vortexPair = VorticityReferenceTests.taylorGreen(
        domain: #"{"x": [0, "2*pi"], "y": [0, "2*pi"], "t": [0, 0.5]}"#, grid: #"{"x": 17, "y": 17, "t": 3}"#,
        outputs: #"["u", "v", "p"]"#,
        reference: #"{"kind": "spectral", "solver": "vorticity_2d", "modes": 32, "dt": 0.05}"#)
        .replacingOccurrences(of: #""sin(x)*cos(y)*exp(-2*nu*t)""#,
                              with: #""-1/pi*(sin(y - pi)/(2.25 - cos(x - 2.5) - cos(y - pi)) + sin(y - pi)/(2.25 - cos(x - 3.7) - cos(y - pi)))""#)
        .replacingOccurrences(of: #""-cos(x)*sin(y)*exp(-2*nu*t)""#,
                              with: #""1/pi*(sin(x - 2.5)/(2.25 - cos(x - 2.5) - cos(y - pi)) + sin(x - 3.7)/(2.25 - cos(x - 3.7) - cos(y - pi)))""#)

    func testDifferencesShrinkTowardsTheFinest() throws {
        let problem = try ProblemFixture.load(Self.vortexPair)
        guard case .spectral(let base)? = problem.reference else { return XCTFail("fixture has a spectral reference") }
        let study = try SpectralConvergence(problem: problem, grid: OutputGrid(problem: problem), base: base,
                                            modes: [64, 16, 32], dts: [0.05, 0.1, 0.025])
        XCTAssertEqual(study.outputs, ["u", "v", "p"])
        XCTAssertEqual(study.byModes.map(\.modes), [16, 32, 64], "modes ascending")
        XCTAssertEqual(study.byStep.compactMap(\.dt), [0.1, 0.05, 0.025], "steps descending")
        XCTAssertTrue(study.byModes.allSatisfy { $0.dt == 0.025 } && study.byStep.allSatisfy { $0.modes == 64 })
        for output in study.outputs {
            let byModes = study.byModes.map { $0.difference[output]! }, bySteps = study.byStep.map { $0.difference[output]! }
            print("\(output): by modes \(byModes), by step \(bySteps), file's settings \(study.shipped.difference[output]!)")
            XCTAssertEqual(byModes.last, 0, "\(output): the finest against itself")
            XCTAssertGreaterThan(byModes[0], 10 * byModes[1], "\(output): 16 → 32 points gains more than 10×")
            XCTAssertGreaterThan(bySteps[0], 8 * bySteps[1], "\(output): halving the step gains 9× here (16× asymptotically: fourth order)")
            XCTAssertGreaterThan(byModes[0], 1e-6, "\(output): 16 points are visibly unresolved (else the test proves nothing)")
        }
        XCTAssertEqual(study.shipped.modes, 32)
        XCTAssertEqual(study.shipped.dt, 0.05)
        XCTAssertEqual(study.shipped.difference["u"]!, study.byModes[1].difference["u"]!, accuracy: 1e-6,
                       "32 points at dt 0.05 differ from the finest about as 32 points at 0.025 do (space dominates)")
    }
}
