import ENNCore
import Foundation

/// Checks of the numeric settings: network, points, training, weights, reference, output.
extension ProblemValidator {
    /// Checks the network and returns the periodic embedding's periods.
    func checkNetwork(parameters: NamedValues<Double>, timeInput: String?) throws -> NamedValues<Double> {
        let n = spec.network
        if n.hidden.isEmpty { throw fail("network.hidden", "needs at least one hidden layer, e.g. [64, 64, 64]") }
        for (i, width) in n.hidden.enumerated() { try requirePositive(width, "network.hidden[\(i)]", what: "a positive width") }
        if let f = n.fourier {
            try requirePositive(f.features, "network.fourier.features")
            try requirePositive(f.scale, "network.fourier.scale")
            if f.inputs?.isEmpty == true {
                throw fail("network.fourier.inputs", "needs at least one input (leave the key out to embed all inputs)")
            }
            for (i, input) in (f.inputs ?? []).enumerated() where !spec.inputs.contains(input) || f.inputs![..<i].contains(input) {
                throw fail("network.fourier.inputs[\(i)]", spec.inputs.contains(input)
                    ? "input '\(input)' is listed twice" : "unknown value '\(input)' (expected one of \(Self.list(spec.inputs)))")
            }
        }
        var periods: [NamedValues<Double>.Entry] = []
        for entry in n.periodic.entries {
            let path = JSONPath.appending("network.periodic", key: entry.name)
            guard spec.inputs.contains(entry.name), entry.name != timeInput else {
                let spatial = spec.inputs.filter { $0 != timeInput }
                throw fail(path, entry.name == timeInput ? "the time input cannot be periodic"
                    : "'\(entry.name)' is not an input (expected one of \(Self.list(spatial)))")
            }
            let period = try constant(entry.value, at: path, parameters: parameters)
            try requirePositive(period, path)
            periods.append(.init(name: entry.name, value: period))
        }
        return NamedValues(periods)
    }

    func checkPoints() throws {
        let p = spec.points
        try requirePositive(p.interior, "points.interior")
        try requirePositive(p.boundary, "points.boundary")
        try requirePositive(p.initial, "points.initial")
        if p.resampleEvery < 0 { throw fail("points.resample_every", "must be 0 (never) or a positive number of iterations, got \(p.resampleEvery)") }
        if let rad = p.rad {
            if p.resampleEvery == 0 { throw fail("points.rad", "RAD redraws the interior points, so it needs \"resample_every\" > 0") }
            try requireNonNegative(rad.k, "points.rad.k")
            try requireNonNegative(rad.c, "points.rad.c")
            if let n = rad.candidates, n < p.interior {
                throw fail("points.rad.candidates", "must be at least points.interior (\(p.interior)), got \(n)")
            }
        }
    }

