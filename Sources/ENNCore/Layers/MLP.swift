/// A multilayer perceptron: optional input embedding, hidden Linear layers each followed
/// by the activation, and a linear output layer with one column per output (one trunk,
/// several heads: `tape.column(y, j)` takes output j).
public struct MLP: Sendable {
    public let inputs: Int
    public let outputs: Int
    public let hidden: [Int]
    public let activation: Activation
    public let embedding: InputEmbedding?
    public let layers: [Linear]
    public let parameterLayout: ParameterLayout
    /// Where the network's parameters start in θ (0 unless it sits behind another network).
    public let parameterOffset: Int

    /// `parameterOffset`: where the parameters start in θ, for a network that shares θ with
    /// others (a network inside the equations, after the solution network's parameters).
    public init(inputs: Int, hidden: [Int], outputs: Int, activation: Activation = .tanh,
                embedding: InputEmbedding? = nil, parameterOffset: Int = 0) {
        precondition(inputs > 0 && outputs > 0 && hidden.allSatisfy { $0 > 0 },
                     "MLP: sizes must be positive (inputs \(inputs), hidden \(hidden), outputs \(outputs))")
        self.inputs = inputs
        self.outputs = outputs
        self.hidden = hidden
        self.activation = activation
        self.embedding = embedding
        self.parameterOffset = parameterOffset
        var layout = ParameterLayout(startingAt: parameterOffset)
        let widths = [embedding?.outputWidth ?? inputs] + hidden + [outputs]
        layers = (0..<(widths.count - 1)).map { Linear(widths[$0], widths[$0 + 1], parameters: &layout, name: "layer\($0)") }
        parameterLayout = layout
    }

    public var parameterCount: Int { parameterLayout.count - parameterOffset }

    /// Initial parameters from the seeded generator (this network's `parameterCount` values,
    /// to be placed at `parameterOffset` in θ).
    public func initialParameters(scheme: Initialization = .glorotNormal, rng: inout RandomGenerator) -> [Double] {
        var theta = [Double](repeating: 0, count: parameterLayout.count)
        for layer in layers { layer.initialize(&theta, scheme: scheme, rng: &rng) }
        return parameterOffset == 0 ? theta : Array(theta[parameterOffset...])
    }

    /// The network on a jet of inputs [K × N × inputs] → [K × N × outputs].
    public func callAsFunction(_ x: Var, on tape: Tape) -> Var {
        var h = embedding.map { $0(x, on: tape) } ?? x
        for layer in layers.dropLast() { h = tape.apply(activation.function, layer(h, on: tape)) }
        return layers.last!(h, on: tape)
    }
}
