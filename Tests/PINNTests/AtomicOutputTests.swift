import Foundation
import XCTest

import PINN

final class AtomicOutputTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("atomic") }
    override func tearDown() { scratch.remove() }

    private struct Interrupted: Error {}

    func testTemporaryNameIsHiddenBesideTheFile() {
        let url = AtomicOutput.temporaryURL(for: URL(fileURLWithPath: "/r/burgers.h5"), pid: 42)
        XCTAssertEqual(url.path, "/r/.burgers.h5.tmp-42")
    }

    /// The full output pair as the solver writes it: .h5, then .xdmf describing it.
    private func writeResult(_ result: FakeSolverResult, failAfterFields: Bool = false) throws {
        let h5 = scratch.file("\(result.name).h5"), xdmf = scratch.file("\(result.name).xdmf")
        try AtomicOutput.write(to: [h5, xdmf]) { temporaries in
            let file = try HDF5File.create(at: temporaries[0])
            defer { try? file.close() }
            if failAfterFields {
                // Die halfway through the .h5, as an I/O error or a crash would.
                for axis in result.grid { try file.writeDataset("/grid/\(axis.name)", doubles: axis.values) }
                try file.writeDataset("/fields/u", doubles: result.fields[0].field, shape: result.shape)
                throw Interrupted()
            }
            try result.write(to: file)
            let content = try XDMFContent.describing(file, name: result.name, axisNames: result.grid.map(\.name))
            try file.close()
            // The XDMF names the final .h5, not the temporary.
            try XDMFWriter(heavyDataFile: h5.lastPathComponent).document(content)
                .write(to: temporaries[1], atomically: false, encoding: .utf8)
        }
    }

    func testSuccessLeavesOnlyTheFinalFiles() throws {
        try writeResult(FakeSolverResult.burgers(nx: 16, nt: 5))
        XCTAssertEqual(try scratch.contents(), ["burgers.h5", "burgers.xdmf"])
        let read = try HDF5File.open(at: scratch.file("burgers.h5"))
        XCTAssertEqual(try read.datasetShape("/fields/u"), [5, 16])
        let xdmf = try String(contentsOf: scratch.file("burgers.xdmf"), encoding: .utf8)
        XCTAssertTrue(xdmf.contains("burgers.h5:/fields/u"))
        XCTAssertFalse(xdmf.contains(".tmp-"))
    }

    func testFailureMidwayKeepsThePreviousGoodFiles() throws {
        try writeResult(FakeSolverResult.burgers(nx: 16, nt: 5))
        let goodH5 = try Data(contentsOf: scratch.file("burgers.h5"))
        let goodXDMF = try Data(contentsOf: scratch.file("burgers.xdmf"))

        XCTAssertThrowsError(try writeResult(FakeSolverResult.burgers(nx: 32, nt: 9), failAfterFields: true)) { error in
            XCTAssertTrue(error is Interrupted, "the writer's own error is rethrown: \(error)")
        }
        XCTAssertEqual(try scratch.contents(), ["burgers.h5", "burgers.xdmf"], "temporaries removed")
        XCTAssertEqual(try Data(contentsOf: scratch.file("burgers.h5")), goodH5)
        XCTAssertEqual(try Data(contentsOf: scratch.file("burgers.xdmf")), goodXDMF)
        XCTAssertEqual(try HDF5File.open(at: scratch.file("burgers.h5")).datasetShape("/fields/u"), [5, 16])
    }

    func testFailureWithNoPreviousFileLeavesNothing() throws {
        XCTAssertThrowsError(try writeResult(FakeSolverResult.burgers(nx: 8, nt: 3), failAfterFields: true))
        XCTAssertEqual(try scratch.contents(), [])
    }

    func testWriterThatCreatesNothingIsAnError() throws {
        XCTAssertThrowsError(try AtomicOutput.write(to: scratch.file("x.h5")) { _ in }) { error in
            XCTAssertTrue("\(error)".contains(".x.h5.tmp-"), "\(error)")
        }
        XCTAssertEqual(try scratch.contents(), [])
    }

    func testCreatesMissingOutputDirectoryAndReturnsTheBodysValue() throws {
        let target = scratch.url.appendingPathComponent("results/nested/out.txt")
        let value = try AtomicOutput.write(to: target) { url -> Int in
            try "hello".write(to: url, atomically: false, encoding: .utf8)
            return 7
        }
        XCTAssertEqual(value, 7)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "hello")
    }

    func testStaleTemporariesOfDeadProcessesAreRemoved() throws {
        let live = AtomicOutput.temporaryURL(for: scratch.file("a.h5"))             // this process
        let dead = AtomicOutput.temporaryURL(for: scratch.file("b.h5"), pid: Int32.max - 1)
        for url in [live, dead, scratch.file(".hidden"), scratch.file("c.h5")] {
            _ = FileManager.default.createFile(atPath: url.path, contents: Data("x".utf8))
        }
        let removed = AtomicOutput.removeStaleTemporaries(in: scratch.url)
        XCTAssertEqual(removed.map(\.lastPathComponent), [dead.lastPathComponent])
        XCTAssertEqual(try scratch.contents(), [".a.h5.tmp-\(getpid())", ".hidden", "c.h5"])
    }
}
