import Foundation

/// One entry of `parameters`: a known constant (a number or a constant expression, as before)
/// or an unknown to learn from data with the network.
///
/// `"nu": "0.01/pi"` or `"nu": {"unknown": true, "initial": 0.05, "positive": true}`.
public enum ParameterSource: Codable, Equatable, Sendable {
    case known(ExpressionSource)
    case unknown(UnknownParameterSpec)

    /// The constant's expression, nil for an unknown parameter.
    public var known: ExpressionSource? {
        if case .known(let e) = self { return e }
        return nil
    }

    public init(from decoder: Decoder) throws {
        if (try? decoder.container(keyedBy: AnyCodingKey.self)) != nil {
            self = .unknown(try UnknownParameterSpec(from: decoder))
        } else {
            self = .known(try ExpressionSource(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .known(let e): try e.encode(to: encoder)
        case .unknown(let u): try u.encode(to: encoder)
        }
    }
}

/// A parameter the training learns: `{"unknown": true, "initial": 0.05, "positive": true}`.
///
/// It is one more entry of the parameter vector θ that every optimizer stage moves with the
/// network's weights. `positive` trains log λ instead of λ (λ = e^θ stays positive and steps
/// are relative, which suits a viscosity spanning decades).
public struct UnknownParameterSpec: Codable, Equatable, Sendable {
    /// Must be `true` (the key says what the object is).
    public var unknown: Bool
    /// The starting value (a number or a constant expression; > 0 when `positive`).
    public var initial: ExpressionSource
    /// Train through the logarithm. Default false.
    public var positive: Bool

    public init(initial: ExpressionSource, positive: Bool = false) {
        unknown = true
        self.initial = initial
        self.positive = positive
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case unknown, initial, positive }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        unknown = try c.decode(Bool.self, forKey: .unknown)
        guard unknown else {
            throw c.failure(.unknown, "must be true (a known parameter is a number or an expression, \"nu\": \"0.01/pi\")")
        }
        initial = try c.decode(ExpressionSource.self, forKey: .initial)
        positive = try c.decodeIfPresent(Bool.self, forKey: .positive) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(unknown, forKey: .unknown)
        try c.encode(initial, forKey: .initial)
        if positive { try c.encode(positive, forKey: .positive) }
    }
}

/// A network inside the equations: `"R": {"inputs": 1, "hidden": [16, 16], "activation": "tanh"}`.
///
/// Residuals call it like a function, `R(u)` or `R(u, u_x)`; it is an MLP from `inputs`
/// arguments to one value, trained with the solution network (its weights follow the
/// solution network's in θ). After training it is sampled over the range its arguments took.
public struct FunctionSpec: Codable, Equatable, Sendable {
    /// Number of arguments (1 to 4).
    public var inputs: Int
    /// Hidden widths. Default [16, 16].
    public var hidden: [Int]
    /// Default tanh (smooth: residuals may need its derivatives through the jets).
    public var activation: NetworkSpec.Activation
    /// Key `init`. Default glorot_normal.
    public var initialization: NetworkSpec.Initialization

    public static let maximumInputs = 4

    public init(inputs: Int, hidden: [Int] = [16, 16], activation: NetworkSpec.Activation = .tanh,
                initialization: NetworkSpec.Initialization = .glorotNormal) {
        self.inputs = inputs
        self.hidden = hidden
        self.activation = activation
        self.initialization = initialization
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case inputs, hidden, activation, initialization = "init" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        inputs = try c.decode(Int.self, forKey: .inputs)
        hidden = try c.decodeIfPresent([Int].self, forKey: .hidden) ?? [16, 16]
        activation = try c.decodeIfPresent(NetworkSpec.Activation.self, forKey: .activation) ?? .tanh
        initialization = try c.decodeIfPresent(NetworkSpec.Initialization.self, forKey: .initialization) ?? .glorotNormal
    }

    /// Weights and biases: Σ (wᵢ + 1)·wᵢ₊₁ over [inputs, hidden…, 1].
    public var parameterCount: Int {
        let widths = [inputs] + hidden + [1]
        return (0..<(widths.count - 1)).reduce(0) { $0 + (widths[$1] + 1) * widths[$1 + 1] }
    }
}

extension ParameterSource: ExpressibleByStringLiteral {
    /// A known parameter from its expression text (`"0.01/pi"`).
    public init(stringLiteral text: String) { self = .known(ExpressionSource(text)) }
}
