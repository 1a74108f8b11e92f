import XCTest
import ENNCore

/// Asserts |observed − expected| ≤ tolerance · max(1, |expected|) and prints all four on failure.
func assertClose(_ observed: Double, _ expected: Double, relative tolerance: Double, _ what: @autoclosure () -> String,
                 file: StaticString = #filePath, line: UInt = #line) {
    let error = Swift.abs(observed - expected) / max(1, Swift.abs(expected))
    XCTAssert(error <= tolerance && observed.isFinite,
              "\(what()): expected \(expected), observed \(observed), error \(error), tolerance \(tolerance)",
              file: file, line: line)
}

/// 4th-order central difference of a scalar function of one variable.
func centralDifference(_ h: Double, _ f: (Double) -> Double) -> Double {
    (-f(2 * h) + 8 * f(h) - 8 * f(-h) + f(-2 * h)) / (12 * h)
}

/// Random values in [lo, hi) from a seeded generator.
func randomValues(_ n: Int, _ lo: Double = -1, _ hi: Double = 1, seed: UInt64) -> [Double] {
    var rng = RandomGenerator(seed: seed)
    return (0..<n).map { _ in rng.uniform(lo, hi) }
}
