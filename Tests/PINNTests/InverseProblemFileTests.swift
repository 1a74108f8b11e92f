import Foundation
import PINN
import XCTest

/// Unknown parameters, network functions, observations and their expectations in problem
/// files: what a valid file resolves to, and one message naming the file and the JSON path
/// for every way to get them wrong.
final class InverseProblemFileTests: XCTestCase {
    /// The fixture with `k` unknown in the residual, data drawn from the reference.
    static let inverse = ProblemFixture.variant([
        ("\"parameters\": {\"alpha\": 0.1}",
         "\"parameters\": {\"alpha\": 0.1, \"k\": {\"unknown\": true, \"initial\": 0.5, \"positive\": true}, \"c\": {\"unknown\": true, \"initial\": \"alpha/2\"}}"),
        ("\"pde\": {\"heat\": \"u_t - alpha*u_xx\"}", "\"pde\": {\"heat\": \"u_t - k*u_xx + c*u\"}"),
        ("\"training\":", "\"data\": {\"from_reference\": {\"points\": 50, \"noise\": 0.01, \"seed\": 3}},\n  \"training\":"),
        ("\"expect\": {\"rel_l2\": {\"u\": 1e-2}}",
         "\"expect\": {\"rel_l2\": {\"u\": 1e-2}, \"parameters\": {\"k\": {\"value\": \"alpha\", \"rel_error\": 1e-3}},"
            + " \"published\": [{\"source\": \"S\", \"parameter_errors\": {\"k\": 2e-3}}]}"),
    ])

    /// `inverse` with R(u) in the residual instead of c*u.
    static let hybrid = ProblemFixture.variant([
        ("u_t - k*u_xx + c*u", "u_t - k*u_xx - c*R(u)"),
        ("\"domain\":", "\"functions\": {\"R\": {\"inputs\": 1, \"hidden\": [8], \"activation\": \"tanh\"}},\n  \"domain\":"),
    ], of: inverse)

    func testUnknownParametersAndDataTerms() throws {
        let p = try ProblemFixture.load(Self.inverse)
        XCTAssertEqual(p.parameters.names, ["alpha"], "known parameters only")
        XCTAssertEqual(p.inverse.unknowns, [UnknownParameter(name: "k", initial: 0.5, positive: true),
                                            UnknownParameter(name: "c", initial: 0.05, positive: false)])
        XCTAssertEqual(p.lossTerms, ["heat", "ic", "walls", "data_u"], "the data term comes last")
        XCTAssertEqual(p.inverse.data, .fromReference(FromReferenceSpec(points: 50, noise: 0.01, seed: 3), outputs: ["u"]))
        XCTAssertEqual(p.inverse.expectedParameters, [ExpectedParameter(name: "k", value: 0.1, relativeError: 1e-3)])
        XCTAssertEqual(p.residuals[0].expression.description, "u_t - k*u_xx + c*u")
        let weighted = try ProblemFixture.load(ProblemFixture.variant([("\"weights\": {\"ic\": 10}", "\"weights\": {\"ic\": 10, \"data_u\": 3}")],
                                                                      of: Self.inverse))
        XCTAssertEqual(weighted.weights.entries.map(\.value), [1, 10, 1, 3])
    }

    func testNetworkFunctionsNameTheirArguments() throws {
        let p = try ProblemFixture.load(Self.hybrid)
        XCTAssertEqual(p.inverse.functions.map(\.name), ["R"])
        XCTAssertEqual(p.inverse.functions[0].argumentNames, ["u"])
        XCTAssertEqual(p.inverse.functions[0].spec, FunctionSpec(inputs: 1, hidden: [8]))
        XCTAssertEqual(p.inverse.functions[0].spec.parameterCount, 2 * 8 + 9)
        XCTAssertEqual(p.residuals[0].expression.description, "u_t - k*u_xx - c*R(u)")
        let two = try ProblemFixture.load(ProblemFixture.variant([("c*R(u)", "R(u, u_x) + R(u, 2*u_x)"), ("\"inputs\": 1, \"hidden\": [8]", "\"inputs\": 2")],
                                                                 of: Self.hybrid).replacingOccurrences(of: ", \"c\": {\"unknown\": true, \"initial\": \"alpha/2\"}", with: ""))
        XCTAssertEqual(two.inverse.functions[0].argumentNames, ["u", "arg2"], "u_x and 2*u_x differ: the second argument has no name")
        XCTAssertEqual(two.inverse.functions[0].spec.hidden, [16, 16], "default width")
    }

