import PINN
import ENNCore
import XCTest

final class CollocationTests: XCTestCase {
    func testScaleToBoxMapsIntoTheBox() {
        let lower = [-1.0, 0.0, 2.0], upper = [1.0, 0.5, 5.0]
        let unit = [0, 0, 0, 0.5, 0.5, 0.5, 1.0.nextDown, 1.0.nextDown, 1.0.nextDown]
        let x = scaleToBox(unit, lower: lower, upper: upper)
        XCTAssertEqual(Array(x[0..<6]), [-1, 0, 2, 0, 0.25, 3.5])
        for j in 0..<3 { XCTAssertLessThanOrEqual(x[6 + j], upper[j]) }
        var rng = RandomGenerator(seed: 5)
        let y = scaleToBox(samplePoints(.uniform, count: 500, dimension: 3, rng: &rng), lower: lower, upper: upper)
        for p in 0..<500 {
            for j in 0..<3 { XCTAssert(y[p * 3 + j] >= lower[j] && y[p * 3 + j] <= upper[j]) }
        }
        XCTAssertEqual(scaleToBox([], lower: lower, upper: upper), [])
    }

    func testSampleFaceFixesTheCoordinateExactly() {
        let lower = [0.0, -2.0, 1.0], upper = [1.0, 2.0, 3.0]
        for kind in SamplerKind.allCases {
            var rng = RandomGenerator(seed: 8)
            let x = sampleFace(kind, count: 64, lower: lower, upper: upper, axis: 1, value: 2, rng: &rng)
            XCTAssertEqual(x.count, 64 * 3)
            for p in 0..<64 {
                XCTAssertEqual(x[p * 3 + 1], 2, "\(kind)")
                XCTAssert(x[p * 3] >= 0 && x[p * 3] <= 1, "\(kind)")
                XCTAssert(x[p * 3 + 2] >= 1 && x[p * 3 + 2] <= 3, "\(kind)")
            }
            var again = RandomGenerator(seed: 8)
            XCTAssertEqual(sampleFace(kind, count: 64, lower: lower, upper: upper, axis: 1, value: 2, rng: &again), x)
        }
        var rng = RandomGenerator(seed: 8)
        XCTAssertEqual(sampleFace(.sobol, count: 3, lower: [0], upper: [1], axis: 0, value: 1, rng: &rng), [1, 1, 1])
    }

    func testFaceCountsFollowMeasure() {
        // [0,4] × [0,1]: faces x = const have measure 1, faces y = const measure 4.
        let faces2 = [(axis: 0, value: 0.0), (axis: 0, value: 4.0), (axis: 1, value: 0.0), (axis: 1, value: 1.0)]
        XCTAssertEqual(faceCounts(count: 100, lower: [0, 0], upper: [4, 1], faces: faces2), [10, 10, 40, 40])
        // [0,1] × [0,2] × [0,3]: measures 6, 6, 3, 3, 2, 2.
        let faces3 = (0..<3).flatMap { axis in [(axis: axis, value: 0.0), (axis: axis, value: Double(axis + 1))] }
        XCTAssertEqual(faceCounts(count: 220, lower: [0, 0, 0], upper: [1, 2, 3], faces: faces3), [60, 60, 30, 30, 20, 20])
        // Largest remainders: quotas 1.4, 1.4, 5.6, 5.6 → 1, 1, 6, 6.
        XCTAssertEqual(faceCounts(count: 14, lower: [0, 0], upper: [4, 1], faces: faces2), [1, 1, 6, 6])
    }

    func testFaceCountsGiveEveryFaceAPointAndSumToN() {
        let thin = [(axis: 0, value: 0.0), (axis: 1, value: 0.0)]  // measures 1 and 1000
        XCTAssertEqual(faceCounts(count: 10, lower: [0, 0], upper: [1000, 1], faces: thin), [1, 9])
        let faces = [(axis: 0, value: 0.0), (axis: 0, value: 1.0), (axis: 1, value: 0.0), (axis: 1, value: 1.0)]
        XCTAssertEqual(faceCounts(count: 2, lower: [0, 0], upper: [1, 1], faces: faces), [1, 1, 0, 0])
        XCTAssertEqual(faceCounts(count: 0, lower: [0, 0], upper: [1, 1], faces: faces), [0, 0, 0, 0])
        for n in 0..<60 {
            let c = faceCounts(count: n, lower: [0, 0, 0], upper: [0.3, 7, 1], faces: faces + [(axis: 2, value: 1.0)])
            XCTAssertEqual(c.reduce(0, +), n)
            if n >= 5 { XCTAssertFalse(c.contains(0), "n=\(n): \(c)") }
        }
    }

    func testOneDimensionalEndpointsWeighTheSame() {
        let ends = [(axis: 0, value: -1.0), (axis: 0, value: 1.0)]
        XCTAssertEqual(faceCounts(count: 5, lower: [-1], upper: [1], faces: ends), [3, 2])
        XCTAssertEqual(faceCounts(count: 1, lower: [-1], upper: [1], faces: ends), [1, 0])
        var rng = RandomGenerator(seed: 4)
        XCTAssertEqual(sampleFaces(.halton, count: 4, lower: [-1], upper: [1], faces: ends, rng: &rng), [-1, -1, 1, 1])
    }

    func testSampleFacesConcatenatesFacesInOrder() {
        let lower = [0.0, 0.0], upper = [4.0, 1.0]
        let faces = [(axis: 0, value: 0.0), (axis: 0, value: 4.0), (axis: 1, value: 0.0), (axis: 1, value: 1.0)]
        var rng = RandomGenerator(seed: 21)
        let x = sampleFaces(.sobol, count: 100, lower: lower, upper: upper, faces: faces, rng: &rng)
        XCTAssertEqual(x.count, 200)
        let ranges = [0..<10, 10..<20, 20..<60, 60..<100]
        for (f, range) in ranges.enumerated() {
            for p in range {
                XCTAssertEqual(x[p * 2 + faces[f].axis], faces[f].value, "face \(f) point \(p)")
                let other = 1 - faces[f].axis
                XCTAssert(x[p * 2 + other] >= lower[other] && x[p * 2 + other] <= upper[other])
            }
        }
        // Same as drawing the faces one after another.
        var a = RandomGenerator(seed: 21)
        var manual: [Double] = []
        for (f, face) in faces.enumerated() {
            manual += sampleFace(.sobol, count: ranges[f].count, lower: lower, upper: upper,
                                 axis: face.axis, value: face.value, rng: &a)
        }
        XCTAssertEqual(manual, x)
    }
}
