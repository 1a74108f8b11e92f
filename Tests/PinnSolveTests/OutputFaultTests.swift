import Foundation
import PINN
import XCTest

/// I/O faults after training (issue 11, item 5), through the binary: a full disk and a result
/// path taken by a directory end with exit 1 and a one-line reason naming the path, and an
/// earlier good result is never replaced by a partial one.
final class OutputFaultTests: XCTestCase {
    /// heat1d cut to a few Adam steps: seconds, but a real run that writes .h5, .xdmf and .png.
    private func quickProblem(in dir: URL) throws -> URL {
        try reducedProblem("heat1d", in: dir) { p in
            p["points"] = ["interior": 64, "boundary": 16, "initial": 16]
            p["training"] = [["optimizer": "adam", "iterations": 5]]
            p["output"] = ["grid": ["x": 21, "t": 11]]
        }
    }

    /// Contents of the files in `dir`, by name (hidden temporaries included).
    private func snapshot(_ dir: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            result[name] = try Data(contentsOf: dir.appendingPathComponent(name))
        }
        return result
    }

    func testFullDiskExitsOneAndKeepsTheEarlierResult() throws {
        guard getuid() == 0 else { throw XCTSkip("mounting a tiny tmpfs to fill needs root; run the suite as root to test a full disk") }
        let dir = try temporaryDirectory(self)
        let url = try quickProblem(in: dir)
        let disk = dir.appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.path]
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { throw XCTSkip("mount -t tmpfs failed: this container may not allow mounts") }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [disk.path]
            try? umount.run()
            umount.waitUntilExit()
        }
        let first = try PinnSolveBinary.run([url.lastPathComponent, "--output", "tiny", "--quiet"], in: dir)
        XCTAssertEqual(first.status, 0, first.stderr)
        let good = try snapshot(disk)
        XCTAssertEqual(good.keys.sorted(), ["heat1d.checkpoint.h5", "heat1d.h5", "heat1d.png", "heat1d.xdmf"])
        var goodResult = good
        goodResult["heat1d.checkpoint.h5"] = nil
        // Fill what is left, leaving no room for the next result.
        XCTAssertTrue(FileManager.default.createFile(atPath: disk.appendingPathComponent("filler").path, contents: nil))
        let filler = try FileHandle(forWritingTo: disk.appendingPathComponent("filler"))
        while (try? filler.write(contentsOf: Data(count: 4096))) != nil {}
        try? filler.close()

        let second = try PinnSolveBinary.run([url.lastPathComponent, "--output", "tiny", "--quiet", "--seed", "1"], in: dir)
        XCTAssertEqual(second.status, 1, second.stderr)
        XCTAssertTrue(second.stderr.contains("tiny/heat1d.h5") && second.stderr.contains("No space left on device"), second.stderr)
        XCTAssertFalse(second.stderr.contains("HDF5-DIAG") || second.stderr.contains("time =") || second.stderr.contains("buf = 0x"),
                       "one clean line, not HDF5's error stack: \(second.stderr)")
        var after = try snapshot(disk)
        after["filler"] = nil
        // The checkpoint (which holds the trained parameters when the result cannot be
        // written) may or may not have fit on the full disk; the result files must be as before.
        after["heat1d.checkpoint.h5"] = nil
        XCTAssertEqual(after, goodResult, "the earlier result is untouched and no temporaries are left")
    }

    /// --output's NAME.h5 is a directory: checked only when writing, after training (the
    /// directory itself is writable), so exit 1 naming the path; the earlier .xdmf stays.
    func testResultPathThatIsADirectoryExitsOne() throws {
        let dir = try temporaryDirectory(self)
        let url = try quickProblem(in: dir)
        let first = try PinnSolveBinary.run([url.lastPathComponent, "--output", "out", "--quiet", "--no-png"], in: dir)
        XCTAssertEqual(first.status, 0, first.stderr)
        let out = dir.appendingPathComponent("out"), h5 = out.appendingPathComponent("heat1d.h5")
        let xdmf = try Data(contentsOf: out.appendingPathComponent("heat1d.xdmf"))
        try FileManager.default.removeItem(at: h5)
        try FileManager.default.createDirectory(at: h5.appendingPathComponent("inside"), withIntermediateDirectories: true)

        let r = try PinnSolveBinary.run([url.lastPathComponent, "--output", "out", "--quiet", "--no-png"], in: dir)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains(h5.path) || r.stderr.contains("out/heat1d.h5"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)")
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("heat1d.xdmf")), xdmf)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted(),
                       ["heat1d.checkpoint.h5", "heat1d.h5", "heat1d.xdmf"])
        XCTAssertTrue(r.stderr.contains("heat1d.checkpoint.h5"), "the message names the checkpoint holding the parameters: \(r.stderr)")
    }
}
