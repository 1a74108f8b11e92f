import Foundation
import PINN
import XCTest

/// Defaults, names, sides and the derivative lists of validated problems.
final class ProblemSemanticsTests: XCTestCase {
    func testDefaultsFillOmittedFields() throws {
        let minimal = """
            {"schema": 1, "inputs": ["x", "t"], "outputs": ["u"],
             "domain": {"x": [0, "2*pi"], "t": [0, 1]},
             "pde": {"heat": "u_t - u_xx"},
             "conditions": [{"kind": "initial", "value": "sin(x)"},
                            {"kind": "dirichlet", "side": "left", "value": 0},
                            {"kind": "dirichlet", "side": "right", "value": 0}],
             "training": [{"optimizer": "lbfgs", "iterations": 100}]}
            """
        let p = try ProblemFixture.load(minimal, file: "problems/minimal.json")
        XCTAssertEqual(p.name, "minimal", "the display name defaults to the file's base name")
        XCTAssertEqual(p.interval(of: "x").upper, 2 * Double.pi)
        XCTAssertEqual(p.lossTerms, ["heat", "initial", "dirichlet_1", "dirichlet_2"])
        XCTAssertEqual(p.weights.entries.map(\.value), [1, 1, 1, 1])
        XCTAssertEqual(p.network, NetworkSpec())
        XCTAssertEqual(p.points, PointsSpec())
        XCTAssertEqual(p.grid.entries.map(\.value), [101, 101])
        XCTAssertNil(p.reference)
        XCTAssertTrue(p.expectedRelativeL2.isEmpty)
        guard case .lbfgs(let s) = p.training[0] else { return XCTFail("expected an L-BFGS stage") }
        XCTAssertEqual(s, LBFGSStageSpec(iterations: 100, history: 50, toleranceGrad: 1e-10, toleranceChange: 1e-15, maxEvaluations: nil))
    }

    func testBFGSStageDefaultsAndKeys() throws {
        let adam = "{\"optimizer\": \"adam\", \"iterations\": 10, \"lr\": 1e-3}"
        let p = try ProblemFixture.load(ProblemFixture.variant([(adam, adam + ", {\"optimizer\": \"bfgs\", \"iterations\": 40}, "
            + "{\"optimizer\": \"bfgs\", \"iterations\": 50, \"variant\": \"ssbroyden\", \"tolerance_grad\": 1e-8, "
            + "\"tolerance_change\": 0, \"max_evaluations\": 70, \"resample_every\": 25}")]))
        XCTAssertEqual(p.training.map(\.optimizer), [.adam, .bfgs, .bfgs])
        XCTAssertEqual(p.training.map(\.iterations), [10, 40, 50])
        XCTAssertEqual(p.training[1], .bfgs(BFGSStageSpec(iterations: 40, variant: .ssbfgs, toleranceGrad: 1e-10, toleranceChange: 1e-15,
                                                         maxEvaluations: nil, resampleEvery: 0)))
        XCTAssertEqual(p.training[2], .bfgs(BFGSStageSpec(iterations: 50, variant: .ssbroyden, toleranceGrad: 1e-8, toleranceChange: 0,
                                                         maxEvaluations: 70, resampleEvery: 25)))
        // The stage encodes back to what decodes to it.
        let again = try JSONDecoder().decode(TrainingStageSpec.self, from: JSONEncoder().encode(p.training[2]))
        XCTAssertEqual(again, p.training[2])
        XCTAssertEqual(Set(BFGSStageSpec.Variant.allCases.map(\.rawValue)), ["ssbfgs", "ssbroyden", "bfgs"])
    }

    /// The validator's P (for the bfgs memory limit) is the trainer's, for plain, Fourier
    /// (all inputs or a subset) and periodic inputs.
    func testParameterCountMatchesTheTrainer() throws {
        let networks = ["{\"hidden\": [16, 16], \"activation\": \"tanh\"}",
                        "{\"hidden\": [8, 12, 4], \"fourier\": {\"features\": 5}}",
                        "{\"hidden\": [8, 12, 4], \"fourier\": {\"features\": 5, \"inputs\": [\"x\"]}}",
                        "{\"hidden\": [10], \"periodic\": {\"x\": 1}}"]
        for network in networks {
            let text = ProblemFixture.variant([("{\"hidden\": [16, 16], \"activation\": \"tanh\"}", network)])
            let p = try ProblemFixture.load(text)
            let expected = try Trainer(problem: p, seed: 0, threads: 1).parameterCount
            let counted = p.network.parameterCount(inputs: p.inputs.count, outputs: p.outputs.count, periodicInputs: p.periodicEmbedding.entries.count)
            XCTAssertEqual(counted, expected, "network \(network): expected the trainer's \(expected), observed \(counted)")
        }
        XCTAssertEqual(NetworkSpec(hidden: [Int.max / 2, 4]).parameterCount(inputs: 2, outputs: 1, periodicInputs: 0), Int.max, "saturates")
    }

