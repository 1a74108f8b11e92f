import Foundation
import PINN
import XCTest

/// `pinn-solve FILE` writes NAME.png after NAME.h5 and NAME.xdmf; `--no-png` skips it; a
/// picture that cannot be written fails the run but keeps the data.
final class PictureCommandTests: XCTestCase {
    /// A two-iteration heat problem (BadInputTests.valid): a run takes a fraction of a second.
    private func problem(in directory: URL) throws {
        try BadInputTests.valid.write(to: directory.appendingPathComponent("heat.json"), atomically: true, encoding: .utf8)
    }

    private func run(_ extra: [String], in directory: URL) throws -> PinnSolveBinary.Outcome {
        try PinnSolveBinary.run(["heat.json", "--output", "out", "--quiet", "--threads", "1"] + extra, in: directory)
    }

    func testRunWritesThePictureBesideTheData() throws {
        let dir = try temporaryDirectory(self)
        try problem(in: dir)
        let r = try run([], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        let png = dir.appendingPathComponent("out/heat.png")
        let bytes = [UInt8](try Data(contentsOf: png))
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
        XCTAssertTrue(r.stdout.contains("out/heat.png"), "listed among the files written: \(r.stdout)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).sorted(),
                       ["heat.checkpoint.h5", "heat.h5", "heat.png", "heat.xdmf"])
    }

    func testNoPNGWritesNone() throws {
        let dir = try temporaryDirectory(self)
        try problem(in: dir)
        let r = try run(["--no-png"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).sorted(),
                       ["heat.checkpoint.h5", "heat.h5", "heat.xdmf"])
        XCTAssertFalse(r.stdout.contains(".png"), r.stdout)
    }

    /// A directory where NAME.png should go: exit 1 with a message naming the picture and
    /// saying the data are written; the .h5 is complete and readable.
    func testFailingPictureKeepsTheData() throws {
        let dir = try temporaryDirectory(self)
        try problem(in: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out/heat.png/inside"),
                                                withIntermediateDirectories: true)
        let r = try run([], in: dir)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("heat.png"), r.stderr)
        XCTAssertTrue(r.stderr.contains("heat.h5 and heat.xdmf are written"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
        let result = try ResultWriter.readResult(from: dir.appendingPathComponent("out/heat.h5"))
        XCTAssertEqual(result.lossHistory.count, 2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/heat.xdmf").path))
    }

    func testHelpExplainsNoPNG() throws {
        for arguments in [["--help"], ["run", "--help"]] {
            let r = try PinnSolveBinary.run(arguments, in: try temporaryDirectory(self))
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.contains("--no-png"), "\(arguments): \(r.stdout)")
            XCTAssertTrue(r.stdout.contains(".png"), "\(arguments): \(r.stdout)")
        }
    }
}
