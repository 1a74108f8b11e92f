import Foundation

/// What makes a problem inverse or hybrid, validated: the parameters and networks the
/// training learns besides the solution network, the observations it must match, and the
/// checks on what it learned. Empty (``none``) for a forward problem.
public struct InverseProblem: Equatable, Sendable {
    /// Unknown parameters, in file order.
    public var unknowns: [UnknownParameter]
    /// Networks inside the equations, in file order.
    public var functions: [EmbeddedFunction]
    /// The observations (nil without `data`).
    public var data: DataSource?
    /// True values of unknown parameters, in file order.
    public var expectedParameters: [ExpectedParameter]
    /// Closed forms of functions, in file order.
    public var expectedFunctions: [ExpectedFunction]

    public static let none = InverseProblem(unknowns: [], functions: [], data: nil, expectedParameters: [], expectedFunctions: [])

    /// The loss-term name of the observations of `output`.
    public static func dataTerm(_ output: String) -> String { "data_" + output }

    /// Observed outputs, in the order their loss terms come.
    public var observedOutputs: [String] {
        switch data {
        case nil: return []
        case .observations(let o)?: return o.outputs
        case .fromReference(_, let outputs)?: return outputs
        }
    }

    /// What `pinn-solve check` says about the unknowns, functions and observations.
    public var summaryLines: [String] {
        var lines: [String] = []
        if !unknowns.isEmpty {
            let list = unknowns.map { "\($0.name) (initial \(ExpressionSource.spell($0.initial))\($0.positive ? ", positive" : ""))" }
            lines.append("unknown parameters: " + list.joined(separator: ", "))
        }
        for f in functions {
            let widths = ([f.spec.inputs] + f.spec.hidden + [1]).map(String.init).joined(separator: "→")
            lines.append("function \(f.name)(\(f.argumentNames.joined(separator: ", "))): \(widths) \(f.spec.activation.rawValue), \(f.spec.parameterCount) parameters")
        }
        switch data {
        case nil: break
        case .observations(let o)?: lines.append("data: \(o.count) observations of \(o.outputs.joined(separator: ", ")) from \(o.source)")
        case .fromReference(let r, let outputs)?:
            lines.append("data: \(r.points) points of \(outputs.joined(separator: ", ")) drawn from the reference"
                         + (r.noise > 0 ? ", noise \(ExpressionSource.spell(r.noise)) × std" : ""))
        }
        return lines
    }

    /// Entries the training appends to θ after the solution network: every function's
    /// weights, then the unknowns.
    public var extraParameterCount: Int {
        functions.reduce(0) { $0 + $1.spec.parameterCount } + unknowns.count
    }
}

/// A parameter the training learns.
public struct UnknownParameter: Equatable, Sendable {
    public var name: String
    public var initial: Double
    /// Trained as log λ (λ = e^θ).
    public var positive: Bool

    public init(name: String, initial: Double, positive: Bool) {
        self.name = name
        self.initial = initial
        self.positive = positive
    }
}

/// A network inside the equations.
public struct EmbeddedFunction: Equatable, Sendable {
    public var name: String
    public var spec: FunctionSpec
    /// What its arguments are called in `expect.functions` and in /functions/NAME: the name
    /// of the symbol every call passes in that position (`u` for `R(u)`), else `arg1`, `arg2`, ….
    public var argumentNames: [String]
}

/// Where observations come from.
public enum DataSource: Equatable, Sendable {
    /// Read from a file when the problem was loaded.
    case observations(Observations)
    /// Drawn from the reference on the output grid when training starts.
    case fromReference(FromReferenceSpec, outputs: [String])
}

/// Measured values of some outputs at some points.
public struct Observations: Equatable, Sendable {
    /// Where they came from, for messages (a file path, or "the reference").
    public var source: String
    /// Row-major [count × inputs], columns in the problem's input order.
    public var points: [Double]
    public var outputs: [String]
    /// One array of `count` values per output, in `outputs` order.
    public var values: [[Double]]

    public init(source: String, points: [Double], outputs: [String], values: [[Double]]) {
        precondition(values.count == outputs.count, "Observations: \(values.count) value arrays for outputs \(outputs)")
        self.source = source
        self.points = points
        self.outputs = outputs
        self.values = values
    }

    public var count: Int { values.first?.count ?? 0 }
}

/// `expect.parameters.NAME`, resolved.
public struct ExpectedParameter: Equatable, Sendable {
    public var name: String
    public var value: Double
    public var relativeError: Double

    public init(name: String, value: Double, relativeError: Double) {
        self.name = name
        self.value = value
        self.relativeError = relativeError
    }
}

/// `expect.functions.NAME`, resolved: `value` is over the function's argument names.
public struct ExpectedFunction: Equatable, Sendable {
    public var name: String
    public var source: String
    public var value: Expr
    public var maxError: Double
    /// [lower, upper] per argument, in argument order; nil: that argument's range over the data.
    public var over: [ClosedRange<Double>?]
}
