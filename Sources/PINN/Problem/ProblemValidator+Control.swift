import Foundation

/// Checks of the `control` section (``ControlSpec``) and of what it asks of the rest of the
/// file: the inputs are time, one per state and the control; each residual reads
/// `<state>_t − f(state, control)`; each hard transform makes the state equal its input at
/// t = 0 (so the network's initial condition is exact).
extension ProblemValidator {
    func resolveControl(parameters: NamedValues<Double>, domain: [InputInterval], residuals: [NamedExpression],
                        transforms: [NamedExpression]) throws -> ControlSettings? {
        guard let c = spec.control else { return nil }
        // The controller's baseline integrates the plant read from the residuals: it must be known.
        if let unknown = spec.parameters.entries.first(where: { $0.value.known == nil }) {
            throw fail(JSONPath.appending("parameters", key: unknown.name), "a control problem's plant must be known: no unknown parameters")
        }
        if let function = spec.functions.entries.first {
            throw fail(JSONPath.appending("functions", key: function.name), "a control problem's plant must be known: no network functions")
        }
        func constant(_ source: ExpressionSource, _ path: String) throws -> Double {
            try self.constant(source, at: "control." + path, parameters: parameters)
        }
        guard let time = domain.first(where: \.isTime) else {
            throw fail("inputs", "a control problem needs the time input t (the time since the start of a control period)")
        }
        let (stateInputs, controlInput) = try checkControlInputs(c, time: time.input)

        let bounds = try checkControlBounds(c, domain: domain, constant: constant)
        let period = try constant(c.period, "period")
        try requirePositive(period, "control.period")
        guard time.lower == 0, period <= time.upper * (1 + 1e-12) else {
            throw fail("control.period", "the network learns one period from t = 0: the domain of t must be [0, T'] with "
                       + "T' ≥ the period \(ExpressionSource.spell(period)), got [\(ExpressionSource.spell(time.lower)), "
                       + "\(ExpressionSource.spell(time.upper))]")
        }
        try requirePositive(c.horizon, "control.horizon", what: "a positive number of control periods")
        let initial = try spec.outputs.map { state -> Double in
            guard let value = c.initialState[state] else {
                throw fail("control.initial_state", "missing state '\(state)' (every output is a state)")
            }
            return try constant(value, JSONPath.appending("initial_state", key: state))
        }
        for entry in c.initialState.entries where !spec.outputs.contains(entry.name) {
            throw fail(JSONPath.appending("control.initial_state", key: entry.name),
                       "'\(entry.name)' is not a state (the outputs: \(Self.list(spec.outputs)))")
        }
        let references = try checkReferenceSchedule(c, constant: constant)
        let duration = try constant(c.duration, "duration")
        try requirePositive(duration, "control.duration")
        let periods = try wholeMultiple(duration, of: period, path: "control.duration", what: "the period")
        let plantStep = try constant(c.plantStep, "plant_step")
        try requirePositive(plantStep, "control.plant_step")
        let plantSteps = try wholeMultiple(period, of: plantStep, path: "control.plant_step", what: "a divisor of the period")
        let modelStep = try c.modelStep.map { try constant($0, "model_step") } ?? plantStep
        try requirePositive(modelStep, "control.model_step")
        let modelSteps = try wholeMultiple(period, of: modelStep, path: "control.model_step", what: "a divisor of the period")
        try requireNonNegative(c.penalty, "control.penalty")
        try requirePositive(c.optimizer.iterations, "control.optimizer.iterations")
        try requireNonNegative(c.optimizer.toleranceGrad, "control.optimizer.tolerance_grad")
        try requirePositive(c.optimizer.history, "control.optimizer.history")
        try requirePositive(c.predictionSamples, "control.prediction_samples")

        let rightHandSides = try rightHandSides(residuals, time: time.input, controlInput: controlInput,
                                                parameters: parameters)
        try checkInitialConditionTransforms(transforms, stateInputs: stateInputs, time: time.input)
        return ControlSettings(
            states: spec.outputs, stateInputs: stateInputs, controlInput: controlInput, timeInput: time.input,
            lower: bounds.lower, upper: bounds.upper, period: period, horizon: c.horizon, initialState: initial,
            references: references, periods: periods, plantStepsPerPeriod: plantSteps, modelStepsPerPeriod: modelSteps,
            penalty: c.penalty, optimizer: c.optimizer, predictionSamples: c.predictionSamples,
            rightHandSides: rightHandSides,
            stateBox: stateInputs.map { name in
                let interval = domain.first { $0.input == name }!
                return (interval.lower, interval.upper)
            },
            controlDomain: domain.first { $0.input == controlInput }.map { ($0.lower, $0.upper) }!)
    }

