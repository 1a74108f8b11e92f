import Foundation

/// Where the trained fields are written: a tensor grid over the domain, and how often the
/// error against the reference on that grid is recorded during training.
///
/// `{"grid": {"x": 256, "t": 101}, "error_every": {"seconds": 2}, "mean_free": ["p"]}`: points
/// per input, endpoints included; inputs not listed get 101.
public struct OutputSpec: Codable, Equatable, Sendable {
    /// Points per input (at least 2 each).
    public var grid: NamedValues<Int>
    /// Key `error_every`: the cadence of `/training/error_history`; nil when the file does
    /// not give one (then `ErrorCadenceSpec.standard` applies). Needs a reference.
    public var errorEvery: ErrorCadenceSpec?
    /// Key `checkpoint_every`: how often training writes NAME.checkpoint.h5 (besides every
    /// stage end and a stop on a signal), same shape as `error_every`; nil when the file does
    /// not give one (then `checkpointStandard` applies). `--checkpoint-every` overrides it.
    public var checkpointEvery: ErrorCadenceSpec?

    /// Key `mean_free`: outputs the equations fix only up to an additive constant (a function
    /// of time when there is time), such as the pressure of incompressible flow on a periodic
    /// box, which enters only through its gradient. Before such an output is written or
    /// compared with its reference, its mean over the spatial grid points at each output time
    /// is removed, from the trained field and from the reference alike, so the error measures
    /// the field and not the arbitrary constant. Default: none.
    public var meanFree: [String]

    /// Points for inputs the file does not list.
    public static let defaultPoints = 101

    public init(grid: NamedValues<Int> = .init(), errorEvery: ErrorCadenceSpec? = nil, checkpointEvery: ErrorCadenceSpec? = nil,
                meanFree: [String] = []) {
        self.grid = grid
        self.errorEvery = errorEvery
        self.checkpointEvery = checkpointEvery
        self.meanFree = meanFree
    }

    /// The cadence in force: the file's, or `ErrorCadenceSpec.standard`.
    public var errorCadence: ErrorCadenceSpec { errorEvery ?? .standard }

    /// Checkpoints every 60 s of training by default: a dense-BFGS checkpoint of Burgers
    /// (P = 921) is 7 MB and takes tens of milliseconds, well under 1 % of a minute.
    public static let checkpointStandard = ErrorCadenceSpec(seconds: 60, iterations: 0)

    /// The checkpoint cadence in force: the file's, or `checkpointStandard`.
    public var checkpointCadence: ErrorCadenceSpec { checkpointEvery ?? Self.checkpointStandard }

    enum CodingKeys: String, CodingKey, CaseIterable { case grid, errorEvery = "error_every", checkpointEvery = "checkpoint_every", meanFree = "mean_free"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        grid = try c.decodeIfPresent(NamedValues<Int>.self, forKey: .grid) ?? .init()
        errorEvery = try c.decodeIfPresent(ErrorCadenceSpec.self, forKey: .errorEvery)
        checkpointEvery = try c.decodeIfPresent(ErrorCadenceSpec.self, forKey: .checkpointEvery)
        meanFree = try c.decodeIfPresent([String].self, forKey: .meanFree) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(grid, forKey: .grid)
        try c.encodeIfPresent(errorEvery, forKey: .errorEvery)
        try c.encodeIfPresent(checkpointEvery, forKey: .checkpointEvery)
        if !meanFree.isEmpty { try c.encode(meanFree, forKey: .meanFree) }
    }
}

