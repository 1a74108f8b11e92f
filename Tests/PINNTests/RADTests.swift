import PINN
import ENNCore
import XCTest

final class RADTests: XCTestCase {
    /// χ² critical values at p = 0.001 for 1…3 degrees of freedom.
    static let samplingChiSquareCritical = [10.83, 13.82, 16.27]

    private func samplingCheckRAD(residuals: [Double], k: Double, c: Double, expected: [Double], seed: UInt64,
                                  file: StaticString = #filePath, line: UInt = #line) {
        let n = 60_000
        var rng = RandomGenerator(seed: seed)
        let picks = radResampleIndices(residuals: residuals, k: k, c: c, count: n, rng: &rng)
        var observed = [Int](repeating: 0, count: residuals.count)
        for i in picks { observed[i] += 1 }
        for (o, p) in zip(observed, expected) where p == 0 {
            XCTAssertEqual(o, 0, "k=\(k) c=\(c): a zero-probability candidate was drawn", file: file, line: line)
        }
        let chi2 = SamplingTestSupport.chiSquare(observed: observed, probabilities: expected)
        let dof = expected.filter { $0 > 0 }.count - 1
        let critical = Self.samplingChiSquareCritical[dof - 1]
        XCTAssertLessThan(chi2, critical,
                          "k=\(k) c=\(c): expected \(expected.map { $0 * Double(n) }), observed \(observed), χ² \(chi2), tolerance \(critical)",
                          file: file, line: line)
    }

    func testProbabilitiesFollowResidualPowerPlusOffset() {
        let r = [0.0, -1.0, 2.0, 3.0]  // |r| is used
        samplingCheckRAD(residuals: r, k: 1, c: 0, expected: [0, 1.0 / 6, 2.0 / 6, 3.0 / 6], seed: 1)
        // |r|/mean = 0, 2/3, 4/3, 2; + 1 → 1, 5/3, 7/3, 3 (sum 8).
        samplingCheckRAD(residuals: r, k: 1, c: 1, expected: [3.0 / 24, 5.0 / 24, 7.0 / 24, 9.0 / 24], seed: 2)
        samplingCheckRAD(residuals: r, k: 2, c: 0, expected: [0, 1.0 / 14, 4.0 / 14, 9.0 / 14], seed: 3)
        samplingCheckRAD(residuals: r, k: 0, c: 0, expected: [0.25, 0.25, 0.25, 0.25], seed: 4)
        samplingCheckRAD(residuals: [0, 0, 0], k: 1, c: 0, expected: [1.0 / 3, 1.0 / 3, 1.0 / 3], seed: 5)
    }

    func testHighResidualCandidatesArePickedMoreOften() {
        var rng = RandomGenerator(seed: 6)
        let m = 1000
        var residuals = [Double](repeating: 0.01, count: m)
        for i in 0..<10 { residuals[i * 100] = 10 }
        let picks = radResampleIndices(residuals: residuals, k: 1, c: 0, count: 5000, rng: &rng)
        let hot = picks.filter { $0 % 100 == 0 }.count
        // p(hot) = 100 / (100 + 9.9) ≈ 0.91.
        XCTAssertGreaterThan(hot, 4400, "expected ≈ 4550 of 5000 on the 10 large residuals, observed \(hot)")
    }

    func testExtremeScalesDoNotOverflow() {
        var rng = RandomGenerator(seed: 7)
        let picks = radResampleIndices(residuals: [1e300, 1e-300], k: 3, c: 0, count: 100, rng: &rng)
        XCTAssertEqual(picks, [Int](repeating: 0, count: 100))
    }

    func testResampleReturnsCandidateRowsAndIsDeterministic() {
        let d = 3, m = 50
        var gen = RandomGenerator(seed: 8)
        let candidates = samplePoints(.uniform, count: m, dimension: d, rng: &gen)
        var residuals = [Double](repeating: 0, count: m)
        for i in 0..<m { residuals[i] = candidates[i * d] * candidates[i * d] }
        var a = RandomGenerator(seed: 9), b = RandomGenerator(seed: 9), c = RandomGenerator(seed: 9)
        let points = radResample(candidates: candidates, dimension: d, residuals: residuals, k: 1, c: 0.5, count: 40, rng: &a)
        let again = radResample(candidates: candidates, dimension: d, residuals: residuals, k: 1, c: 0.5, count: 40, rng: &b)
        let picks = radResampleIndices(residuals: residuals, k: 1, c: 0.5, count: 40, rng: &c)
        XCTAssertEqual(points, again)
        XCTAssertEqual(points.count, 40 * d)
        for (p, i) in picks.enumerated() {
            XCTAssertEqual(Array(points[(p * d)..<(p * d + d)]), Array(candidates[(i * d)..<(i * d + d)]))
        }
        XCTAssertEqual(radResample(candidates: candidates, dimension: d, residuals: residuals, k: 1, c: 1, count: 0, rng: &a), [])
    }
}