    /// Round trip through Foundation's encoder keeps the new keys (compared as sorted-key
    /// JSON: `JSONEncoder` does not keep the order of object keys).
    func testInverseSpecRoundTrips() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(try ProblemFixture.load(Self.hybrid).spec)
        let again = try ProblemLoader.decodeSpec(data: data, file: "again.json")
        XCTAssertEqual(String(decoding: try encoder.encode(again), as: UTF8.self), String(decoding: data, as: UTF8.self))
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("\"from_reference\""))
        XCTAssertNoThrow(try ProblemLoader.validate(again, file: "again.json"))
    }

    func testInverseMistakesNameTheirPath() {
        let cases: [(String, [(String, String)], String, String)] = [
            ("negative initial of a positive parameter", [("\"initial\": 0.5", "\"initial\": -1")], "parameters.k.initial", "must be positive"),
            ("unknown: false", [("\"unknown\": true, \"initial\": 0.5", "\"unknown\": false, \"initial\": 0.5")], "parameters.k.unknown", "must be true"),
            ("unknown key in an unknown", [("\"positive\": true", "\"positve\": true")], "parameters.k.positve", "did you mean 'positive'"),
            ("unknown used in a condition", [("\"value\": \"sin(pi*x)\"", "\"value\": \"k*sin(pi*x)\"")], "conditions[0].value",
             "'k' is an unknown (trained) parameter, which condition values may not use"),
            ("unknown used by a constant", [("\"alpha\": 0.1,", "\"alpha\": 0.1, \"beta\": \"2*k\",")], "parameters.beta", "unknown (trained) parameter"),
            ("unused unknown", [("u_t - k*u_xx + c*u", "u_t - k*u_xx")], "parameters.c", "not used by any PDE residual"),
            ("data without a source", [("{\"from_reference\": {\"points\": 50, \"noise\": 0.01, \"seed\": 3}}", "{}")], "data", "needs \"file\""),
            ("data with two sources", [("{\"from_reference\"", "{\"file\": \"x.csv\", \"from_reference\"")], "data", "not both"),
            ("observed output that is not one", [("\"seed\": 3}", "\"seed\": 3}, \"outputs\": [\"w\"]")], "data.outputs[0]", "'w' is not an output"),
            ("more points than the grid", [("\"points\": 50", "\"points\": 500")], "data.from_reference.points", "at most the 121 points"),
            ("negative noise", [("\"noise\": 0.01", "\"noise\": -0.01")], "data.from_reference.noise", "must be zero or positive"),
            ("names with from_reference", [("\"seed\": 3}", "\"seed\": 3}, \"names\": {\"u\": \"U\"}")], "data.names.u", "for data files"),
            ("data term name taken", [("\"pde\": {\"heat\"", "\"pde\": {\"data_u\""), ("\"ic\": 10", "\"ic\": 1")], "data", "'data_u'"),
            ("expected parameter that is not unknown", [("\"parameters\": {\"k\": {\"value\"", "\"parameters\": {\"alpha\": {\"value\"")],
             "expect.parameters.alpha", "not an unknown parameter (unknown parameters: k, c)"),
            ("zero tolerance", [("\"rel_error\": 1e-3", "\"rel_error\": 0")], "expect.parameters.k.rel_error", "positive"),
        ]
        check(cases, base: Self.inverse)
        let hybridCases: [(String, [(String, String)], String, String)] = [
            ("arity", [("c*R(u)", "c*R(u, x)")], "pde.heat", "'R' takes 1 argument"),
            ("function without parentheses", [("c*R(u)", "c*R")], "pde.heat", "needs its argument in parentheses"),
            ("function in a condition", [("\"value\": \"sin(pi*x)\"", "\"value\": \"R(x)\"")], "conditions[0].value",
             "'R' is a network function, which condition values may not use"),
            ("function never called", [("c*R(u)", "c*u")], "functions.R", "not called by any PDE residual"),
            ("function named like an output", [("\"functions\": {\"R\"", "\"functions\": {\"u\"")], "functions.u", "already an output"),
            ("no arguments", [("\"inputs\": 1", "\"inputs\": 0")], "functions.R.inputs", "1 to 4 arguments"),
            ("bad width", [("\"hidden\": [8]", "\"hidden\": [8, 0]")], "functions.R.hidden[1]", "positive width"),
            ("unknown activation", [("\"hidden\": [8], \"activation\": \"tanh\"", "\"activation\": \"relu\"")],
             "functions.R.activation", "unknown value 'relu'"),
            ("expected function that is not one", [("\"parameters\": {\"k\"", "\"functions\": {\"S\": {\"value\": \"u\", \"max_error\": 1}}, \"parameters\": {\"k\"")],
             "expect.functions.S", "not a network function (functions: R)"),
            ("expected function over a bad argument", [("\"parameters\": {\"k\"", "\"functions\": {\"R\": {\"value\": \"u*(1-u)\", \"max_error\": 1e-2, \"over\": {\"v\": [0, 1]}}}, \"parameters\": {\"k\"")],
             "expect.functions.R.over.v", "not an argument of R (arguments: u)"),
            ("expected function using an unknown name", [("\"parameters\": {\"k\"", "\"functions\": {\"R\": {\"value\": \"x*(1-x)\", \"max_error\": 1e-2}}, \"parameters\": {\"k\"")],
             "expect.functions.R.value", "unknown symbol 'x'"),
        ]
        check(hybridCases, base: Self.hybrid)
    }

    private func check(_ cases: [(String, [(String, String)], String, String)], base: String, line: UInt = #line) {
        for (label, replacements, path, message) in cases {
            guard let e = ProblemFixture.error(ProblemFixture.variant(replacements, of: base), line: line) else { continue }
            XCTAssertEqual(e.path, path, "\(label): «\(e.description)»", line: line)
            XCTAssertTrue(e.description.hasPrefix("\(ProblemFixture.file): \(path): "), "\(label): «\(e.description)»", line: line)
            XCTAssertTrue(e.description.contains(message), "\(label): «\(e.description)» should contain «\(message)»", line: line)
        }
    }
}
