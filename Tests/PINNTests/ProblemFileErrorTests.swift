import Foundation
import PINN
import XCTest

/// Every kind of bad input gets one message naming the file and the JSON path.
final class ProblemFileErrorTests: XCTestCase {
    /// One way to break the fixture: the replacements, the JSON path the message must name
    /// and a fragment of the message.
    struct Case {
        var label: String
        var replacements: [(String, String)]
        var path: String
        var message: String
    }

    /// Checks that each case fails with `file: path: ...message...`.
    private func check(_ cases: [Case], line: UInt = #line) {
        for c in cases {
            guard let error = ProblemFixture.error(ProblemFixture.variant(c.replacements), line: line) else {
                XCTFail("\(c.label): no error", line: line)
                continue
            }
            let text = error.description
            XCTAssertEqual(error.path, c.path, "\(c.label): path in «\(text)»", line: line)
            let prefix = c.path.isEmpty ? "\(ProblemFixture.file): " : "\(ProblemFixture.file): \(c.path): "
            XCTAssertTrue(text.hasPrefix(prefix), "\(c.label): «\(text)» should start with «\(prefix)»", line: line)
            XCTAssertTrue(text.contains(c.message), "\(c.label): «\(text)» should contain «\(c.message)»", line: line)
        }
    }

    func testFixtureIsValid() throws {
        let problem = try ProblemFixture.load(ProblemFixture.base)
        XCTAssertEqual(problem.lossTerms, ["heat", "ic", "walls"])
    }

    func testMalformedJSON() {
        check([
            Case(label: "double comma", replacements: [("\"schema\": 1,", "\"schema\": 1,,")], path: "",
                 message: "malformed JSON at line 2, column 15: unexpected ',' (expected a key in double quotes)"),
            Case(label: "missing comma inside an object", replacements: [("\"hidden\": [16, 16],", "\"hidden\": [16, 16]")],
                 path: "network", message: "malformed JSON at line 12, column 34: unexpected '\"' (expected ',' or '}' after the value of 'hidden')"),
            Case(label: "trailing comma", replacements: [("[16, 16]", "[16, 16,]")], path: "network.hidden",
                 message: "trailing comma before ']'"),
            Case(label: "unquoted word", replacements: [("\"tanh\"", "tanh")], path: "network.activation",
                 message: "strings need double quotes"),
            Case(label: "duplicate key", replacements: [("\"outputs\": [\"u\"],", "\"outputs\": [\"u\"], \"outputs\": [\"v\"],")],
                 path: "", message: "duplicate key 'outputs'"),
            Case(label: "unterminated string", replacements: [("\"expect\": {\"rel_l2\": {\"u\": 1e-2}}\n}", "\"expect\n}")],
                 path: "", message: "control character in a string"),
        ])
        let truncated = String(ProblemFixture.base.dropLast(3))
        let e = ProblemFixture.error(truncated)
        XCTAssertEqual(e?.kind, .malformedJSON)
        XCTAssertTrue(e?.description.contains("unexpected end of file") == true, e?.description ?? "")
        XCTAssertEqual(ProblemFixture.error("")?.description, "problems/case.json: malformed JSON at line 1, column 1: the file is empty (expected a JSON object)")
        XCTAssertEqual(ProblemFixture.error("[1, 2]")?.description, "problems/case.json: expected a JSON object at the top level, found an array")
    }

