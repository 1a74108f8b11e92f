import Foundation
import XCTest

import PINN

/// Writes DESIGN.md's HDF5 layout for a fake Burgers result and reads back every piece.
final class ResultLayoutTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("layout") }
    override func tearDown() { scratch.remove() }

    func testBurgersLayoutReadsBack() throws {
        let result = FakeSolverResult.burgers()
        let path = scratch.file("burgers.h5").path
        let file = try HDF5File.create(atPath: path)
        try result.write(to: file)
        XCTAssertEqual(file.openObjectCount, 1)
        try file.close()

        let read = try HDF5File.open(atPath: path)
        XCTAssertEqual(try read.childNames(), ["error", "fields", "grid", "reference", "training"])
        XCTAssertEqual(try read.childNames(of: "/grid"), ["t", "x"])
        XCTAssertEqual(try read.readDoubles("/grid/x"), HDF5Array(shape: [256], values: result.grid[1].values))
        XCTAssertEqual(try read.readDoubles("/grid/t"), HDF5Array(shape: [101], values: result.grid[0].values))

        let u = try read.readDoubles("/fields/u")
        XCTAssertEqual(u.shape, [101, 256])
        assertSameValues(u.values, result.fields[0].field, "/fields/u")
        let reference = try read.readDoubles("/reference/u")
        XCTAssertEqual(reference.shape, [101, 256])
        assertSameValues(reference.values, result.fields[0].reference, "/reference/u")
        let error = try read.readDoubles("/error/u")
        XCTAssertEqual(error.shape, [101, 256])
        assertSameValues(error.values, zip(u.values, reference.values).map { $0 - $1 }, "/error/u")
        // Row-major, t slowest: element [it, ix] is u(x[ix], t[it]).
        XCTAssertEqual(u.values[7 * 256 + 200], result.fields[0].field[7 * 256 + 200])

        let loss = try read.readDoubles("/training/loss")
        XCTAssertEqual(loss.shape, [result.iterations, 3])
        assertSameValues(loss.values, result.loss, "/training/loss")
        XCTAssertEqual(try read.stringsAttribute("columns", on: "/training/loss"), ["pde", "initial", "boundary"])
        XCTAssertEqual(try read.readDoubles("/training/parameters"), HDF5Array(shape: [321], values: result.parameters))

        XCTAssertEqual(try read.attributeNames(), ["problem", "rel_l2_u", "seed", "version", "wall_seconds"])
        for (name, value) in result.attributes {
            XCTAssertEqual(try read.attribute(name), value, "root @\(name)")
        }
        let problem = try read.stringAttribute("problem")
        let decoded = try JSONSerialization.jsonObject(with: Data(problem.utf8)) as? [String: Any]
        XCTAssertEqual(decoded?["name"] as? String, "burgers", "the problem attribute is the JSON text")
        XCTAssertEqual(try read.intAttribute("seed"), 1234)
        XCTAssertEqual(try read.doubleAttribute("wall_seconds"), 12.75)
        XCTAssertEqual(read.openObjectCount, 1)
    }
}
