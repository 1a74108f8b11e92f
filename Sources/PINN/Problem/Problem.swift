import Foundation

/// A validated problem: the spec with defaults resolved, parameters evaluated, every
/// expression parsed and its symbols resolved. Built by ``ProblemLoader``.
///
/// Everything is keyed by name, in the order of the file: loss terms by residual or condition
/// name, sides by ``SideName``, derivatives by ``DerivativeSymbol``.
public struct Problem: Sendable {
    /// The file the problem came from, as given to the loader (used in messages).
    public let file: String
    /// The decoded file, as written (with decoding defaults).
    public let spec: ProblemSpec
    /// Display name: `spec.name` or the file's base name.
    public let name: String
    public let inputs: [String]
    public let outputs: [String]
    /// The time input (`t`) if there is one.
    public let timeInput: String?
    /// Inputs other than time, in order: they own the sides left/right, bottom/top, front/back.
    public let spatialInputs: [String]
    /// One interval per input, in input order.
    public let domain: [InputInterval]
    /// Parameter values, in file order.
    public let parameters: NamedValues<Double>
    /// PDE residuals, in file order; each is a loss term.
    public let residuals: [NamedExpression]
    /// Conditions, in file order.
    public let conditions: [Condition]
    /// Hard-constraint output transforms by output (outputs without one are `N_<output>`).
    public let outputTransforms: [NamedExpression]
    /// The network, as in the file (see ``periodicEmbedding`` for evaluated periods).
    public let network: NetworkSpec
    /// Periods of the periodic input embedding, by input.
    public let periodicEmbedding: NamedValues<Double>
    public let points: PointsSpec
    /// RAD candidate pool size (`points.rad.candidates` or 8 × interior); nil without RAD.
    public let radCandidates: Int?
    public let training: [TrainingStageSpec]
    /// Loss terms in order: residuals, then soft conditions.
    public let lossTerms: [String]
    /// A weight for every loss term, in ``lossTerms`` order (1 unless the file says otherwise).
    public let weights: NamedValues<Double>
    public let autoWeights: AutoWeightsSpec?
    public let reference: Reference?
    /// Output grid points for every input, in input order.
    public let grid: NamedValues<Int>
    /// Required relative L2 error by output (empty without an `expect` block).
    public let expectedRelativeL2: NamedValues<Double>
    /// Required largest absolute deviation at the reference points by output (`expect.max_abs`).
    public let expectedMaxAbsolute: NamedValues<Double>
    /// The validated `control` section (nil for a problem without one).
    public let control: ControlSettings?
    /// Unknown parameters, network functions and observations (``InverseProblem/none`` for a
    /// forward problem).
    public let inverse: InverseProblem

    init(file: String, spec: ProblemSpec, name: String, timeInput: String?, domain: [InputInterval],
         parameters: NamedValues<Double>, residuals: [NamedExpression], conditions: [Condition],
         outputTransforms: [NamedExpression], periodicEmbedding: NamedValues<Double>, radCandidates: Int?,
         weights: NamedValues<Double>, reference: Reference?, grid: NamedValues<Int>,
         expectedRelativeL2: NamedValues<Double>, expectedMaxAbsolute: NamedValues<Double> = .init(),
         control: ControlSettings? = nil, inverse: InverseProblem = .none) {
        self.file = file
        self.spec = spec
        self.name = name
        self.inputs = spec.inputs
        self.outputs = spec.outputs
        self.timeInput = timeInput
        self.spatialInputs = spec.inputs.filter { $0 != timeInput }
        self.domain = domain
        self.parameters = parameters
        self.residuals = residuals
        self.conditions = conditions
        self.outputTransforms = outputTransforms
        self.network = spec.network
        self.periodicEmbedding = periodicEmbedding
        self.points = spec.points
        self.radCandidates = radCandidates
        self.training = spec.training
        self.lossTerms = weights.names
        self.weights = weights
        self.autoWeights = spec.autoWeights
        self.reference = reference
        self.grid = grid
        self.expectedRelativeL2 = expectedRelativeL2
        self.expectedMaxAbsolute = expectedMaxAbsolute
        self.control = control
        self.inverse = inverse
    }

    /// The interval of `input`; a precondition failure for a name that is not an input.
    public func interval(of input: String) -> InputInterval {
        guard let i = domain.first(where: { $0.input == input }) else {
            preconditionFailure("Problem.interval(of: \(input)): not an input (inputs: \(inputs.joined(separator: ", ")))")
        }
        return i
    }

    /// The sides this problem has (left, right for 1-D; + bottom, top for 2-D; ...; initial
    /// with time).
    public var sides: [SideName] {
        SideName.available(spatialDimension: spatialInputs.count, hasTime: timeInput != nil)
    }

    /// `side` on this domain, or nil if the problem does not have it.
    public func face(_ side: SideName) -> Face? {
        if let axis = side.spatialAxis {
            guard axis.index < spatialInputs.count else { return nil }
            let interval = interval(of: spatialInputs[axis.index])
            return Face(side: side, input: interval.input, isUpper: axis.isUpper,
                        coordinate: axis.isUpper ? interval.upper : interval.lower)
        }
        guard let t = timeInput else { return nil }
        return Face(side: .initial, input: t, isUpper: false, coordinate: interval(of: t).lower)
    }

    /// The hard transform of `output`, if it has one.
    public func outputTransform(of output: String) -> NamedExpression? {
        outputTransforms.first { $0.name == output }
    }

    /// Every derivative of the outputs some loss term needs, each once (ordered by order, then
    /// output, then input order): the set the autodiff layer computes.
    public var requiredDerivatives: [DerivativeSymbol] {
        let all = residuals.flatMap(\.derivatives) + conditions.filter(\.isLossTerm).flatMap(\.derivatives)
        return DerivativeSymbol.sorted(Set(all), outputs: outputs, inputs: inputs)
    }

    /// The symbol table for expressions of this problem that may use `allowed`.
    public func symbolTable(allowed: SymbolTable.Allowed, context: String) -> SymbolTable {
        SymbolTable(inputs: inputs, outputs: outputs,
                    parameters: Dictionary(uniqueKeysWithValues: parameters.entries.map { ($0.name, $0.value) }),
                    allowed: allowed, context: context, unknowns: Set(inverse.unknowns.map(\.name)),
                    functions: Dictionary(uniqueKeysWithValues: inverse.functions.map { ($0.name, $0.spec.inputs) }))
    }
}