    /// `parameterCount`: the network's P, for the memory limit of dense stages.
    func checkTraining(parameterCount: Int) throws {
        if spec.training.isEmpty {
            throw fail("training", "needs at least one stage, e.g. [{\"optimizer\": \"adam\", \"iterations\": 10000}]")
        }
        for (i, stage) in spec.training.enumerated() {
            let path = "training[\(i)]"
            try requirePositive(stage.iterations, path + ".iterations", what: "a positive number of iterations")
            switch stage {
            case .adam(let s):
                try requirePositive(s.learningRate, path + ".lr")
                guard s.betas.count == 2, s.betas.allSatisfy({ $0 >= 0 && $0 < 1 }) else {
                    throw fail(path + ".betas", "expected [beta1, beta2] with 0 <= beta < 1, got \(s.betas.map(ExpressionSource.spell))")
                }
                switch s.schedule {
                case .constant: break
                case .exponential(let rate, let every), .step(let rate, let every):
                    try requirePositive(rate, path + ".schedule.rate")
                    try requirePositive(every, path + ".schedule.every", what: "a positive number of iterations")
                }
            case .lbfgs(let s):
                try requirePositive(s.history, path + ".history")
                try requireNonNegative(s.toleranceGrad, path + ".tolerance_grad")
                try requireNonNegative(s.toleranceChange, path + ".tolerance_change")
                if let m = s.maxEvaluations { try requirePositive(m, path + ".max_evaluations") }
                if s.resampleEvery < 0 { throw fail(path + ".resample_every", "must be ≥ 0 (0 keeps the points fixed), got \(s.resampleEvery)") }
            case .lm(let s):
                try requirePositive(s.damping, path + ".damping")
                guard LevenbergMarquardt.Scaling(rawValue: s.scaling) != nil else {
                    throw fail(path + ".scaling", "unknown value '\(s.scaling)' (expected one of identity, diagonal)")
                }
                try requireNonNegative(s.toleranceGrad, path + ".tolerance_grad")
                if s.resampleEvery < 0 { throw fail(path + ".resample_every", "must be ≥ 0 (0 keeps the points fixed), got \(s.resampleEvery)") }
            case .bfgs(let s):
                try requireNonNegative(s.toleranceGrad, path + ".tolerance_grad")
                try requireNonNegative(s.toleranceChange, path + ".tolerance_change")
                if let m = s.maxEvaluations { try requirePositive(m, path + ".max_evaluations") }
                if s.resampleEvery < 0 { throw fail(path + ".resample_every", "must be ≥ 0 (0 keeps the points fixed), got \(s.resampleEvery)") }
                let limit = BFGSStageSpec.maxParameters
                if parameterCount > limit {
                    throw fail(path + ".optimizer", "a bfgs stage stores a dense P×P matrix (8·P² bytes): this network has P = "
                               + "\(parameterCount) parameters, \(Self.megabytes(parameterCount)) MB; the limit is P ≤ \(limit) "
                               + "(\(Self.megabytes(limit)) MB). Use \"lbfgs\" or a smaller network")
                }
            }
        }
    }

    /// 8·P² bytes in MB, for messages ("> 10⁹" when P² overflows).
    static func megabytes(_ p: Int) -> String {
        let mb = 8 * Double(p) * Double(p) / 1e6
        return mb < 1e9 ? String(format: "%.0f", mb) : "> 10⁹"
    }

    /// A weight for every loss term (residuals, then soft conditions, then observed outputs),
    /// 1 unless given.
    func resolveWeights(residuals: [NamedExpression], conditions: [Condition], observed: [String] = []) throws -> NamedValues<Double> {
        let earlier = residuals.map(\.name) + conditions.filter(\.isLossTerm).map(\.name)
        for output in observed where earlier.contains(InverseProblem.dataTerm(output)) {
            throw fail("data", "the loss term '\(InverseProblem.dataTerm(output))' of the observations of '\(output)' "
                       + "is already the name of a residual or condition; rename that one")
        }
        let terms = earlier + observed.map(InverseProblem.dataTerm)
        for entry in spec.weights.entries {
            let path = JSONPath.appending("weights", key: entry.name)
            if conditions.contains(where: { $0.name == entry.name && !$0.isLossTerm }) {
                throw fail(path, "condition '\(entry.name)' is enforced hard and has no loss term to weigh")
            }
            guard terms.contains(entry.name) else {
                throw fail(path, "unknown loss term '\(entry.name)' (expected one of \(Self.list(terms)))\(Suggestion.didYouMean(entry.name, among: terms))")
            }
            try requireNonNegative(entry.value, path)
        }
        return NamedValues(terms.map { .init(name: $0, value: spec.weights[$0] ?? 1) })
    }

    func checkAutoWeights() throws {
        guard let a = spec.autoWeights else { return }
        try requirePositive(a.every, "auto_weights.every", what: "a positive number of iterations")
        guard a.alpha >= 0, a.alpha < 1 else {
            throw fail("auto_weights.alpha", "must be in [0, 1), got \(ExpressionSource.spell(a.alpha))")
        }
    }

