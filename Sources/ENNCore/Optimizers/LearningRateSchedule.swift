import Foundation

/// Learning rate as a function of the step count t (0-based).
public enum LearningRateSchedule: Sendable, Equatable {
    case constant
    /// lr · rate^(t / every), decaying smoothly.
    case exponential(rate: Double, every: Int)
    /// lr · rate^⌊t / every⌋, a staircase.
    case step(rate: Double, every: Int)

    public func learningRate(base: Double, step t: Int) -> Double {
        switch self {
        case .constant: return base
        case .exponential(let rate, let every): return base * Foundation.pow(rate, Double(t) / Double(every))
        case .step(let rate, let every): return base * Foundation.pow(rate, Double(t / every))
        }
    }
}
