/// Adam (Kingma & Ba, arXiv:1412.6980) on a flat parameter vector:
///   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,
///   θ ← θ − lr_t · m̂ / (√v̂ + ε),  m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
public struct Adam: Sendable {
    public var learningRate: Double
    public var schedule: LearningRateSchedule
    public var beta1: Double, beta2: Double, epsilon: Double
    public private(set) var step = 0
    private var m: [Double]
    private var v: [Double]

    public init(parameterCount: Int, learningRate: Double = 1e-3, schedule: LearningRateSchedule = .constant,
                beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        precondition(learningRate > 0, "Adam: learningRate must be positive, got \(learningRate)")
        self.learningRate = learningRate
        self.schedule = schedule
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon
        m = [Double](repeating: 0, count: parameterCount)
        v = [Double](repeating: 0, count: parameterCount)
    }

    /// The moments and step count: what a checkpoint saves so that training continues exactly.
    public struct State: Sendable, Equatable {
        public var step: Int
        public var m: [Double]
        public var v: [Double]
        public init(step: Int, m: [Double], v: [Double]) { self.step = step; self.m = m; self.v = v }
    }

    /// Reading it copies the moments; setting it requires moments of this optimizer's size.
    public var state: State {
        get { State(step: step, m: m, v: v) }
        set {
            precondition(newValue.m.count == m.count && newValue.v.count == v.count && newValue.step >= 0,
                         "Adam.state: moments of \(newValue.m.count), \(newValue.v.count) for \(m.count) parameters")
            step = newValue.step; m = newValue.m; v = newValue.v
        }
    }

    /// The rate the next `update` will use.
    public var currentLearningRate: Double { schedule.learningRate(base: learningRate, step: step) }

    public mutating func update(_ theta: inout [Double], gradient g: [Double]) {
        precondition(theta.count == m.count && g.count == m.count,
                     "Adam.update: θ has \(theta.count), gradient \(g.count), state \(m.count)")
        let lr = currentLearningRate
        step += 1
        let c1 = 1 / (1 - pow(beta1, step)), c2 = 1 / (1 - pow(beta2, step))
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        theta.withUnsafeMutableBufferPointer { th in
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    g.withUnsafeBufferPointer { g in
                        for i in 0..<th.count {
                            m[i] = b1 * m[i] + (1 - b1) * g[i]
                            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                            th[i] -= lr * (m[i] * c1) / ((v[i] * c2).squareRoot() + eps)
                        }
                    }
                }
            }
        }
    }

    private func pow(_ x: Double, _ n: Int) -> Double { integerPower(x, n) }
}
