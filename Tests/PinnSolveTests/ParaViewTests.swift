import Foundation
import PINN
import XCTest

/// The written XDMF opens in real ParaView (pvpython, headless) with the expected arrays:
/// the 256 × 101 space-time grid of Burgers, and a 2-D unsteady flow as a temporal collection
/// that ParaView steps through, each step showing that step's data. `make test` installs
/// ParaView (Debian's paraview and python3-paraview) so this runs in CI; without pvpython on
/// PATH it is skipped with a note.
final class ParaViewTests: XCTestCase {
    func pvpython() throws -> String {
        guard let path = ["/usr/bin/pvpython", "/usr/local/bin/pvpython"].first(where: FileManager.default.isExecutableFile)
        else { throw XCTSkip("pvpython not installed (apt-get install paraview python3-paraview; `make test` does)") }
        return path
    }

    /// Runs scripts/check-paraview.py on `xdmf` (killed after 120 s); fails the test on a
    /// non-zero exit or a FAIL line, and returns the script's output.
    @discardableResult
    func checkParaView(_ xdmf: URL, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        check.arguments = ["-s", "KILL", "120", try pvpython(),
                           PinnSolveBinary.packageRoot.appendingPathComponent("scripts/check-paraview.py").path,
                           xdmf.path] + arguments
        let out = Pipe()
        check.standardOutput = out
        check.standardError = out
        try check.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        XCTAssertEqual(check.terminationStatus, 0, "check-paraview.py:\n\(text)", file: file, line: line)
        XCTAssertFalse(text.contains("FAIL"), text, file: file, line: line)
        return text
    }

    func testBurgersResultOpensInParaView() throws {
        _ = try pvpython()
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("burgers", in: dir) { p in
            p["network"] = ["hidden": [8, 8], "activation": "tanh"]
            p["points"] = ["interior": 256, "boundary": 32, "initial": 32]
            p["training"] = [["optimizer": "adam", "iterations": 20]]
        }
        let run = try PinnSolveBinary.run([url.lastPathComponent, "--output", "out", "--quiet"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        try checkParaView(dir.appendingPathComponent("out/burgers.xdmf"),
                          ["u", "u_reference", "u_error", "--points", "\(256 * 101)", "--dims", "256x101x1"])
    }

    /// Inputs x, y, t: /fields are [nt, ny, nx] and the XDMF is a temporal collection. ParaView
    /// must list the 5 times, give each step a 17 × 13 grid (x fastest: a swapped layout would
    /// show 13 × 17), and show at each step exactly that step's slice of the HDF5 arrays
    /// (min, max and mean of every array compared step by step).
    func testUnsteady2DResultStepsThroughTimeInParaView() throws {
        _ = try pvpython()
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("vortex_merger", in: dir) { p in
            p["network"] = ["hidden": [8], "activation": "tanh", "periodic": ["x": "2*pi", "y": "2*pi"]]
            p["points"] = ["interior": 256]
            p["training"] = [["optimizer": "adam", "iterations": 20]]
            p["output"] = ["grid": ["x": 17, "y": 13, "t": 5]]
        }
        let run = try PinnSolveBinary.run([url.lastPathComponent, "--output", "out", "--quiet", "--threads", "1"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let result = try ResultWriter.readResult(from: dir.appendingPathComponent("out/vortex_merger.h5"))
        XCTAssertEqual(result.fieldShape, [5, 13, 17], "[nt, ny, nx]")
        let arrays = ["u", "u_reference", "u_error", "v", "v_reference", "p", "p_reference"]
        let text = try checkParaView(dir.appendingPathComponent("out/vortex_merger.xdmf"),
                                     arrays + ["--points", "\(17 * 13)", "--dims", "17x13x1", "--timesteps", "5", "--stats"])
        func slice(_ name: String, _ step: Int) -> [Double] {
            let (output, kind) = name.hasSuffix("_reference") ? (String(name.dropLast(10)), "reference")
                : name.hasSuffix("_error") ? (String(name.dropLast(6)), "error") : (name, "field")
            let field = result.fields[output]!, reference = result.reference[output] ?? []
            let values = kind == "field" ? field : kind == "reference" ? reference : zip(field, reference).map { $0 - $1 }
            return Array(values[(step * 13 * 17)..<((step + 1) * 13 * 17)])
        }
        let stats = text.split(separator: "\n").filter { $0.hasPrefix("stats ") }.map { $0.split(separator: " ") }
        XCTAssertEqual(stats.count, 5 * arrays.count, text)
        for line in stats {
            guard line.count == 7, let step = Int(line[1]), let time = Double(line[2]), let low = Double(line[4]),
                  let high = Double(line[5]), let mean = Double(line[6]) else { XCTFail("bad stats line \(line)"); continue }
            let name = String(line[3]), values = slice(name, step)
            XCTAssertEqual(time, result.grid["t"]![step], accuracy: 1e-12, "time of step \(step)")
            XCTAssertEqual(low, values.min()!, accuracy: 1e-12, "\(name) min at step \(step)")
            XCTAssertEqual(high, values.max()!, accuracy: 1e-12, "\(name) max at step \(step)")
            XCTAssertEqual(mean, values.reduce(0, +) / Double(values.count), accuracy: 1e-9, "\(name) mean at step \(step)")
        }
        // The flow moves: the first and last steps differ (else stepping would prove nothing).
        XCTAssertNotEqual(slice("u_reference", 0).max(), slice("u_reference", 4).max())
    }
}
