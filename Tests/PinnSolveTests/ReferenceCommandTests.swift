import Foundation
import PINN
import XCTest

/// `pinn-solve reference problems/burgers.json --method spectral` agrees with the Cole–Hopf
/// solution, computed independently here, to ≤ 1e-6 relative L2 on the output grid.
final class ReferenceCommandTests: XCTestCase {
    func testSpectralBurgersReferenceMatchesColeHopf() throws {
        let dir = try temporaryDirectory(self)
        let problem = PinnSolveBinary.packageRoot.appendingPathComponent("problems/burgers.json").path
        let start = Date()
        let r = try PinnSolveBinary.run(["reference", problem, "--method", "spectral", "--output", "out"], in: dir)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(r.status, 0, r.stderr)
        let data = try ResultWriter.readReference(from: dir.appendingPathComponent("out/burgers.reference.h5"))
        let x = data.grid["x"]!, t = data.grid["t"]!
        XCTAssertGreaterThanOrEqual(x.count, 256)
        XCTAssertGreaterThanOrEqual(t.count, 100)
        let coleHopf = BurgersColeHopf(nu: 0.01 / Double.pi)
        var expected: [Double] = []
        for ti in t { for xi in x { expected.append(coleHopf.u(x: xi, t: ti)) } }
        let error = ReferenceEvaluator.relativeL2(data.reference["u"]!, expected)
        XCTAssertLessThanOrEqual(error, 1e-6, "spectral vs Cole–Hopf rel. L2: expected ≤ 1e-6, observed \(error)")
        XCTAssertLessThan(seconds, 60, "reference took \(seconds) s")
        print("spectral Burgers reference vs Cole–Hopf: rel. L2 \(error) in \(seconds) s")
    }
}

/// `pinn-solve reference FILE --convergence`: two Markdown tables and the file's settings,
/// nothing written; bad lists and files without a spectral reference exit 2.
final class ReferenceConvergenceCommandTests: XCTestCase {
    func testConvergenceTablesOfTheVortexProblem() throws {
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("vortex_merger", in: dir) { p in
            p["domain"] = ["x": [0, "2*pi"], "y": [0, "2*pi"], "t": [0, 0.5]]
            p["output"] = ["grid": ["x": 17, "y": 17, "t": 3]]
        }
        let r = try PinnSolveBinary.run(["reference", url.lastPathComponent, "--convergence", "--modes", "32,64", "--dts", "0.1,0.05",
                                         "--output", "out"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("| modes | dt | u | v | p | seconds |"), r.stdout)
        for row in ["| 32 | 0.05 |", "| 64 | 0.05 | 0.0e+00 | 0.0e+00 | 0.0e+00 |", "| 64 | 0.1 |", "| 128 | 0.005 |"] {
            XCTAssertTrue(r.stdout.contains(row), "«\(row)» missing in\n\(r.stdout)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "--convergence writes nothing")
    }

    func testConvergenceRefusesBadInput() throws {
        let dir = try temporaryDirectory(self)
        let vortex = try reducedProblem("vortex_merger", in: dir) { _ in }
        let bad = try PinnSolveBinary.run(["reference", vortex.lastPathComponent, "--convergence", "--modes", "32,x"], in: dir)
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--modes 32,x: expected a comma-separated list of positive numbers"), bad.stderr)
        let heat = PinnSolveBinary.packageRoot.appendingPathComponent("problems/heat1d.json").path
        let analytic = try PinnSolveBinary.run(["reference", heat, "--convergence"], in: dir)
        XCTAssertEqual(analytic.status, 2)
        XCTAssertTrue(analytic.stderr.contains("--convergence needs a spectral reference in the file"), analytic.stderr)
    }
}