/// How often the relative L2 error against the reference is recorded during training
/// (`/training/error_history`): a row each time `seconds` of training time (the time spent
/// on the recording itself excluded) have passed since the previous row, and each time the
/// global iteration is a multiple of `iterations`; 0 turns either rule off. A row is always
/// recorded before the first iteration, at the end of every stage and at the end of training.
///
/// `{"seconds": 2}`, `{"iterations": 500}`, `{"seconds": 1, "iterations": 100}`. A key the
/// object leaves out is 0 (off); without `error_every` the cadence is `standard`.
public struct ErrorCadenceSpec: Codable, Equatable, Sendable {
    /// Training seconds between rows (0: no time rule).
    public var seconds: Double
    /// Iterations between rows, counted over all stages (0: no iteration rule).
    public var iterations: Int

    /// Every 2 s of training time (plus the start and the end of every stage).
    public static let standard = ErrorCadenceSpec(seconds: 2, iterations: 0)

    public init(seconds: Double = 0, iterations: Int = 0) {
        self.seconds = seconds
        self.iterations = iterations
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case seconds, iterations }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds) ?? 0
        iterations = try c.decodeIfPresent(Int.self, forKey: .iterations) ?? 0
    }
}

/// The accuracy a problem must reach; tests and `pinn-solve` compare against it.
///
/// `{"rel_l2": {"u": 5e-4}}`: relative L2 error ‖u − u_ref‖₂ / ‖u_ref‖₂ on the output grid,
/// by output (needs a reference field). `{"max_abs": {"u": 0.02, "v": 0.02}}`: the largest
/// |u − u_ref| over the points of a point reference (Ghia's centrelines), by output. Inverse
/// problems add `parameters` (learned unknowns against their true values) and `functions`
/// (learned networks inside the equations against closed forms); see ``ParameterExpectation``
/// and ``FunctionExpectation``. At least one of the four (the validator says so).
public struct ExpectSpec: Codable, Equatable, Sendable {
    /// Key `rel_l2`; default none.
    public var relativeL2: NamedValues<Double>
    /// Key `max_abs`; default none.
    public var maxAbsolute: NamedValues<Double>
    /// Published results to print beside ours, e.g.
    /// `[{"source": "Raissi et al. 2019, JCP 378", "rel_l2": {"u": 6.7e-4}}]`. Default none.
    public var published: [PublishedResult]
    /// True values of unknown parameters and the relative error allowed. Default none.
    public var parameters: NamedValues<ParameterExpectation>
    /// Closed forms of the functions and the largest deviation allowed. Default none.
    public var functions: NamedValues<FunctionExpectation>

    public init(relativeL2: NamedValues<Double> = .init(), maxAbsolute: NamedValues<Double> = .init(),
                published: [PublishedResult] = [],
                parameters: NamedValues<ParameterExpectation> = .init(), functions: NamedValues<FunctionExpectation> = .init()) {
        self.relativeL2 = relativeL2
        self.maxAbsolute = maxAbsolute
        self.published = published
        self.parameters = parameters
        self.functions = functions
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case relativeL2 = "rel_l2", maxAbsolute = "max_abs", published, parameters, functions
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        relativeL2 = try c.decodeIfPresent(NamedValues<Double>.self, forKey: .relativeL2) ?? .init()
        maxAbsolute = try c.decodeIfPresent(NamedValues<Double>.self, forKey: .maxAbsolute) ?? .init()
        parameters = try c.decodeIfPresent(NamedValues<ParameterExpectation>.self, forKey: .parameters) ?? .init()
        functions = try c.decodeIfPresent(NamedValues<FunctionExpectation>.self, forKey: .functions) ?? .init()
        published = try c.decodeIfPresent([PublishedResult].self, forKey: .published) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !relativeL2.isEmpty { try c.encode(relativeL2, forKey: .relativeL2) }
        if !maxAbsolute.isEmpty { try c.encode(maxAbsolute, forKey: .maxAbsolute) }
        if !published.isEmpty { try c.encode(published, forKey: .published) }
        if !parameters.isEmpty { try c.encode(parameters, forKey: .parameters) }
        if !functions.isEmpty { try c.encode(functions, forKey: .functions) }
    }
}

