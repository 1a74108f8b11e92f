/// The closed loop: the true plant (RK4 with the plant step) driven by a model predictive
/// controller, one control period at a time. The plant is never the controller's model: the
/// recorded states are the plant's response to the recorded controls.
public final class ClosedLoop {
    public let settings: ControlSettings
    public let controller: ModelPredictiveController
    private let plant: RungeKutta4
    private var state: [Double]
    private var record: ClosedLoopRecord
    private var period = 0

    public init(settings: ControlSettings, controller: ModelPredictiveController) {
        self.settings = settings
        self.controller = controller
        plant = RungeKutta4(settings: settings, sensitivities: false)
        state = settings.initialState
        record = ClosedLoopRecord(model: controller.model.name, stateCount: settings.states.count)
        record.append(time: 0, state: state, control: 0)
    }

    public var isFinished: Bool { period >= settings.periods }

    /// Solves the control step at the start of the next period and applies its control to the
    /// plant over the period; returns the step's record.
    @discardableResult
    public func advance() -> StepRecord {
        precondition(!isFinished, "ClosedLoop.advance: the loop's \(settings.periods) periods are done")
        let start = Double(period) * settings.period
        let step = controller.solve(state: state, time: start, previousControl: record.steps.last?.control ?? 0)
        record.steps.append(StepRecord(step))
        record.setLastControl(step.control)
        let h = settings.period / Double(settings.plantStepsPerPeriod)
        plant.integrate(&state, sensitivity: nil, control: step.control, step: h, steps: settings.plantStepsPerPeriod) { i, x in
            self.record.append(time: start + Double(i) * h, state: x, control: step.control)
        }
        period += 1
        return record.steps.last!
    }

    /// Runs the remaining periods.
    public func run() { while !isFinished { advance() } }

    /// What the loop recorded so far, with its IAE.
    public var result: ClosedLoopRecord {
        var r = record
        r.iae = ClosedLoopRecord.integratedAbsoluteError(r, references: settings.references)
        return r
    }
}

/// One control step as recorded: the solve's statistics.
public struct StepRecord: Sendable {
    public var control: Double
    public var cost: Double
    public var iterations: Int
    public var evaluations: Int
    public var wallSeconds: Double
    public var cpuSeconds: Double

    init(_ step: ModelPredictiveController.Step) {
        control = step.control
        cost = step.cost
        iterations = step.iterations
        evaluations = step.evaluations
        wallSeconds = step.wallSeconds
        cpuSeconds = step.cpuSeconds
    }
}

/// A closed loop's samples (every plant step) and control steps.
public struct ClosedLoopRecord: Sendable {
    /// The controller's model ("network", "RK4").
    public let model: String
    public let stateCount: Int
    /// Sample times, 0 to the duration, every plant step.
    public private(set) var time: [Double] = []
    /// The plant's state at each sample, [samples × states] row-major.
    public private(set) var state: [Double] = []
    /// The control applied from each sample to the next (the last sample repeats it).
    public private(set) var control: [Double] = []
    /// One record per control step.
    public internal(set) var steps: [StepRecord] = []
    /// ∫ Σ_tracked |x_i − r_i| dt over the loop (trapezoid rule on the samples).
    public internal(set) var iae = Double.nan

    init(model: String, stateCount: Int) {
        self.model = model
        self.stateCount = stateCount
    }

    mutating func append(time t: Double, state x: [Double], control u: Double) {
        time.append(t)
        state += x
        control.append(u)
    }

    mutating func setLastControl(_ u: Double) { control[control.count - 1] = u }

    /// State `i` at every sample.
    public func state(_ i: Int) -> [Double] { stride(from: i, to: state.count, by: stateCount).map { state[$0] } }

    public var meanWallSeconds: Double { steps.map(\.wallSeconds).reduce(0, +) / Double(max(steps.count, 1)) }
    public var meanCPUSeconds: Double { steps.map(\.cpuSeconds).reduce(0, +) / Double(max(steps.count, 1)) }
    public var meanIterations: Double { Double(steps.map(\.iterations).reduce(0, +)) / Double(max(steps.count, 1)) }

    /// ∫ Σ_tracked |x_i(t) − r_i(t)| dt by the trapezoid rule on the samples.
    static func integratedAbsoluteError(_ r: ClosedLoopRecord, references: [TrackedReference]) -> Double {
        func error(_ k: Int) -> Double {
            references.reduce(0) { $0 + Swift.abs(r.state[k * r.stateCount + $1.state] - $1.value(at: r.time[k])) }
        }
        guard r.time.count > 1 else { return 0 }
        var total = 0.0, previous = error(0)
        for k in 1..<r.time.count {
            let e = error(k)
            total += 0.5 * (previous + e) * (r.time[k] - r.time[k - 1])
            previous = e
        }
        return total
    }
}
