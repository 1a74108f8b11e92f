import Foundation

/// Checks a decoded ``ProblemSpec`` for meaning and builds the ``Problem``: names exist and do
/// not clash, counts are positive, intervals are non-empty, expressions parse and use only
/// the symbols their place allows. The first problem found is thrown as a ``ProblemError``
/// at its JSON path; checks run in file order (names, parameters, domain, pde, hard, network,
/// conditions, points, training, weights, reference, output, expect, control).
struct ProblemValidator {
    let file: String
    let spec: ProblemSpec

    /// Names the expression language reserves.
    static let reservedNames: Set<String> = Set(["pi"] + Expr.Function.allCases.map(\.rawValue))

    func validate() throws -> Problem {
        if let name = spec.name, name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw fail("name", "must not be empty")
        }
        try checkInputsAndOutputs()
        let timeInput = spec.inputs.contains("t") ? "t" : nil
        let parameters = try resolveParameters()
        let unknowns = try resolveUnknowns(parameters: parameters)
        try checkFunctions()
        let domain = try resolveDomain(parameters: parameters, timeInput: timeInput)
        let residuals = try resolveResiduals(parameters: parameters)
        let functions = try embeddedFunctions(residuals: residuals)
        try checkUnknownsAreUsed(residuals: residuals)
        let transforms = try resolveTransforms(parameters: parameters)
        let periodic = try checkNetwork(parameters: parameters, timeInput: timeInput)
        let conditions = try resolveConditions(context: ConditionContext(
            parameters: parameters, domain: domain, timeInput: timeInput, residualNames: residuals.map(\.name),
            transformOutputs: transforms.map(\.name), periodicInputs: periodic.names))
        try checkPoints()
        let networkParameters = spec.network.parameterCount(
            inputs: spec.inputs.count, outputs: spec.outputs.count, periodicInputs: periodic.entries.count)
        let (withExtras, overflow) = networkParameters.addingReportingOverflow(
            functions.reduce(unknowns.count) { $0 + $1.spec.parameterCount })
        try checkTraining(parameterCount: overflow ? Int.max : withExtras)
        let observed = try observedOutputs()
        let weights = try resolveWeights(residuals: residuals, conditions: conditions, observed: observed)
        try checkAutoWeights()
        let reference = try resolveReference(parameters: parameters, domain: domain)
        let grid = try resolveGrid()
        let data = try resolveData(observed: observed, domain: domain, reference: reference, grid: grid)
        try checkErrorCadence(reference: reference)
        try checkCheckpointCadence()
        try checkMeanFree()
        let expected = try checkExpect(reference: reference)
        let control = try resolveControl(parameters: parameters, domain: domain, residuals: residuals, transforms: transforms)
        let inverse = InverseProblem(
            unknowns: unknowns, functions: functions, data: data,
            expectedParameters: try resolveExpectedParameters(parameters: parameters, unknowns: unknowns),
            expectedFunctions: try resolveExpectedFunctions(parameters: parameters, functions: functions))
        let baseName = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let problem = Problem(
            file: file, spec: spec, name: spec.name ?? baseName, timeInput: timeInput, domain: domain,
            parameters: parameters, residuals: residuals, conditions: conditions, outputTransforms: transforms,
            periodicEmbedding: periodic,
            radCandidates: spec.points.rad.map { $0.candidates ?? Self.saturating(8, spec.points.interior) },
            weights: weights, reference: reference, grid: grid, expectedRelativeL2: expected.relativeL2,
            expectedMaxAbsolute: expected.maxAbsolute, control: control, inverse: inverse)
        try checkReferenceFits(problem)
        return problem
    }

    /// A reference that needs the whole problem (its inputs, conditions and network together)
    /// is checked on it, so `pinn-solve check` reports a problem the solver cannot take.
    func checkReferenceFits(_ problem: Problem) throws {
        guard case .spectral(let s)? = problem.reference, s.solver == .vorticity2D else { return }
        do { _ = try VorticityReference(problem: problem) } catch let e as VorticityReference.Unsupported {
            throw fail(e.path, e.message)
        }
    }

    // MARK: shared helpers

    func fail(_ path: String, _ message: String) -> ProblemError {
        ProblemError(file: file, path: path, message: message)
    }

    /// Parses `source` and resolves its symbols; errors carry `path` and a caret.
    func expression(_ source: ExpressionSource, at path: String, table: SymbolTable) throws -> Expr {
        do {
            return try ExpressionParser.parse(source.text, functions: table.functions).resolved(in: table, source: source.text)
        } catch let e as ExpressionError {
            throw ProblemError(file: file, path: path, expression: e)
        }
    }

    /// A symbol table over this spec's inputs and outputs.
    func table(_ parameters: NamedValues<Double>, _ allowed: SymbolTable.Allowed, _ context: String) -> SymbolTable {
        SymbolTable(inputs: spec.inputs, outputs: spec.outputs,
                    parameters: Dictionary(uniqueKeysWithValues: parameters.entries.map { ($0.name, $0.value) }),
                    allowed: allowed, context: context, unknowns: unknownNames, functions: functionArities)
    }

    /// A constant expression's finite value.
    func constant(_ source: ExpressionSource, at path: String, parameters: NamedValues<Double>) throws -> Double {
        let e = try expression(source, at: path, table: table(parameters, .constant, "constants"))
        let v = e.evaluate([:])
        guard v.isFinite else { throw fail(path, "'\(source.text)' evaluates to \(v); expected a finite number") }
        return v
    }

    func requirePositive(_ value: Int, _ path: String, what: String = "a positive count") throws {
        if value <= 0 { throw fail(path, "must be \(what), got \(value)") }
    }

    func requirePositive(_ value: Double, _ path: String) throws {
        if !(value > 0) || !value.isFinite { throw fail(path, "must be a positive number, got \(ExpressionSource.spell(value))") }
    }

    func requireNonNegative(_ value: Double, _ path: String) throws {
        if !(value >= 0) || !value.isFinite { throw fail(path, "must be zero or positive, got \(ExpressionSource.spell(value))") }
    }

    /// `name` is an identifier: a letter or `_`, then letters, digits and `_`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// `'x', 'y'` for messages.
    static func list(_ names: [String]) -> String { names.joined(separator: ", ") }

    /// a·b, or Int.max when the product overflows (the memory estimate then refuses it).
    static func saturating(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }

    // MARK: inputs, outputs, parameters, domain

    func checkInputsAndOutputs() throws {
        if spec.inputs.isEmpty { throw fail("inputs", "needs at least one input") }
        var seen = Set<String>()
        for (i, name) in spec.inputs.enumerated() {
            let path = JSONPath.appending("inputs", index: i)
            guard name.count == 1, let c = name.first, c.isASCII, c.isLetter else {
                throw fail(path, "input '\(name)' must be a single letter (derivative symbols spell one letter per input, as in u_xt)")
            }
            if !seen.insert(name).inserted { throw fail(path, "duplicate input '\(name)'") }
        }
        let spatial = spec.inputs.filter { $0 != "t" }
        if spatial.count > 3 {
            throw fail("inputs", "at most 3 spatial inputs and t are supported, got \(Self.list(spec.inputs))")
        }
        if spec.outputs.isEmpty { throw fail("outputs", "needs at least one output") }
        seen = []
        for (i, name) in spec.outputs.enumerated() {
            let path = JSONPath.appending("outputs", index: i)
            guard Self.isIdentifier(name), !name.contains("_") else {
                throw fail(path, "output '\(name)' must be a name of letters and digits without '_' (so that u_xt reads as a derivative)")
            }
            if spec.inputs.contains(name) { throw fail(path, "'\(name)' is already an input") }
            if Self.reservedNames.contains(name) || name == "N" {
                throw fail(path, "'\(name)' is reserved by the expression language")
            }
            if !seen.insert(name).inserted { throw fail(path, "duplicate output '\(name)'") }
        }
    }

    /// Evaluates the known parameters in dependency order (a parameter may use `pi` and other
    /// known parameters); unknown ones are resolved by `resolveUnknowns`.
    func resolveParameters() throws -> NamedValues<Double> {
        var names: [String] = []
        var parsed: [String: Expr] = [:]
        for entry in spec.parameters.entries {
            let path = JSONPath.appending("parameters", key: entry.name)
            try checkParameterName(entry.name, path: path)
            guard let source = entry.value.known else { continue }
            names.append(entry.name)
            do {
                parsed[entry.name] = try ExpressionParser.parse(source.text)
            } catch let e as ExpressionError {
                throw ProblemError(file: file, path: path, expression: e)
            }
        }
        var values: [String: Double] = [:]
        var remaining = names
        while !remaining.isEmpty {
            let ready = remaining.filter { name in
                parsed[name]!.symbols().allSatisfy { values[$0] != nil || !names.contains($0) }
            }
            guard let next = ready.first else {
                let cycle = remaining.filter { n in parsed[n]!.symbols().contains { remaining.contains($0) } }
                throw fail(JSONPath.appending("parameters", key: cycle.first ?? remaining[0]),
                           "parameters \(Self.list(cycle)) depend on each other in a cycle")
            }
            let path = JSONPath.appending("parameters", key: next)
            let source = spec.parameters[next]!.known!
            let table = SymbolTable(inputs: spec.inputs, outputs: spec.outputs, parameters: values,
                                    allowed: .constant, context: "parameters", unknowns: unknownNames)
            let e: Expr
            do {
                e = try parsed[next]!.resolved(in: table, source: source.text)
            } catch let error as ExpressionError {
                throw ProblemError(file: file, path: path, expression: error)
            }
            let v = e.evaluate([:])
            guard v.isFinite else { throw fail(path, "'\(source.text)' evaluates to \(v); expected a finite number") }
            values[next] = v
            remaining.removeAll { $0 == next }
        }
        return NamedValues(names.map { .init(name: $0, value: values[$0]!) })
    }

    private func checkParameterName(_ name: String, path: String) throws {
        guard Self.isIdentifier(name) else { throw fail(path, "'\(name)' is not a name (letters, digits and '_', starting with a letter)") }
        if spec.inputs.contains(name) { throw fail(path, "'\(name)' is already an input") }
        if spec.outputs.contains(name) { throw fail(path, "'\(name)' is already an output") }
        if Self.reservedNames.contains(name) { throw fail(path, "'\(name)' is reserved by the expression language") }
        if name.hasPrefix("N_"), spec.outputs.contains(String(name.dropFirst(2))) {
            throw fail(path, "'\(name)' is the name of a raw network output")
        }
        if let (output, _) = DerivativeSymbol.split(name), spec.outputs.contains(output) {
            throw fail(path, "'\(name)' reads as a derivative of output '\(output)'; choose another name")
        }
    }

    func resolveDomain(parameters: NamedValues<Double>, timeInput: String?) throws -> [InputInterval] {
        for entry in spec.domain.entries where !spec.inputs.contains(entry.name) {
            throw fail(JSONPath.appending("domain", key: entry.name),
                       "'\(entry.name)' is not an input (inputs: \(Self.list(spec.inputs)))\(Suggestion.didYouMean(entry.name, among: spec.inputs))")
        }
        return try spec.inputs.map { input in
            let path = JSONPath.appending("domain", key: input)
            guard let bounds = spec.domain[input] else {
                throw fail(path, "required key is missing (the interval [lower, upper] of input '\(input)')")
            }
            guard bounds.count == 2 else {
                throw fail(path, "expected [lower, upper], found \(bounds.count) value\(bounds.count == 1 ? "" : "s")")
            }
            let lower = try constant(bounds[0], at: JSONPath.appending(path, index: 0), parameters: parameters)
            let upper = try constant(bounds[1], at: JSONPath.appending(path, index: 1), parameters: parameters)
            guard lower < upper else {
                throw fail(path, "empty interval [\(ExpressionSource.spell(lower)), \(ExpressionSource.spell(upper))] (the lower bound must be below the upper bound)")
            }
            return InputInterval(input: input, lower: lower, upper: upper, isTime: input == timeInput)
        }
    }

    // MARK: residuals and transforms

    func resolveResiduals(parameters: NamedValues<Double>) throws -> [NamedExpression] {
        if spec.pde.isEmpty { throw fail("pde", "needs at least one residual, e.g. \"pde\": {\"heat\": \"u_t - u_xx\"}") }
        let t = table(parameters, .residual, "PDE residuals")
        return try spec.pde.entries.map { entry in
            let path = JSONPath.appending("pde", key: entry.name)
            guard Self.isIdentifier(entry.name) else {
                throw fail(path, "'\(entry.name)' is not a loss-term name (letters, digits and '_', starting with a letter)")
            }
            let e = try expression(entry.value, at: path, table: t)
            return NamedExpression(name: entry.name, source: entry.value.text, expression: e,
                                   derivatives: e.derivativeSymbols(outputs: spec.outputs, inputs: spec.inputs))
        }
    }

    func resolveTransforms(parameters: NamedValues<Double>) throws -> [NamedExpression] {
        let t = table(parameters, .transform, "hard transforms")
        let transforms = try spec.hard.entries.map { entry -> NamedExpression in
            let path = JSONPath.appending("hard", key: entry.name)
            guard spec.outputs.contains(entry.name) else {
                throw fail(path, "'\(entry.name)' is not an output (outputs: \(Self.list(spec.outputs)))")
            }
            return NamedExpression(name: entry.name, source: entry.value.text,
                                   expression: try expression(entry.value, at: path, table: t))
        }
        // In file order is fine for display; keep output order for consumers.
        return spec.outputs.compactMap { o in transforms.first { $0.name == o } }
    }
}
