import Foundation

/// A validated `control` section: everything the controller, the plant and the closed loop
/// need, in plain numbers and parsed expressions (built by the problem validator).
///
/// States are in the problem's output order; index i of a state vector is output i.
public struct ControlSettings: Sendable {
    /// The state variables (the problem's outputs, in order).
    public let states: [String]
    /// The network input holding each state's value at τ = 0, in state order.
    public let stateInputs: [String]
    /// The network input holding the control.
    public let controlInput: String
    /// The time input (τ within a control period).
    public let timeInput: String
    /// The control's box constraints.
    public let lower: Double, upper: Double
    /// T: the time a control value is held.
    public let period: Double
    /// Control periods in the controller's horizon.
    public let horizon: Int
    /// The plant's state at time 0.
    public let initialState: [Double]
    /// Tracked states and their reference schedules.
    public let references: [TrackedReference]
    /// Control periods in the closed loop (duration / period).
    public let periods: Int
    /// RK4 steps per period of the plant, and of the baseline controller's model.
    public let plantStepsPerPeriod: Int, modelStepsPerPeriod: Int
    /// Weight of Σ (u_k − u_{k−1})².
    public let penalty: Double
    public let optimizer: ControlOptimizerSpec
    /// Random samples for the network's one-period prediction error.
    public let predictionSamples: Int
    /// f(x, u) of ẋ = f, one per state, read from the residuals `<state>_t − f`: symbols are
    /// outputs (the current state), the control input and parameters.
    public let rightHandSides: [Expr]
    /// The training box of the state inputs, in state order: where the one-period prediction
    /// error is sampled.
    public let stateBox: [(lower: Double, upper: Double)]
    /// The training domain of the control input (contains the bounds).
    public let controlDomain: (lower: Double, upper: Double)

    /// The closed loop's length.
    public var duration: Double { Double(periods) * period }
}

/// A tracked state and its piecewise-constant reference.
public struct TrackedReference: Sendable {
    /// Index of the state in ``ControlSettings/states``.
    public let state: Int
    /// Steps in increasing `from`, the first from 0: the value is that of the last step
    /// whose `from` is ≤ the time.
    public let steps: [(from: Double, value: Double)]

    public init(state: Int, steps: [(from: Double, value: Double)]) {
        self.state = state
        self.steps = steps
    }

    /// The reference at `time`.
    public func value(at time: Double) -> Double {
        var v = steps[0].value
        for step in steps where step.from <= time { v = step.value }
        return v
    }
}
