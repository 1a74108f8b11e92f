import Foundation
import PINN
import XCTest

/// The hostile inputs of issue 11 through the binary: each ends within seconds with exit 2,
/// a message naming the file and the memory estimate, and nothing written.
final class HostileInputTests: XCTestCase {
    /// `check` and a run of a Burgers file changed by `change`; returns the run's stderr.
    private func assertRefused(_ what: String, expecting part: String, change: @escaping (inout [String: Any]) -> Void,
                               line: UInt = #line) throws {
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("burgers", in: dir, changes: change)
        for arguments in [["check", url.lastPathComponent], [url.lastPathComponent, "--output", "out", "--quiet"],
                          ["reference", url.lastPathComponent, "--output", "out"]] {
            let start = Date()
            let r = try PinnSolveBinary.run(arguments, in: dir)
            let seconds = Date().timeIntervalSince(start)
            if arguments[0] == "reference" && !part.contains("grid") && !part.contains("reference") { continue }
            XCTAssertEqual(r.status, 2, "\(what), \(arguments[0]): \(r.stderr)", line: line)
            XCTAssertTrue(r.stderr.contains("burgers.json") && r.stderr.contains("needs about") && r.stderr.contains(part),
                          "\(what), \(arguments[0]): \(r.stderr)", line: line)
            XCTAssertLessThan(seconds, 10, "\(what), \(arguments[0])", line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path),
                           "\(what): nothing may be written", line: line)
        }
    }

    func testTenToTheTwelveInteriorPoints() throws {
        try assertRefused("10¹² interior points", expecting: "collocation points") { p in
            var points = p["points"] as! [String: Any]
            points["interior"] = 1_000_000_000_000
            p["points"] = points
        }
    }

    /// Hidden [100000, 100000] with Adam only (a bfgs stage is refused earlier, by its own limit).
    func testHundredThousandSquaredNetwork() throws {
        try assertRefused("a 100 000 × 100 000 network", expecting: "1.0e+10 parameters") { p in
            p["network"] = ["hidden": [100_000, 100_000], "activation": "tanh"]
            p["training"] = [["optimizer": "adam", "iterations": 10]]
        }
    }

    func testHundredThousandSquaredOutputGrid() throws {
        try assertRefused("a 100 000² output grid", expecting: "output grid") { p in
            p["output"] = ["grid": ["x": 100_000, "t": 100_000]]
        }
    }

    func testSpectralReferenceWithABillionModes() throws {
        try assertRefused("a spectral reference with 10⁹ modes", expecting: "reference solver") { p in
            p["reference"] = ["kind": "spectral", "solver": "burgers", "modes": 1_000_000_000]
        }
    }

    /// `check` prints the estimate, broken down, beside the machine's memory.
    func testCheckPrintsTheEstimate() throws {
        let r = try PinnSolveBinary.run(["check", "problems/burgers.json", "--threads", "2"], in: PinnSolveBinary.packageRoot)
        XCTAssertEqual(r.status, 0, r.stderr)
        for part in ["memory estimate:", "available of", "collocation points", "network tapes", "parameters",
                     "optimizer state", "output grid", "reference solver"] {
            XCTAssertTrue(r.stdout.contains(part), "«\(part)» missing from:\n\(r.stdout)")
        }
    }
}