    func testByteOrderMarkIsAccepted() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(ProblemFixture.base.utf8)
        XCTAssertNoThrow(try ProblemLoader.load(data: data, file: ProblemFixture.file))
    }

    func testWrongTypes() {
        check([
            Case(label: "string for a count", replacements: [("\"interior\": 100", "\"interior\": \"many\"")],
                 path: "points.interior", message: "expected an integer, found the string 'many'"),
            Case(label: "fraction for a count", replacements: [("\"interior\": 100", "\"interior\": 100.5")],
                 path: "points.interior", message: "expected an integer, found the number 100.5"),
            Case(label: "string for a list", replacements: [("\"inputs\": [\"x\", \"t\"]", "\"inputs\": \"x\"")],
                 path: "inputs", message: "expected an array, found the string 'x'"),
            Case(label: "element type", replacements: [("[16, 16]", "[16, \"wide\"]")],
                 path: "network.hidden[1]", message: "expected an integer, found the string 'wide'"),
            Case(label: "array for an expression", replacements: [("\"value\": 0", "\"value\": [0]")],
                 path: "conditions[1].value", message: "expected a number or an expression in a string, found an array"),
            Case(label: "null for a required value", replacements: [("\"iterations\": 10", "\"iterations\": null")],
                 path: "training[0].iterations", message: "expected an integer, found null"),
            Case(label: "schema as a string", replacements: [("\"schema\": 1", "\"schema\": \"1\"")],
                 path: "schema", message: "expected an integer, found the string '1'"),
            Case(label: "object for a stage list", replacements: [("\"training\": [{\"optimizer\": \"adam\", \"iterations\": 10, \"lr\": 1e-3}]", "\"training\": {\"optimizer\": \"adam\"}")],
                 path: "training", message: "expected an array, found an object"),
            Case(label: "number for an object", replacements: [("\"network\": {\"hidden\": [16, 16], \"activation\": \"tanh\"}", "\"network\": 3")],
                 path: "network", message: "expected an object, found the number 3"),
            Case(label: "bool for a number", replacements: [("\"lr\": 1e-3", "\"lr\": true")],
                 path: "training[0].lr", message: "expected a number, found true"),
            Case(label: "Fourier features of no input",
                 replacements: [("\"activation\": \"tanh\"}", "\"activation\": \"tanh\", \"fourier\": {\"features\": 4, \"inputs\": []}}")],
                 path: "network.fourier.inputs", message: "needs at least one input"),
        ])
    }

    func testUnknownKeysAtSeveralDepths() {
        check([
            Case(label: "top level", replacements: [("\"schema\": 1,", "\"schema\": 1, \"nmae\": \"heat\",")],
                 path: "nmae", message: "unknown key (expected one of schema, name, description, inputs, outputs, parameters, functions, domain, pde, conditions, hard, network, points, weights, auto_weights, data, training, reference, output, expect, control); did you mean 'name'?"),
            Case(label: "network", replacements: [("\"hidden\"", "\"hiden\"")],
                 path: "network.hiden", message: "unknown key (expected one of hidden, activation, init, fourier, periodic); did you mean 'hidden'?"),
            Case(label: "condition", replacements: [("\"side\": [\"left\", \"right\"]", "\"sides\": [\"left\", \"right\"]")],
                 path: "conditions[1].sides", message: "unknown key (expected one of name, kind, side, output, value, values, enforce, points); did you mean 'side'?"),
            Case(label: "key of another kind", replacements: [("\"kind\": \"initial\",", "\"kind\": \"initial\", \"side\": \"left\",")],
                 path: "conditions[0].side", message: "key not used by kind 'initial' (expected one of name, kind, output, value, values, enforce, points)"),
            Case(label: "schedule", replacements: [("\"lr\": 1e-3}", "\"lr\": 1e-3, \"schedule\": {\"kind\": \"exponential\", \"rate\": 0.9, \"every\": 100, \"decay\": 2}}")],
                 path: "training[0].schedule.decay", message: "unknown key (expected one of kind, rate, every)"),
            Case(label: "stage", replacements: [("\"lr\": 1e-3}", "\"lr\": 1e-3, \"history\": 5}")],
                 path: "training[0].history", message: "unknown key (expected one of optimizer, iterations, lr, betas, schedule)"),
            Case(label: "rad", replacements: [("\"initial\": 10}", "\"initial\": 10, \"resample_every\": 10, \"rad\": {\"k\": 1, \"cc\": 2}}")],
                 path: "points.rad.cc", message: "unknown key (expected one of k, c, candidates)"),
            Case(label: "reference", replacements: [("\"fields\"", "\"feilds\"")],
                 path: "reference.feilds", message: "unknown key (expected one of kind, fields); did you mean 'fields'?"),
            Case(label: "expect", replacements: [("\"rel_l2\"", "\"rel_l1\"")],
                 path: "expect.rel_l1", message: "unknown key (expected one of rel_l2, max_abs, published, parameters, functions); did you mean 'rel_l2'?"),
        ])
    }

    func testUnknownSidesKindsAndNames() {
        check([
            Case(label: "unknown side", replacements: [("[\"left\", \"right\"]", "[\"lft\", \"right\"]")],
                 path: "conditions[1].side[0]", message: "unknown value 'lft' (expected one of left, right, initial); did you mean 'left'?"),
            Case(label: "side of another dimension", replacements: [("\"side\": [\"left\", \"right\"]", "\"side\": \"top\"")],
                 path: "conditions[1].side", message: "side 'top' does not exist in this problem with inputs x, t (expected one of left, right, initial)"),
            Case(label: "side twice", replacements: [("[\"left\", \"right\"]", "[\"left\", \"left\"]")],
                 path: "conditions[1].side[1]", message: "side 'left' is listed twice"),
            Case(label: "unknown condition kind", replacements: [("\"kind\": \"dirichlet\"", "\"kind\": \"robin\"")],
                 path: "conditions[1].kind", message: "unknown value 'robin' (expected one of dirichlet, neumann, periodic, initial, initial_rate)"),
            Case(label: "neumann on the initial side", replacements: [("\"kind\": \"dirichlet\", \"side\": [\"left\", \"right\"]", "\"kind\": \"neumann\", \"side\": \"initial\"")],
                 path: "conditions[1].side", message: "use kind 'initial_rate'"),
            Case(label: "unknown activation", replacements: [("\"tanh\"", "\"relu\"")],
                 path: "network.activation", message: "unknown value 'relu' (expected one of tanh, sin, silu, gelu)"),
            Case(label: "unknown optimizer", replacements: [("\"adam\"", "\"sgd\"")],
                 path: "training[0].optimizer", message: "unknown value 'sgd' (expected one of adam, lbfgs, bfgs, lm)"),
            Case(label: "unknown sampler", replacements: [("\"initial\": 10}", "\"initial\": 10, \"sampler\": \"sobel\"}")],
                 path: "points.sampler", message: "unknown value 'sobel' (expected one of uniform, latin_hypercube, sobol, halton); did you mean 'sobol'?"),
            Case(label: "unknown periodic input", replacements: [("\"kind\": \"dirichlet\", \"side\": [\"left\", \"right\"], \"value\": 0", "\"kind\": \"periodic\", \"input\": \"t\"")],
                 path: "conditions[1].input", message: "the time input cannot be periodic (expected one of x)"),
            Case(label: "initial without time", replacements: [("\"inputs\": [\"x\", \"t\"]", "\"inputs\": [\"x\", \"y\"]"), ("\"t\": [0, 1]", "\"y\": [0, 1]"), ("u_t", "u_y"), ("*t)", "*y)"), ("\"t\": 11", "\"y\": 11")],
                 path: "conditions[0].kind", message: "kind 'initial' needs the time input 't' (inputs: x, y)"),
            Case(label: "name clash", replacements: [("\"name\": \"ic\"", "\"name\": \"heat\"")],
                 path: "conditions[0].name", message: "'heat' is already used by the PDE residual 'heat'"),
            Case(label: "unknown output", replacements: [("\"value\": \"sin(pi*x)\"", "\"output\": \"w\", \"value\": \"sin(pi*x)\"")],
                 path: "conditions[0].output", message: "unknown value 'w' (expected one of u)"),
            Case(label: "unknown domain input", replacements: [("\"t\": [0, 1]}", "\"t\": [0, 1], \"z\": [0, 1]}")],
                 path: "domain.z", message: "'z' is not an input (inputs: x, t)"),
            Case(label: "multi-letter input", replacements: [("\"inputs\": [\"x\", \"t\"]", "\"inputs\": [\"x\", \"tau\"]")],
                 path: "inputs[1]", message: "input 'tau' must be a single letter"),
            Case(label: "schema version", replacements: [("\"schema\": 1", "\"schema\": 2")],
                 path: "schema", message: "unsupported schema version 2 (this pinn-solve reads schema 1)"),
            Case(label: "missing required key", replacements: [("\"pde\": {\"heat\": \"u_t - alpha*u_xx\"},", "")],
                 path: "pde", message: "required key is missing"),
            Case(label: "missing condition value", replacements: [(", \"value\": 0", "")],
                 path: "conditions[1].value", message: "required key is missing (the prescribed value, or \"values\" by output)"),
        ])
    }

    func testBadExpressionsShowACaret() {
        let bad = ProblemFixture.variant([("u_t - alpha*u_xx", "u_t - alpha*)u_xx")])
        XCTAssertEqual(ProblemFixture.error(bad)?.description, """
            problems/case.json: pde.heat: unexpected ')' (expected a number, a name or '(')
              u_t - alpha*)u_xx
                          ^
            """)
        let unknown = ProblemFixture.variant([("u_t - alpha*u_xx", "u_t - alfa*u_xx")])
        XCTAssertEqual(ProblemFixture.error(unknown)?.description, """
            problems/case.json: pde.heat: unknown symbol 'alfa' (PDE residuals may use: inputs x, t; outputs u; derivatives such as u_x; parameters alpha; pi); did you mean 'alpha'?
              u_t - alfa*u_xx
                    ^
            """)
        check([
            Case(label: "condition value does not parse", replacements: [("\"sin(pi*x)\"", "\"sin(pi*x\"")],
                 path: "conditions[0].value", message: "unexpected end of expression (missing ')' for the '(' at column 4)\n  sin(pi*x\n          ^"),
            Case(label: "output in a condition value", replacements: [("\"sin(pi*x)\"", "\"u + sin(pi*x)\"")],
                 path: "conditions[0].value", message: "'u' is an output, which condition values may not use"),
            Case(label: "derivative by a non-input", replacements: [("u_t - alpha*u_xx", "u_t - alpha*u_xy")],
                 path: "pde.heat", message: "'u_xy' differentiates by 'y', which is not an input (inputs: x, t)"),
            Case(label: "reference symbol", replacements: [("exp(-alpha*pi^2*t)", "exp(-beta*pi^2*t)")],
                 path: "reference.fields.u", message: "unknown symbol 'beta'"),
            Case(label: "parameter expression", replacements: [("\"alpha\": 0.1", "\"alpha\": \"0.1*x\"")],
                 path: "parameters.alpha", message: "'x' is an input, which parameters may not use"),
            Case(label: "parameter cycle", replacements: [("\"alpha\": 0.1", "\"alpha\": \"beta/2\", \"beta\": \"2*alpha\"")],
                 path: "parameters.alpha", message: "parameters alpha, beta depend on each other in a cycle"),
            Case(label: "non-finite parameter", replacements: [("\"alpha\": 0.1", "\"alpha\": \"1/0\"")],
                 path: "parameters.alpha", message: "'1/0' evaluates to inf; expected a finite number"),
            Case(label: "hard transform using an output", replacements: [("\"network\":", "\"hard\": {\"u\": \"u*t\"}, \"network\":")],
                 path: "hard.u", message: "'u' is an output, which hard transforms may not use"),
            Case(label: "network output in a residual", replacements: [("u_t - alpha*u_xx", "N_u - u_xx")],
                 path: "pde.heat", message: "'N_u' is a raw network output, which PDE residuals may not use"),
        ])
    }

    func testCountsIntervalsAndSettings() {
        check([
            Case(label: "negative count", replacements: [("\"interior\": 100", "\"interior\": -5")],
                 path: "points.interior", message: "must be a positive count, got -5"),
            Case(label: "zero width", replacements: [("[16, 16]", "[16, 0]")],
                 path: "network.hidden[1]", message: "must be a positive width, got 0"),
            Case(label: "negative iterations", replacements: [("\"iterations\": 10", "\"iterations\": -1")],
                 path: "training[0].iterations", message: "must be a positive number of iterations, got -1"),
            Case(label: "condition points", replacements: [("\"name\": \"ic\",", "\"name\": \"ic\", \"points\": 0,")],
                 path: "conditions[0].points", message: "must be a positive count, got 0"),
            Case(label: "grid of one point", replacements: [("\"x\": 11", "\"x\": 1")],
                 path: "output.grid.x", message: "needs at least 2 points (both ends), got 1"),
            Case(label: "empty interval", replacements: [("\"x\": [0, 1]", "\"x\": [1, 1]")],
                 path: "domain.x", message: "empty interval [1, 1] (the lower bound must be below the upper bound)"),
            Case(label: "reversed interval", replacements: [("\"x\": [0, 1]", "\"x\": [1, 0]")],
                 path: "domain.x", message: "empty interval [1, 0]"),
            Case(label: "interval arity", replacements: [("\"x\": [0, 1]", "\"x\": [0]")],
                 path: "domain.x", message: "expected [lower, upper], found 1 value"),
            Case(label: "interval bound symbol", replacements: [("\"x\": [0, 1]", "\"x\": [0, \"L\"]")],
                 path: "domain.x[1]", message: "unknown symbol 'L'"),
            Case(label: "missing interval", replacements: [("\"x\": [0, 1], ", "")],
                 path: "domain.x", message: "required key is missing (the interval [lower, upper] of input 'x')"),
            Case(label: "no training stage", replacements: [("[{\"optimizer\": \"adam\", \"iterations\": 10, \"lr\": 1e-3}]", "[]")],
                 path: "training", message: "needs at least one stage"),
            Case(label: "no residual", replacements: [("{\"heat\": \"u_t - alpha*u_xx\"}", "{}")],
                 path: "pde", message: "needs at least one residual"),
            Case(label: "zero learning rate", replacements: [("\"lr\": 1e-3", "\"lr\": 0")],
                 path: "training[0].lr", message: "must be a positive number, got 0"),
            Case(label: "rad without resampling", replacements: [("\"initial\": 10}", "\"initial\": 10, \"rad\": {}}")],
                 path: "points.rad", message: "needs \"resample_every\" > 0"),
            Case(label: "unknown weight key", replacements: [("\"weights\": {\"ic\": 10}", "\"weights\": {\"ics\": 10}")],
                 path: "weights.ics", message: "unknown loss term 'ics' (expected one of heat, ic, walls); did you mean 'ic'?"),
            Case(label: "negative weight", replacements: [("\"weights\": {\"ic\": 10}", "\"weights\": {\"ic\": -1}")],
                 path: "weights.ic", message: "must be zero or positive, got -1"),
            Case(label: "weight of a hard condition", replacements: [
                    ("\"value\": \"sin(pi*x)\"}", "\"value\": \"sin(pi*x)\", \"enforce\": \"hard\"}"),
                    ("\"network\":", "\"hard\": {\"u\": \"t*N_u + sin(pi*x)\"}, \"network\":")],
                 path: "weights.ic", message: "condition 'ic' is enforced hard and has no loss term to weigh"),
            Case(label: "hard condition without transform", replacements: [("\"value\": \"sin(pi*x)\"}", "\"value\": \"sin(pi*x)\", \"enforce\": \"hard\"}")],
                 path: "conditions[0].enforce", message: "'hard' needs a transform for output 'u' in \"hard\""),
            Case(label: "expect without reference", replacements: [("\"reference\": {\"kind\": \"analytic\", \"fields\": {\"u\": \"exp(-alpha*pi^2*t)*sin(pi*x)\"}},", "")],
                 path: "expect", message: "an error bound needs a \"reference\""),
            Case(label: "expect of a non-output", replacements: [("{\"u\": 1e-2}", "{\"v\": 1e-2}")],
                 path: "expect.rel_l2.v", message: "'v' is not an output (outputs: u)"),
            Case(label: "auto weights alpha", replacements: [("\"weights\":", "\"auto_weights\": {\"alpha\": 1.5}, \"weights\":")],
                 path: "auto_weights.alpha", message: "must be in [0, 1), got 1.5"),
        ])
    }

    func testErrorCadence() throws {
        let grid = "\"grid\": {\"x\": 11, \"t\": 11}"
        check(cadenceCases("error_every", grid: grid) + [
            Case(label: "fractional iterations", replacements: [(grid, grid + ", \"error_every\": {\"iterations\": 2.5}")],
                 path: "output.error_every.iterations", message: "expected an integer, found the number 2.5"),
            Case(label: "misspelt key", replacements: [(grid, grid + ", \"error_every\": {\"second\": 1}")],
                 path: "output.error_every.second", message: "unknown key (expected one of seconds, iterations); did you mean 'seconds'?"),
            Case(label: "misspelt section", replacements: [(grid, grid + ", \"error_evry\": {\"seconds\": 1}")],
                 path: "output.error_evry", message: "unknown key (expected one of grid, error_every, checkpoint_every, mean_free); did you mean 'error_every'?"),
            Case(label: "no reference", replacements: [
                    ("\"reference\": {\"kind\": \"analytic\", \"fields\": {\"u\": \"exp(-alpha*pi^2*t)*sin(pi*x)\"}},", ""),
                    ("\"expect\": {\"rel_l2\": {\"u\": 1e-2}}", "\"description\": \"no reference\""),
                    (grid, grid + ", \"error_every\": {\"seconds\": 1}")],
                 path: "output.error_every", message: "recording the error needs a \"reference\""),
        ])
        let given = try ProblemFixture.load(ProblemFixture.variant([(grid, grid + ", \"error_every\": {\"iterations\": 100}")]))
        XCTAssertEqual(given.spec.output.errorCadence, ErrorCadenceSpec(seconds: 0, iterations: 100), "keys left out are off")
        XCTAssertEqual(try ProblemFixture.load(ProblemFixture.base).spec.output.errorCadence, .standard)
    }

    /// Negative seconds and iterations of a cadence (`output.error_every`, `output.checkpoint_every`).
    private func cadenceCases(_ key: String, grid: String) -> [Case] {
        [Case(label: "\(key): negative seconds", replacements: [(grid, grid + ", \"\(key)\": {\"seconds\": -1}")],
              path: "output.\(key).seconds", message: "must be zero or positive, got -1"),
         Case(label: "\(key): negative iterations", replacements: [(grid, grid + ", \"\(key)\": {\"iterations\": -5}")],
              path: "output.\(key).iterations", message: "must be 0 (off) or a positive number of iterations, got -5")]
    }

    /// `output.checkpoint_every`: the shape of `error_every`, no reference needed; default 60 s.
    func testCheckpointCadence() throws {
        let grid = "\"grid\": {\"x\": 11, \"t\": 11}"
        check(cadenceCases("checkpoint_every", grid: grid) + [
            Case(label: "misspelt key", replacements: [(grid, grid + ", \"checkpoint_every\": {\"iteration\": 5}")],
                 path: "output.checkpoint_every.iteration", message: "unknown key (expected one of seconds, iterations); did you mean 'iterations'?"),
        ])
        let given = try ProblemFixture.load(ProblemFixture.variant([(grid, grid + ", \"checkpoint_every\": {\"iterations\": 500}")]))
        XCTAssertEqual(given.spec.output.checkpointCadence, ErrorCadenceSpec(seconds: 0, iterations: 500), "keys left out are off")
        XCTAssertEqual(try ProblemFixture.load(ProblemFixture.base).spec.output.checkpointCadence, ErrorCadenceSpec(seconds: 60, iterations: 0))
    }

    /// `output.mean_free`: outputs only, each once, and a spatial input to average over.
    func testMeanFree() throws {
        let grid = "\"grid\": {\"x\": 11, \"t\": 11}"
        check([
            Case(label: "not an output", replacements: [(grid, grid + ", \"mean_free\": [\"p\"]")],
                 path: "output.mean_free[0]", message: "'p' is not an output (outputs: u)"),
            Case(label: "twice", replacements: [(grid, grid + ", \"mean_free\": [\"u\", \"u\"]")],
                 path: "output.mean_free[1]", message: "'u' is listed twice"),
            Case(label: "a string, not a list", replacements: [(grid, grid + ", \"mean_free\": \"u\"")],
                 path: "output.mean_free", message: "expected an array"),
        ])
        let given = try ProblemFixture.load(ProblemFixture.variant([(grid, grid + ", \"mean_free\": [\"u\"]")]))
        XCTAssertEqual(given.spec.output.meanFree, ["u"])
    }

    /// The bfgs stage: strict keys, its variants, its settings, and the memory limit on P.
    func testBFGSStageSettings() {
        let adam = "{\"optimizer\": \"adam\", \"iterations\": 10, \"lr\": 1e-3}"
        func bfgs(_ keys: String) -> [(String, String)] { [(adam, "{\"optimizer\": \"bfgs\", \"iterations\": 10\(keys)}")] }
        check([
            Case(label: "bfgs unknown key", replacements: bfgs(", \"history\": 5"),
                 path: "training[0].history",
                 message: "unknown key (expected one of optimizer, iterations, variant, tolerance_grad, tolerance_change, max_evaluations, resample_every, keep_best)"),
            Case(label: "bfgs unknown variant", replacements: bfgs(", \"variant\": \"ssbgfs\""),
                 path: "training[0].variant", message: "unknown value 'ssbgfs' (expected one of ssbfgs, ssbroyden, bfgs); did you mean 'ssbfgs'?"),
            Case(label: "bfgs negative tolerance", replacements: bfgs(", \"tolerance_grad\": -1"),
                 path: "training[0].tolerance_grad", message: "must be zero or positive, got -1"),
            Case(label: "bfgs zero evaluations", replacements: bfgs(", \"max_evaluations\": 0"),
                 path: "training[0].max_evaluations", message: "must be a positive count, got 0"),
            Case(label: "bfgs negative resampling", replacements: bfgs(", \"resample_every\": -2"),
                 path: "training[0].resample_every", message: "must be ≥ 0 (0 keeps the points fixed), got -2"),
            // [2 → 120 → 120 → 1]: P = 3·120 + 121·120 + 121 = 15 001.
            Case(label: "bfgs network too large", replacements: bfgs("") + [("[16, 16]", "[120, 120]")],
                 path: "training[0].optimizer",
                 message: "a bfgs stage stores a dense P×P matrix (8·P² bytes): this network has P = 15001 parameters, 1800 MB; "
                    + "the limit is P ≤ 12000 (1152 MB). Use \"lbfgs\" or a smaller network"),
        ])
    }

    func testMissingFile() {
        let path = "/nonexistent/problems/nope.json"
        XCTAssertThrowsError(try ProblemLoader.load(path: path)) { error in
            guard let e = error as? ProblemError else { return XCTFail("expected a ProblemError, got \(error)") }
            XCTAssertEqual(e.kind, .fileNotFound)
            XCTAssertEqual(e.description, "/nonexistent/problems/nope.json: no such file")
        }
        XCTAssertThrowsError(try ProblemLoader.load(path: NSTemporaryDirectory())) { error in
            XCTAssertTrue("\(error)".contains("is a directory"), "\(error)")
        }
    }

    /// The message format of DESIGN.md, on a 2-D heat problem.
    func testDesignExampleMessage() {
        let twoD = ProblemFixture.variant([
            ("\"inputs\": [\"x\", \"t\"]", "\"inputs\": [\"x\", \"y\", \"t\"]"),
            ("\"x\": [0, 1],", "\"x\": [0, 1], \"y\": [0, 1],"),
            ("\"side\": [\"left\", \"right\"]", "\"side\": \"lft\""),
        ])
        let e = ProblemFixture.error(twoD, file: "problems/heat.json")
        XCTAssertTrue(e?.description.hasPrefix("problems/heat.json: conditions[1].side: unknown value 'lft' (expected one of left, right, bottom, top, initial)") == true,
                      e?.description ?? "no error")
    }

    /// Errors from Foundation's `JSONDecoder` convert to the same path form.
    func testFoundationDecodingErrorsConvertToPaths() throws {
        let cases: [(replacements: [(String, String)], path: String, message: String)] = [
            ([("\"interior\": 100", "\"interior\": \"many\"")], "points.interior", "expected an integer"),
            ([("[\"left\", \"right\"]", "[\"left\", 3]")], "conditions[1].side[1]", "expected a string"),
            ([("\"hidden\"", "\"hiden\"")], "network.hiden", "unknown key"),
            ([("\"kind\": \"dirichlet\"", "\"kind\": \"robin\"")], "conditions[1].kind", "unknown value 'robin'"),
            ([("\"iterations\": 10, ", "")], "training[0].iterations", "required key is missing"),
        ]
        for c in cases {
            let data = Data(ProblemFixture.variant(c.replacements).utf8)
            do {
                _ = try JSONDecoder().decode(ProblemSpec.self, from: data)
                XCTFail("\(c.path): JSONDecoder should fail")
            } catch let error as DecodingError {
                let e = ProblemError(file: ProblemFixture.file, decodingError: error)
                XCTAssertEqual(e.path, c.path, e.description)
                XCTAssertTrue(e.message.contains(c.message), e.description)
            }
        }
    }
}
