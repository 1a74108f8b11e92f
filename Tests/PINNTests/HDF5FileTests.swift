import Foundation
import XCTest

import PINN

final class HDF5FileTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("hdf5-file") }
    override func tearDown() { scratch.remove() }

    func testDatasetsRoundTripWithShapes() throws {
        let path = scratch.file("a.h5").path
        let cube = (0..<24).map { Double($0) * 0.5 - 3 }
        let file = try HDF5File.create(atPath: path)
        try file.writeDataset("/fields/u", doubles: cube, shape: [2, 3, 4])
        try file.writeDataset("grid/x", doubles: [1, 2, 3])               // relative path = from root
        try file.writeDataset("/scalar", doubles: [42], shape: [])
        try file.writeDataset("/empty", doubles: [], shape: [0, 3])
        try file.writeDataset("/counts", integers: [1, -2, Int(Int32.max) + 5])
        try file.writeDataset("/special", doubles: [.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude])
        XCTAssertEqual(file.openObjectCount, 1, "only the file itself should stay open")
        try file.close()

        let read = try HDF5File.open(atPath: path)
        XCTAssertEqual(try read.readDoubles("/fields/u"), HDF5Array(shape: [2, 3, 4], values: cube))
        XCTAssertEqual(try read.datasetShape("/grid/x"), [3])
        XCTAssertEqual(try read.readDoubles("/scalar"), HDF5Array(shape: [], values: [42]))
        XCTAssertEqual(try read.readDoubles("/empty"), HDF5Array(shape: [0, 3], values: []))
        XCTAssertEqual(try read.readInt64s("/counts").values, [1, -2, Int64(Int32.max) + 5])
        XCTAssertEqual(try read.readDoubles("/counts").values, [1, -2, Double(Int32.max) + 5], "ints convert")
        let special = try read.readDoubles("/special").values
        XCTAssertEqual(special[0], .infinity)
        XCTAssertEqual(special[1].sign, .minus)
        XCTAssertEqual(special[2], .leastNonzeroMagnitude)
        XCTAssertEqual(special[3], .greatestFiniteMagnitude)
        XCTAssertEqual(read.openObjectCount, 1)
        try read.close()
    }

    func testGroupsNestAndList() throws {
        let file = try HDF5File.create(atPath: scratch.file("g.h5").path)
        try file.createGroup("/a/b/c")
        try file.createGroup("/a/b")                                      // existing: no error
        try file.writeDataset("/a/b/d", doubles: [1])
        XCTAssertTrue(try file.exists("/a/b/c"))
        XCTAssertTrue(try file.exists("/"))
        XCTAssertFalse(try file.exists("/a/x/y"))
        XCTAssertFalse(try file.exists("/a/b/d/below-a-dataset"))
        XCTAssertTrue(try file.isGroup("/a/b/c"))
        XCTAssertFalse(try file.isGroup("/a/b/d"))
        XCTAssertEqual(try file.childNames(of: "/a/b"), ["c", "d"])
        XCTAssertEqual(try file.childNames(), ["a"])
        XCTAssertThrowsError(try file.createGroup("/a/b/d/e")) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .typeMismatch)
            XCTAssertEqual((error as? HDF5Error)?.objectPath, "/a/b/d")
        }
    }

    func testErrorsAreTypedAndNameThePath() throws {
        let path = scratch.file("e.h5").path
        let file = try HDF5File.create(atPath: path)
        try file.writeDataset("/grid/x", doubles: [1, 2])
        XCTAssertThrowsError(try file.writeDataset("/grid/x", doubles: [3])) { error in
            guard let error = error as? HDF5Error else { return XCTFail("not an HDF5Error: \(error)") }
            XCTAssertEqual(error.kind, .alreadyExists)
            XCTAssertEqual(error.objectPath, "/grid/x")
            XCTAssertTrue(error.description.contains("\(path):/grid/x"), error.description)
        }
        XCTAssertThrowsError(try file.readDoubles("/fields/nope")) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .notFound)
        }
        XCTAssertThrowsError(try file.readDoubles("/grid")) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .typeMismatch, "a group is not a dataset")
        }
        try file.close()
        XCTAssertThrowsError(try file.readDoubles("/grid/x")) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .closed)
        }
        try file.close()                                                  // twice is fine

        let readOnly = try HDF5File.open(atPath: path)
        XCTAssertThrowsError(try readOnly.writeDataset("/y", doubles: [1])) { error in
            XCTAssertTrue("\(error)".contains("read-only"), "\(error)")
        }
        XCTAssertThrowsError(try HDF5File.open(atPath: scratch.file("missing.h5").path)) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .notFound)
        }
    }

    func testNotAnHDF5FileReportsHDF5sReasonAndPrintsNothing() throws {
        let path = scratch.file("text.h5").path
        try "not hdf5".write(toFile: path, atomically: false, encoding: .utf8)
        let printed = try capturingStandardError {
            XCTAssertThrowsError(try HDF5File.open(atPath: path)) { error in
                guard let error = error as? HDF5Error else { return XCTFail("not an HDF5Error: \(error)") }
                XCTAssertEqual(error.kind, .callFailed)
                XCTAssertEqual(error.operation, "open file")
                XCTAssertFalse(error.detail.isEmpty, "HDF5's own reason should be kept: \(error)")
            }
        }
        XCTAssertEqual(printed, "", "HDF5 must not print its error stack")
    }

    func testReadWriteModeAppends() throws {
        let path = scratch.file("rw.h5").path
        try HDF5File.create(atPath: path).close()
        let file = try HDF5File.open(atPath: path, mode: .readWrite)
        try file.writeDataset("/more", integers: [7])
        try file.setAttribute("note", .string("appended"))
        try file.close()
        let read = try HDF5File.open(atPath: path)
        XCTAssertEqual(try read.readInt64s("/more").values, [7])
        XCTAssertEqual(try read.stringAttribute("note"), "appended")
    }

    /// Runs `body` with file descriptor 2 redirected to a file and returns what was written.
    private func capturingStandardError(_ body: () throws -> Void) throws -> String {
        let capture = scratch.file("stderr.txt")
        _ = FileManager.default.createFile(atPath: capture.path, contents: nil)
        let handle = try FileHandle(forWritingTo: capture)
        fflush(stderr)
        let saved = dup(2)
        dup2(handle.fileDescriptor, 2)
        defer {
            fflush(stderr)
            dup2(saved, 2)
            close(saved)
            try? handle.close()
        }
        try body()
        fflush(stderr)
        return try String(contentsOf: capture, encoding: .utf8)
    }
}
