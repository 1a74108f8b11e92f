/// A model of the plant over one control period: the state at τ = T from the state at τ = 0
/// under a control held constant, and the sensitivities of that end state.
///
/// The controller chains it over its horizon (the end state of one period starts the next)
/// and needs only these two things, so the true model (RK4) and the network are
/// interchangeable behind it.
public protocol PeriodModel: AnyObject {
    /// A short name for messages and results ("network", "RK4").
    var name: String { get }
    var stateCount: Int { get }
    /// x(T) for x(0) = `state` and control `control`; with `sensitivity`, also
    /// ∂x(T)/∂(x(0), u) written row-major into `sensitivity` as an n × (n + 1) matrix
    /// (row i: state i; columns: the n initial states, then the control).
    func predict(from state: [Double], control: Double, sensitivity: UnsafeMutablePointer<Double>?) -> [Double]
}
