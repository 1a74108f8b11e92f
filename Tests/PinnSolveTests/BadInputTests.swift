import Foundation
import XCTest

/// Every kind of broken problem file: exit 2, one message naming the file and the JSON
/// path, and nothing written (the output directory is not even created).
final class BadInputTests: XCTestCase {
    static let valid = """
    {"schema": 1, "inputs": ["x", "t"], "outputs": ["u"], "parameters": {"alpha": 0.1},
     "domain": {"x": [0, 1], "t": [0, 1]}, "pde": {"heat": "u_t - alpha*u_xx"},
     "conditions": [{"name": "initial", "kind": "initial", "value": "sin(pi*x)"},
                    {"name": "ends", "kind": "dirichlet", "side": ["left", "right"], "value": 0}],
     "network": {"hidden": [8]}, "points": {"interior": 64, "boundary": 16, "initial": 16},
     "training": [{"optimizer": "adam", "iterations": 2}]}
    """

    /// (what, file text, the JSON path the message must name)
    static let cases: [(String, String, String)] = [
        ("malformed JSON", "{\"schema\": 1, \"inputs\": [\"x\",", "line"),
        ("wrong type", valid.replacingOccurrences(of: "\"interior\": 64", with: "\"interior\": \"many\""), "points.interior"),
        ("unknown key", valid.replacingOccurrences(of: "\"schema\": 1,", with: "\"schema\": 1, \"colour\": 3,"), "colour"),
        ("unknown side", valid.replacingOccurrences(of: "[\"left\", \"right\"]", with: "[\"lft\", \"right\"]"), "conditions[1].side"),
        ("unknown condition kind", valid.replacingOccurrences(of: "\"kind\": \"dirichlet\"", with: "\"kind\": \"robin\""), "conditions[1].kind"),
        ("expression does not parse", valid.replacingOccurrences(of: "u_t - alpha*u_xx", with: "u_t - alpha*)u_xx"), "pde.heat"),
        ("unknown symbol", valid.replacingOccurrences(of: "u_t - alpha*u_xx", with: "u_t - beta*u_xx"), "pde.heat"),
        ("negative count", valid.replacingOccurrences(of: "\"interior\": 64", with: "\"interior\": -5"), "points.interior"),
        ("empty domain", valid.replacingOccurrences(of: "\"x\": [0, 1]", with: "\"x\": [1, 1]"), "domain.x"),
    ]

    func testBrokenFilesExitTwoNameThePathAndWriteNothing() throws {
        let dir = try temporaryDirectory(self)
        for (what, text, path) in Self.cases {
            let file = dir.appendingPathComponent("broken.json")
            try text.write(to: file, atomically: true, encoding: .utf8)
            for command in [["broken.json", "--output", "out"], ["check", "broken.json"], ["reference", "broken.json", "--output", "out"]] {
                let r = try PinnSolveBinary.run(command, in: dir)
                XCTAssertEqual(r.status, 2, "\(what) (\(command[0])): exit status; stderr: \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("broken.json"), "\(what): message names the file: \(r.stderr)")
                XCTAssertTrue(r.stderr.contains(path), "\(what): message names \(path): \(r.stderr)")
                XCTAssertFalse(r.stderr.contains("Fatal error"), "\(what): crashed: \(r.stderr)")
                XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path), "\(what): wrote output")
            }
        }
    }

    func testMissingFileAndBadArguments() throws {
        let dir = try temporaryDirectory(self)
        let missing = try PinnSolveBinary.run(["nowhere.json"], in: dir)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nowhere.json"), missing.stderr)
        let badSeed = try PinnSolveBinary.run(["x.json", "--seed", "minus-one"], in: dir)
        XCTAssertEqual(badSeed.status, 2, badSeed.stderr)
        let badThreads = try PinnSolveBinary.run(["x.json", "--threads", "0"], in: dir)
        XCTAssertEqual(badThreads.status, 2, badThreads.stderr)
    }

    /// An output directory that cannot be created is bad input found before training: exit 2
    /// naming the path (training first would end in exit 1 after the whole run), nothing written.
    func testUnwritableOutputFailsBeforeTraining() throws {
        let dir = try temporaryDirectory(self)
        try Self.valid.replacingOccurrences(of: "\"iterations\": 2", with: "\"iterations\": 100000")
            .write(to: dir.appendingPathComponent("heat.json"), atomically: true, encoding: .utf8)
        try Data("a file, not a directory".utf8).write(to: dir.appendingPathComponent("blocker"))
        let r = try PinnSolveBinary.run(["heat.json", "--output", "blocker/out", "--quiet"], in: dir)
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("blocker/out"), r.stderr)
        XCTAssertFalse(r.stdout.contains("wall time"), "trained before failing: \(r.stdout)")
    }

    func testHelpShowsExamples() throws {
        let r = try PinnSolveBinary.run(["--help"], in: try temporaryDirectory(self))
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("pinn-solve problems/burgers.json"), r.stdout)
        XCTAssertTrue(r.stdout.contains("check"), r.stdout)
    }
}