    func resolveReference(parameters: NamedValues<Double>, domain: [InputInterval]) throws -> Reference? {
        guard let r = spec.reference else { return nil }
        func needParameter(_ name: String, _ why: String) throws {
            if parameters[name] == nil { throw fail("reference", "\(why) reads the parameter '\(name)'; add it to \"parameters\"") }
        }
        switch r {
        case .analytic(let fields):
            if fields.isEmpty { throw fail("reference.fields", "needs at least one output") }
            let t = table(parameters, .data, "analytic references")
            return .analytic(try fields.entries.map { entry in
                let path = JSONPath.appending("reference.fields", key: entry.name)
                guard spec.outputs.contains(entry.name) else {
                    throw fail(path, "'\(entry.name)' is not an output (outputs: \(Self.list(spec.outputs)))")
                }
                return NamedExpression(name: entry.name, source: entry.value.text, expression: try expression(entry.value, at: path, table: t))
            })
        case .builtin(let b):
            switch b {
            case .burgersColeHopf:
                guard spec.outputs.count == 1, spec.inputs.count == 2, spec.inputs.contains("t") else {
                    throw fail("reference.name", "'\(b.rawValue)' needs one output and inputs x, t")
                }
                try needParameter("nu", "'\(b.rawValue)'")
            case .ghiaCavityRe100:
                // A steady flow on the unit square: the table's points are fixed coordinates.
                guard spec.outputs.contains("u"), spec.outputs.contains("v"), spec.inputs.count == 2, !spec.inputs.contains("t"),
                      domain.allSatisfy({ $0.lower == 0 && $0.upper == 1 }) else {
                    throw fail("reference.name", "'\(b.rawValue)' needs outputs u, v and two spatial inputs on [0, 1] "
                                   + "(a steady problem on the unit square; u along the first input, the lid at the upper end of the second)")
                }
                if spec.outputs.contains(GhiaCavity.name) {
                    throw fail("reference.name", "'\(b.rawValue)' writes /reference/\(GhiaCavity.name), which an output of that name would collide with")
                }
            }
            return .builtin(b)
        case .spectral(let s):
            if let modes = s.modes { try requirePositive(modes, "reference.modes") }
            if let dt = s.dt { try requirePositive(dt, "reference.dt") }
            switch s.solver {
            case .burgers, .vorticity2D: try needParameter("nu", "the spectral solver '\(s.solver.rawValue)'")
            case .heat: try needParameter("alpha", "the spectral solver 'heat'")
            }
            return .spectral(s)
        }
    }

    /// Grid points for every input, in input order.
    func resolveGrid() throws -> NamedValues<Int> {
        for entry in spec.output.grid.entries {
            let path = JSONPath.appending("output.grid", key: entry.name)
            guard spec.inputs.contains(entry.name) else {
                throw fail(path, "'\(entry.name)' is not an input (inputs: \(Self.list(spec.inputs)))")
            }
            if entry.value < 2 { throw fail(path, "needs at least 2 points (both ends), got \(entry.value)") }
        }
        return NamedValues(spec.inputs.map { .init(name: $0, value: spec.output.grid[$0] ?? OutputSpec.defaultPoints) })
    }

    /// `output.mean_free`: outputs, each once, of a problem with spatial inputs.
    func checkMeanFree() throws {
        var seen: Set<String> = []
        for (i, name) in spec.output.meanFree.enumerated() {
            let path = "output.mean_free[\(i)]"
            guard spec.outputs.contains(name) else {
                throw fail(path, "'\(name)' is not an output (outputs: \(Self.list(spec.outputs)))")
            }
            guard seen.insert(name).inserted else { throw fail(path, "'\(name)' is listed twice") }
        }
        if !seen.isEmpty, spec.inputs.allSatisfy({ $0 == "t" }) {
            throw fail("output.mean_free", "needs a spatial input to take the mean over")
        }
    }

