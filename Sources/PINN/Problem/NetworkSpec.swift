import Foundation

/// The network: a multilayer perceptron from the (embedded) inputs to the outputs.
///
/// `{"hidden": [64, 64, 64, 64], "activation": "tanh", "init": "glorot_normal",
///   "fourier": {"features": 64, "scale": 1.0}, "periodic": {"x": 2}}`
public struct NetworkSpec: Codable, Equatable, Sendable {
    /// Smooth activations (PINN residuals need their higher derivatives); the names match
    /// ENNCore's `Activation` (silu is x·sigmoid(x), also called swish).
    public enum Activation: String, SpecEnum {
        case tanh, sin, silu, gelu
    }

    /// Weight initialisation (biases start at zero).
    public enum Initialization: String, SpecEnum {
        /// Normal with variance 2/(fan_in + fan_out) (Glorot & Bengio 2010).
        case glorotNormal = "glorot_normal"
        /// Uniform on ±√(6/(fan_in + fan_out)).
        case glorotUniform = "glorot_uniform"
    }

    /// Hidden layer widths. Default `[64, 64, 64, 64]`.
    public var hidden: [Int]
    /// Default `tanh`.
    public var activation: Activation
    /// Key `init`. Default `glorot_normal`.
    public var initialization: Initialization
    /// Random Fourier feature embedding of the inputs. Default: off.
    public var fourier: FourierFeaturesSpec?
    /// Periodic embedding by input: the period (number or constant expression), usually the
    /// length of the input's interval. Such an input enters the network as
    /// cos(2πx/L), sin(2πx/L), making every output exactly periodic in it. Default: none.
    public var periodic: NamedValues<ExpressionSource>

    public init(hidden: [Int] = [64, 64, 64, 64], activation: Activation = .tanh,
                initialization: Initialization = .glorotNormal, fourier: FourierFeaturesSpec? = nil,
                periodic: NamedValues<ExpressionSource> = .init()) {
        self.hidden = hidden
        self.activation = activation
        self.initialization = initialization
        self.fourier = fourier
        self.periodic = periodic
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hidden, activation, initialization = "init", fourier, periodic
    }

    /// Trainable parameters of the MLP this spec builds, weights and biases:
    /// Σ (wᵢ + 1)·wᵢ₊₁ over the widths [embedded inputs, hidden…, outputs], where a periodic
    /// input enters as cos and sin (2 columns) and a Fourier embedding replaces the inputs it
    /// embeds by 2·features (the others pass through; the trainer rejects periodic and Fourier
    /// together). Saturates at Int.max.
    public func parameterCount(inputs: Int, outputs: Int, periodicInputs: Int) -> Int {
        let first = periodicInputs > 0 ? inputs + periodicInputs
            : fourier.map { 2 * $0.features + inputs - ($0.inputs.map { Set($0).count } ?? inputs) } ?? inputs
        let widths = [first] + hidden + [outputs]
        var total = 0
        for i in 0..<(widths.count - 1) {
            let (layer, o1) = (widths[i] + 1).multipliedReportingOverflow(by: widths[i + 1])
            let (sum, o2) = total.addingReportingOverflow(layer)
            if o1 || o2 { return Int.max }
            total = sum
        }
        return total
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let d = NetworkSpec()
        hidden = try c.decodeIfPresent([Int].self, forKey: .hidden) ?? d.hidden
        activation = try c.decodeIfPresent(Activation.self, forKey: .activation) ?? d.activation
        initialization = try c.decodeIfPresent(Initialization.self, forKey: .initialization) ?? d.initialization
        fourier = try c.decodeIfPresent(FourierFeaturesSpec.self, forKey: .fourier)
        periodic = try c.decodeIfPresent(NamedValues<ExpressionSource>.self, forKey: .periodic) ?? d.periodic
    }
}

/// Random Fourier features (Tancik et al. 2020; Wang, Wang & Perdikaris 2021):
/// γ(v) = [cos(2π B v), sin(2π B v)] with B (features × inputs) drawn from N(0, scale²) once.
public struct FourierFeaturesSpec: Codable, Equatable, Sendable {
    /// Number of frequencies (the embedding has twice as many columns).
    public var features: Int
    /// Standard deviation of the frequencies. Default 1.
    public var scale: Double
    /// Inputs to embed (default: all inputs not periodically embedded).
    public var inputs: [String]?

    public init(features: Int, scale: Double = 1, inputs: [String]? = nil) {
        self.features = features
        self.scale = scale
        self.inputs = inputs
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case features, scale, inputs }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        features = try c.decode(Int.self, forKey: .features)
        scale = try c.decodeIfPresent(Double.self, forKey: .scale) ?? 1
        inputs = try c.decodeIfPresent([String].self, forKey: .inputs)
    }
}
