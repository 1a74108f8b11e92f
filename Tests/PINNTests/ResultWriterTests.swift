import Foundation
import XCTest

import PINN

/// Writes fake results with `ResultWriter` and reads back every dataset and attribute.
final class ResultWriterTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("result-writer") }
    override func tearDown() { scratch.remove() }

    func testAxisOrderIsTimeThenZYX() {
        XCTAssertEqual(ResultAxes.order(inputs: ["x", "t"], timeInput: "t"), ["t", "x"])
        XCTAssertEqual(ResultAxes.order(inputs: ["x", "y", "t"], timeInput: "t"), ["t", "y", "x"])
        XCTAssertEqual(ResultAxes.order(inputs: ["x", "y", "z"], timeInput: nil), ["z", "y", "x"])
        XCTAssertEqual(ResultAxes.order(inputs: ["y", "x"], timeInput: nil), ["y", "x"], "contract order, not input order")
        XCTAssertEqual(ResultAxes.order(inputs: ["t"], timeInput: "t"), ["t"])
        XCTAssertEqual(ResultAxes.order(inputs: ["r", "theta", "time"], timeInput: "time"), ["time", "theta", "r"])
        let burgers = FakeResults.burgers(nx: 16, nt: 5)
        XCTAssertEqual(burgers.axisOrder, ["t", "x"])
        XCTAssertEqual(burgers.fieldShape, [5, 16])
        let flow = FakeResults.flow2D(nx: 6, ny: 4, nt: 3)
        XCTAssertEqual(flow.axisOrder, ["t", "y", "x"])
        XCTAssertEqual(flow.fieldShape, [3, 4, 6])
    }

    func testBurgersLayoutReadsBack() throws {
        let result = FakeResults.burgers(nx: 16, nt: 5, iterations: 12)
        let written = try ResultWriter.write(result, to: scratch.url)
        XCTAssertEqual(written.map(\.lastPathComponent), ["burgers.h5", "burgers.xdmf"])
        XCTAssertEqual(try scratch.contents(), ["burgers.h5", "burgers.xdmf"], "no temporaries left")

        let file = try HDF5File.open(at: written[0])
        defer { try? file.close() }
        XCTAssertEqual(try file.childNames(), ["error", "fields", "grid", "reference", "training"],
                       "a [t, x] space-time plane needs no per-step datasets")
        XCTAssertEqual(try file.childNames(of: "/grid"), ["t", "x"])
        XCTAssertEqual(try file.readDoubles("/grid/x"), HDF5Array(shape: [16], values: result.grid["x"]!))
        XCTAssertEqual(try file.readDoubles("/grid/t"), HDF5Array(shape: [5], values: result.grid["t"]!))
        XCTAssertEqual(try file.stringsAttribute("inputs", on: "/grid"), ["x", "t"])
        XCTAssertEqual(try file.stringsAttribute("axes", on: "/grid"), ["t", "x"])
        XCTAssertEqual(try file.stringAttribute("time_input", on: "/grid"), "t")

        let u = try file.readDoubles("/fields/u")
        XCTAssertEqual(u.shape, [5, 16], "Burgers fields are [nt, nx]")
        assertSameValues(u.values, result.fields["u"]!, "/fields/u")
        // Row-major, t slowest: element [it, ix] is u(x[ix], t[it]).
        let x = result.grid["x"]!, t = result.grid["t"]!
        XCTAssertEqual(u.values[3 * 16 + 11], -sin(Double.pi * x[11]) * exp(-t[3]) + 1e-3 * x[11] * t[3],
                       accuracy: 1e-15)
        let reference = try file.readDoubles("/reference/u")
        XCTAssertEqual(reference.shape, [5, 16])
        assertSameValues(reference.values, result.reference["u"]!, "/reference/u")
        let error = try file.readDoubles("/error/u")
        XCTAssertEqual(error.shape, [5, 16])
        assertSameValues(error.values, zip(u.values, reference.values).map { $0 - $1 }, "/error/u")

        let loss = try file.readDoubles("/training/loss")
        XCTAssertEqual(loss.shape, [12, 4])
        assertSameValues(loss.values, result.lossHistory.flatMap { $0 }, "/training/loss")
        XCTAssertEqual(try file.stringsAttribute("columns", on: "/training/loss"), ["pde", "initial", "left", "right"])
        XCTAssertEqual(try file.readDoubles("/training/parameters"), HDF5Array(shape: [41], values: result.parameters))

        XCTAssertEqual(try file.attributeNames(),
                       ["adam_iterations", "problem", "rel_l2_u", "seed", "stage_count", "version", "wall_seconds"])
        XCTAssertEqual(try file.attribute("problem"), .string(result.problemText))
        XCTAssertEqual(try file.attribute("seed"), .int(1234), "seed is an integer attribute")
        XCTAssertEqual(try file.attribute("version"), .string("0.1.0-test"))
        XCTAssertEqual(try file.attribute("wall_seconds"), .double(12.75))
        XCTAssertEqual(try file.attribute("rel_l2_u"), .double(2.5e-3), "a given relative error is written as is")
        XCTAssertEqual(try file.attribute("stage_count"), .double(2))
        XCTAssertEqual(try file.attribute("adam_iterations"), .double(10))
        XCTAssertEqual(file.openObjectCount, 1, "every HDF5 object was closed")
    }

    func testBurgersReadResultRoundTrips() throws {
        let result = FakeResults.burgers()
        let written = try ResultWriter.write(result, to: scratch.url)
        let read = try ResultWriter.readResult(from: written[0])
        XCTAssertEqual(read.name, "burgers")
        XCTAssertEqual(read.problemText, result.problemText)
        XCTAssertEqual(read.seed, 1234)
        XCTAssertEqual(read.version, result.version)
        XCTAssertEqual(read.wallSeconds, result.wallSeconds)
        XCTAssertEqual(read.inputs, ["x", "t"])
        XCTAssertEqual(read.timeInput, "t")
        XCTAssertEqual(read.grid, result.grid)
        XCTAssertEqual(read.outputs, ["u"])
        XCTAssertEqual(read.fields, result.fields)
        XCTAssertEqual(read.reference, result.reference)
        XCTAssertEqual(read.lossColumns, result.lossColumns)
        XCTAssertEqual(read.lossHistory, result.lossHistory)
        XCTAssertEqual(read.parameters, result.parameters)
        XCTAssertEqual(read.relativeL2, ["u": 2.5e-3])
        XCTAssertEqual(read.extraAttributes, result.extraAttributes)
        XCTAssertEqual(read.fieldShape, [5, 16])
    }

    func testTimeDependent2DLayoutReadsBack() throws {
        let result = FakeResults.flow2D(nx: 6, ny: 4, nt: 3)
        let written = try ResultWriter.write(result, to: scratch.url)
        XCTAssertEqual(try scratch.contents(), ["flow2d.h5", "flow2d.xdmf"])

        let file = try HDF5File.open(at: written[0])
        defer { try? file.close() }
        XCTAssertEqual(try file.childNames(), ["error", "fields", "grid", "reference", "training", "xdmf"])
        XCTAssertEqual(try file.stringsAttribute("axes", on: "/grid"), ["t", "y", "x"])
        XCTAssertEqual(try file.stringsAttribute("outputs", on: "/fields"), ["u", "v", "p"], "problem order kept")
        XCTAssertEqual(try file.childNames(of: "/fields"), ["p", "u", "v"])
        XCTAssertEqual(try file.childNames(of: "/reference"), ["u", "v"], "p has no reference")
        XCTAssertEqual(try file.childNames(of: "/error"), ["u", "v"])
        for output in ["u", "v", "p"] {
            XCTAssertEqual(try file.datasetShape("/fields/\(output)"), [3, 4, 6], "[nt, ny, nx] for \(output)")
        }
        // p encodes its own index: 100 it + 10 iy + ix at row-major [it, iy, ix].
        let p = try file.readDoubles("/fields/p").values
        XCTAssertEqual(p[FakeResults.index(2, 3, 5, ny: 4, nx: 6)], 235)
        XCTAssertEqual(p[FakeResults.index(1, 0, 4, ny: 4, nx: 6)], 104)

        // Relative errors not given are computed; none for p.
        XCTAssertEqual(try file.attributeNames(), ["problem", "rel_l2_u", "rel_l2_v", "seed", "version", "wall_seconds"])
        for output in ["u", "v"] {
            let f = result.fields[output]!, r = result.reference[output]!
            let expected = (zip(f, r).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / r.map { $0 * $0 }.reduce(0, +))
                .squareRoot()
            XCTAssertEqual(try file.doubleAttribute("rel_l2_\(output)"), expected, accuracy: 1e-15 * expected)
        }
        // Seeds above Int64.max keep their bit pattern.
        XCTAssertEqual(try file.intAttribute("seed"), Int(Int64(bitPattern: UInt64.max - 6)))
        XCTAssertEqual(try ResultWriter.readResult(from: written[0]).seed, UInt64.max - 6)

        // One dataset per time step for the XDMF temporal collection, equal to the slices.
        let u = try file.readDoubles("/fields/u").values
        XCTAssertEqual(try file.childNames(of: "/xdmf/fields/u"), ["0000", "0001", "0002"])
        for step in 0..<3 {
            let slice = try file.readDoubles("/xdmf/fields/u/000\(step)")
            XCTAssertEqual(slice.shape, [4, 6])
            assertSameValues(slice.values, Array(u[(step * 24)..<((step + 1) * 24)]), "step \(step) of u")
        }
        XCTAssertFalse(try file.exists("/xdmf/reference/p"))

        let read = try ResultWriter.readResult(from: written[0])
        XCTAssertEqual(read.inputs, ["x", "y", "t"])
        XCTAssertEqual(read.outputs, ["u", "v", "p"])
        XCTAssertEqual(read.fields, result.fields)
        XCTAssertEqual(read.reference, result.reference)
        XCTAssertEqual(Set(read.relativeL2.keys), ["u", "v"])
        XCTAssertEqual(read.extraAttributes, [:])
    }

    func testSteadyAndTimeOnlyProblems() throws {
        // Kovasznay-like: inputs [x, y], no time: [ny, nx], one rectilinear grid.
        let nx = 5, ny = 3
        var steady = FakeResults.flow2D(nx: nx, ny: ny, nt: 1)
        steady.name = "steady"
        steady.inputs = ["x", "y"]
        steady.timeInput = nil
        steady.grid["t"] = nil
        XCTAssertEqual(steady.fieldShape, [ny, nx])
        let written = try ResultWriter.write(steady, to: scratch.url)
        let file = try HDF5File.open(at: written[0])
        XCTAssertEqual(try file.datasetShape("/fields/u"), [ny, nx])
        XCTAssertFalse(try file.exists("/xdmf"))
        XCTAssertFalse(try file.hasAttribute("time_input", on: "/grid"))
        try file.close()
        XCTAssertNil(try ResultWriter.readResult(from: written[0]).timeInput)

        // An ODE (the MPC dynamics model): the only input is time.
        let t = evenlySpaced(0, 2, 7)
        let ode = SolveResult(name: "ode", problemText: "{}", seed: 1, version: "0", wallSeconds: 0,
                              inputs: ["t"], timeInput: "t", grid: ["t": t], outputs: ["x1", "x2"],
                              fields: ["x1": t, "x2": t.map { $0 * $0 }], lossColumns: ["ode"],
                              lossHistory: [], parameters: [])
        let odeFiles = try ResultWriter.write(ode, to: scratch.url)
        let read = try ResultWriter.readResult(from: odeFiles[0])
        XCTAssertEqual(read.fields, ode.fields)
        XCTAssertEqual(read.lossHistory, [], "an empty loss history is [0, terms]")
        XCTAssertEqual(try HDF5File.open(at: odeFiles[0]).datasetShape("/training/loss"), [0, 1])
    }

    func testReferenceFileHoldsGridAndReferenceOnly() throws {
        let result = FakeResults.burgers()
        let url = try ResultWriter.writeReference(name: "burgers", problemText: result.problemText,
                                                  inputs: result.inputs, timeInput: result.timeInput,
                                                  grid: result.grid, outputs: ["u"], reference: result.reference,
                                                  to: scratch.url)
        XCTAssertEqual(url.lastPathComponent, "burgers.reference.h5")
        XCTAssertEqual(try scratch.contents(), ["burgers.reference.h5", "burgers.reference.xdmf"])
        let file = try HDF5File.open(at: url)
        XCTAssertEqual(try file.childNames(), ["grid", "reference"])
        XCTAssertEqual(try file.datasetShape("/reference/u"), [5, 16])
        XCTAssertEqual(try file.stringAttribute("problem"), result.problemText)
        try file.close()

        let read = try ResultWriter.readReference(from: url)
        XCTAssertEqual(read, ReferenceData(name: "burgers", problemText: result.problemText, inputs: ["x", "t"],
                                           timeInput: "t", grid: result.grid, outputs: ["u"],
                                           reference: result.reference))
        let xdmf = try String(contentsOf: scratch.file("burgers.reference.xdmf"), encoding: .utf8)
        XCTAssertTrue(xdmf.contains(">burgers.reference.h5:/reference/u<"), xdmf)
        XCTAssertTrue(xdmf.contains("Name=\"u_reference\""), xdmf)
    }

    func testValidationNamesTheOutputAndShapes() {
        XCTAssertEqual(FakeResults.burgers().validationProblems(), [])
        XCTAssertEqual(FakeResults.flow2D().validationProblems(), [])

        var result = FakeResults.burgers(nx: 16, nt: 5)
        result.fields["u"]!.removeLast()
        result.reference["u"]! += [0, 0]
        result.lossHistory[3].append(1)
        result.extraAttributes["seed"] = 1
        result.relativeL2["w"] = 1
        let problems = result.validationProblems()
        XCTAssertTrue(problems.contains("fields['u'] has 79 values, but the grid [\"t\", \"x\"] has shape [5, 16] (80 values)"),
                      "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("reference['u'] has 82 values") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("lossHistory[3] has 5 values for 4 lossColumns") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("extraAttributes['seed'] collides") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("relativeL2['w'] is given but output 'w' has no reference") },
                      "\(problems)")

        var grid = FakeResults.flow2D()
        grid.timeInput = "time"
        grid.grid["z"] = [0]
        grid.fields["q"] = []
        grid.outputs.append("w")
        let gridProblems = grid.validationProblems()
        XCTAssertTrue(gridProblems.contains("timeInput 'time' is not one of the inputs [\"x\", \"y\", \"t\"]"), "\(gridProblems)")
        XCTAssertTrue(gridProblems.contains("grid['z'] is not one of the inputs [\"x\", \"y\", \"t\"]"), "\(gridProblems)")
        XCTAssertTrue(gridProblems.contains("fields has no array for output 'w'"), "\(gridProblems)")
        XCTAssertTrue(gridProblems.contains { $0.hasPrefix("fields['q'] is not one of the outputs") }, "\(gridProblems)")

        var named = FakeResults.burgers()
        named.name = "../x"
        XCTAssertEqual(named.validationProblems(), ["name '../x' is not a usable file base name"])
    }
}

extension ResultWriterTests {
    func testLongProblemTextAndRewriteReplaceThePreviousResult() throws {
        var result = FakeResults.burgers()
        result.problemText = "{\"schema\": 1, \"pad\": \"" + String(repeating: "x", count: 200_000) + "\"}"
        try ResultWriter.write(result, to: scratch.url)
        XCTAssertEqual(try ResultWriter.readResult(from: scratch.file("burgers.h5")).problemText, result.problemText,
                       "the problem attribute is not limited to 64 KiB")

        // A second run with another grid replaces both files.
        let second = FakeResults.burgers(nx: 8, nt: 3)
        try ResultWriter.write(second, to: scratch.url)
        XCTAssertEqual(try scratch.contents(), ["burgers.h5", "burgers.xdmf"])
        XCTAssertEqual(try ResultWriter.readResult(from: scratch.file("burgers.h5")).fieldShape, [3, 8])
        let xdmf = try String(contentsOf: scratch.file("burgers.xdmf"), encoding: .utf8)
        XCTAssertTrue(xdmf.contains("Dimensions=\"3 8\""), xdmf)
    }
}
