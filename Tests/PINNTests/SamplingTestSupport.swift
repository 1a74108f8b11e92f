import PINN
import ENNCore
import XCTest

/// Shared checks for the sampler tests.
enum SamplingTestSupport {
    /// Fails unless every value lies in [0, 1).
    static func assertInUnitCube(_ points: [Double], _ label: String,
                                 file: StaticString = #filePath, line: UInt = #line) {
        for (i, x) in points.enumerated() where !(x >= 0 && x < 1) {
            XCTFail("\(label): value \(i) = \(x) lies outside [0, 1)", file: file, line: line)
            return
        }
    }

    /// Fails unless coordinate `axis` of the n points (row-major [n × d]) has exactly one point
    /// in each stratum [k/n, (k+1)/n).
    static func assertStratified(_ points: [Double], dimension d: Int, axis: Int, _ label: String,
                                 file: StaticString = #filePath, line: UInt = #line) {
        let n = points.count / d
        var hits = [Int](repeating: 0, count: n)
        for p in 0..<n {
            let k = Int((points[p * d + axis] * Double(n)).rounded(.down))
            guard k >= 0 && k < n else {
                XCTFail("\(label): axis \(axis) point \(p) = \(points[p * d + axis]) outside [0,1)", file: file, line: line)
                return
            }
            hits[k] += 1
        }
        if let k = hits.firstIndex(where: { $0 != 1 }) {
            XCTFail("\(label): axis \(axis) stratum \(k) of \(n) holds \(hits[k]) points, expected 1",
                    file: file, line: line)
        }
    }

    /// The first elementary box [α/2^a, (α+1)/2^a) × [β/2^b, (β+1)/2^b) with a + b ≤ m − t whose
    /// count differs from 2^(m−a−b), for 2^m points given as 52-bit integer coordinates of
    /// dimensions i, j (row-major [2^m × d]); nil when the points form a (t, m, 2)-net.
    static func netDefect(_ x: [UInt64], dimension d: Int, m: Int, t: Int, i: Int, j: Int)
        -> (a: Int, b: Int, box: Int, count: Int, expected: Int)? {
        let n = 1 << m
        precondition(x.count == n * d)
        guard t < m else { return nil }
        var counts = [Int](repeating: 0, count: 1 << (m - t))
        for a in 0...(m - t) {
            for b in 0...(m - t - a) {
                for c in 0..<(1 << (a + b)) { counts[c] = 0 }
                for p in 0..<n {
                    let alpha = Int(x[p * d + i] >> UInt64(52 - a))
                    let beta = Int(x[p * d + j] >> UInt64(52 - b))
                    counts[(alpha << b) | beta] += 1
                }
                let expected = 1 << (m - a - b)
                for c in 0..<(1 << (a + b)) where counts[c] != expected {
                    return (a, b, c, counts[c], expected)
                }
            }
        }
        return nil
    }

    /// Pearson's χ² = Σ (observed − expected)² / expected over categories with expected > 0.
    static func chiSquare(observed: [Int], probabilities: [Double]) -> Double {
        let n = Double(observed.reduce(0, +))
        var chi2 = 0.0
        for (o, p) in zip(observed, probabilities) where p > 0 {
            let e = n * p
            chi2 += (Double(o) - e) * (Double(o) - e) / e
        }
        return chi2
    }
}
