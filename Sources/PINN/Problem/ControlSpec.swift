import Foundation

/// The `control` section of a problem file: the network is the dynamics model of a model
/// predictive controller (see problems/SCHEMA.md, "Control problems").
///
/// The problem's outputs are the state x, its time input `t` is the time τ since the start
/// of a control period, `state` names the input holding each state's value at τ = 0, and
/// `input` the control u, held constant over each period. The true plant is the ODE the
/// network is trained on: each residual reads `<state>_t − f(x, u)`.
/// ```
/// "control": {"state": {"x1": "a", "x2": "b"}, "input": "u", "bounds": [-1, 1],
///             "period": 0.5, "horizon": 5, "initial_state": {"x1": 1, "x2": 0},
///             "reference": {"x1": [{"from": 0, "value": 0.5}, {"from": 15, "value": -0.5}]},
///             "duration": 60, "plant_step": 0.001}
/// ```
public struct ControlSpec: Codable, Equatable, Sendable {
    /// Every output (state variable) → the input that holds its value at τ = 0.
    public var state: NamedValues<String>
    /// The input that holds the control u.
    public var input: String
    /// The control range [lower, upper] (box constraints of the controller; inside the
    /// input's training domain).
    public var bounds: [ExpressionSource]
    /// T, the time a control value is held; at most the upper end of the `t` domain.
    public var period: ExpressionSource
    /// Control periods the controller looks ahead (and chains the model over).
    public var horizon: Int
    /// Key `initial_state`: the plant's state at time 0, by output.
    public var initialState: NamedValues<ExpressionSource>
    /// The reference schedule by tracked output: piecewise constant, each step from its
    /// `from` time on, in increasing time order, the first from time 0.
    public var reference: NamedValues<[ReferenceStepSpec]>
    /// The closed loop's length in time.
    public var duration: ExpressionSource
    /// Key `plant_step`: the RK4 step of the true plant (must divide the period).
    public var plantStep: ExpressionSource
    /// Key `model_step`: the RK4 step of the baseline controller's true model (must divide
    /// the period). Default: `plant_step`, so the baseline predicts the plant exactly.
    public var modelStep: ExpressionSource?
    /// Weight of Σ (u_k − u_{k−1})² in the cost (u_{−1}: the control applied last). Default 0.
    public var penalty: Double
    /// The bounded optimizer solved at every control step. Default ``ControlOptimizerSpec``.
    public var optimizer: ControlOptimizerSpec
    /// Key `prediction_samples`: random states and controls in the training box on which the
    /// network's one-period prediction is compared with RK4. Default 1000.
    public var predictionSamples: Int

    public init(state: NamedValues<String>, input: String, bounds: [ExpressionSource], period: ExpressionSource,
                horizon: Int, initialState: NamedValues<ExpressionSource>, reference: NamedValues<[ReferenceStepSpec]>,
                duration: ExpressionSource, plantStep: ExpressionSource, modelStep: ExpressionSource? = nil,
                penalty: Double = 0, optimizer: ControlOptimizerSpec = .init(), predictionSamples: Int = 1000) {
        self.state = state
        self.input = input
        self.bounds = bounds
        self.period = period
        self.horizon = horizon
        self.initialState = initialState
        self.reference = reference
        self.duration = duration
        self.plantStep = plantStep
        self.modelStep = modelStep
        self.penalty = penalty
        self.optimizer = optimizer
        self.predictionSamples = predictionSamples
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case state, input, bounds, period, horizon, initialState = "initial_state", reference, duration
        case plantStep = "plant_step", modelStep = "model_step", penalty, optimizer, predictionSamples = "prediction_samples"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        state = try c.decode(NamedValues<String>.self, forKey: .state)
        input = try c.decode(String.self, forKey: .input)
        bounds = try c.decode([ExpressionSource].self, forKey: .bounds)
        period = try c.decode(ExpressionSource.self, forKey: .period)
        horizon = try c.decode(Int.self, forKey: .horizon)
        initialState = try c.decode(NamedValues<ExpressionSource>.self, forKey: .initialState)
        reference = try c.decode(NamedValues<[ReferenceStepSpec]>.self, forKey: .reference)
        duration = try c.decode(ExpressionSource.self, forKey: .duration)
        plantStep = try c.decode(ExpressionSource.self, forKey: .plantStep)
        modelStep = try c.decodeIfPresent(ExpressionSource.self, forKey: .modelStep)
        penalty = try c.decodeIfPresent(Double.self, forKey: .penalty) ?? 0
        optimizer = try c.decodeIfPresent(ControlOptimizerSpec.self, forKey: .optimizer) ?? .init()
        predictionSamples = try c.decodeIfPresent(Int.self, forKey: .predictionSamples) ?? 1000
    }
}

/// One step of a piecewise-constant reference: `{"from": 15, "value": -0.5}`.
public struct ReferenceStepSpec: Codable, Equatable, Sendable {
    public var from: ExpressionSource
    public var value: ExpressionSource

    public init(from: ExpressionSource, value: ExpressionSource) {
        self.from = from
        self.value = value
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case from, value }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        from = try c.decode(ExpressionSource.self, forKey: .from)
        value = try c.decode(ExpressionSource.self, forKey: .value)
    }
}

/// The bounded optimizer of every control step (``ProjectedLBFGS``):
/// `{"iterations": 100, "tolerance_grad": 1e-8, "history": 10}`.
public struct ControlOptimizerSpec: Codable, Equatable, Sendable {
    /// Iterations per control step at most.
    public var iterations: Int
    /// Key `tolerance_grad`: stop when the projected gradient's ∞-norm is at most this.
    public var toleranceGrad: Double
    /// Curvature pairs kept.
    public var history: Int

    public init(iterations: Int = 100, toleranceGrad: Double = 1e-8, history: Int = 10) {
        self.iterations = iterations
        self.toleranceGrad = toleranceGrad
        self.history = history
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case iterations, toleranceGrad = "tolerance_grad", history }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        iterations = try c.decodeIfPresent(Int.self, forKey: .iterations) ?? 100
        toleranceGrad = try c.decodeIfPresent(Double.self, forKey: .toleranceGrad) ?? 1e-8
        history = try c.decodeIfPresent(Int.self, forKey: .history) ?? 10
    }
}
