import XCTest

/// Asserts |observed − expected| ≤ tolerance, printing expected, observed, error and tolerance.
func assertReferenceValue(_ observed: Double, _ expected: Double, tolerance: Double, _ what: String,
                          file: StaticString = #filePath, line: UInt = #line) {
    let error = abs(observed - expected)
    XCTAssert(error <= tolerance,
              "\(what): expected \(expected), observed \(observed), error \(error), tolerance \(tolerance)",
              file: file, line: line)
}

/// Asserts max_i |observed_i − expected_i| ≤ tolerance; prints the max error (a record for
/// README tables) and, on failure, names the worst index.
@discardableResult
func assertReferenceMaxError(_ observed: [Double], _ expected: [Double], tolerance: Double, _ what: String,
                             file: StaticString = #filePath, line: UInt = #line) -> Double {
    XCTAssertEqual(observed.count, expected.count, "\(what): counts differ", file: file, line: line)
    var worst = 0.0, at = 0
    for i in 0..<min(observed.count, expected.count) {
        let e = abs(observed[i] - expected[i])
        if !(e <= worst) { worst = e; at = i }    // also catches NaN
    }
    print("\(what): max error \(worst) (tolerance \(tolerance))")
    XCTAssert(worst <= tolerance,
              "\(what): max error at index \(at): expected \(expected[at]), observed \(observed[at]), error \(worst), tolerance \(tolerance)",
              file: file, line: line)
    return worst
}

/// n points uniform on [a, b], both ends included.
func referenceLinspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
    (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
}
