import ENNCore

/// The problem's network: an ENNCore MLP from the (embedded) inputs to the raw outputs N,
/// followed by the hard-constraint transforms that turn N into the outputs u.
struct PINNNetwork {
    let problem: Problem
    let mlp: MLP

    init(problem: Problem, rng: inout RandomGenerator) throws {
        self.problem = problem
        let spec = problem.network
        let d = problem.inputs.count
        var embedding: InputEmbedding? = nil
        if !problem.periodicEmbedding.isEmpty {
            if spec.fourier != nil {
                throw SolveError.unsupported("\(problem.file): network: combining 'fourier' and 'periodic' embeddings is not supported yet")
            }
            embedding = .periodic(periods: problem.inputs.map { problem.periodicEmbedding[$0] })
        } else if let fourier = spec.fourier {
            let embedded = fourier.inputs.map { names in names.compactMap { problem.inputs.firstIndex(of: $0) } }
            embedding = .randomFourier(inputs: d, features: fourier.features, scale: fourier.scale,
                                       embedded: embedded, rng: &rng)
        }
        mlp = MLP(inputs: d, hidden: spec.hidden, outputs: problem.outputs.count,
                  activation: Activation(rawValue: spec.activation.rawValue)!, embedding: embedding)
    }

    func initialParameters(rng: inout RandomGenerator) -> [Double] {
        mlp.initialParameters(scheme: problem.network.initialization == .glorotNormal ? .glorotNormal : .glorotUniform, rng: &rng)
    }

    /// The input jet of `points` ([N × inputs], row-major) and every output's jet (one column each).
    func outputs(on tape: Tape, points: [Double], layout: JetLayout) -> (inputs: Var, outputs: [Var]) {
        let x = tape.inputJet(points: points, layout: layout)
        let raw = mlp(x, on: tape)
        let rows = points.count / problem.inputs.count
        let outputs = problem.outputs.enumerated().map { j, name -> Var in
            guard let transform = problem.outputTransform(of: name) else { return tape.column(raw, j) }
            let evaluator = TapeExpression(tape: tape, layout: layout, rows: rows) { symbol in
                switch symbol {
                case .input(let n): return .variable(tape.column(x, problem.inputs.firstIndex(of: n)!))
                case .network(let n): return .variable(tape.column(raw, problem.outputs.firstIndex(of: n)!))
                default: preconditionFailure("PINNNetwork: symbol \(symbol) in a hard transform (validation should reject it)")
                }
            }
            return evaluator.variable(evaluator.evaluate(transform.expression))
        }
        return (x, outputs)
    }
}
