import Foundation
import XCTest

import PINN

/// Checks written files with tools other than our own reader: the project's h5py
/// contract checker (scripts/check-h5-contract.py), and, on request, sample files for
/// ParaView (scripts/check-paraview.sh).
final class ResultContractScriptTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("result-contract") }
    override func tearDown() { scratch.remove() }

    /// scripts/check-h5-contract.py of this package, or of the main package (PINN_SCRIPTS_DIR
    /// overrides), or nil.
    private func contractScript() -> URL? {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [ProcessInfo.processInfo.environment["PINN_SCRIPTS_DIR"], packageRoot.appendingPathComponent("scripts").path,
                          "/work/main/scripts"].compactMap { $0 }
        return candidates.map { URL(fileURLWithPath: $0).appendingPathComponent("check-h5-contract.py") }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Runs `command` through /usr/bin/env; returns exit status and combined output.
    private func run(_ command: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    func testFilesPassTheH5pyContractCheck() throws {
        guard let script = contractScript() else { throw XCTSkip("scripts/check-h5-contract.py not found") }
        // Debian's python3 with python3-h5py (`make test` installs it), else any python3 with h5py.
        guard let python = ["/usr/bin/python3", "python3"].first(where: { (try? run([$0, "-c", "import h5py, numpy"]))?.status == 0 })
        else { throw XCTSkip("python3 with h5py and numpy is not available (apt-get install python3-h5py; `make test` does)") }
        var files: [String] = []
        files += try ResultWriter.write(FakeResults.burgers(), to: scratch.url).prefix(1).map(\.path)
        files += try ResultWriter.write(FakeResults.flow2D(), to: scratch.url).prefix(1).map(\.path)
        var virtual = FakeResults.flow2D()
        virtual.name = "flow2d_vds"
        files += try ResultWriter.write(virtual, to: scratch.url, stepStorage: .virtualViews).prefix(1).map(\.path)
        files += try ResultWriter.write(FakeResults.cavity(), to: scratch.url).prefix(1).map(\.path)
        let (status, output) = try run([python, script.path] + files)
        print(output)
        XCTAssertEqual(status, 0, output)
        XCTAssertEqual(output.components(separatedBy: "\nOK ").count + (output.hasPrefix("OK ") ? 0 : -1), 4, output)
    }
}
