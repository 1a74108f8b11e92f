import Foundation
import XCTest

import PINN

final class ProgressFormatTests: XCTestCase {
    func testDurations() {
        let cases: [(Double, String)] = [
            (0, "0s"), (0.4, "0s"), (42.4, "42s"), (59.4, "59s"), (59.6, "1m00s"), (65, "1m05s"),
            (3599, "59m59s"), (3599.6, "1h00m"), (3600 + 3 * 60 + 10, "1h03m"), (2 * 3600 + 3 * 60, "2h03m"),
            (2 * 3600 + 3 * 60 + 31, "2h04m"), (99 * 3600 + 59 * 60, "99h59m"), (100 * 3600, "4d04h"),
            (-1, "--"), (.nan, "--"), (.infinity, "--"),
        ]
        for (seconds, expected) in cases {
            XCTAssertEqual(ProgressFormat.duration(seconds), expected, "duration(\(seconds))")
        }
    }

    func testScientific() {
        XCTAssertEqual(ProgressFormat.scientific(3.14159e-4), "3.1e-04")
        XCTAssertEqual(ProgressFormat.scientific(2.24e-5), "2.2e-05")
        XCTAssertEqual(ProgressFormat.scientific(1), "1.0e+00")
        XCTAssertEqual(ProgressFormat.scientific(-12345), "-1.2e+04")
        XCTAssertEqual(ProgressFormat.scientific(0), "0")
        XCTAssertEqual(ProgressFormat.scientific(.nan), "nan")
        XCTAssertEqual(ProgressFormat.scientific(-.infinity), "-inf")
    }

    func testBar() {
        XCTAssertEqual(ProgressFormat.bar(0, width: 12), "[----------]")
        XCTAssertEqual(ProgressFormat.bar(0.5, width: 12), "[#####-----]")
        XCTAssertEqual(ProgressFormat.bar(0.99, width: 12), "[#########-]")
        XCTAssertEqual(ProgressFormat.bar(1.7, width: 12), "[##########]")
        XCTAssertEqual(ProgressFormat.bar(.nan, width: 5), "[---]")
    }

    func testParameterKeepsFiveDigits() {
        XCTAssertEqual(ProgressFormat.parameter(0.99954344), "0.99954")
        XCTAssertEqual(ProgressFormat.parameter(0.0031830989), "0.0031831")
        XCTAssertEqual(ProgressFormat.parameter(-1.23456e-5), "-1.2346e-05")
        XCTAssertEqual(ProgressFormat.parameter(1), "1")
        XCTAssertEqual(ProgressFormat.parameter(.nan), "nan")
        XCTAssertEqual(ProgressFormat.parameter(-.infinity), "-inf")
    }

    func testFitKeepsWholeSegments() {
        let segments = ["[###--]", "adam 1/2", "10/100", "loss 1.0e-03", "pde 3.1e-04"]
        XCTAssertEqual(ProgressFormat.fit(segments, width: 200), segments.joined(separator: " "))
        XCTAssertEqual(ProgressFormat.fit(segments, width: 36), "[###--] adam 1/2 10/100 loss 1.0e-03")
        XCTAssertEqual(ProgressFormat.fit(segments, width: 35), "[###--] adam 1/2 10/100 ...")
        XCTAssertEqual(ProgressFormat.fit(segments, width: 26), "[###--] adam 1/2 10/100")
        XCTAssertEqual(ProgressFormat.fit(segments, width: 4), "[###")
        XCTAssertEqual(ProgressFormat.fit(segments, width: 0), "")
    }

    func testTerminalQueriesOnAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tq-\(getpid())")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        XCTAssertFalse(TerminalQuery.isInteractive(handle.fileDescriptor))
        XCTAssertGreaterThan(TerminalQuery.columns(handle.fileDescriptor), 0, "COLUMNS or the fallback")
    }
}
