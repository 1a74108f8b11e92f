import Foundation
import XCTest

import PINN

final class HDF5AttributeTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("hdf5-attr") }
    override func tearDown() { scratch.remove() }

    func testEveryKindRoundTripsOnRootGroupAndDataset() throws {
        let path = scratch.file("attrs.h5").path
        let longJSON = "{\"x\": \"" + String(repeating: "ab∂", count: 40_000) + "\"}"   // > 64 KiB
        let values: [(String, HDF5AttributeValue)] = [
            ("text", .string("Burgers — ν = 0.01/π")),
            ("empty", .string("")),
            ("fixed", .fixedString("fixed ü")),
            ("long", .string(longJSON)),
            ("names", .strings(["pde", "initial", "boundary", ""])),
            ("none", .strings([])),
            ("x", .double(-1.25e-300)),
            ("n", .int(Int(Int64.min))),
            ("xs", .doubles([1, 2.5, .pi])),
            ("ns", .ints([3, -4])),
        ]
        let file = try HDF5File.create(atPath: path)
        try file.writeDataset("/training/loss", doubles: [1, 2], shape: [1, 2])
        for target in ["/", "/training", "/training/loss"] {
            for (name, value) in values { try file.setAttribute(name, value, on: target) }
        }
        XCTAssertEqual(file.openObjectCount, 1)
        try file.close()

        let read = try HDF5File.open(atPath: path)
        for target in ["/", "/training", "/training/loss"] {
            XCTAssertEqual(try read.attributeNames(on: target), values.map(\.0).sorted(), target)
            for (name, value) in values {
                XCTAssertEqual(try read.attribute(name, on: target), value, "\(target) @\(name)")
            }
        }
        XCTAssertEqual(try read.stringAttribute("fixed"), "fixed ü")
        XCTAssertEqual(try read.stringsAttribute("names", on: "/training/loss"), ["pde", "initial", "boundary", ""])
        XCTAssertEqual(try read.doubleAttribute("n"), Double(Int64.min), "integers read as Double")
        XCTAssertEqual(try read.intAttribute("n"), Int(Int64.min))
        XCTAssertTrue(try read.hasAttribute("x"))
        XCTAssertFalse(try read.hasAttribute("nope"))
        XCTAssertEqual(read.openObjectCount, 1)
    }

    func testReplacingAndMismatchedReads() throws {
        let file = try HDF5File.create(atPath: scratch.file("replace.h5").path)
        try file.setAttribute("wall_seconds", .int(1))
        try file.setAttribute("wall_seconds", .double(2.5))
        XCTAssertEqual(try file.doubleAttribute("wall_seconds"), 2.5)
        XCTAssertEqual(try file.attributeNames(), ["wall_seconds"])
        XCTAssertThrowsError(try file.stringAttribute("wall_seconds")) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .typeMismatch)
        }
        XCTAssertThrowsError(try file.intAttribute("missing")) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .notFound)
        }
        XCTAssertThrowsError(try file.setAttribute("a", .int(1), on: "/no/such")) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .notFound)
            XCTAssertEqual((error as? HDF5Error)?.objectPath, "/no/such")
        }
    }
}
