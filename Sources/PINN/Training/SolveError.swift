/// Failures of a solve that are not bad input files.
public enum SolveError: Error, CustomStringConvertible {
    /// A feature the file asks for that this version cannot do (bad input: exit 2).
    case unsupported(String)
    /// The loss became NaN or infinite (run-time failure: exit 1, last good parameters kept).
    case diverged(stage: String, iteration: Int, lastGoodLoss: Double)
    /// Stopped by the user (Ctrl-C); the last parameters are kept.
    case interrupted(stage: String, iteration: Int)

    public var description: String {
        switch self {
        case .unsupported(let m): return m
        case .diverged(let stage, let i, let last):
            return "training diverged: the loss became NaN or infinite in stage \(stage) at iteration \(i) "
                + "(last finite loss \(last)); the output keeps the last good parameters. "
                + "Try a smaller learning rate or more collocation points."
        case .interrupted(let stage, let i): return "interrupted in stage \(stage) at iteration \(i); the output keeps the parameters reached"
        }
    }
}
