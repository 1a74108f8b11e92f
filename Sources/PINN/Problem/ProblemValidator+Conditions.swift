import Foundation

/// What condition checks need from the rest of the problem.
struct ConditionContext {
    var parameters: NamedValues<Double>
    var domain: [InputInterval]
    var timeInput: String?
    var residualNames: [String]
    var transformOutputs: [String]
    var periodicInputs: [String]

    var spatialInputs: [String] { domain.filter { !$0.isTime }.map(\.input) }
}

extension ProblemValidator {
    func resolveConditions(context: ConditionContext) throws -> [Condition] {
        let names = try conditionNames(context: context)
        return try spec.conditions.enumerated().map { i, c in
            try resolveCondition(c, name: names[i], path: JSONPath.appending("conditions", index: i), context: context)
        }
    }

    /// Explicit names, or the kind (numbered `dirichlet_1`, `dirichlet_2` when a kind repeats);
    /// all distinct from each other and from the residual names.
    private func conditionNames(context: ConditionContext) throws -> [String] {
        var perKind: [ConditionSpec.Kind: Int] = [:]
        for c in spec.conditions where c.name == nil { perKind[c.kind, default: 0] += 1 }
        var ordinal: [ConditionSpec.Kind: Int] = [:]
        var used: [String: String] = [:]  // name -> who uses it
        for r in context.residualNames { used[r] = "the PDE residual '\(r)'" }
        var names: [String] = []
        for (i, c) in spec.conditions.enumerated() {
            let path = JSONPath.appending("conditions", index: i)
            let name: String
            if let explicit = c.name {
                guard Self.isIdentifier(explicit) else {
                    throw fail(path + ".name", "'\(explicit)' is not a loss-term name (letters, digits and '_', starting with a letter)")
                }
                name = explicit
            } else {
                ordinal[c.kind, default: 0] += 1
                name = perKind[c.kind]! > 1 ? "\(c.kind.rawValue)_\(ordinal[c.kind]!)" : c.kind.rawValue
            }
            if let other = used[name] {
                let at = c.name == nil ? path : path + ".name"
                throw fail(at, c.name == nil
                    ? "its default name '\(name)' is already used by \(other); give this condition a \"name\""
                    : "'\(name)' is already used by \(other)")
            }
            used[name] = path
            names.append(name)
        }
        return names
    }

    private func resolveCondition(_ c: ConditionSpec, name: String, path: String, context: ConditionContext) throws -> Condition {
        if let n = c.points { try requirePositive(n, path + ".points") }
        let initialKind = c.kind == .initial || c.kind == .initialRate
        let points = c.points ?? (initialKind ? spec.points.initial : spec.points.boundary)
        let kind: Condition.Kind
        var values: [NamedExpression] = []
        var derivatives: [DerivativeSymbol] = []

        switch c.kind {
        case .dirichlet, .neumann:
            let faces = try resolveSides(c, path: path, context: context)
            values = try resolveValues(c, path: path, context: context)
            if c.kind == .dirichlet {
                kind = .dirichlet(faces)
            } else {
                kind = .neumann(faces)
                for v in values {
                    for input in Set(faces.map(\.input)) { derivatives.append(DerivativeSymbol(output: v.name, inputs: [input])) }
                }
            }
        case .initial, .initialRate:
            guard let t = context.timeInput, let interval = context.domain.first(where: { $0.input == t }) else {
                throw fail(path + ".kind", "kind '\(c.kind.rawValue)' needs the time input 't' (inputs: \(Self.list(spec.inputs)))")
            }
            let face = Face(side: .initial, input: t, isUpper: false, coordinate: interval.lower)
            values = try resolveValues(c, path: path, context: context)
            if c.kind == .initial {
                kind = .initial(face)
            } else {
                kind = .initialRate(face)
                derivatives = values.map { DerivativeSymbol(output: $0.name, inputs: [t]) }
            }
        case .periodic:
            let (input, outputs, order) = try resolvePeriodic(c, path: path, context: context)
            kind = .periodic(input: input, outputs: outputs, derivatives: order)
            if order > 0 {
                for o in outputs {
                    for k in 1...order { derivatives.append(DerivativeSymbol(output: o, inputs: Array(repeating: input, count: k))) }
                }
            }
        }

        if c.enforce == .hard {
            if case .periodic(let input, _, _) = kind {
                guard context.periodicInputs.contains(input) else {
                    throw fail(path + ".enforce", "a hard periodic condition needs a periodic embedding of '\(input)': \"network\": {\"periodic\": {\"\(input)\": period}}")
                }
            } else if let missing = values.first(where: { !context.transformOutputs.contains($0.name) }) {
                throw fail(path + ".enforce", "'hard' needs a transform for output '\(missing.name)' in \"hard\" that satisfies this condition exactly")
            }
        }
        return Condition(name: name, kind: kind, values: values, enforcement: c.enforce, points: points,
                         derivatives: DerivativeSymbol.sorted(Set(derivatives), outputs: spec.outputs, inputs: spec.inputs))
    }