    /// The state inputs (in output order) and the control input; the inputs are exactly
    /// time, these, and the control.
    private func checkControlInputs(_ c: ControlSpec, time: String) throws -> ([String], String) {
        for entry in c.state.entries where !spec.outputs.contains(entry.name) {
            throw fail(JSONPath.appending("control.state", key: entry.name),
                       "'\(entry.name)' is not an output (the outputs are the state: \(Self.list(spec.outputs)))")
        }
        var used: Set<String> = [time]
        let stateInputs = try spec.outputs.map { state -> String in
            guard let input = c.state[state] else {
                throw fail("control.state", "missing state '\(state)': every output is a state and needs the input "
                           + "holding its value at t = 0")
            }
            let path = JSONPath.appending("control.state", key: state)
            guard spec.inputs.contains(input), input != time else {
                throw fail(path, "'\(input)' is not an input other than \(time) (inputs: \(Self.list(spec.inputs)))")
            }
            if !used.insert(input).inserted { throw fail(path, "input '\(input)' already holds another state") }
            return input
        }
        guard spec.inputs.contains(c.input), !used.contains(c.input) else {
            throw fail("control.input", spec.inputs.contains(c.input)
                ? "'\(c.input)' is already the time or a state input"
                : "'\(c.input)' is not an input (inputs: \(Self.list(spec.inputs)))")
        }
        used.insert(c.input)
        if let extra = spec.inputs.first(where: { !used.contains($0) }) {
            throw fail("inputs", "input '\(extra)' is neither the time, a state input nor the control input of the "
                       + "\"control\" section")
        }
        return (stateInputs, c.input)
    }

    /// [lower, upper] with lower < upper, inside the control input's training domain.
    private func checkControlBounds(_ c: ControlSpec, domain: [InputInterval],
                                    constant: (ExpressionSource, String) throws -> Double) throws -> (lower: Double, upper: Double) {
        guard c.bounds.count == 2 else {
            throw fail("control.bounds", "expected [lower, upper], found \(c.bounds.count) value\(c.bounds.count == 1 ? "" : "s")")
        }
        let lower = try constant(c.bounds[0], "bounds[0]"), upper = try constant(c.bounds[1], "bounds[1]")
        guard lower < upper else {
            throw fail("control.bounds", "empty or inverted control range [\(ExpressionSource.spell(lower)), "
                       + "\(ExpressionSource.spell(upper))] (the lower bound must be below the upper bound)")
        }
        let trained = domain.first { $0.input == c.input }!
        guard lower >= trained.lower, upper <= trained.upper else {
            throw fail("control.bounds", "[\(ExpressionSource.spell(lower)), \(ExpressionSource.spell(upper))] leaves the "
                       + "domain of '\(c.input)' the network is trained on, [\(ExpressionSource.spell(trained.lower)), "
                       + "\(ExpressionSource.spell(trained.upper))]")
        }
        return (lower, upper)
    }

    /// Each tracked state's steps: at least one, the first from 0, `from` strictly increasing.
    private func checkReferenceSchedule(_ c: ControlSpec,
                                        constant: (ExpressionSource, String) throws -> Double) throws -> [TrackedReference] {
        if c.reference.isEmpty { throw fail("control.reference", "needs at least one tracked state, e.g. {\"x1\": [{\"from\": 0, \"value\": 0.5}]}") }
        return try c.reference.entries.map { entry in
            let path = JSONPath.appending("reference", key: entry.name)
            guard let state = spec.outputs.firstIndex(of: entry.name) else {
                throw fail("control." + path, "'\(entry.name)' is not a state (the outputs: \(Self.list(spec.outputs)))")
            }
            if entry.value.isEmpty { throw fail("control." + path, "needs at least one step {\"from\": 0, \"value\": ...}") }
            var steps: [(from: Double, value: Double)] = []
            for (i, step) in entry.value.enumerated() {
                let stepPath = JSONPath.appending(path, index: i)
                let from = try constant(step.from, stepPath + ".from")
                if i == 0, from != 0 {
                    throw fail("control." + stepPath + ".from", "the schedule starts at time 0, got \(ExpressionSource.spell(from))")
                }
                if let previous = steps.last, !(from > previous.from) {
                    throw fail("control." + stepPath + ".from", "out of time order: \(ExpressionSource.spell(from)) does not "
                               + "come after the previous step's \(ExpressionSource.spell(previous.from))")
                }
                steps.append((from, try constant(step.value, stepPath + ".value")))
            }
            return TrackedReference(state: state, steps: steps)
        }
    }

