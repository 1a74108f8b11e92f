/// Why a quasi-Newton minimiser (``LBFGS``, ``DenseBFGS``) stopped; every run ends with one.
public enum QuasiNewtonStopReason: Equatable, Sendable, CustomStringConvertible {
    case gradientTolerance, functionTolerance, maxIterations, maxEvaluations
    case lineSearchFailed(String)
    case nonFiniteObjective
    case stoppedByCallback

    public var description: String {
        switch self {
        case .gradientTolerance: return "gradient norm below tolerance"
        case .functionTolerance: return "objective stopped changing (relative change below tolerance)"
        case .maxIterations: return "maximum iterations reached"
        case .maxEvaluations: return "maximum objective evaluations reached"
        case .lineSearchFailed(let why): return "line search failed: \(why)"
        case .nonFiniteObjective: return "objective is not finite at the start point"
        case .stoppedByCallback: return "stopped by callback"
        }
    }
}
