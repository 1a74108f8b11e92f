import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

import PINN

/// Parses the .xdmf files the writer produces and follows every heavy-data reference
/// into the .h5.
final class ResultXDMFTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("result-xdmf") }
    override func tearDown() { scratch.remove() }

    /// The parsed document, after checking that every HDF DataItem names `h5` by its final
    /// name and points at an existing dataset of the stated dimensions.
    private func parseAndFollow(_ xdmf: URL, _ h5: URL) throws -> XMLDocument {
        let document = try XMLDocument(contentsOf: xdmf, options: [])
        XCTAssertEqual(document.rootElement()?.name, "Xdmf")
        XCTAssertEqual(document.rootElement()?.attribute(forName: "Version")?.stringValue, "3.0")
        let file = try HDF5File.open(at: h5)
        defer { try? file.close() }
        let items = try document.nodes(forXPath: "//DataItem[@Format='HDF']").compactMap { $0 as? XMLElement }
        XCTAssertFalse(items.isEmpty)
        for item in items {
            let text = item.stringValue ?? ""
            XCTAssertFalse(text.contains(".tmp-"), "the XDMF must name the final file: \(text)")
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            XCTAssertEqual(parts.first, h5.lastPathComponent, "heavy data file in \(text)")
            guard parts.count == 2 else { XCTFail("no dataset path in \(text)"); continue }
            let dimensions = (item.attribute(forName: "Dimensions")?.stringValue ?? "")
                .split(separator: " ").compactMap { Int($0) }
            XCTAssertEqual(try file.datasetShape(parts[1]), dimensions, "Dimensions of \(text)")
        }
        return document
    }

    private func values(_ document: XMLDocument, _ xpath: String) throws -> [String] {
        try document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
    }

    func testBurgersIsOneSpaceTimePlane() throws {
        let files = try ResultWriter.write(FakeResults.burgers(nx: 16, nt: 5), to: scratch.url)
        let document = try parseAndFollow(files[1], files[0])
        XCTAssertEqual(try values(document, "/Xdmf/Domain/Grid/@GridType"), ["Uniform"])
        XCTAssertEqual(try values(document, "//Topology/@TopologyType"), ["2DRectMesh"])
        XCTAssertEqual(try values(document, "//Topology/@Dimensions"), ["5 16"], "nt nx, slowest first")
        XCTAssertEqual(try values(document, "//Geometry/@GeometryType"), ["VXVY"])
        XCTAssertEqual(try values(document, "//Geometry/DataItem"), ["burgers.h5:/grid/x", "burgers.h5:/grid/t"],
                       "x horizontal, t vertical")
        XCTAssertEqual(try values(document, "//Attribute/@Name"), ["u", "u_reference", "u_error"])
    }

    func testTimeDependent2DIsATemporalCollection() throws {
        let result = FakeResults.flow2D(nx: 6, ny: 4, nt: 3)
        let files = try ResultWriter.write(result, to: scratch.url)
        let document = try parseAndFollow(files[1], files[0])
        XCTAssertEqual(try values(document, "/Xdmf/Domain/Grid/@CollectionType"), ["Temporal"])
        XCTAssertEqual(try values(document, "//Grid[@GridType='Uniform']/Time/@Value").compactMap(Double.init),
                       result.grid["t"]!)
        XCTAssertEqual(Set(try values(document, "//Topology/@Dimensions")), ["4 6"], "ny nx per step")
        XCTAssertEqual(try values(document, "(//Grid[@GridType='Uniform'])[1]/Attribute/@Name"),
                       ["p", "u", "u_reference", "u_error", "v", "v_reference", "v_error"])
        XCTAssertEqual(try values(document, "(//Grid[@GridType='Uniform'])[3]/Attribute[@Name='u']/DataItem"),
                       ["flow2d.h5:/xdmf/fields/u/0002"])
    }

    func testVirtualStepStorageAlsoDescribesEveryStep() throws {
        let files = try ResultWriter.write(FakeResults.flow2D(nx: 6, ny: 4, nt: 3), to: scratch.url,
                                           stepStorage: .virtualViews)
        let document = try parseAndFollow(files[1], files[0])
        XCTAssertEqual(try values(document, "//Grid[@GridType='Uniform']").count, 3)
        let file = try HDF5File.open(at: files[0])
        let u = try file.readDoubles("/fields/u").values
        XCTAssertEqual(try file.readDoubles("/xdmf/fields/u/0001").values, Array(u[24..<48]))
    }
}
