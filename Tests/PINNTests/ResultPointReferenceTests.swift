import Foundation
import XCTest

import PINN

/// A result compared with a reference given at points (the cavity against Ghia et al.):
/// `/reference/ghia` and the `max_abs_<output>` attributes, read back, and left out of XDMF.
final class ResultPointReferenceTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("result-points") }
    override func tearDown() { scratch.remove() }

    func testGhiaGroupLayout() throws {
        let result = FakeResults.cavity()
        XCTAssertEqual(result.maxAbsolute["u"]!, 0.016, accuracy: 1e-15, "derived from the comparison")
        XCTAssertEqual(result.maxAbsolute["v"]!, 0.004, accuracy: 1e-15)
        let written = try ResultWriter.write(result, to: scratch.url)
        let file = try HDF5File.open(at: written[0])
        defer { try? file.close() }
        XCTAssertEqual(try file.childNames(), ["fields", "grid", "reference", "training"], "no /error without a field reference")
        XCTAssertEqual(try file.childNames(of: "/reference"), ["ghia"])
        XCTAssertEqual(try file.childNames(of: "/reference/ghia"), ["u_ghia", "u_pinn", "v_ghia", "v_pinn", "x", "y"])
        let reference = result.pointComparison!.reference
        XCTAssertEqual(try file.readDoubles("/reference/ghia/y").values, reference.lines[0].coordinates)
        XCTAssertEqual(try file.readDoubles("/reference/ghia/u_ghia").values, reference.lines[0].values)
        XCTAssertEqual(try file.readDoubles("/reference/ghia/u_pinn").values, result.pointComparison!.predicted[0])
        XCTAssertEqual(try file.readDoubles("/reference/ghia/x").values, reference.lines[1].coordinates)
        XCTAssertEqual(try file.readDoubles("/reference/ghia/v_pinn").shape, [17])
        XCTAssertEqual(try file.stringAttribute("line", on: "/reference/ghia/u_ghia"), "x = 0.5")
        XCTAssertEqual(try file.stringAttribute("line", on: "/reference/ghia/v_ghia"), "y = 0.5")
        XCTAssertEqual(try file.stringsAttribute("outputs", on: "/reference/ghia"), ["u", "v"])
        XCTAssertEqual(try file.stringAttribute("source", on: "/reference/ghia"), GhiaCavity.source)
        XCTAssertEqual(try file.doubleAttribute("max_abs_u"), 0.016, accuracy: 1e-15)
        XCTAssertEqual(try file.doubleAttribute("max_abs_v"), 0.004, accuracy: 1e-15)
        XCTAssertFalse(try file.hasAttribute("rel_l2_u"))
        XCTAssertEqual(try file.readDoubles("/fields/u").shape, [5, 9], "fields stay on the grid, [ny, nx]")
    }

    func testReadsBack() throws {
        let result = FakeResults.cavity()
        let written = try ResultWriter.write(result, to: scratch.url)
        let back = try ResultWriter.readResult(from: written[0])
        XCTAssertEqual(back.pointComparison, result.pointComparison)
        XCTAssertEqual(back.maxAbsolute, result.maxAbsolute)
        XCTAssertEqual(back.reference, [:], "the point group is not an output's field")
        XCTAssertEqual(back.relativeL2, [:])
        XCTAssertEqual(back.extraAttributes, [:], "max_abs_<output> are not extras")
        XCTAssertEqual(back.errorHistory?.columns, ["wall_seconds", "iteration", "max_abs_u", "max_abs_v"])
        XCTAssertEqual(back.fields, result.fields)
    }

    /// ParaView gets u, v, p on the grid; the 34 Ghia points are not a grid array.
    func testXDMFLeavesThePointsOut() throws {
        let written = try ResultWriter.write(FakeResults.cavity(), to: scratch.url)
        let xdmf = try String(contentsOf: written[1], encoding: .utf8)
        for name in ["\"u\"", "\"v\"", "\"p\""] { XCTAssertTrue(xdmf.contains("Name=\(name)"), "\(name) in\n\(xdmf)") }
        XCTAssertFalse(xdmf.contains("ghia"), xdmf)
    }

    func testValidationNamesCollisions() {
        var result = FakeResults.cavity()
        result.extraAttributes = ["max_abs_w": 1]
        XCTAssertTrue(result.validationProblems().contains { $0.contains("extraAttributes['max_abs_w'] collides") },
                      "\(result.validationProblems())")
        result = FakeResults.cavity()
        result.outputs = ["u", "v", "ghia"]
        result.fields["ghia"] = result.fields.removeValue(forKey: "p")
        XCTAssertTrue(result.validationProblems().contains { $0.contains("'ghia' is also an output") },
                      "\(result.validationProblems())")
        result = FakeResults.cavity()
        result.maxAbsolute["p"] = 1
        XCTAssertTrue(result.validationProblems().contains { $0.contains("maxAbsolute['p']") }, "\(result.validationProblems())")
        result = FakeResults.cavity()
        result.pointComparison = nil
        XCTAssertTrue(result.validationProblems().contains { $0.contains("without a pointComparison") },
                      "\(result.validationProblems())")
        XCTAssertEqual(FakeResults.cavity().validationProblems(), [])
    }
}
