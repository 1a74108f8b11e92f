/// Hidden-layer activations of an MLP; each maps to a jet-aware `ScalarFunction`.
public enum Activation: String, Codable, CaseIterable, Sendable {
    case tanh, sin, silu, gelu

    public var function: ScalarFunction {
        switch self {
        case .tanh: return .tanh
        case .sin: return .sin
        case .silu: return .silu
        case .gelu: return .gelu
        }
    }
}
