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
