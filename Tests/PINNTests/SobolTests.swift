import PINN
import ENNCore
import XCTest

final class SobolTests: XCTestCase {
    /// Degrees of the primitive polynomials of dimensions 1…21 (dimension 1 counts as degree 1);
    /// a projection onto dimensions i, j is a (t, 2)-sequence with t ≤ (e_i − 1) + (e_j − 1).
    static let samplingSobolDegrees = [1, 1, 2, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7, 7]

    /// Reference points from `scipy.stats.qmc.Sobol(21, scramble=False, bits=32)` (Joe & Kuo
    /// new-joe-kuo-6.21201), as 32-bit integers, by index.
    static let samplingSobolReference: [(index: Int, x: [UInt64])] = [
        (1, [UInt64](repeating: 2147483648, count: 21)),
        (2, [3221225472, 1073741824, 1073741824, 1073741824, 3221225472, 3221225472, 1073741824, 3221225472, 3221225472, 3221225472, 3221225472, 3221225472, 1073741824, 1073741824, 3221225472, 1073741824, 3221225472, 1073741824, 3221225472, 1073741824, 1073741824]),
        (5, [3758096384, 3758096384, 536870912, 1610612736, 3758096384, 2684354560, 3758096384, 1610612736, 1610612736, 536870912, 1610612736, 3758096384, 3758096384, 536870912, 3758096384, 1610612736, 3758096384, 1610612736, 1610612736, 2684354560, 2684354560]),
        (100, [1778384896, 1107296256, 3321888768, 3120562176, 3791650816, 3187671040, 100663296, 2046820352, 2717908992, 2986344448, 1979711488, 2919235584, 2046820352, 3657433088, 1375731712, 2113929216, 2919235584, 3187671040, 3590324224, 1442840576, 3254779904]),
        (1000, [943718400, 415236096, 2227175424, 2906652672, 1203765248, 3896508416, 197132288, 3862953984, 2151677952, 297795584, 364904448, 1094713344, 692060160, 1648361472, 616562688, 1589641216, 3091202048, 1480589312, 4257218560, 3116367872, 2243952640]),
        (4095, [1048576, 4042260480, 1435500544, 3872391168, 4038066176, 338690048, 4077912064, 1678770176, 823132160, 1058013184, 2446327808, 1380974592, 1584398336, 2232418304, 2366636032, 1789919232, 267386880, 2616197120, 3492806656, 2238709760, 969932800]),
        (65536, [98304, 2147450880, 2027257856, 3817504768, 1648132096, 3283845120, 1109360640, 2691530752, 395804672, 600801280, 302153728, 2088009728, 4205936640, 772440064, 511541248, 2937487360, 2513600512, 2411692032, 870481920, 671121408, 3632300032]),
        (1000003, [1187450880, 2413424640, 334991360, 1796354048, 3773812736, 2341023744, 948097024, 1145868288, 216535040, 18903040, 3815354368, 2925629440, 2247200768, 1216950272, 3861630976, 2001866752, 828977152, 2179633152, 3620204544, 2715676672, 3393581056]),
    ]

    func testDirectionNumbersMatchJoeKuoReferencePoints() {
        let sequence = SobolSequence(dimension: 21)
        for (index, expected) in Self.samplingSobolReference {
            let x = sequence.integerPoints(count: 1, start: index).map { $0 >> 20 }
            XCTAssertEqual(x, expected, "point \(index)")
        }
    }

    func testFirstDimensionIsVanDerCorput() {
        let p = SobolSequence(dimension: 1).points(count: 8, start: 0)
        // Gray-code order of the base-2 van der Corput sequence.
        XCTAssertEqual(p, [0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125])
        var sorted = p
        sorted.sort()
        XCTAssertEqual(sorted, (0..<8).map { Double($0) / 8 })
    }

    func testStartOffsetContinuesTheSequence() {
        let s = SobolSequence(dimension: 5)
        let all = s.integerPoints(count: 300, start: 0)
        let tail = s.integerPoints(count: 77, start: 223)
        XCTAssertEqual(Array(all[(223 * 5)...]), tail)
        let doubles = s.points(count: 300, start: 0)
        XCTAssertEqual(doubles, all.map { Double($0) * 0x1.0p-52 })
        XCTAssertFalse(s.points(count: 3, start: 1).contains(0), "skipping index 0 avoids the zero point")
    }

    func testUnshiftedOneDimensionalProjectionsAreStratified() {
        let d = SobolSequence.maximumDimension
        for m in 0...12 {
            let p = SobolSequence(dimension: d).points(count: 1 << m, start: 0)
            for axis in 0..<d {
                SamplingTestSupport.assertStratified(p, dimension: d, axis: axis, "Sobol m=\(m)")
            }
        }
    }

    func testTwoDimensionalProjectionsAreNetsWithKnownT() {
        let d = 8
        let degrees = Self.samplingSobolDegrees
        for m in 1...10 {
            let x = SobolSequence(dimension: d).integerPoints(count: 1 << m, start: 0)
            for i in 0..<d {
                for j in (i + 1)..<d {
                    let t = min(degrees[i] - 1 + degrees[j] - 1, m)
                    if let bad = SamplingTestSupport.netDefect(x, dimension: d, m: m, t: t, i: i, j: j) {
                        XCTFail("dims (\(i + 1), \(j + 1)) m=\(m) t=\(t): box \(bad.box) of size 2^-\(bad.a) × 2^-\(bad.b) holds \(bad.count), expected \(bad.expected)")
                    }
                }
            }
        }
    }

    func testFirstTwoDimensionsFormZeroMNets() {
        for m in 1...12 {
            let x = SobolSequence(dimension: 2).integerPoints(count: 1 << m, start: 0)
            XCTAssertNil(SamplingTestSupport.netDefect(x, dimension: 2, m: m, t: 0, i: 0, j: 1), "m=\(m)")
        }
    }

    func testHigherDimensionPairsMeetTheirTBound() {
        let d = SobolSequence.maximumDimension
        let degrees = Self.samplingSobolDegrees
        let m = 10
        let x = SobolSequence(dimension: d).integerPoints(count: 1 << m, start: 0)
        for i in 0..<d {
            for j in max(i + 1, 8)..<d {
                let t = min(degrees[i] - 1 + degrees[j] - 1, m)
                XCTAssertNil(SamplingTestSupport.netDefect(x, dimension: d, m: m, t: t, i: i, j: j),
                             "dims (\(i + 1), \(j + 1)) t=\(t)")
            }
        }
    }

    func testDigitalShiftKeepsStratificationAndNetProperty() {
        var rng = RandomGenerator(seed: 99)
        let m = 10, d = 8
        let p = samplePoints(.sobol, count: 1 << m, dimension: d, rng: &rng)
        for axis in 0..<d {
            SamplingTestSupport.assertStratified(p, dimension: d, axis: axis, "shifted Sobol")
        }
        let x = p.map { UInt64($0 * 0x1.0p52) }
        XCTAssertNil(SamplingTestSupport.netDefect(x, dimension: d, m: m, t: 0, i: 0, j: 1))
        XCTAssertNil(SamplingTestSupport.netDefect(x, dimension: d, m: m, t: 1, i: 1, j: 2))
        // The shift is a XOR of the plain sequence.
        var rng2 = RandomGenerator(seed: 99)
        var shift = [UInt64](repeating: 0, count: d)
        for j in 0..<d { shift[j] = rng2.next() >> 12 }
        XCTAssertEqual(SobolSequence(dimension: d).integerPoints(count: 1 << m, start: 0, digitalShift: shift), x)
    }
}
