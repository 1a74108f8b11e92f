import Foundation
import XCTest

/// The written XDMF opens in real ParaView (pvpython, headless) with the expected arrays on
/// the 256 × 101 space-time grid. `make test` installs ParaView (Debian's paraview and
/// python3-paraview) so this runs in CI; without pvpython on PATH it is skipped with a note.
final class ParaViewTests: XCTestCase {
    func testBurgersResultOpensInParaView() throws {
        guard let pvpython = ["/usr/bin/pvpython", "/usr/local/bin/pvpython"].first(where: FileManager.default.isExecutableFile)
        else { throw XCTSkip("pvpython not installed (apt-get install paraview python3-paraview; `make test` does)") }
        let dir = try temporaryDirectory(self)
        let url = try reducedProblem("burgers", in: dir) { p in
            p["network"] = ["hidden": [8, 8], "activation": "tanh"]
            p["points"] = ["interior": 256, "boundary": 32, "initial": 32]
            p["training"] = [["optimizer": "adam", "iterations": 20]]
        }
        let run = try PinnSolveBinary.run([url.lastPathComponent, "--output", "out", "--quiet"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        check.arguments = ["-s", "KILL", "120", pvpython,
                           PinnSolveBinary.packageRoot.appendingPathComponent("scripts/check-paraview.py").path,
                           dir.appendingPathComponent("out/burgers.xdmf").path, "u", "u_reference", "u_error",
                           "--points", "\(256 * 101)", "--dims", "256x101x1"]
        let out = Pipe()
        check.standardOutput = out
        check.standardError = out
        try check.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        XCTAssertEqual(check.terminationStatus, 0, "check-paraview.py:\n\(text)")
        XCTAssertFalse(text.contains("FAIL"), text)
    }
}
