import Foundation
import XCTest

import PINN

/// A write that fails keeps the previous good result and leaves no temporaries.
final class ResultWriterFailureTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("result-failure") }
    override func tearDown() { scratch.remove() }

    /// The environment variable that turns `testChildWritesMismatchedShapes` on.
    private static let childDirectoryKey = "PINN_OUTPUT_CHILD_DIR"

    func testFailureInsideTheWriteKeepsThePreviousResult() throws {
        // A 250-character NAME: NAME.h5 and NAME.xdmf are legal file names, but their
        // temporaries (.NAME.h5.tmp-PID) exceed NAME_MAX, so HDF5 cannot create the file.
        let name = String(repeating: "n", count: 250)
        let good = try ResultWriter.write(FakeResults.burgers(), to: scratch.url)
        let h5 = scratch.file(name + ".h5"), xdmf = scratch.file(name + ".xdmf")
        try FileManager.default.moveItem(at: good[0], to: h5)
        try FileManager.default.moveItem(at: good[1], to: xdmf)
        let before = (contentsOf(h5), contentsOf(xdmf))

        var next = FakeResults.burgers(nx: 32, nt: 9)
        next.name = name
        XCTAssertThrowsError(try ResultWriter.write(next, to: scratch.url)) { error in
            XCTAssertTrue(error is HDF5Error, "\(error)")
            XCTAssertTrue("\(error)".contains(".\(name).h5.tmp-"), "the error names the path: \(error)")
        }
        XCTAssertEqual(try scratch.contents(), [h5.lastPathComponent, xdmf.lastPathComponent])
        XCTAssertEqual(contentsOf(h5), before.0)
        XCTAssertEqual(contentsOf(xdmf), before.1)
        XCTAssertEqual(try ResultWriter.readResult(from: h5).fieldShape, [5, 16])
    }

    func testDirectoryWhereTheH5ShouldGo() throws {
        let good = try ResultWriter.write(FakeResults.burgers(), to: scratch.url)
        let goodXDMF = contentsOf(good[1])
        try FileManager.default.removeItem(at: good[0])
        try FileManager.default.createDirectory(at: good[0].appendingPathComponent("inside"),
                                                withIntermediateDirectories: true)

        XCTAssertThrowsError(try ResultWriter.write(FakeResults.burgers(nx: 32, nt: 9), to: scratch.url)) { error in
            guard let error = error as? AtomicOutputError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.path, good[0].path, "the error names the .h5 path")
        }
        XCTAssertEqual(try scratch.contents(), ["burgers.h5", "burgers.xdmf"], "temporaries removed")
        XCTAssertEqual(contentsOf(good[1]), goodXDMF, "the .xdmf is renamed only after the .h5")
    }

    /// A full disk (a 256 kB tmpfs, filled after a good result is written): the write fails
    /// with the system's reason, not HDF5's two-line low-level report, and the earlier result
    /// stays as it was, with no temporaries left behind.
    func testFullDiskKeepsThePreviousResult() throws {
        let disk = try TinyFileSystem(kilobytes: 256)
        defer { disk.unmount() }
        let good = try ResultWriter.write(FakeResults.burgers(nx: 16, nt: 5), to: disk.url)
        let before = good.map(contentsOf)
        XCTAssertGreaterThan(disk.fill(), 0)

        XCTAssertThrowsError(try ResultWriter.write(FakeResults.burgers(nx: 64, nt: 33), to: disk.url)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(disk.url.path), "names the path: \(text)")
            XCTAssertTrue(text.contains("No space left on device (errno 28)"), text)
            XCTAssertFalse(text.contains("\n") || text.contains("time =") || text.contains("buf = 0x"), "clean: \(text)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: disk.url.path).sorted(),
                       ["burgers.h5", "burgers.xdmf", "filler"], "no temporaries left")
        XCTAssertEqual(good.map(contentsOf), before)
        XCTAssertEqual(try ResultWriter.readResult(from: good[0]).fieldShape, [5, 16])
    }

    func testOutputDirectoryThatIsAFile() throws {
        let blocker = scratch.file("results")
        try Data("not a directory".utf8).write(to: blocker)
        XCTAssertThrowsError(try ResultWriter.write(FakeResults.burgers(), to: blocker)) { error in
            XCTAssertTrue("\(error)".contains(blocker.path), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: blocker, encoding: .utf8), "not a directory")
    }

    /// A shape mismatch is a precondition failure raised before any file is touched: run
    /// in a child process (this test binary, filtered to the child test), which must die
    /// with a message naming the output and shapes and leave the previous result intact.
    func testShapeMismatchStopsBeforeAnyFileIsTouched() throws {
        guard ProcessInfo.processInfo.environment[Self.childDirectoryKey] == nil else { return }
        let good = try ResultWriter.write(FakeResults.burgers(), to: scratch.url)
        let before = good.map(contentsOf)

        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["PINNTests.ResultWriterFailureTests/testChildWritesMismatchedShapes"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childDirectoryKey: scratch.url.path]) { $1 }
        let stderr = try runCollectingStandardError(child)

        XCTAssertEqual(child.terminationReason, .uncaughtSignal, "the child stops on the precondition: \(stderr)")
        #if DEBUG // release builds (`make test`) trap without the precondition's message
        XCTAssertTrue(stderr.contains("ResultWriter.write(burgers): fields['u'] has 79 values, but the grid "
                                          + "[\"t\", \"x\"] has shape [5, 16] (80 values)"), stderr)
        #endif
        XCTAssertEqual(try scratch.contents(), ["burgers.h5", "burgers.xdmf"])
        XCTAssertEqual(good.map(contentsOf), before)
    }

    /// Run only as the child of `testShapeMismatchStopsBeforeAnyFileIsTouched`.
    func testChildWritesMismatchedShapes() throws {
        guard let directory = ProcessInfo.processInfo.environment[Self.childDirectoryKey] else {
            throw XCTSkip("runs only as a child process")
        }
        var result = FakeResults.burgers(nx: 16, nt: 5)
        result.fields["u"]?.removeLast()
        try ResultWriter.write(result, to: URL(fileURLWithPath: directory))
        XCTFail("the write should have stopped on its precondition")
    }
}
