import ENNCore

/// The physics-informed loss of a problem, Σ_terms w_term · mean(mismatch²), evaluated in
/// chunks of points on the tape (see `ParallelLossEvaluator`).
///
/// Terms (in `Problem.lossTerms` order): one per PDE residual over the interior points, one
/// per soft condition over its points, one per observed output over the observation points.
/// A condition with several outputs sums their squared mismatches per point.
final class PINNLoss {
    let problem: Problem
    let network: PINNNetwork
    /// Unknown parameters and network functions the residuals read from θ.
    let models: EmbeddedModels
    var groups: [PointGroup]
    /// Points per work item: 128, not pinn-bench's 160. 160 gains ~1 % on the shipped Burgers
    /// recipe but reorders the gradient sums and so moves every measured Burgers result
    /// (results/README.md, "The general path").
    let chunk: Int
    private(set) var items: [(group: Int, range: Range<Int>)] = []
    /// The ranks sharing the points: this process evaluates its contiguous share of every
    /// group (`Communicator.share`), and losses, gradients and normal equations are summed
    /// over ranks, so every rank sees the whole loss. Terms keep their global 1/n scale.
    var communicator: Communicator = .world

    init(problem: Problem, network: PINNNetwork, models: EmbeddedModels, groups: [PointGroup], chunk: Int = 128) {
        self.problem = problem
        self.network = network
        self.models = models
        self.groups = groups
        self.chunk = chunk
        rebuildItems()
    }

    var termCount: Int { problem.lossTerms.count }

    func rebuildItems() {
        items = groups.indices.flatMap { g in
            let share = communicator.share(of: groups[g].points.count / problem.inputs.count)
            return ParallelLossEvaluator.chunks(count: share.count, chunk: chunk).map {
                (g, ($0.lowerBound + share.lowerBound)..<($0.upperBound + share.lowerBound))
            }
        }
    }

    /// Gauss–Newton normal equations JᵀJ, Jᵀr at θ (see `NormalEquationsBuilder`) and the loss.
    func normalEquations(_ theta: [Double], weights: [Double], matrix: UnsafeMutablePointer<Double>,
                         rhs: UnsafeMutablePointer<Double>, builder: NormalEquationsBuilder) -> ParallelLossEvaluator.Evaluation {
        let e = builder.build(theta: theta, matrix: matrix, rhs: rhs, termCount: termCount, items: items.count,
                              weights: weights) { tape, item in
            self.residualBlocks(tape: tape, item: item)
        }
        return communicator.sumNormalEquations(e, matrix: matrix, rhs: rhs, theta: theta)
    }

    /// Loss and (when given) gradient at θ with the given per-term weights.
    func evaluate(_ theta: [Double], weights: [Double], gradient: UnsafeMutablePointer<Double>?,
                  evaluator: ParallelLossEvaluator) -> ParallelLossEvaluator.Evaluation {
        let e = evaluator.evaluate(theta: theta, gradient: gradient, termCount: termCount, items: items.count) { tape, item in
            self.contributions(tape: tape, item: item, weights: weights)
        }
        return communicator.sum(e, gradient: gradient, theta: theta)
    }

    func contributions(tape: Tape, item: Int, weights: [Double]) -> [LossContribution] {
        let scale = groups[items[item].group].scale
        return mismatches(tape: tape, item: item).map { term, vectors in
            let pieces = vectors.map { tape.sumOfSquares($0, scale: scale) }
            let value = pieces.count == 1 ? pieces[0] : tape.weightedSum(pieces, weights: [Double](repeating: 1, count: pieces.count))
            return LossContribution(term: term, value: value, weight: weights[term])
        }
    }

    /// The item's residual vectors for Gauss–Newton: the loss is Σ w · pointScale · Σ r².
    func residualBlocks(tape: Tape, item: Int) -> [ResidualBlock] {
        let scale = groups[items[item].group].scale
        return mismatches(tape: tape, item: item).flatMap { term, vectors in
            vectors.map { ResidualBlock(term: term, residual: $0, pointScale: scale) }
        }
    }