    /// The faces named by `side`, checked against the sides this problem has.
    private func resolveSides(_ c: ConditionSpec, path: String, context: ConditionContext) throws -> [Face] {
        let available = SideName.available(spatialDimension: context.spatialInputs.count, hasTime: context.timeInput != nil)
        let allowed = c.kind == .neumann ? available.filter { $0 != .initial } : available
        let expected = "expected one of \(Self.list(allowed.map(\.rawValue)))"
        guard let side = c.side else {
            throw fail(path + ".side", "required key is missing (\(expected))")
        }
        let names = side.values
        if names.isEmpty { throw fail(path + ".side", "needs at least one side (\(expected))") }
        var faces: [Face] = []
        for (k, sideName) in names.enumerated() {
            let at: String
            if case .many = side { at = JSONPath.appending(path + ".side", index: k) } else { at = path + ".side" }
            guard let s = SideName(rawValue: sideName) else {
                throw fail(at, "unknown value '\(sideName)' (\(expected))\(Suggestion.didYouMean(sideName, among: allowed.map(\.rawValue)))")
            }
            if s == .initial, c.kind == .neumann {
                throw fail(at, "a Neumann condition cannot sit on the initial side; use kind 'initial_rate' for ∂/∂t at the start")
            }
            guard allowed.contains(s) else {
                throw fail(at, "side '\(sideName)' does not exist in this problem with inputs \(Self.list(spec.inputs)) (\(expected))")
            }
            if faces.contains(where: { $0.side == s }) { throw fail(at, "side '\(sideName)' is listed twice") }
            if let axis = s.spatialAxis {
                let interval = context.domain.first { $0.input == context.spatialInputs[axis.index] }!
                faces.append(Face(side: s, input: interval.input, isUpper: axis.isUpper,
                                  coordinate: axis.isUpper ? interval.upper : interval.lower))
            } else {
                let interval = context.domain.first { $0.isTime }!
                faces.append(Face(side: .initial, input: interval.input, isUpper: false, coordinate: interval.lower))
            }
        }
        return faces
    }

    /// The prescribed values: `output` + `value`, or `values` by output.
    private func resolveValues(_ c: ConditionSpec, path: String, context: ConditionContext) throws -> [NamedExpression] {
        let t = table(context.parameters, .data, "condition values")
        if let values = c.values {
            if c.value != nil { throw fail(path + ".values", "give either \"value\" (with \"output\") or \"values\", not both") }
            if c.output != nil { throw fail(path + ".output", "not used with \"values\" (which names its outputs)") }
            if values.isEmpty { throw fail(path + ".values", "needs at least one output") }
            return try values.entries.map { entry in
                let at = JSONPath.appending(path + ".values", key: entry.name)
                guard spec.outputs.contains(entry.name) else {
                    throw fail(at, "'\(entry.name)' is not an output (outputs: \(Self.list(spec.outputs)))")
                }
                return NamedExpression(name: entry.name, source: entry.value.text, expression: try expression(entry.value, at: at, table: t))
            }
        }
        guard let value = c.value else {
            throw fail(path + ".value", "required key is missing (the prescribed value, or \"values\" by output)")
        }
        let output: String
        if let o = c.output {
            guard spec.outputs.contains(o) else {
                throw fail(path + ".output", "unknown value '\(o)' (expected one of \(Self.list(spec.outputs)))")
            }
            output = o
        } else if spec.outputs.count == 1 {
            output = spec.outputs[0]
        } else {
            throw fail(path + ".output", "required when the problem has several outputs (\(Self.list(spec.outputs)))")
        }
        return [NamedExpression(name: output, source: value.text, expression: try expression(value, at: path + ".value", table: t))]
    }

    private func resolvePeriodic(_ c: ConditionSpec, path: String, context: ConditionContext) throws -> (String, [String], Int) {
        guard let input = c.input else {
            throw fail(path + ".input", "required key is missing (the periodic input, one of \(Self.list(context.spatialInputs)))")
        }
        guard context.spatialInputs.contains(input) else {
            let why = input == context.timeInput ? "the time input cannot be periodic" : "unknown value '\(input)'"
            throw fail(path + ".input", "\(why) (expected one of \(Self.list(context.spatialInputs)))")
        }
        let outputs = c.outputs ?? spec.outputs
        if outputs.isEmpty { throw fail(path + ".outputs", "needs at least one output") }
        for (k, o) in outputs.enumerated() where !spec.outputs.contains(o) || outputs[..<k].contains(o) {
            throw fail(JSONPath.appending(path + ".outputs", index: k), spec.outputs.contains(o)
                ? "output '\(o)' is listed twice" : "unknown value '\(o)' (expected one of \(Self.list(spec.outputs)))")
        }
        let order = c.derivatives ?? 1
        guard (0...3).contains(order) else { throw fail(path + ".derivatives", "must be between 0 and 3, got \(order)") }
        return (input, outputs, order)
    }
}
