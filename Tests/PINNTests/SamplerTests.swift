import PINN
import ENNCore
import XCTest

final class SamplerTests: XCTestCase {
    func testSameSeedGivesSamePointsAndState() {
        for kind in SamplerKind.allCases {
            var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42)
            let pa = samplePoints(kind, count: 257, dimension: 3, rng: &a)
            let pb = samplePoints(kind, count: 257, dimension: 3, rng: &b)
            XCTAssertEqual(pa, pb, "\(kind)")
            XCTAssertEqual(a.next(), b.next(), "\(kind): generator states differ afterwards")
        }
    }

    func testDifferentSeedsGiveDifferentPoints() {
        for kind in SamplerKind.allCases {
            var a = RandomGenerator(seed: 1), b = RandomGenerator(seed: 2)
            let pa = samplePoints(kind, count: 64, dimension: 2, rng: &a)
            let pb = samplePoints(kind, count: 64, dimension: 2, rng: &b)
            XCTAssertNotEqual(pa, pb, "\(kind)")
            let same = zip(pa, pb).filter { $0 == $1 }.count
            XCTAssertLessThan(same, 4, "\(kind): \(same) of \(pa.count) coordinates coincide")
        }
    }

    func testPointsLieInUnitCubeWithRequestedShape() {
        var rng = RandomGenerator(seed: 7)
        for kind in SamplerKind.allCases {
            for d in [1, 3, 8] {
                for n in [0, 1, 7, 100, 1024] {
                    let p = samplePoints(kind, count: n, dimension: d, rng: &rng)
                    XCTAssertEqual(p.count, n * d, "\(kind) n=\(n) d=\(d)")
                    SamplingTestSupport.assertInUnitCube(p, "\(kind) n=\(n) d=\(d)")
                }
            }
        }
    }

    func testMaximumDimensions() {
        XCTAssertEqual(SamplerKind.sobol.maximumDimension, 21)
        XCTAssertEqual(SamplerKind.halton.maximumDimension, 8)
        XCTAssertEqual(SamplerKind.uniform.maximumDimension, Int.max)
        var rng = RandomGenerator(seed: 3)
        XCTAssertEqual(samplePoints(.sobol, count: 5, dimension: 21, rng: &rng).count, 105)
        XCTAssertEqual(samplePoints(.uniform, count: 2, dimension: 30, rng: &rng).count, 60)
    }

    func testRawValuesMatchProblemFileNames() {
        XCTAssertEqual(SamplerKind.allCases.map(\.rawValue), ["uniform", "latin_hypercube", "sobol", "halton"])
        XCTAssertEqual(SamplerKind(rawValue: "latin_hypercube"), .latinHypercube)
    }

    func testLatinHypercubeHasOnePointPerStratumOnEveryAxis() {
        var rng = RandomGenerator(seed: 11)
        for (n, d) in [(1, 1), (2, 3), (10, 2), (1000, 5)] {
            let p = samplePoints(.latinHypercube, count: n, dimension: d, rng: &rng)
            for axis in 0..<d {
                SamplingTestSupport.assertStratified(p, dimension: d, axis: axis, "LHS n=\(n) d=\(d)")
            }
        }
    }

    func testCoordinateMeansAreNearOneHalf() {
        let n = 4096, d = 4
        let standardError = (1.0 / (12.0 * Double(n))).squareRoot()
        for kind in SamplerKind.allCases {
            var rng = RandomGenerator(seed: 2024)
            let p = samplePoints(kind, count: n, dimension: d, rng: &rng)
            for j in 0..<d {
                var sum = 0.0
                for i in 0..<n { sum += p[i * d + j] }
                let mean = sum / Double(n)
                XCTAssertLessThan(abs(mean - 0.5), 4 * standardError,
                                  "\(kind) axis \(j): expected 0.5, observed \(mean), error \(mean - 0.5), tolerance \(4 * standardError)")
            }
        }
    }

    func testHaltonFirstPointsInBasesTwoAndThree() {
        let p = HaltonSequence(dimension: 2).points(count: 6)
        let expected: [Double] = [1.0 / 2, 1.0 / 3, 1.0 / 4, 2.0 / 3, 3.0 / 4, 1.0 / 9,
                                  1.0 / 8, 4.0 / 9, 5.0 / 8, 7.0 / 9, 3.0 / 8, 2.0 / 9]
        XCTAssertEqual(p, expected)
        XCTAssertEqual(HaltonSequence(dimension: 1).points(count: 1, start: 0), [0])
    }

    func testHaltonIncrementalDigitsMatchRadicalInverse() {
        let d = HaltonSequence.maximumDimension
        for start in [0, 1, 1_000_000, HaltonSequence.indexLimit - 300] {
            let p = HaltonSequence(dimension: d).points(count: 300, start: start)
            for i in 0..<300 {
                for j in 0..<d {
                    let expected = HaltonSequence.radicalInverse(start + i, base: HaltonSequence.bases[j])
                    guard p[i * d + j] == expected else {
                        return XCTFail("index \(start + i) base \(HaltonSequence.bases[j]): expected \(expected), observed \(p[i * d + j])")
                    }
                }
            }
        }
        XCTAssertEqual(HaltonSequence.radicalInverse(11, base: 2), 13.0 / 16)  // 1011 → 0.1101
    }

    func testHaltonShiftIsRotationModuloOne() {
        let shift = [0.75, 0.1]
        let plain = HaltonSequence(dimension: 2).points(count: 50)
        let rotated = HaltonSequence(dimension: 2).points(count: 50, shift: shift)
        for i in 0..<50 {
            for j in 0..<2 {
                var x = plain[i * 2 + j] + shift[j]
                if x >= 1 { x -= 1 }
                XCTAssertEqual(rotated[i * 2 + j], x)
            }
        }
        SamplingTestSupport.assertInUnitCube(rotated, "rotated Halton")
    }
}
