import Foundation
import PINN
import XCTest

/// The Ghia, Ghia & Shin (1982) table as a point reference, and the largest-deviation metric.
final class GhiaReferenceTests: XCTestCase {
    func testTableIsTheOneInANCHORS() {
        let u = GhiaCavity.uOnVerticalCentreline, v = GhiaCavity.vOnHorizontalCentreline
        XCTAssertEqual(u.count, 17)
        XCTAssertEqual(v.count, 17)
        // Spot checks against ANCHORS.md (Ghia et al. Tables I and II, Re = 100).
        XCTAssertEqual(u[1].y, 0.9766); XCTAssertEqual(u[1].u, 0.84123)
        XCTAssertEqual(u[8].y, 0.5); XCTAssertEqual(u[8].u, -0.20581)
        XCTAssertEqual(u[9].y, 0.4531); XCTAssertEqual(u[9].u, -0.21090, "the minimum of u")
        XCTAssertEqual(u[15].y, 0.0547); XCTAssertEqual(u[15].u, -0.03717)
        XCTAssertEqual(v[7].x, 0.8047); XCTAssertEqual(v[7].v, -0.24533, "the minimum of v")
        XCTAssertEqual(v[8].x, 0.5); XCTAssertEqual(v[8].v, 0.05454)
        XCTAssertEqual(v[9].x, 0.2344); XCTAssertEqual(v[9].v, 0.17527, "the maximum of v")
        XCTAssertEqual(v[16].x, 0); XCTAssertEqual(v[16].v, 0)
        // The walls: u = 1 under the lid, 0 at the bottom; v = 0 at both side walls.
        XCTAssertEqual([u.first!.u, u.last!.u, v.first!.v, v.last!.v], [1, 0, 0, 0])
        // Every coordinate is a node of Ghia's 129-point grid, j/128, printed to four digits.
        for c in u.map(\.y) + v.map(\.x) {
            let j = (c * 128).rounded()
            XCTAssertEqual(c, j / 128, accuracy: 5e-5, "coordinate \(c) is not j/128")
        }
    }

    func testReferenceLinesFollowTheInputNames() {
        let r = GhiaCavity.reference(horizontal: "x", vertical: "y")
        XCTAssertEqual(r.name, "ghia")
        XCTAssertEqual(r.outputs, ["u", "v"])
        let u = r.line(of: "u")!, v = r.line(of: "v")!
        XCTAssertEqual(u.along, "y")
        XCTAssertEqual(u.fixed, ["x": 0.5])
        XCTAssertEqual(u.placeDescription, "x = 0.5")
        XCTAssertEqual(v.along, "x")
        XCTAssertEqual(v.fixed, ["y": 0.5])
        XCTAssertEqual(u.coordinates, u.coordinates.sorted(), "ascending")
        XCTAssertEqual(u.coordinates.first, 0)
        XCTAssertEqual(u.values.last, 1, "u = 1 at the lid, the last point")
        XCTAssertEqual(v.values[8], 0.05454, "v at the centre")
        // Rows in problem-input order, whatever the order the inputs are listed in.
        XCTAssertEqual(Array(u.points(inputs: ["x", "y"]).prefix(4)), [0.5, 0, 0.5, 0.0547])
        XCTAssertEqual(Array(u.points(inputs: ["y", "x"]).prefix(4)), [0, 0.5, 0.0547, 0.5])
        let renamed = GhiaCavity.reference(horizontal: "a", vertical: "b")
        XCTAssertEqual(renamed.line(of: "u")!.along, "b")
        XCTAssertEqual(renamed.line(of: "v")!.fixed, ["b": 0.5])
    }

    /// A fake network u = reference + 0.01·(coordinate index), v = reference − 0.03 at one point.
    func testMaxAbsoluteIsTheLargestDeviationAndSaysWhere() {
        let reference = GhiaCavity.reference(horizontal: "x", vertical: "y")
        let u = reference.line(of: "u")!, v = reference.line(of: "v")!
        var predictedV = v.values
        predictedV[12] -= 0.03
        let comparison = PointComparison(reference: reference, predicted: [
            u.values.enumerated().map { $0.element + 0.001 * Double($0.offset) }, predictedV,
        ])
        XCTAssertEqual(comparison.maxAbsolute["u"]!, 0.016, accuracy: 1e-15)
        XCTAssertEqual(comparison.maxAbsolute["v"]!, 0.03, accuracy: 1e-15)
        let worstU = comparison.worstPoint(of: "u")!, worstV = comparison.worstPoint(of: "v")!
        XCTAssertEqual(worstU.coordinate, 1)
        XCTAssertEqual(worstU.deviation, 0.016, accuracy: 1e-15)
        XCTAssertEqual(worstV.coordinate, v.coordinates[12])
        XCTAssertEqual(worstV.deviation, -0.03, accuracy: 1e-15, "signed: network − reference")
        XCTAssertNil(comparison.worstPoint(of: "p"))
    }

    func testANaNPredictionIsNotAccurate() {
        let reference = GhiaCavity.reference(horizontal: "x", vertical: "y")
        var u = reference.line(of: "u")!.values
        u[3] = .nan
        let comparison = PointComparison(reference: reference, predicted: [u, reference.line(of: "v")!.values])
        XCTAssertTrue(comparison.maxAbsolute["u"]!.isNaN)
        XCTAssertEqual(comparison.maxAbsolute["v"], 0)
    }

    /// The evaluating initializer asks once for all 34 points, in input order, and splits
    /// the answer by line and output.
    func testComparisonEvaluatesEveryPointInOneCall() {
        let reference = GhiaCavity.reference(horizontal: "x", vertical: "y")
        var calls = 0
        // outputs [p, v, u]: u = x + 2y, v = x·y (a function of the point, so misrouting shows).
        let comparison = PointComparison(reference: reference, inputs: ["x", "y"], outputs: ["p", "v", "u"]) { rows in
            calls += 1
            XCTAssertEqual(rows.count, 34 * 2)
            let points = stride(from: 0, to: rows.count, by: 2).map { (rows[$0], rows[$0 + 1]) }
            return [points.map { _ in 7 }, points.map { $0.0 * $0.1 }, points.map { $0.0 + 2 * $0.1 }]
        }
        XCTAssertEqual(calls, 1)
        let u = reference.line(of: "u")!, v = reference.line(of: "v")!
        XCTAssertEqual(comparison.predicted[0], u.coordinates.map { 0.5 + 2 * $0 })
        XCTAssertEqual(comparison.predicted[1], v.coordinates.map { $0 * 0.5 })
    }
}
