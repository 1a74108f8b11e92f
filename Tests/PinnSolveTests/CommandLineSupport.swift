import Foundation
import XCTest

/// Runs the built `pinn-solve` binary (it sits beside the test bundle in .build/<config>/).
enum PinnSolveBinary {
    static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pinn-solve")
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `pinn-solve arguments…` (or `executable arguments…`) in `directory` and waits.
    static func run(_ arguments: [String], in directory: URL, executable: URL? = nil,
                    environment: [String: String]? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable ?? url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                       stderr: String(decoding: e, as: UTF8.self))
    }
}

/// Waits until `url` exists (a child process wrote it) or `seconds` have passed.
func waitForFile(_ url: URL, seconds: Double = 60, poll: Double = 0.02) {
    let deadline = Date().addingTimeInterval(seconds)
    while !FileManager.default.fileExists(atPath: url.path), Date() < deadline { Thread.sleep(forTimeInterval: poll) }
}

/// A fresh temporary directory, removed when the test ends.
func temporaryDirectory(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pinn-solve-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// A shipped problem file with some keys replaced (reduced sizes for tests), written to `directory`.
func reducedProblem(_ name: String, in directory: URL, changes: (inout [String: Any]) -> Void) throws -> URL {
    let source = PinnSolveBinary.packageRoot.appendingPathComponent("problems/\(name).json")
    var json = try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as! [String: Any]
    changes(&json)
    let url = directory.appendingPathComponent("\(name).json")
    try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted]).write(to: url)
    return url
}