/// A published error for the same problem, shown next to the run's own (not checked):
/// relative L2 errors (`rel_l2`), largest deviations at reference points (`max_abs`), or both.
public struct PublishedResult: Codable, Equatable, Sendable {
    public var source: String
    /// Key `rel_l2`: relative L2 error by output; default none.
    public var relativeL2: NamedValues<Double>
    /// Key `max_abs`: largest absolute deviation at the reference points by output; default none.
    public var maxAbsolute: NamedValues<Double>
    /// Key `parameter_errors`: relative errors of identified parameters by name (inverse
    /// problems), e.g. `{"l1": 9.6e-4, "l2": 4.69e-3}`. Default none.
    public var parameterErrors: NamedValues<Double>

    public init(source: String, relativeL2: NamedValues<Double> = .init(), maxAbsolute: NamedValues<Double> = .init(),
                parameterErrors: NamedValues<Double> = .init()) {
        self.source = source
        self.relativeL2 = relativeL2
        self.maxAbsolute = maxAbsolute
        self.parameterErrors = parameterErrors
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case source, relativeL2 = "rel_l2", maxAbsolute = "max_abs", parameterErrors = "parameter_errors"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        relativeL2 = try c.decodeIfPresent(NamedValues<Double>.self, forKey: .relativeL2) ?? .init()
        maxAbsolute = try c.decodeIfPresent(NamedValues<Double>.self, forKey: .maxAbsolute) ?? .init()
        parameterErrors = try c.decodeIfPresent(NamedValues<Double>.self, forKey: .parameterErrors) ?? .init()
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        if !relativeL2.isEmpty { try c.encode(relativeL2, forKey: .relativeL2) }
        if !maxAbsolute.isEmpty { try c.encode(maxAbsolute, forKey: .maxAbsolute) }
        if !parameterErrors.isEmpty { try c.encode(parameterErrors, forKey: .parameterErrors) }
    }
}

/// The true value of an unknown parameter: `{"value": "0.01/pi", "rel_error": 5e-4}`; the run
/// passes when |learned − value| ≤ rel_error · |value|.
public struct ParameterExpectation: Codable, Equatable, Sendable {
    /// A number or a constant expression (over `pi` and known parameters).
    public var value: ExpressionSource
    /// Key `rel_error`: the relative error allowed (> 0).
    public var relativeError: Double

    public init(value: ExpressionSource, relativeError: Double) {
        self.value = value
        self.relativeError = relativeError
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case value, relativeError = "rel_error" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        value = try c.decode(ExpressionSource.self, forKey: .value)
        relativeError = try c.decode(Double.self, forKey: .relativeError)
    }
}

/// The closed form a learned function should match:
/// `{"value": "u*(1 - u)", "max_error": 1e-2, "over": {"u": [0.05, 0.95]}}`.
///
/// The expression is over the function's argument names (see `functions` in SCHEMA.md: the
/// name of the symbol each call passes, `u` for `R(u)`); the run passes when
/// max |learned − value| ≤ max_error over a grid of `over` (default: the range the arguments
/// take at the data points).
public struct FunctionExpectation: Codable, Equatable, Sendable {
    public var value: ExpressionSource
    /// Key `max_error` (> 0).
    public var maxError: Double
    /// [lower, upper] per argument name. Default: the arguments' range over the data.
    public var over: NamedValues<[ExpressionSource]>

    public init(value: ExpressionSource, maxError: Double, over: NamedValues<[ExpressionSource]> = .init()) {
        self.value = value
        self.maxError = maxError
        self.over = over
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case value, maxError = "max_error", over }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        value = try c.decode(ExpressionSource.self, forKey: .value)
        maxError = try c.decode(Double.self, forKey: .maxError)
        over = try c.decodeIfPresent(NamedValues<[ExpressionSource]>.self, forKey: .over) ?? .init()
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(maxError, forKey: .maxError)
        if !over.isEmpty { try c.encode(over, forKey: .over) }
    }
}
