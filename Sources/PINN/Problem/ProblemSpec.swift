import Foundation

/// A problem file as written (schema 1), decoded strictly: unknown keys are errors, omitted
/// optional fields take the defaults documented on each property.
///
/// This is plain data; ``ProblemValidator`` checks its meaning (names exist, counts are
/// positive, expressions parse) and builds a ``Problem``. A minimal file:
/// ```
/// {"schema": 1, "inputs": ["x", "t"], "outputs": ["u"],
///  "domain": {"x": [0, 1], "t": [0, 1]},
///  "pde": {"heat": "u_t - 0.1*u_xx"},
///  "conditions": [{"kind": "initial", "value": "sin(pi*x)"},
///                 {"kind": "dirichlet", "side": ["left", "right"], "value": 0}],
///  "training": [{"optimizer": "adam", "iterations": 5000}]}
/// ```
public struct ProblemSpec: Codable, Equatable, Sendable {
    /// The schema version this code reads.
    public static let currentSchema = 1

    /// Schema version; must be 1.
    public var schema: Int
    /// Display name (default: the file's base name). Output files are named after the file.
    public var name: String?
    /// Free text for humans.
    public var description: String?
    /// Input coordinates, single letters, spatial ones first by convention: `["x", "t"]`.
    /// The input named `t` is time.
    public var inputs: [String]
    /// Network outputs (fields): `["u"]`, `["u", "v", "p"]`.
    public var outputs: [String]
    /// Named constants: numbers or constant expressions over `pi` and other parameters
    /// (`"nu": "0.01/pi"`). Default: none.
    public var parameters: NamedValues<ExpressionSource>
    /// One `[lower, upper]` interval per input (numbers or constant expressions).
    public var domain: NamedValues<[ExpressionSource]>
    /// Named PDE residuals, each an expression that should vanish in the interior. The names
    /// are loss-term names.
    public var pde: NamedValues<ExpressionSource>
    /// Boundary, initial and periodic conditions. Default: none.
    public var conditions: [ConditionSpec]
    /// Hard-constraint output transforms by output: `"u": "t*(1-x^2)*N_u - sin(pi*x)"`, where
    /// `N_u` is the raw network output. Outputs not listed are the raw network outputs.
    public var hard: NamedValues<ExpressionSource>
    /// The network. Default: ``NetworkSpec/init(hidden:activation:initialization:fourier:periodic:)``.
    public var network: NetworkSpec
    /// Collocation points. Default: ``PointsSpec`` defaults.
    public var points: PointsSpec
    /// Loss weights by term name (PDE residual or condition name); unlisted terms weigh 1.
    public var weights: NamedValues<Double>
    /// Automatic loss weighting (key `auto_weights`). Default: off.
    public var autoWeights: AutoWeightsSpec?
    /// Training stages, run in order; at least one.
    public var training: [TrainingStageSpec]
    /// The reference solution to measure errors against. Default: none.
    public var reference: ReferenceSpec?
    /// The output grid. Default: 101 points per input.
    public var output: OutputSpec
    /// Accuracy the problem must reach. Default: none.
    public var expect: ExpectSpec?
    /// Model predictive control with the network as the dynamics model. Default: none.
    public var control: ControlSpec?

    public init(schema: Int = ProblemSpec.currentSchema, name: String? = nil, description: String? = nil,
                inputs: [String], outputs: [String], parameters: NamedValues<ExpressionSource> = .init(),
                domain: NamedValues<[ExpressionSource]>, pde: NamedValues<ExpressionSource>,
                conditions: [ConditionSpec] = [], hard: NamedValues<ExpressionSource> = .init(),
                network: NetworkSpec = .init(), points: PointsSpec = .init(), weights: NamedValues<Double> = .init(),
                autoWeights: AutoWeightsSpec? = nil, training: [TrainingStageSpec],
                reference: ReferenceSpec? = nil, output: OutputSpec = .init(), expect: ExpectSpec? = nil,
                control: ControlSpec? = nil) {
        self.schema = schema
        self.name = name
        self.description = description
        self.inputs = inputs
        self.outputs = outputs
        self.parameters = parameters
        self.domain = domain
        self.pde = pde
        self.conditions = conditions
        self.hard = hard
        self.network = network
        self.points = points
        self.weights = weights
        self.autoWeights = autoWeights
        self.training = training
        self.reference = reference
        self.output = output
        self.expect = expect
        self.control = control
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, name, description, inputs, outputs, parameters, domain, pde, conditions, hard
        case network, points, weights, autoWeights = "auto_weights", training, reference, output, expect
        case control
    }

    public init(from decoder: Decoder) throws {
        // The version first: a file from a newer schema should say so, not list unknown keys.
        let probe = try decoder.container(keyedBy: CodingKeys.self)
        guard probe.contains(.schema) else {
            throw DecodingError.keyNotFound(CodingKeys.schema, .init(
                codingPath: decoder.codingPath,
                debugDescription: "required key is missing (this pinn-solve reads \"schema\": \(Self.currentSchema))"))
        }
        schema = try probe.decode(Int.self, forKey: .schema)
        guard schema == Self.currentSchema else {
            throw probe.failure(.schema, "unsupported schema version \(schema) (this pinn-solve reads schema \(Self.currentSchema))")
        }
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        inputs = try c.decode([String].self, forKey: .inputs)
        outputs = try c.decode([String].self, forKey: .outputs)
        parameters = try c.decodeIfPresent(NamedValues<ExpressionSource>.self, forKey: .parameters) ?? .init()
        domain = try c.decode(NamedValues<[ExpressionSource]>.self, forKey: .domain)
        pde = try c.decode(NamedValues<ExpressionSource>.self, forKey: .pde)
        conditions = try c.decodeIfPresent([ConditionSpec].self, forKey: .conditions) ?? []
        hard = try c.decodeIfPresent(NamedValues<ExpressionSource>.self, forKey: .hard) ?? .init()
        network = try c.decodeIfPresent(NetworkSpec.self, forKey: .network) ?? .init()
        points = try c.decodeIfPresent(PointsSpec.self, forKey: .points) ?? .init()
        weights = try c.decodeIfPresent(NamedValues<Double>.self, forKey: .weights) ?? .init()
        autoWeights = try c.decodeIfPresent(AutoWeightsSpec.self, forKey: .autoWeights)
        training = try c.decode([TrainingStageSpec].self, forKey: .training)
        reference = try c.decodeIfPresent(ReferenceSpec.self, forKey: .reference)
        output = try c.decodeIfPresent(OutputSpec.self, forKey: .output) ?? .init()
        expect = try c.decodeIfPresent(ExpectSpec.self, forKey: .expect)
        control = try c.decodeIfPresent(ControlSpec.self, forKey: .control)
    }
}
