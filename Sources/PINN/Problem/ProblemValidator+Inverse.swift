import Foundation

/// Checks of what inverse and hybrid problems add: unknown parameters, network functions,
/// observations (`data`) and the `expect` entries on what was learned.
extension ProblemValidator {
    /// Parameters declared `{"unknown": true, ...}`.
    var unknownNames: Set<String> {
        Set(spec.parameters.entries.filter { $0.value.known == nil }.map(\.name))
    }

    /// Network functions by name, with their number of arguments.
    var functionArities: [String: Int] {
        Dictionary(spec.functions.entries.map { ($0.name, $0.value.inputs) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: unknown parameters

    func resolveUnknowns(parameters: NamedValues<Double>) throws -> [UnknownParameter] {
        try spec.parameters.entries.compactMap { entry -> UnknownParameter? in
            guard case .unknown(let u) = entry.value else { return nil }
            let path = JSONPath.appending("parameters", key: entry.name)
            let initial = try constant(u.initial, at: path + ".initial", parameters: parameters)
            if u.positive, !(initial > 0) {
                throw fail(path + ".initial", "must be positive for a positive parameter (it is trained as its logarithm), got \(ExpressionSource.spell(initial))")
            }
            return UnknownParameter(name: entry.name, initial: initial, positive: u.positive)
        }
    }

    /// An unknown that no residual uses would get no gradient: most likely a typo.
    func checkUnknownsAreUsed(residuals: [NamedExpression]) throws {
        let used = residuals.reduce(into: Set<String>()) { $0.formUnion($1.expression.symbols()) }
        for entry in spec.parameters.entries where entry.value.known == nil && !used.contains(entry.name) {
            throw fail(JSONPath.appending("parameters", key: entry.name),
                       "unknown parameter '\(entry.name)' is not used by any PDE residual, so nothing can determine it")
        }
    }

    // MARK: network functions

    func checkFunctions() throws {
        for entry in spec.functions.entries {
            let path = JSONPath.appending("functions", key: entry.name)
            let name = entry.name
            guard Self.isIdentifier(name) else { throw fail(path, "'\(name)' is not a name (letters, digits and '_', starting with a letter)") }
            if spec.inputs.contains(name) { throw fail(path, "'\(name)' is already an input") }
            if spec.outputs.contains(name) { throw fail(path, "'\(name)' is already an output") }
            if spec.parameters[name] != nil { throw fail(path, "'\(name)' is already a parameter") }
            if Self.reservedNames.contains(name) || name == "N" || name.hasPrefix("N_") {
                throw fail(path, "'\(name)' is reserved by the expression language")
            }
            let f = entry.value
            guard (1...FunctionSpec.maximumInputs).contains(f.inputs) else {
                throw fail(path + ".inputs", "must be 1 to \(FunctionSpec.maximumInputs) arguments, got \(f.inputs)")
            }
            if f.hidden.isEmpty { throw fail(path + ".hidden", "needs at least one hidden layer, e.g. [16, 16]") }
            for (i, width) in f.hidden.enumerated() {
                try requirePositive(width, JSONPath.appending(path + ".hidden", index: i), what: "a positive width")
            }
        }
    }

    /// The functions with their argument names, taken from the calls in the residuals.
    func embeddedFunctions(residuals: [NamedExpression]) throws -> [EmbeddedFunction] {
        try spec.functions.entries.map { entry in
            var calls: [[Expr]] = []
            for r in residuals {
                r.expression.forEachNode { node in
                    if case .networkCall(let name, let arguments) = node.kind, name == entry.name { calls.append(arguments) }
                }
            }
            if calls.isEmpty {
                throw fail(JSONPath.appending("functions", key: entry.name),
                           "network function '\(entry.name)' is not called by any PDE residual (write e.g. \(entry.name)(u) in \"pde\")")
            }
            var names: [String] = []
            for i in 0..<entry.value.inputs {
                let spelled = Set(calls.map { call -> String? in
                    if case .symbol(let s) = call[i].kind { return s.name }
                    return nil
                })
                let fallback = "arg\(i + 1)"
                if spelled.count == 1, let only = spelled.first, let name = only, !names.contains(name) {
                    names.append(name)
                } else {
                    names.append(fallback)
                }
            }
            return EmbeddedFunction(name: entry.name, spec: entry.value, argumentNames: names)
        }
    }

    // MARK: observations

    /// Outputs whose observations become loss terms, in order (empty without `data`).
    func observedOutputs() throws -> [String] {
        guard let d = spec.data else { return [] }
        guard let list = d.outputs else {
            guard d.fromReference != nil, case .analytic(let fields)? = spec.reference else { return spec.outputs }
            return spec.outputs.filter { fields[$0] != nil }
        }
        if list.isEmpty { throw fail("data.outputs", "needs at least one output (or leave it out: every output)") }
        for (i, name) in list.enumerated() {
            let path = JSONPath.appending("data.outputs", index: i)
            guard spec.outputs.contains(name) else {
                throw fail(path, "'\(name)' is not an output (outputs: \(Self.list(spec.outputs)))\(Suggestion.didYouMean(name, among: spec.outputs))")
            }
            if list[..<i].contains(name) { throw fail(path, "output '\(name)' is listed twice") }
        }
        return list
    }

    func resolveData(observed: [String], domain: [InputInterval], reference: Reference?, grid: NamedValues<Int>) throws -> DataSource? {
        guard let d = spec.data else { return nil }
        switch (d.file, d.fromReference) {
        case (nil, nil):
            throw fail("data", "needs \"file\" (observations in CSV or HDF5) or \"from_reference\" (drawn from the reference)")
        case (_?, _?):
            throw fail("data", "give either \"file\" or \"from_reference\", not both")
        case (nil, let r?):
            if let first = d.names.entries.first {
                throw fail(JSONPath.appending("data.names", key: first.name), "names are for data files; from_reference draws the points itself")
            }
            guard let reference else { throw fail("data.from_reference", "drawing observations needs a \"reference\"") }
            if case .analytic(let fields) = reference, let missing = observed.first(where: { o in !fields.contains { $0.name == o } }) {
                throw fail("data.outputs", "the analytic reference has no field '\(missing)' to draw observations of")
            }
            let gridPoints = grid.entries.reduce(1) { $0 * $1.value }
            try requirePositive(r.points, "data.from_reference.points")
            if r.points > gridPoints {
                throw fail("data.from_reference.points", "at most the \(gridPoints) points of the output grid, got \(r.points)")
            }
            try requireNonNegative(r.noise, "data.from_reference.noise")
            return .fromReference(r, outputs: observed)
        case (let file?, nil):
            for entry in d.names.entries where entry.name != "points" && !spec.inputs.contains(entry.name) && !observed.contains(entry.name) {
                let known = ["points"] + spec.inputs + observed
                throw fail(JSONPath.appending("data.names", key: entry.name),
                           "'\(entry.name)' is not an input, an observed output or 'points' (expected one of \(Self.list(known)))")
            }
            if file.isEmpty { throw fail("data.file", "must name a file") }
            let url = dataURL(file)
            do {
                return .observations(try ObservationReader.read(url, shown: url.relativePath,
                                                                request: .init(inputs: domain, outputs: observed, names: d.names)))
            } catch let e as ObservationReader.Failure {
                throw fail(e.path, e.message)
            }
        }
    }

    /// A data file's location: relative paths are relative to the problem file's directory.
    func dataURL(_ path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        let directory = (file as NSString).deletingLastPathComponent
        return URL(fileURLWithPath: directory.isEmpty ? path : (directory as NSString).appendingPathComponent(path))
    }

    // MARK: expectations

    func resolveExpectedParameters(parameters: NamedValues<Double>, unknowns: [UnknownParameter]) throws -> [ExpectedParameter] {
        guard let e = spec.expect else { return [] }
        return try e.parameters.entries.map { entry in
            let path = JSONPath.appending("expect.parameters", key: entry.name)
            guard unknowns.contains(where: { $0.name == entry.name }) else {
                let names = unknowns.map(\.name)
                throw fail(path, names.isEmpty ? "'\(entry.name)' is not an unknown parameter (the file declares none)"
                    : "'\(entry.name)' is not an unknown parameter (unknown parameters: \(Self.list(names)))\(Suggestion.didYouMean(entry.name, among: names))")
            }
            let value = try constant(entry.value.value, at: path + ".value", parameters: parameters)
            try requirePositive(entry.value.relativeError, path + ".rel_error")
            if value == 0 { throw fail(path + ".value", "a relative error needs a non-zero true value") }
            return ExpectedParameter(name: entry.name, value: value, relativeError: entry.value.relativeError)
        }
    }

    func resolveExpectedFunctions(parameters: NamedValues<Double>, functions: [EmbeddedFunction]) throws -> [ExpectedFunction] {
        guard let e = spec.expect else { return [] }
        return try e.functions.entries.map { entry in
            let path = JSONPath.appending("expect.functions", key: entry.name)
            guard let f = functions.first(where: { $0.name == entry.name }) else {
                let names = functions.map(\.name)
                throw fail(path, "'\(entry.name)' is not a network function (functions: \(names.isEmpty ? "none" : Self.list(names)))")
            }
            let table = SymbolTable(inputs: f.argumentNames, outputs: [],
                                    parameters: Dictionary(uniqueKeysWithValues: parameters.entries.map { ($0.name, $0.value) }),
                                    allowed: [.inputs, .parameters], context: "the expected function \(f.name)(\(f.argumentNames.joined(separator: ", ")))")
            let value = try expression(entry.value.value, at: path + ".value", table: table)
            try requirePositive(entry.value.maxError, path + ".max_error")
            var over = [ClosedRange<Double>?](repeating: nil, count: f.argumentNames.count)
            for range in entry.value.over.entries {
                let rangePath = JSONPath.appending(path + ".over", key: range.name)
                guard let i = f.argumentNames.firstIndex(of: range.name) else {
                    throw fail(rangePath, "'\(range.name)' is not an argument of \(f.name) (arguments: \(Self.list(f.argumentNames)))")
                }
                guard range.value.count == 2 else { throw fail(rangePath, "expected [lower, upper], found \(range.value.count) values") }
                let lower = try constant(range.value[0], at: JSONPath.appending(rangePath, index: 0), parameters: parameters)
                let upper = try constant(range.value[1], at: JSONPath.appending(rangePath, index: 1), parameters: parameters)
                guard lower < upper else { throw fail(rangePath, "empty interval (the lower bound must be below the upper bound)") }
                over[i] = lower...upper
            }
            if spec.data == nil, over.contains(where: { $0 == nil }) {
                throw fail(path + ".over", "without \"data\" every argument needs its range here")
            }
            return ExpectedFunction(name: f.name, source: entry.value.value.text, value: value, maxError: entry.value.maxError, over: over)
        }
    }
}
