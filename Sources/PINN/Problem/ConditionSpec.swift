import Foundation

/// One boundary, initial or periodic condition as written in a problem file.
///
/// Keys by kind (others are rejected):
/// - `dirichlet`: output = value on the sides. `side`, `output`+`value` or `values`.
/// - `neumann`: outward normal derivative ∂(output)/∂n = value on the sides (on `left` that is
///   −∂/∂x, on `right` +∂/∂x). `side`, `output`+`value` or `values`.
/// - `initial`: output = value at the start time. `output`+`value` or `values`.
/// - `initial_rate`: ∂(output)/∂t = value at the start time (second order in time problems).
/// - `periodic`: the outputs and their derivatives by `input` up to order `derivatives`
///   (default 1) agree on the two ends of `input`'s interval. `input`, `outputs`, `derivatives`.
///
/// All kinds take `name` (the loss-term name; default: the kind, numbered when it repeats),
/// `enforce` (`soft`, the default: a weighted loss term; `hard`: satisfied exactly by the
/// problem's `hard` output transform or periodic embedding, so no loss term) and `points`
/// (collocation points for this condition; default `points.boundary`, or `points.initial`
/// for the initial kinds).
public struct ConditionSpec: Codable, Equatable, Sendable {
    /// Condition kinds.
    public enum Kind: String, SpecEnum {
        case dirichlet, neumann, periodic, initial
        case initialRate = "initial_rate"
    }

    /// How a condition is imposed.
    public enum Enforcement: String, SpecEnum {
        /// A weighted loss term.
        case soft
        /// Built into the network's output transform; no loss term.
        case hard
    }

    public var name: String?
    public var kind: Kind
    /// Side name or names (`left`, `right`, `bottom`, `top`, `front`, `back`, `initial`).
    public var side: OneOrMany<String>?
    /// The output `value` applies to (default: the only output).
    public var output: String?
    public var value: ExpressionSource?
    /// Values for several outputs at once: `{"u": 1, "v": 0}`.
    public var values: NamedValues<ExpressionSource>?
    /// The periodic input.
    public var input: String?
    /// Outputs a periodic condition ties (default: all).
    public var outputs: [String]?
    /// Highest derivative order a periodic condition matches (default 1).
    public var derivatives: Int?
    public var enforce: Enforcement
    public var points: Int?

    public init(name: String? = nil, kind: Kind, side: OneOrMany<String>? = nil, output: String? = nil,
                value: ExpressionSource? = nil, values: NamedValues<ExpressionSource>? = nil, input: String? = nil,
                outputs: [String]? = nil, derivatives: Int? = nil, enforce: Enforcement = .soft, points: Int? = nil) {
        self.name = name
        self.kind = kind
        self.side = side
        self.output = output
        self.value = value
        self.values = values
        self.input = input
        self.outputs = outputs
        self.derivatives = derivatives
        self.enforce = enforce
        self.points = points
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, kind, side, output, value, values, input, outputs, derivatives, enforce, points
    }

    /// The keys a condition of `kind` may have.
    static func keys(for kind: Kind) -> [CodingKeys] {
        let common: [CodingKeys] = [.name, .kind]
        let tail: [CodingKeys] = [.enforce, .points]
        switch kind {
        case .dirichlet, .neumann: return common + [.side, .output, .value, .values] + tail
        case .initial, .initialRate: return common + [.output, .value, .values] + tail
        case .periodic: return common + [.input, .outputs, .derivatives] + tail
        }
    }

    public init(from decoder: Decoder) throws {
        let probe = try decoder.container(keyedBy: CodingKeys.self)
        kind = try probe.decode(Kind.self, forKey: .kind)
        let kindName = kind.rawValue
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self, allowed: Self.keys(for: kind)) { key in
            CodingKeys(rawValue: key) == nil ? "unknown key" : "key not used by kind '\(kindName)'"
        }
        name = try c.decodeIfPresent(String.self, forKey: .name)
        side = try c.decodeIfPresent(OneOrMany<String>.self, forKey: .side)
        output = try c.decodeIfPresent(String.self, forKey: .output)
        value = try c.decodeIfPresent(ExpressionSource.self, forKey: .value)
        values = try c.decodeIfPresent(NamedValues<ExpressionSource>.self, forKey: .values)
        input = try c.decodeIfPresent(String.self, forKey: .input)
        outputs = try c.decodeIfPresent([String].self, forKey: .outputs)
        derivatives = try c.decodeIfPresent(Int.self, forKey: .derivatives)
        enforce = try c.decodeIfPresent(Enforcement.self, forKey: .enforce) ?? .soft
        points = try c.decodeIfPresent(Int.self, forKey: .points)
    }
}
