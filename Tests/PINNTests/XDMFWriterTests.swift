import Foundation
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

import PINN

final class XDMFWriterTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("xdmf") }
    override func tearDown() { scratch.remove() }

    /// Writes `result` to NAME.h5 (left open for the per-step datasets) and describes it.
    private func describe(_ result: FakeSolverResult, storage: HDF5StepStorage = .copies) throws -> (HDF5File, XDMFContent) {
        let file = try HDF5File.create(atPath: scratch.file("\(result.name).h5").path)
        try result.write(to: file)
        let content = try XDMFContent.describing(file, name: result.name, axisNames: result.grid.map(\.name),
                                                 stepStorage: storage)
        return (file, content)
    }

    private func parse(_ text: String) throws -> XMLDocument {
        try XMLDocument(xmlString: text, options: [])
    }

    private func strings(_ document: XMLDocument, _ xpath: String) throws -> [String] {
        try document.nodes(forXPath: xpath).map { ($0.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    func testSpaceTimeBurgersGrid() throws {
        let result = FakeSolverResult.burgers()
        XCTAssertEqual(ResultAxes.order(inputs: ["x", "t"], timeInput: "t"), ["t", "x"])
        let (file, content) = try describe(result)
        XCTAssertFalse(try file.exists("/xdmf"), "a space-time grid needs no per-step datasets")
        guard case .grid(let grid) = content else { return XCTFail("expected one grid, got \(content)") }
        XCTAssertEqual(grid.axes.map(\.name), ["t", "x"])
        XCTAssertEqual(grid.attributes.map(\.name), ["u", "u_reference", "u_error"])

        let xml = try parse(XDMFWriter(heavyDataFile: "burgers.h5").document(content))
        XCTAssertEqual(try strings(xml, "/Xdmf/@Version"), ["3.0"])
        XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Topology/@TopologyType"), ["2DRectMesh"])
        XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Topology/@Dimensions"), ["101 256"], "slowest (t) first")
        XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Geometry/@GeometryType"), ["VXVY"])
        XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Geometry/DataItem"),
                       ["burgers.h5:/grid/x", "burgers.h5:/grid/t"], "X (fastest) array first, then Y")
        XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Geometry/DataItem/@Dimensions"), ["256", "101"])
        XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Attribute/@Name"), ["u", "u_reference", "u_error"])
        XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Attribute/@Center"), ["Node", "Node", "Node"])
        XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Attribute/DataItem"),
                       ["burgers.h5:/fields/u", "burgers.h5:/reference/u", "burgers.h5:/error/u"])
        XCTAssertEqual(Set(try strings(xml, "/Xdmf/Domain/Grid/Attribute/DataItem/@Dimensions")), ["101 256"])
        XCTAssertEqual(Set(try strings(xml, "//DataItem/@Precision")), ["8"])
        XCTAssertEqual(Set(try strings(xml, "//DataItem/@Format")), ["HDF"])
    }

    func testTemporalCollectionWithPerStepDatasets() throws {
        for storage in HDF5StepStorage.allCases {
            let result = FakeSolverResult.taylorGreen(nx: 40, ny: 24, nt: 6)
            let (file, content) = try describe(result, storage: storage)
            guard case .temporal(let series) = content else { return XCTFail("expected a time series, got \(content)") }
            XCTAssertEqual(series.times, result.grid[0].values)
            XCTAssertEqual(series.axes.map(\.name), ["y", "x"])
            XCTAssertEqual(series.attributes.map(\.name),
                           ["p", "p_reference", "p_error", "u", "u_reference", "u_error", "v", "v_reference", "v_error"])
            XCTAssertEqual(series.attributes[3].stepDatasets.first, "/xdmf/fields/u/0000")
            XCTAssertEqual(series.attributes[3].stepDatasets.last, "/xdmf/fields/u/0005")

            // Every step dataset holds exactly its slice of the [nt, ny, nx] array.
            try file.close()
            let read = try HDF5File.open(atPath: file.path)
            for attribute in series.attributes {
                let group = attribute.name.hasSuffix("_error") ? "error"
                    : attribute.name.hasSuffix("_reference") ? "reference" : "fields"
                let output = String(attribute.name.prefix { $0 != "_" })
                let full = try read.readDoubles("/\(group)/\(output)")
                XCTAssertEqual(full.shape, [6, 24, 40])
                for (step, dataset) in attribute.stepDatasets.enumerated() {
                    let slice = try read.readDoubles(dataset)
                    XCTAssertEqual(slice.shape, [24, 40], "\(storage) \(dataset)")
                    assertSameValues(slice.values, Array(full.values[(step * 960)..<((step + 1) * 960)]),
                                      "\(storage) \(dataset)")
                }
            }

            let xml = try parse(XDMFWriter(heavyDataFile: "taylor_green.h5").document(content))
            XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/@GridType"), ["Collection"])
            XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/@CollectionType"), ["Temporal"])
            XCTAssertEqual(try xml.nodes(forXPath: "/Xdmf/Domain/Grid/Grid").count, 6)
            XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Grid/Time/@Value"), result.grid[0].values.map { "\($0)" })
            XCTAssertEqual(Set(try strings(xml, "//Topology/@Dimensions")), ["24 40"])
            XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Grid[1]/Geometry/DataItem"),
                           ["taylor_green.h5:/grid/x", "taylor_green.h5:/grid/y"])
            XCTAssertEqual(try strings(xml, "/Xdmf/Domain/Grid/Grid[3]/Attribute[@Name='u']/DataItem"),
                           ["taylor_green.h5:/xdmf/fields/u/0002"])
            XCTAssertEqual(Set(try strings(xml, "//Attribute/DataItem/@Dimensions")), ["24 40"])
        }
    }

    func testThreeDimensionalGrid() throws {
        let x = evenlySpaced(0, 1, 5), y = evenlySpaced(0, 2, 4), z = evenlySpaced(0, 3, 3)
        let values = (0..<60).map(Double.init)
        let file = try HDF5File.create(atPath: scratch.file("box.h5").path)
        for (name, coordinates) in [("x", x), ("y", y), ("z", z)] {
            try file.writeDataset("/grid/\(name)", doubles: coordinates)
        }
        try file.writeDataset("/fields/u", doubles: values, shape: [3, 4, 5])
        let content = try XDMFContent.describing(file, name: "box",
                                                 axisNames: ResultAxes.order(inputs: ["x", "y", "z"], timeInput: nil))
        let xml = try parse(XDMFWriter(heavyDataFile: "box.h5").document(content))
        XCTAssertEqual(try strings(xml, "//Topology/@TopologyType"), ["3DRectMesh"])
        XCTAssertEqual(try strings(xml, "//Topology/@Dimensions"), ["3 4 5"])
        XCTAssertEqual(try strings(xml, "//Geometry/@GeometryType"), ["VXVYVZ"])
        XCTAssertEqual(try strings(xml, "//Geometry/DataItem"), ["box.h5:/grid/x", "box.h5:/grid/y", "box.h5:/grid/z"])
        XCTAssertEqual(try strings(xml, "//Geometry/DataItem/@Dimensions"), ["5", "4", "3"])
        XCTAssertEqual(try strings(xml, "//Attribute/DataItem/@Dimensions"), ["3 4 5"])
    }

    func testOneDimensionalGridIsOnePointHigh() throws {
        let grid = XDMFRectilinearGrid(name: "poisson", axes: [XDMFAxis(name: "x", dataset: "/grid/x", count: 9)],
                                       attributes: [XDMFAttribute(name: "u", dataset: "/fields/u")])
        let xml = try parse(XDMFWriter(heavyDataFile: "p.h5").document(grid))
        XCTAssertEqual(try strings(xml, "//Topology/@Dimensions"), ["1 9"])
        XCTAssertEqual(try strings(xml, "//Geometry/DataItem"), ["p.h5:/grid/x", "0"])
        XCTAssertEqual(try strings(xml, "//Attribute/DataItem/@Dimensions"), ["9"])
    }

    func testNamesAreEscaped() throws {
        let grid = XDMFRectilinearGrid(name: "a<b & \"c\"", axes: [
            XDMFAxis(name: "y", dataset: "/grid/y", count: 2), XDMFAxis(name: "x", dataset: "/grid/x", count: 3),
        ], attributes: [XDMFAttribute(name: "u'&", dataset: "/fields/u")])
        let xml = try parse(XDMFWriter(heavyDataFile: "r&d.h5").document(grid))
        XCTAssertEqual(try strings(xml, "//Grid/@Name"), ["a<b & \"c\""])
        XCTAssertEqual(try strings(xml, "//Attribute/@Name"), ["u'&"])
        XCTAssertEqual(try strings(xml, "//Attribute/DataItem"), ["r&d.h5:/fields/u"])
    }

    func testContractMistakesAreReported() throws {
        let file = try HDF5File.create(atPath: scratch.file("bad.h5").path)
        try file.writeDataset("/grid/x", doubles: [0, 1, 2])
        try file.writeDataset("/grid/t", doubles: [0, 1])
        try file.writeDataset("/fields/u", doubles: Array(repeating: 0, count: 6), shape: [3, 2])  // transposed
        XCTAssertThrowsError(try XDMFContent.describing(file, name: "bad", axisNames: ["t", "x"])) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .typeMismatch)
            XCTAssertEqual((error as? HDF5Error)?.objectPath, "/fields/u")
        }
        XCTAssertThrowsError(try XDMFContent.describing(file, name: "bad", axisNames: ["t", "y", "x"])) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .notFound)
            XCTAssertEqual((error as? HDF5Error)?.objectPath, "/grid/y")
        }
    }
}
