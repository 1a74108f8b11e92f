import Foundation
import PINN
import XCTest

/// Observations read from CSV and HDF5 files beside the problem file, and every kind of bad
/// data: one message naming the problem file, the JSON path, the data file and the row or
/// dataset.
final class ObservationFileTests: XCTestCase {
    /// The fixture (x, t ∈ [0, 1]) observing u from `FILE`, with `k` unknown.
    static func problem(data: String) -> String {
        ProblemFixture.variant([("\"training\":", "\"data\": \(data),\n  \"training\":")], of: InverseProblemFileTests.inverse
            .replacingOccurrences(of: "\"data\": {\"from_reference\": {\"points\": 50, \"noise\": 0.01, \"seed\": 3}},\n  ", with: ""))
    }

    private func load(_ data: String, in directory: URL) throws -> Problem {
        try ProblemFixture.load(Self.problem(data: data), file: directory.appendingPathComponent("case.json").path)
    }

    private func error(_ data: String, in directory: URL, line: UInt = #line) -> ProblemError? {
        ProblemFixture.error(Self.problem(data: data), file: directory.appendingPathComponent("case.json").path, line: line)
    }

    private func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("observations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testCSVWithRenamedColumns() throws {
        let dir = try directory()
        try "t, x, U\n0, 0.5, 1\n0.25, 1, 0\n\n1,0,-0.5\n".write(to: dir.appendingPathComponent("obs.csv"), atomically: true, encoding: .utf8)
        let p = try load("{\"file\": \"obs.csv\", \"names\": {\"u\": \"U\"}}", in: dir)
        guard case .observations(let o)? = p.inverse.data else { return XCTFail("expected observations from the file") }
        XCTAssertEqual(o.points, [0.5, 0, 1, 0.25, 0, 1], "columns in input order (x, t) whatever the file's order")
        XCTAssertEqual(o.values, [[1, 0, -0.5]])
        XCTAssertEqual(o.outputs, ["u"])
        XCTAssertEqual(p.lossTerms.last, "data_u")
    }

    func testHDF5Observations() throws {
        let dir = try directory()
        let file = try HDF5File.create(at: dir.appendingPathComponent("obs.h5"))
        try file.writeDataset("/X", doubles: [0.5, 0, 1, 0.25], shape: [2, 2])
        try file.writeDataset("/u", doubles: [0.3, -0.1])
        try file.close()
        let p = try load("{\"file\": \"obs.h5\", \"names\": {\"points\": \"X\"}}", in: dir)
        XCTAssertEqual(p.inverse.data, .observations(Observations(source: dir.appendingPathComponent("obs.h5").path,
                                                                   points: [0.5, 0, 1, 0.25], outputs: ["u"], values: [[0.3, -0.1]])))
    }

    func testBadCSVData() throws {
        let dir = try directory()
        let cases: [(String, String, String, [String])] = [
            ("missing column", "x,t\n0,0\n", "data.file", ["obs.csv", "no column 'u' for output 'u' (columns: x, t)"]),
            ("renamed column missing", "x,t,u\n0,0,1\n", "data.names.u", ["obs.csv", "no column 'U'"]),
            ("not a number", "x,t,u\n0,0,1\n0.5,0.5,nan\n", "data.file", ["obs.csv', row 2 (line 3)", "column 'u' is not a finite number ('nan')"]),
            ("empty field", "x,t,u\n0,,1\n", "data.file", ["row 1 (line 2)", "column 't' is not a finite number ('')"]),
            ("outside the domain", "x,t,u\n0,0,1\n1.5,0,1\n", "data.file", ["row 2 (line 3)", "x = 1.5 is outside the domain [0, 1]"]),
            ("ragged row", "x,t,u\n0,0\n", "data.file", ["row 1 (line 2) has 2 fields; the header names 3"]),
            ("header only", "x,t,u\n", "data.file", ["has a header but no rows"]),
        ]
        for (label, text, path, fragments) in cases {
            try text.write(to: dir.appendingPathComponent("obs.csv"), atomically: true, encoding: .utf8)
            let names = label == "renamed column missing" ? ", \"names\": {\"u\": \"U\"}" : ""
            guard let e = error("{\"file\": \"obs.csv\"\(names)}", in: dir) else { continue }
            XCTAssertEqual(e.path, path, "\(label): «\(e.description)»")
            XCTAssertTrue(e.description.hasPrefix(dir.appendingPathComponent("case.json").path + ": " + path + ": "), "\(label): «\(e.description)»")
            for f in fragments { XCTAssertTrue(e.description.contains(f), "\(label): «\(e.description)» should contain «\(f)»") }
        }
        let missing = error("{\"file\": \"nowhere.csv\"}", in: dir)
        XCTAssertTrue(missing?.description.contains("no such file") == true, missing?.description ?? "")
        let kind = error("{\"file\": \"obs.txt\"}", in: dir)
        XCTAssertTrue(kind?.description.contains("unknown file type '.txt'") == true, kind?.description ?? "")
        let unknownName = error("{\"file\": \"obs.csv\", \"names\": {\"w\": \"W\"}}", in: dir)
        XCTAssertEqual(unknownName?.path, "data.names.w")
    }

    func testBadHDF5Data() throws {
        let dir = try directory()
        func write(_ body: (HDF5File) throws -> Void) throws {
            let url = dir.appendingPathComponent("obs.h5")
            try? FileManager.default.removeItem(at: url)
            let file = try HDF5File.create(at: url)
            try body(file)
            try file.close()
        }
        let cases: [(String, (HDF5File) throws -> Void, [String])] = [
            ("no point array", { try $0.writeDataset("/u", doubles: [1]) }, ["no numeric dataset 'points'", "datasets at the root: u"]),
            ("wrong point shape", { try $0.writeDataset("/points", doubles: [0, 0, 0], shape: [1, 3]); try $0.writeDataset("/u", doubles: [1]) },
             ["dataset 'points' has shape [1, 3]; expected [N, 2]"]),
            ("values missing", { try $0.writeDataset("/points", doubles: [0, 0], shape: [1, 2]) }, ["no numeric dataset 'u'"]),
            ("values of another length", { try $0.writeDataset("/points", doubles: [0, 0], shape: [1, 2]); try $0.writeDataset("/u", doubles: [1, 2]) },
             ["dataset 'u' has shape [2]; expected [1]"]),
            ("NaN value", { try $0.writeDataset("/points", doubles: [0, 0, 1, 1], shape: [2, 2]); try $0.writeDataset("/u", doubles: [1, .nan]) },
             ["dataset 'u', element 1: not a finite number"]),
            ("point outside", { try $0.writeDataset("/points", doubles: [0, 0, 1, 2], shape: [2, 2]); try $0.writeDataset("/u", doubles: [1, 1]) },
             ["dataset 'points', row 1: t = 2 is outside the domain [0, 1]"]),
        ]
        for (label, body, fragments) in cases {
            try write(body)
            guard let e = error("{\"file\": \"obs.h5\"}", in: dir) else { continue }
            XCTAssertEqual(e.path, "data.file", "\(label): «\(e.description)»")
            XCTAssertTrue(e.description.contains("obs.h5"), "\(label): names the data file: «\(e.description)»")
            for f in fragments { XCTAssertTrue(e.description.contains(f), "\(label): «\(e.description)» should contain «\(f)»") }
        }
    }
}