    /// The value-only mismatch vectors of work item `item`, by loss term: each PDE residual
    /// over interior points; for a condition, output − value (one vector per output, and per
    /// derivative order for periodic pairs). A term is the group's scale × Σ over its vectors of Σ r².
    private func mismatches(tape: Tape, item: Int) -> [(term: Int, vectors: [Var])] {
        let (g, range) = items[item]
        let group = groups[g]
        let d = problem.inputs.count
        let points = Array(group.points[(d * range.lowerBound)..<(d * range.upperBound)])
        switch group.role {
        case .interior:
            return residuals(tape: tape, points: points, layout: group.layout).enumerated().map { k, r in (k, [r]) }
        case .value(let c):
            let (x, outputs) = network.outputs(on: tape, points: points, layout: group.layout)
            let vectors = problem.conditions[c].values.map { value -> Var in
                let o = problem.outputs.firstIndex(of: value.name)!
                return difference(tape, outputs[o], value, inputs: x, rows: range.count)
            }
            return [(group.term, vectors)]
        case .derivative(let c, let input, let sign):
            let (x, outputs) = network.outputs(on: tape, points: points, layout: group.layout)
            let xv = tape.component(x, .value)
            let vectors = problem.conditions[c].values.map { value -> Var in
                let o = problem.outputs.firstIndex(of: value.name)!
                let derivative = tape.affine(tape.component(outputs[o], Partial([input])), scale: sign)
                return difference(tape, derivative, value, inputs: xv, rows: range.count)
            }
            return [(group.term, vectors)]
        case .periodic(let c, let input, let upper, let orders):
            guard case .periodic(_, let names, _) = problem.conditions[c].kind else { return [] }
            var upperPoints = points
            for r in 0..<range.count { upperPoints[r * d + input] = upper }
            let (_, low) = network.outputs(on: tape, points: points, layout: group.layout)
            let (_, high) = network.outputs(on: tape, points: upperPoints, layout: group.layout)
            var vectors: [Var] = []
            for name in names {
                let o = problem.outputs.firstIndex(of: name)!
                for k in 0...orders {
                    let p = Partial([Int](repeating: input, count: k))
                    vectors.append(tape.subtract(tape.component(low[o], p), tape.component(high[o], p)))
                }
            }
            return [(group.term, vectors)]
        case .data:
            let (_, outputs) = network.outputs(on: tape, points: points, layout: group.layout)
            let valueOnly = JetLayout.valueOnly(inputCount: d)
            return group.targets.enumerated().map { k, values in
                let name = problem.inverse.observedOutputs[k]
                let observed = tape.constant(Array(values[range]), shape: JetShape(components: 1, rows: range.count, cols: 1),
                                             layout: valueOnly)
                let u = outputs[problem.outputs.firstIndex(of: name)!]
                return (group.term + k, [tape.subtract(u, observed)])
            }
        }
    }

    /// The residual of every PDE at the points, as value-only quantities. `argumentObserver`
    /// sees the arguments of every network-function call.
    func residuals(tape: Tape, points: [Double], layout: JetLayout,
                   argumentObserver: ((String, Var) -> Void)? = nil) -> [Var] {
        let (x, outputs) = network.outputs(on: tape, points: points, layout: layout)
        let rows = points.count / problem.inputs.count
        let valueOnly = JetLayout.valueOnly(inputCount: problem.inputs.count)
        var cache: [Expr.Symbol: Var] = [:]
        var evaluator = TapeExpression(tape: tape, layout: valueOnly, rows: rows) { symbol in
            if let v = cache[symbol] { return .variable(v) }
            let v: Var
            switch symbol {
            case .input(let n): v = tape.component(tape.column(x, self.problem.inputs.firstIndex(of: n)!), .value)
            case .output(let n): v = tape.component(outputs[self.problem.outputs.firstIndex(of: n)!], .value)
            case .derivative(let ds):
                v = tape.component(outputs[self.problem.outputs.firstIndex(of: ds.output)!],
                                   Partial(ds.inputIndices(in: self.problem.inputs)))
            default: preconditionFailure("PINNLoss: symbol \(symbol) in a residual (validation should reject it)")
            }
            cache[symbol] = v
            return .variable(v)
        }
        evaluator.models = models
        evaluator.argumentObserver = argumentObserver
        return problem.residuals.map { evaluator.variable(evaluator.evaluate($0.expression)) }
    }

    /// output − value(inputs), value-only.
    private func difference(_ tape: Tape, _ output: Var, _ value: NamedExpression, inputs x: Var, rows: Int) -> Var {
        let u = tape.layout(output).isValueOnly ? output : tape.component(output, .value)
        let valueOnly = JetLayout.valueOnly(inputCount: problem.inputs.count)
        let xv = tape.layout(x).isValueOnly ? x : tape.component(x, .value)
        let evaluator = TapeExpression(tape: tape, layout: valueOnly, rows: rows) { symbol in
            guard case .input(let n) = symbol else {
                preconditionFailure("PINNLoss: symbol \(symbol) in a condition value (validation should reject it)")
            }
            return .variable(tape.column(xv, self.problem.inputs.firstIndex(of: n)!))
        }
        switch evaluator.evaluate(value.expression) {
        case .constant(let c): return c == 0 ? u : tape.affine(u, scale: 1, shift: -c)
        case .variable(let g): return tape.subtract(u, g)
        }
    }

    /// √(Σ r_k²) of the residuals at each point (forward only), for residual-based sampling.
    /// Each rank evaluates its share of the points and the shares are gathered (a sum in
    /// which every entry has one non-zero addend, so exact), so all ranks hold the same values.
    func residualMagnitudes(at points: [Double], theta: [Double], tape: Tape) -> [Double] {
        guard let layout = groups.first(where: { if case .interior = $0.role { return true } else { return false } })?.layout
        else { return [] }
        let d = problem.inputs.count
        let share = communicator.share(of: points.count / d)
        var result = [Double](repeating: 0, count: points.count / d)
        theta.withUnsafeBufferPointer { th in
            for chunk in ParallelLossEvaluator.chunks(count: share.count, chunk: 1024) {
                let range = (chunk.lowerBound + share.lowerBound)..<(chunk.upperBound + share.lowerBound)
                tape.begin(parameters: th.baseAddress!)
                let rs = residuals(tape: tape, points: Array(points[(d * range.lowerBound)..<(d * range.upperBound)]), layout: layout)
                let values = rs.map { tape.value($0) }
                for i in 0..<range.count { result[range.lowerBound + i] = values.reduce(0) { $0 + $1[i] * $1[i] }.squareRoot() }
            }
        }
        communicator.sumInRankOrder(&result)
        return result
    }
}
