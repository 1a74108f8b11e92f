import Foundation
import XCTest

import PINN

/// Checks written files with tools other than our own reader: the project's h5py
/// contract checker (scripts/check-h5-contract.py), and, on request, sample files for
/// ParaView (scripts/check-paraview.sh).
final class ResultContractScriptTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws { scratch = try ScratchDirectory("result-contract") }
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
        guard (try? run(["python3", "-c", "import h5py, numpy"]))?.status == 0 else {
            throw XCTSkip("python3 with h5py and numpy is not available")
        }
        var files: [String] = []
        files += try ResultWriter.write(FakeResults.burgers(), to: scratch.url).prefix(1).map(\.path)
        files += try ResultWriter.write(FakeResults.flow2D(), to: scratch.url).prefix(1).map(\.path)
        var virtual = FakeResults.flow2D()
        virtual.name = "flow2d_vds"
        files += try ResultWriter.write(virtual, to: scratch.url, stepStorage: .virtualViews).prefix(1).map(\.path)
        let (status, output) = try run(["python3", script.path] + files)
        print(output)
        XCTAssertEqual(status, 0, output)
        XCTAssertEqual(output.components(separatedBy: "\nOK ").count + (output.hasPrefix("OK ") ? 0 : -1), 3, output)
    }

    /// Writes sample results for ParaView when PINN_OUTPUT_SAMPLE_DIR is set:
    ///
    ///     PINN_OUTPUT_SAMPLE_DIR=/tmp/pv swift test --filter testWriteSamplesForParaView
    ///     scripts/check-paraview.sh /tmp/pv/burgers.xdmf u u_reference u_error --dims 256x101x1
    ///     scripts/check-paraview.sh /tmp/pv/flow2d.xdmf u v p u_error --timesteps 11 --dims 64x32x1
    func testWriteSamplesForParaView() throws {
        guard let directory = ProcessInfo.processInfo.environment["PINN_OUTPUT_SAMPLE_DIR"] else {
            throw XCTSkip("set PINN_OUTPUT_SAMPLE_DIR to write sample files for scripts/check-paraview.sh")
        }
        let url = URL(fileURLWithPath: directory)
        try ResultWriter.write(FakeResults.burgers(nx: 256, nt: 101), to: url)
        try ResultWriter.write(FakeResults.flow2D(nx: 64, ny: 32, nt: 11), to: url)
        let burgers = FakeResults.burgers(nx: 256, nt: 101)
        try ResultWriter.writeReference(ReferenceData(name: "burgers", problemText: burgers.problemText,
                                                      inputs: burgers.inputs, timeInput: burgers.timeInput,
                                                      grid: burgers.grid, outputs: ["u"],
                                                      reference: burgers.reference), to: url)
    }
}
