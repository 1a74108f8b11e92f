import Foundation
import XCTest

import PINN

/// `/training/error_history`: written with its columns and evaluation time, read back,
/// and absent when a result has none.
final class ResultErrorHistoryTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("error-history") }
    override func tearDown() { scratch.remove() }

    private static let history = ErrorHistory(
        columns: ["wall_seconds", "iteration", "rel_l2_u"],
        rows: [[0, 0, 0.9], [2.01, 180, 3.5e-2], [4.02, 350, 1.25e-3], [4.5, 400, 2.5e-3]],
        evaluationSeconds: 0.046)

    func testWrittenWithColumnsAndReadBack() throws {
        var result = FakeResults.burgers()
        result.errorHistory = Self.history
        let written = try ResultWriter.write(result, to: scratch.url)
        do {
            let file = try HDF5File.open(at: written[0])
            defer { try? file.close() }
            XCTAssertEqual(try file.childNames(of: "/training"), ["error_history", "loss", "parameters"])
            let array = try file.readDoubles("/training/error_history")
            XCTAssertEqual(array.shape, [4, 3])
            assertSameValues(array.values, Self.history.rows.flatMap { $0 }, "/training/error_history")
            XCTAssertEqual(try file.stringsAttribute("columns", on: "/training/error_history"),
                           ["wall_seconds", "iteration", "rel_l2_u"])
            XCTAssertEqual(try file.doubleAttribute("evaluation_seconds", on: "/training/error_history"), 0.046)
        }
        let read = try ResultWriter.readResult(from: written[0])
        XCTAssertEqual(read.errorHistory, Self.history)
        XCTAssertEqual(read.errorHistory?.column("iteration"), [0, 180, 350, 400])
        XCTAssertNil(read.errorHistory?.column("rel_l2_v"))
    }

    func testSeveralOutputsGetOneColumnEach() throws {
        var result = FakeResults.flow2D()
        result.errorHistory = ErrorHistory(columns: ["wall_seconds", "iteration", "rel_l2_u", "rel_l2_v"],
                                           rows: [[0, 0, 1, 1], [1.5, 10, 0.5, 0.25]], evaluationSeconds: 0.01)
        let written = try ResultWriter.write(result, to: scratch.url)
        let read = try ResultWriter.readResult(from: written[0])
        XCTAssertEqual(read.errorHistory?.columns, ["wall_seconds", "iteration", "rel_l2_u", "rel_l2_v"])
        XCTAssertEqual(read.errorHistory?.column("rel_l2_v"), [1, 0.25])
    }

    func testNoHistoryNoDataset() throws {
        let written = try ResultWriter.write(FakeResults.burgers(), to: scratch.url)
        let file = try HDF5File.open(at: written[0])
        defer { try? file.close() }
        XCTAssertFalse(try file.exists("/training/error_history"))
        XCTAssertNil(try ResultWriter.readResult(from: written[0]).errorHistory)
    }

    func testRowsOfTheWrongWidthAreAValidationProblem() {
        var result = FakeResults.burgers()
        result.errorHistory = ErrorHistory(columns: ["wall_seconds", "iteration", "rel_l2_u"], rows: [[0, 0]],
                                           evaluationSeconds: 0)
        XCTAssertEqual(result.validationProblems(),
                       ["errorHistory.rows[0] has 2 values for 3 columns [\"wall_seconds\", \"iteration\", \"rel_l2_u\"]"])
    }
}