    /// `whole / part` when it is a positive whole number (to round-off).
    private func wholeMultiple(_ whole: Double, of part: Double, path: String, what: String) throws -> Int {
        let n = (whole / part).rounded()
        // Int(n) would trap past Int.max; a billion steps is already far beyond any run.
        if n > 1e9 { throw fail(path, "\(what) gives \(n) steps, more than 10⁹") }
        guard n >= 1, Swift.abs(n * part - whole) <= 1e-9 * whole else {
            throw fail(path, "must make the period a whole number of steps (\(what)): "
                       + "\(ExpressionSource.spell(whole)) / \(ExpressionSource.spell(part)) = \(whole / part)")
        }
        return Int(n)
    }

    /// f(x, u) of each state, in output order, from residuals of the form `<state>_t − f`:
    /// one residual per state, whose only derivative is `<state>_t` with coefficient 1, and f
    /// a function of the outputs, the control and parameters.
    private func rightHandSides(_ residuals: [NamedExpression], time: String, controlInput: String,
                                parameters: NamedValues<Double>) throws -> [Expr] {
        var found: [String: Expr] = [:]
        for r in residuals {
            let path = JSONPath.appending("pde", key: r.name)
            let form = "a control problem's residuals read '<state>_\(time) - f(state, control)'"
            guard r.derivatives.count == 1, let d = r.derivatives.first, d.inputs == [time] else {
                throw fail(path, "\(form), with one derivative; '\(r.source)' has "
                           + (r.derivatives.isEmpty ? "none" : r.derivatives.map(\.name).joined(separator: ", ")))
            }
            if found[d.output] != nil { throw fail(path, "a second residual for state '\(d.output)' (one per state)") }
            if let bad = r.expression.symbols().first(where: { spec.inputs.contains($0) && $0 != controlInput }) {
                throw fail(path, "\(form): f may use the state (outputs), the control '\(controlInput)' and parameters, "
                           + "not the input '\(bad)'")
            }
            // r = x_t − f exactly when r is affine in x_t with slope 1: check at random states.
            for k in 0..<3 {
                var env: [String: Double] = [controlInput: Self.probe(k, 0)]
                for (i, o) in spec.outputs.enumerated() { env[o] = Self.probe(k, i + 1) }
                env[d.name] = 0
                let r0 = r.expression.evaluate(env)
                env[d.name] = 1
                let slope = r.expression.evaluate(env) - r0
                env[d.name] = 2
                let curvature = r.expression.evaluate(env) - r0 - 2 * slope
                guard Swift.abs(slope - 1) <= 1e-9, Swift.abs(curvature) <= 1e-9 else {
                    throw fail(path, "\(form): '\(r.source)' is not \(d.name) minus a function of the state and control")
                }
            }
            let f = r.expression.mapSymbols { symbol, range -> Expr.Kind in
                if case .derivative = symbol { return .number(0) }
                return .symbol(symbol)
            }
            found[d.output] = Expr(.negate(f)).foldingConstants()
        }
        return try spec.outputs.map { state in
            guard let f = found[state] else {
                throw fail("pde", "no residual for state '\(state)' (expected '\(state)_\(time) - f(state, control)')")
            }
            return f
        }
    }

    /// Each state's hard transform equals its state input at t = 0, whatever the network
    /// outputs (`"x1": "a + t*N_x1"`): checked at random points.
    private func checkInitialConditionTransforms(_ transforms: [NamedExpression], stateInputs: [String], time: String) throws {
        for (state, input) in zip(spec.outputs, stateInputs) {
            let example = "\"\(state)\": \"\(input) + \(time)*N_\(state)\""
            guard let transform = transforms.first(where: { $0.name == state }) else {
                throw fail("hard", "state '\(state)' needs a hard transform that makes its initial value exact, e.g. \(example)")
            }
            for k in 0..<3 {
                var env: [String: Double] = [time: 0]
                for (i, name) in spec.inputs.enumerated() where name != time { env[name] = Self.probe(k, i) }
                for (i, o) in spec.outputs.enumerated() { env["N_" + o] = Self.probe(k, spec.inputs.count + i) }
                let value = transform.expression.evaluate(env)
                guard Swift.abs(value - env[input]!) <= 1e-12 * max(1, Swift.abs(env[input]!)) else {
                    throw fail(JSONPath.appending("hard", key: state), "must equal the state input '\(input)' at "
                               + "\(time) = 0 for any network output (e.g. \(example)), so that the model starts "
                               + "from the state it is given")
                }
            }
        }
    }

    /// Fixed, irregular values in (−1, 1) at which the form checks evaluate expressions
    /// (deterministic, so a message never depends on chance).
    private static func probe(_ sample: Int, _ variable: Int) -> Double {
        sin(1.7 * Double(sample) + 2.3 * Double(variable) + 0.5)
    }
}