    func testSidesAndFacesFollowTheSpatialInputs() throws {
        let text = ProblemFixture.variant([
            ("\"inputs\": [\"x\", \"t\"]", "\"inputs\": [\"x\", \"y\", \"z\", \"t\"]"),
            ("\"x\": [0, 1],", "\"x\": [0, 1], \"y\": [-1, 2], \"z\": [3, 4],"),
            ("\"side\": [\"left\", \"right\"]", "\"side\": [\"top\", \"front\", \"back\"]"),
        ])
        let p = try ProblemFixture.load(text)
        XCTAssertEqual(p.sides, [.left, .right, .bottom, .top, .front, .back, .initial])
        XCTAssertEqual(p.face(.bottom), Face(side: .bottom, input: "y", isUpper: false, coordinate: -1))
        XCTAssertEqual(p.face(.back), Face(side: .back, input: "z", isUpper: true, coordinate: 4))
        XCTAssertEqual(p.face(.initial), Face(side: .initial, input: "t", isUpper: false, coordinate: 0))
        XCTAssertEqual(p.conditions[1].faces.map(\.side), [.top, .front, .back])
        XCTAssertEqual(p.face(.top)?.outwardNormalSign, 1)
        XCTAssertEqual(p.face(.left)?.outwardNormalSign, -1)

        let oneD = try ProblemFixture.load(ProblemFixture.base)
        XCTAssertNil(oneD.face(.top))
    }

    func testConditionDerivatives() throws {
        let text = ProblemFixture.variant([
            ("{\"name\": \"ic\", \"kind\": \"initial\", \"value\": \"sin(pi*x)\"},",
             "{\"name\": \"ic\", \"kind\": \"initial\", \"value\": \"sin(pi*x)\"}, {\"name\": \"rate\", \"kind\": \"initial_rate\", \"value\": 0},"
             + " {\"name\": \"flux\", \"kind\": \"neumann\", \"side\": \"right\", \"value\": \"-pi\"},"
             + " {\"name\": \"loop\", \"kind\": \"periodic\", \"input\": \"x\", \"derivatives\": 2},"),
        ])
        let p = try ProblemFixture.load(text)
        XCTAssertEqual(p.lossTerms, ["heat", "ic", "rate", "flux", "loop", "walls"])
        let byName = Dictionary(uniqueKeysWithValues: p.conditions.map { ($0.name, $0) })
        XCTAssertEqual(byName["rate"]?.derivatives.map(\.name), ["u_t"])
        XCTAssertEqual(byName["flux"]?.derivatives.map(\.name), ["u_x"])
        XCTAssertEqual(byName["loop"]?.derivatives.map(\.name), ["u_x", "u_xx"])
        XCTAssertEqual(byName["loop"]?.kind, .periodic(input: "x", outputs: ["u"], derivatives: 2))
        XCTAssertEqual(byName["ic"]?.derivatives, [])
        XCTAssertEqual(p.requiredDerivatives.map(\.name), ["u_x", "u_t", "u_xx"])
    }

    func testValuesForSeveralOutputsAndHardPeriodic() throws {
        let text = """
            {"schema": 1, "inputs": ["x", "y"], "outputs": ["u", "v", "p"],
             "domain": {"x": [0, 1], "y": [0, 1]},
             "pde": {"mx": "u*u_x + v*u_y + p_x - 0.01*(u_xx + u_yy)",
                     "my": "u*v_x + v*v_y + p_y - 0.01*(v_xx + v_yy)",
                     "mass": "u_x + v_y"},
             "conditions": [
               {"name": "lid", "kind": "dirichlet", "side": "top", "values": {"u": 1, "v": 0}},
               {"name": "walls", "kind": "dirichlet", "side": ["bottom"], "values": {"u": 0, "v": 0}},
               {"name": "sides", "kind": "periodic", "input": "x", "outputs": ["u", "v"], "enforce": "hard"}
             ],
             "network": {"periodic": {"x": 1}, "fourier": {"features": 8, "scale": 2}},
             "training": [{"optimizer": "adam", "iterations": 1}]}
            """
        let p = try ProblemFixture.load(text)
        XCTAssertEqual(p.lossTerms, ["mx", "my", "mass", "lid", "walls"])
        XCTAssertEqual(p.conditions[0].values.map { "\($0.name)=\($0.source)" }, ["u=1", "v=0"])
        XCTAssertEqual(p.periodicEmbedding["x"], 1)
        XCTAssertEqual(p.network.fourier, FourierFeaturesSpec(features: 8, scale: 2))

        let missingOutput = text.replacingOccurrences(of: "\"values\": {\"u\": 1, \"v\": 0}", with: "\"value\": 1")
        XCTAssertEqual(ProblemFixture.error(missingOutput)?.description,
                       "problems/case.json: conditions[0].output: required when the problem has several outputs (u, v, p)")
        let noEmbedding = text.replacingOccurrences(of: "\"periodic\": {\"x\": 1}, ", with: "")
        XCTAssertEqual(ProblemFixture.error(noEmbedding)?.path, "conditions[2].enforce")
    }

    func testScheduleLearningRates() {
        let exp = ScheduleSpec.exponential(rate: 0.9, every: 1000)
        XCTAssertEqual(exp.learningRate(1e-3, iteration: 2000), 1e-3 * 0.81, accuracy: 1e-18)
        XCTAssertEqual(exp.learningRate(1, iteration: 500), 0.9.squareRoot(), accuracy: 1e-15)
        let stairs = ScheduleSpec.step(rate: 0.5, every: 10)
        XCTAssertEqual(stairs.learningRate(1, iteration: 19), 0.5)
        XCTAssertEqual(ScheduleSpec.constant.learningRate(0.1, iteration: 7), 0.1)
    }

    func testDerivativeInputIndices() {
        let d = DerivativeSymbol(parsing: "u_tx", outputs: ["u"], inputs: ["x", "y", "t"])
        XCTAssertEqual(d?.inputIndices(in: ["x", "y", "t"]), [0, 2])
    }
}
