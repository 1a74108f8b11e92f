import Foundation
import XCTest

import PINN

/// Which panels a result's picture holds, for each kind of problem, and that the PNG
/// written has the layout's size.
final class PictureLayoutTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("pictures") }
    override func tearDown() { scratch.remove() }

    /// 1-D + time: the x–t plane (time along the long side), network, reference and error,
    /// then the loss curve.
    func testOneDimensionPlusTimeShowsTheXTPlane() throws {
        let result = FakeResults.burgers()
        let layout = ResultPicture.layout(of: result, stages: [StageMark(name: "adam", firstIteration: 1),
                                                               StageMark(name: "lbfgs", firstIteration: 11)])
        XCTAssertEqual(layout.panels.map(\.summary), ["u, network, x–t plane", "u, reference, x–t plane",
                                                      "u, error (network − reference), x–t plane", "loss"])
        for panel in layout.panels.prefix(3) {
            XCTAssertEqual(panel.plotArea.width, 300, panel.summary)
            XCTAssertEqual(panel.plotArea.height, 190, panel.summary)
        }
        try assertWrittenAtLayoutSize(result, layout)
    }

    /// Steady 2-D: the field once per output, the plot shaped like the domain ([0, 2] × [0, 1]);
    /// an output without a reference gets its field alone.
    func testSteadyTwoDimensionsShowsTheFieldShapedLikeTheDomain() throws {
        let result = PictureResults.steady2D()
        let layout = ResultPicture.layout(of: result)
        XCTAssertEqual(layout.panels.map(\.summary), ["u, network, x–y plane", "u, reference, x–y plane",
                                                      "u, error (network − reference), x–y plane", "p, x–y plane",
                                                      "loss"])
        let plot = layout.panels[0].plotArea
        XCTAssertEqual(plot.width / plot.height, 2, accuracy: 1e-9, "aspect of a 2 × 1 domain")
        XCTAssertEqual(layout.panels[3].frame.x, layout.panels[0].frame.x, "p starts a row of its own")
        try assertWrittenAtLayoutSize(result, layout)
    }

    /// 2-D + time: the midpoint and the last time, one row each per output with a reference;
    /// the output without one (p) shows both times side by side.
    func testTwoDimensionsPlusTimeShowsTheMidpointAndTheLastTime() throws {
        let result = FakeResults.flow2D()   // t = 0, 0.5, 1
        let layout = ResultPicture.layout(of: result)
        let kinds = ["network", "reference", "error (network − reference)"]
        let expected = ["u", "v"].flatMap { output in
            ["t = 0.5 (midpoint)", "t = 1 (last)"].flatMap { time in kinds.map { "\(output), \($0), \(time)" } }
        } + ["p, t = 0.5 (midpoint)", "p, t = 1 (last)", "loss"]
        XCTAssertEqual(layout.panels.map(\.summary), expected)
        let rows = Set(layout.panels.map(\.frame.y))
        XCTAssertEqual(rows.count, 6, "u and v: two rows each; p: one; the loss: one")
        try assertWrittenAtLayoutSize(result, layout)
    }

    /// Three spatial inputs: the x–y plane at the middle z.
    func testThreeSpatialInputsShowTheMiddleOfTheThird() throws {
        let x = evenlySpaced(0, 1, 4), y = evenlySpaced(0, 1, 3), z = evenlySpaced(0, 3, 5)
        let u = (0..<(x.count * y.count * z.count)).map(Double.init)
        let result = SolveResult(name: "box", problemText: "{}", seed: 0, version: "test", wallSeconds: 0,
                                 inputs: ["x", "y", "z"], timeInput: nil, grid: ["x": x, "y": y, "z": z],
                                 outputs: ["u"], fields: ["u": u], lossColumns: ["pde"], lossHistory: [[1]],
                                 parameters: [0])
        XCTAssertEqual(ResultPicture.layout(of: result).panels.map(\.summary), ["u, z = 1.5", "loss"])
        try assertWrittenAtLayoutSize(result, ResultPicture.layout(of: result))
    }

    /// A single input: curves of network and reference, and of the error; the error during
    /// training beside the loss when it was recorded.
    func testOneDimensionShowsCurvesAndTheErrorHistory() throws {
        let result = PictureResults.line1D()
        let layout = ResultPicture.layout(of: result)
        XCTAssertEqual(layout.panels.map(\.summary), ["u, network and reference", "u, error (network − reference)",
                                                      "loss", "rel. L2 error"])
        XCTAssertEqual(layout.panels[2].frame.y, layout.panels[3].frame.y, "loss and error history share a row")
        try assertWrittenAtLayoutSize(result, layout)
    }

    /// A learned function of one argument gets a row after the fields: the function beside
    /// its expected expression and, when one is expected, their difference; a function
    /// without `expect.functions` shows the learned curve alone.
    func testLearnedFunctionsGetARowEach() throws {
        var result = FakeResults.burgers()
        let u = evenlySpaced(0, 1, 201)
        result.functionCurves = [
            FunctionCurve(name: "R", argument: "u", arguments: u, learned: u.map { $0 * (1 - $0) + 1e-4 },
                          expected: u.map { $0 * (1 - $0) }, expectedSource: "u*(1 - u)", maxError: 1e-4, bound: 1e-2,
                          checkRange: 0.05...0.95),
            FunctionCurve(name: "S", argument: "u", arguments: u, learned: u),
        ]
        result.learnedParameters = [LearnedParameter(name: "l1", value: 0.99954)]
        let layout = ResultPicture.layout(of: result)
        XCTAssertEqual(layout.panels.map(\.summary), ["u, network, x–t plane", "u, reference, x–t plane",
                                                      "u, error (network − reference), x–t plane",
                                                      "R(u), learned and expected", "R(u) − (u*(1 - u))",
                                                      "S(u), learned", "loss"])
        let rows = layout.panels.map(\.frame.y)
        XCTAssertTrue(rows[2] < rows[3] && rows[3] == rows[4] && rows[4] < rows[5] && rows[5] < rows[6],
                      "fields, R, S and the loss each on a row of their own: \(rows)")
        try assertWrittenAtLayoutSize(result, layout)
    }

    /// Writing goes through a temporary renamed into place; a destination that cannot be
    /// replaced fails naming it, and leaves no temporary behind.
    func testFailedWriteNamesThePathAndLeavesNoTemporary() throws {
        let result = FakeResults.burgers()
        let blocker = ResultPicture.url(name: result.name, in: scratch.url)
        try FileManager.default.createDirectory(at: blocker.appendingPathComponent("inside"),
                                                withIntermediateDirectories: true)
        XCTAssertThrowsError(try ResultPicture.write(result, to: scratch.url)) { error in
            XCTAssertEqual((error as? AtomicOutputError)?.path, blocker.path, "\(error)")
        }
        XCTAssertEqual(try scratch.contents(), ["burgers.png"], "only the blocking directory")
    }

    private func assertWrittenAtLayoutSize(_ result: SolveResult, _ layout: PictureLayout,
                                           file: StaticString = #filePath, line: UInt = #line) throws {
        let url = try ResultPicture.write(result, to: scratch.url)
        XCTAssertEqual(url.lastPathComponent, result.name + ".png", file: file, line: line)
        let png = try DecodedPNG(contentsOf: url)
        XCTAssertEqual(png.width, layout.width, "width", file: file, line: line)
        XCTAssertEqual(png.height, layout.height, "height", file: file, line: line)
        for panel in layout.panels {
            XCTAssertTrue(panel.frame.x >= 0 && panel.frame.maxX <= Double(png.width)
                              && panel.frame.y >= 0 && panel.frame.maxY <= Double(png.height),
                          "\(panel.summary) lies inside the picture: \(panel.frame)", file: file, line: line)
        }
        XCTAssertEqual(try scratch.contents(), [result.name + ".png"], "no temporaries left", file: file, line: line)
        try FileManager.default.removeItem(at: url)
    }
}
