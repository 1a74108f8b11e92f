import Foundation
import PINN
import XCTest

/// The shipped problem files load and say what they should.
final class ProblemExamplesTests: XCTestCase {
    /// A shipped problem, or a multi-output one kept as a test fixture until it ships.
    private func load(_ name: String) throws -> Problem {
        let shipped = ProblemFixture.problemsDirectory.appendingPathComponent(name)
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try ProblemLoader.load(path: FileManager.default.fileExists(atPath: shipped.path) ? shipped.path : fixture.path)
    }

    func testEveryExampleLoads() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ProblemFixture.problemsDirectory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertTrue(files.contains("burgers.json") && files.contains("heat1d.json"), "examples found: \(files)")
        for f in files {
            XCTAssertNoThrow(try load(f), f)
        }
    }

    func testBurgers() throws {
        let p = try load("burgers.json")
        XCTAssertEqual(p.name, "Viscous Burgers")
        XCTAssertEqual(p.inputs, ["x", "t"])
        XCTAssertEqual(p.timeInput, "t")
        XCTAssertEqual(p.spatialInputs, ["x"])
        XCTAssertEqual(p.parameters["nu"]!, 0.01 / Double.pi, accuracy: 1e-18)
        XCTAssertEqual(p.domain.map { [$0.lower, $0.upper] }, [[-1, 1], [0, 1]])
        XCTAssertEqual(p.lossTerms, ["burgers"], "both conditions are hard: the residual is the only term")
        XCTAssertEqual(p.requiredDerivatives.map(\.name), ["u_x", "u_t", "u_xx"])
        XCTAssertEqual(p.conditions.map(\.isLossTerm), [false, false])
        XCTAssertEqual(p.conditions[1].kind, .dirichlet([
            Face(side: .left, input: "x", isUpper: false, coordinate: -1),
            Face(side: .right, input: "x", isUpper: true, coordinate: 1),
        ]))
        XCTAssertEqual(p.conditions[0].values[0].expression.evaluate(["x": 0.5]), -1, accuracy: 1e-15)
        XCTAssertEqual(p.training.map(\.optimizer), [.adam, .lm, .bfgs])
        XCTAssertEqual(p.reference, .builtin(.burgersColeHopf))
        XCTAssertEqual(p.grid.entries.map(\.value), [256, 101])
        XCTAssertEqual(p.expectedRelativeL2["u"], 1e-5)
    }

    func testHeatAnalyticReferenceMatchesThePDE() throws {
        let p = try load("heat1d.json")
        guard case .analytic(let fields) = p.reference, let u = fields.first?.expression else {
            return XCTFail("heat1d.json should have an analytic reference")
        }
        // The reference satisfies u_t = alpha u_xx (central differences, h = 1e-4).
        let alpha = p.parameters["alpha"]!, h = 1e-4, x = 0.3, t = 0.4
        func f(_ x: Double, _ t: Double) -> Double { u.evaluate(["x": x, "t": t]) }
        let ut = (f(x, t + h) - f(x, t - h)) / (2 * h)
        let uxx = (f(x + h, t) - 2 * f(x, t) + f(x - h, t)) / (h * h)
        XCTAssertEqual(ut, alpha * uxx, accuracy: 1e-5, "u_t = \(ut), alpha*u_xx = \(alpha * uxx)")
        XCTAssertEqual(f(0.5, 0), 1, accuracy: 1e-15)
        XCTAssertEqual(p.weights.entries.map(\.value), [1, 10, 1])
    }

    func testHardVariantsSatisfyTheirConditionsExactly() throws {
        for (name, initial) in [("heat1d_hard.json", { (x: Double) in sin(Double.pi * x) }),
                                ("burgers.json", { (x: Double) in -sin(Double.pi * x) })] {
            let p = try load(name)
            XCTAssertEqual(p.lossTerms, p.residuals.map(\.name), "\(name): hard conditions are not loss terms")
            XCTAssertTrue(p.conditions.allSatisfy { !$0.isLossTerm })
            guard let transform = p.outputTransform(of: "u")?.expression else { return XCTFail("\(name): no transform") }
            XCTAssertEqual(transform.symbols(), ["t", "x", "N_u"])
            let lo = p.interval(of: "x").lower, hi = p.interval(of: "x").upper
            for n in [-3.0, 0.7, 12.0] {
                for x in [lo, 0.25 * lo + 0.75 * hi, hi] {
                    let atStart = transform.evaluate(["x": x, "t": 0, "N_u": n])
                    XCTAssertEqual(atStart, initial(x), accuracy: 1e-15, "\(name): initial value at x = \(x)")
                }
                for t in [0.0, 0.5, 1.0] {
                    XCTAssertEqual(transform.evaluate(["x": lo, "t": t, "N_u": n]), 0, accuracy: 1e-15, "\(name): left wall")
                    XCTAssertEqual(transform.evaluate(["x": hi, "t": t, "N_u": n]), 0, accuracy: 1e-15, "\(name): right wall")
                }
            }
        }
    }

    func testKovasznayMultipleOutputs() throws {
        let p = try load("kovasznay.json")
        XCTAssertNil(p.timeInput)
        XCTAssertEqual(p.sides, [.left, .right, .bottom, .top])
        XCTAssertEqual(p.lossTerms, ["momentum_x", "momentum_y", "continuity", "walls", "pressure"], "file order is kept")
        XCTAssertEqual(p.conditions[0].values.map(\.name), ["u", "v"])
        XCTAssertEqual(p.parameters.names, ["Re", "lambda"])
        let nu = 1.0 / 40
        XCTAssertEqual(p.parameters["lambda"]!, 1 / (2 * nu) - (1 / (4 * nu * nu) + 4 * Double.pi * Double.pi).squareRoot(), accuracy: 1e-14)
    }

    /// The cavity: Navier–Stokes written out in the file, soft no-slip walls, a lid profile
    /// that meets the walls at the corners and is 1 within 0.5 % over the middle 70 % of the lid,
    /// and Ghia's table as the reference with a bound on the largest deviation.
    func testCavity() throws {
        let p = try load("cavity.json")
        XCTAssertNil(p.timeInput)
        XCTAssertEqual(p.outputs, ["u", "v", "p"])
        XCTAssertEqual(p.lossTerms, ["momentum_x", "momentum_y", "continuity", "walls", "lid"])
        XCTAssertEqual(p.parameters["Re"], 100)
        XCTAssertEqual(p.reference, .builtin(.ghiaCavityRe100))
        XCTAssertEqual(p.expectedMaxAbsolute.entries.map(\.value), [0.02, 0.02])
        XCTAssertTrue(p.expectedRelativeL2.isEmpty)
        guard let lid = p.conditions.first(where: { $0.name == "lid" })?.values.first(where: { $0.name == "u" })?.expression else {
            return XCTFail("no lid condition for u")
        }
        let k = p.parameters["k"]!
        func profile(_ x: Double) -> Double { lid.evaluate(["x": x, "k": k]) }
        XCTAssertEqual(profile(0), 0, "the lid stops at the left corner, where the wall has u = 0")
        XCTAssertEqual(profile(1), 0, "and at the right corner")
        XCTAssertEqual(profile(0.5), 1)
        for x in stride(from: 0.15, through: 0.85, by: 0.05) { XCTAssertGreaterThan(profile(x), 0.995, "lid at x = \(x)") }
        XCTAssertEqual(p.conditions.first { $0.name == "walls" }?.faces.map(\.side), [.left, .right, .bottom])
    }

    /// Encoding a spec and decoding it again gives the same spec, up to the order of object
    /// keys (`JSONEncoder` does not keep it; store the original text where order matters).
    func testSpecRoundTripsThroughJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for name in ["burgers.json", "heat1d_hard.json", "kovasznay.json", "cavity.json"] {
            let spec = try load(name).spec
            let data = try encoder.encode(spec)
            let again = try ProblemLoader.decodeSpec(data: data, file: name)
            XCTAssertEqual(String(decoding: try encoder.encode(again), as: UTF8.self), String(decoding: data, as: UTF8.self), name)
            XCTAssertNoThrow(try ProblemLoader.validate(again, file: name), name)
        }
    }
}
