import ENNCore
import Foundation

/// Model predictive control on a period model: at each control step, minimise the horizon
/// cost over the controls u₀ … u_{H−1} within their box by the projected L-BFGS, apply u₀,
/// and keep the plan, shifted by one period, as the next step's starting point.
public final class ModelPredictiveController {
    /// One control step's solution and what it cost.
    public struct Step: Sendable {
        /// The control to apply now (u₀ of the plan).
        public var control: Double
        /// The whole plan u₀ … u_{H−1}.
        public var plan: [Double]
        public var cost: Double
        public var iterations: Int
        public var evaluations: Int
        public var stopReason: QuasiNewtonStopReason
        /// Wall and thread-CPU seconds of the solve.
        public var wallSeconds: Double
        public var cpuSeconds: Double
    }

    public let settings: ControlSettings
    public let cost: HorizonCost
    private let optimizer: ProjectedLBFGS
    /// The previous step's plan (empty before the first step).
    public private(set) var plan: [Double] = []

    public init(model: PeriodModel, settings: ControlSettings) {
        self.settings = settings
        cost = HorizonCost(model: model, horizon: settings.horizon, penalty: settings.penalty)
        var options = ProjectedLBFGS.Options()
        options.maxIterations = settings.optimizer.iterations
        options.projectedGradientTolerance = settings.optimizer.toleranceGrad
        options.historySize = settings.optimizer.history
        optimizer = ProjectedLBFGS(options: options)
    }

    public var model: PeriodModel { cost.model }

    /// The warm start: the last plan shifted by one period (its last control repeated); the
    /// control nearest 0 inside the box at the first step.
    public var warmStart: [Double] {
        guard !plan.isEmpty else {
            return [Double](repeating: min(max(0, settings.lower), settings.upper), count: settings.horizon)
        }
        return Array(plan.dropFirst()) + [plan.last!]
    }

    /// Solves the control step that starts at `time` in `state`, after `previousControl`.
    public func solve(state: [Double], time: Double, previousControl: Double) -> Step {
        let clock = SolveClock()
        cost.prepare(state: state, previousControl: previousControl, time: time, period: settings.period,
                     references: settings.references)
        let lower = [Double](repeating: settings.lower, count: settings.horizon)
        let upper = [Double](repeating: settings.upper, count: settings.horizon)
        let cost = cost
        let result = optimizer.minimize(from: warmStart, lower: lower, upper: upper) { u, g in cost.value(u, gradient: &g) }
        plan = result.x
        let (wall, cpu) = clock.elapsed()
        return Step(control: result.x[0], plan: result.x, cost: result.f, iterations: result.iterations,
                    evaluations: result.evaluations, stopReason: result.reason, wallSeconds: wall, cpuSeconds: cpu)
    }
}

/// Wall and thread-CPU time since creation (CPU time is less disturbed by other processes on
/// a shared machine; both are recorded).
struct SolveClock {
    private let wall = DispatchTime.now().uptimeNanoseconds
    private let cpu = SolveClock.threadCPUNanoseconds()

    func elapsed() -> (wall: Double, cpu: Double) {
        (Double(DispatchTime.now().uptimeNanoseconds - wall) * 1e-9, Double(Self.threadCPUNanoseconds() - cpu) * 1e-9)
    }

    static func threadCPUNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}