    /// `output.error_every`: non-negative, and only with a reference to measure against.
    func checkErrorCadence(reference: Reference?) throws {
        guard let cadence = spec.output.errorEvery else { return }
        guard reference != nil else {
            throw fail("output.error_every", "recording the error needs a \"reference\" to measure against")
        }
        try requireNonNegative(cadence.seconds, "output.error_every.seconds")
        if cadence.iterations < 0 {
            throw fail("output.error_every.iterations", "must be 0 (off) or a positive number of iterations, got \(cadence.iterations)")
        }
    }

    /// `output.checkpoint_every`: non-negative seconds and iterations (no reference needed).
    func checkCheckpointCadence() throws {
        guard let cadence = spec.output.checkpointEvery else { return }
        try requireNonNegative(cadence.seconds, "output.checkpoint_every.seconds")
        if cadence.iterations < 0 {
            throw fail("output.checkpoint_every.iterations",
                       "must be 0 (off) or a positive number of iterations, got \(cadence.iterations)")
        }
    }

    /// `expect`: bounds by output, each of a metric the reference supports: `rel_l2` needs a
    /// field on the grid, `max_abs` a reference given at points (Ghia's centrelines). An
    /// inverse problem may bound only its learned parameters and functions (checked with them).
    func checkExpect(reference: Reference?) throws -> (relativeL2: NamedValues<Double>, maxAbsolute: NamedValues<Double>) {
        guard let e = spec.expect else { return (.init(), .init()) }
        if e.relativeL2.isEmpty, e.maxAbsolute.isEmpty, !e.parameters.isEmpty || !e.functions.isEmpty { return (.init(), .init()) }
        guard let reference else { throw fail("expect", "an error bound needs a \"reference\" to measure against") }
        if e.relativeL2.isEmpty, e.maxAbsolute.isEmpty {
            throw fail("expect", "needs \"rel_l2\" (relative L2 error on the grid), \"max_abs\" (largest deviation at reference points), "
                           + "\"parameters\" or \"functions\"")
        }
        let pointOutputs: [String]? = reference == .builtin(.ghiaCavityRe100) ? ["u", "v"] : nil
        for entry in e.relativeL2.entries {
            let path = JSONPath.appending("expect.rel_l2", key: entry.name)
            guard spec.outputs.contains(entry.name) else {
                throw fail(path, "'\(entry.name)' is not an output (outputs: \(Self.list(spec.outputs)))")
            }
            if pointOutputs != nil {
                throw fail(path, "the reference is given at points, not as a field on the grid; bound its error with \"max_abs\"")
            }
            if case .analytic(let fields) = reference, !fields.contains(where: { $0.name == entry.name }) {
                throw fail(path, "the analytic reference has no field '\(entry.name)'")
            }
            try requirePositive(entry.value, path)
        }
        for entry in e.maxAbsolute.entries {
            let path = JSONPath.appending("expect.max_abs", key: entry.name)
            guard let pointOutputs else {
                throw fail(path, "needs a reference given at points (\"builtin\" \(ReferenceSpec.Builtin.ghiaCavityRe100.rawValue)); "
                               + "bound the error against a field with \"rel_l2\"")
            }
            guard pointOutputs.contains(entry.name) else {
                throw fail(path, "the point reference has no values of '\(entry.name)' (it has \(Self.list(pointOutputs)))")
            }
            try requirePositive(entry.value, path)
        }
        for (i, p) in e.published.enumerated() where p.relativeL2.isEmpty && p.maxAbsolute.isEmpty && p.parameterErrors.isEmpty {
            throw fail(JSONPath.appending("expect.published", index: i), "needs \"rel_l2\", \"max_abs\" or \"parameter_errors\" (the published errors)")
        }
        return (e.relativeL2, e.maxAbsolute)
    }
}
