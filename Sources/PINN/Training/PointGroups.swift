import ENNCore

/// A set of collocation points and the loss it feeds: the interior points feed every PDE
/// residual; each soft condition has its own points (one group per face where the face
/// matters: Neumann normals, periodic pairs).
struct PointGroup {
    enum Role {
        /// PDE residuals, terms 0..<residualCount.
        case interior
        /// output = value (Dirichlet and initial conditions).
        case value(condition: Int)
        /// sign · ∂output/∂input = value (Neumann: input and sign from the face; initial rate: ∂/∂t).
        case derivative(condition: Int, input: Int, sign: Double)
        /// Outputs and their input-derivatives up to `orders` agree at lower and upper ends.
        case periodic(condition: Int, input: Int, upper: Double, orders: Int)
        /// Observed outputs = `targets` at the observation points (one term per output).
        case data
    }

    let role: Role
    /// Index of the loss term in `Problem.lossTerms`.
    let term: Int
    /// The jet layout the role needs.
    let layout: JetLayout
    /// Row-major [count × inputs].
    var points: [Double]
    /// Normalisation of the term: 1 / (points of the whole term), so a term split over
    /// several faces is one mean.
    var scale: Double
    /// How the points are drawn again when resampling.
    let draw: Draw
    /// For `.data`: the observed values per observed output (aligned with `points`).
    var targets: [[Double]] = []

    enum Draw {
        case box
        case face(axis: Int, value: Double)
        case faces([(axis: Int, value: Double)])
        /// Never redrawn (observations).
        case fixed
    }

    var isFixed: Bool {
        if case .fixed = draw { return true }
        return false
    }
}

/// Builds the point groups of a problem and draws their points.
struct PointGroupBuilder {
    let problem: Problem
    let sampler: SamplerKind
    /// The observations behind the data terms (nil without `data`).
    var observations: Observations? = nil

    var lower: [Double] { problem.domain.map(\.lower) }
    var upper: [Double] { problem.domain.map(\.upper) }
    func index(_ input: String) -> Int { problem.inputs.firstIndex(of: input)! }

    func partial(_ d: DerivativeSymbol) -> Partial { Partial(d.inputIndices(in: problem.inputs)) }

    func groups(rng: inout RandomGenerator) -> [PointGroup] {
        let d = problem.inputs.count
        var result: [PointGroup] = []
        let interiorLayout = JetLayout(inputCount: d, requested: problem.residuals.flatMap(\.derivatives).map(partial))
        if !problem.residuals.isEmpty {
            let n = problem.points.interior
            result.append(PointGroup(role: .interior, term: 0, layout: interiorLayout, points: [], scale: 1 / Double(n), draw: .box))
        }
        for (ci, condition) in problem.conditions.enumerated() where condition.isLossTerm {
            let term = problem.lossTerms.firstIndex(of: condition.name)!
            let n = condition.points
            let valueOnly = JetLayout.valueOnly(inputCount: d)
            switch condition.kind {
            case .dirichlet(let faces):
                result.append(PointGroup(role: .value(condition: ci), term: term, layout: valueOnly, points: [],
                                         scale: 1 / Double(n), draw: .faces(faces.map { (index($0.input), $0.coordinate) })))
            case .initial(let face):
                result.append(PointGroup(role: .value(condition: ci), term: term, layout: valueOnly, points: [],
                                         scale: 1 / Double(n), draw: .face(axis: index(face.input), value: face.coordinate)))
            case .neumann(let faces):
                let counts = faceCounts(count: n, lower: lower, upper: upper, faces: faces.map { (index($0.input), $0.coordinate) })
                for (face, count) in zip(faces, counts) where count > 0 {
                    let i = index(face.input)
                    result.append(PointGroup(role: .derivative(condition: ci, input: i, sign: face.outwardNormalSign), term: term,
                                             layout: JetLayout(inputCount: d, requested: [Partial([i])]), points: [],
                                             scale: 1 / Double(n), draw: .face(axis: i, value: face.coordinate)))
                }
            case .initialRate(let face):
                let i = index(face.input)
                result.append(PointGroup(role: .derivative(condition: ci, input: i, sign: 1), term: term,
                                         layout: JetLayout(inputCount: d, requested: [Partial([i])]), points: [],
                                         scale: 1 / Double(n), draw: .face(axis: i, value: face.coordinate)))
            case .periodic(let input, _, let orders):
                let i = index(input)
                let requested = orders > 0 ? [Partial([Int](repeating: i, count: orders))] : []
                result.append(PointGroup(role: .periodic(condition: ci, input: i, upper: upper[i], orders: orders), term: term,
                                         layout: JetLayout(inputCount: d, requested: requested), points: [],
                                         scale: 1 / Double(n), draw: .face(axis: i, value: lower[i])))
            }
        }
        result = result.map { group in
            var g = group
            g.points = draw(g, count: count(of: g), rng: &rng)
            return g
        }
        if let o = observations {
            let term = problem.lossTerms.firstIndex(of: InverseProblem.dataTerm(o.outputs[0]))!
            result.append(PointGroup(role: .data, term: term, layout: .valueOnly(inputCount: d), points: o.points,
                                     scale: 1 / Double(o.count), draw: .fixed, targets: o.values))
        }
        return result
    }

    /// Points a group holds: the interior count, or its share of its condition's points.
    func count(of group: PointGroup) -> Int {
        switch group.role {
        case .interior: return problem.points.interior
        case .data: return observations?.count ?? 0
        case .value(let c), .periodic(let c, _, _, _): return problem.conditions[c].points
        case .derivative(let c, let input, _):
            let condition = problem.conditions[c]
            guard case .neumann(let faces) = condition.kind else { return condition.points }
            let counts = faceCounts(count: condition.points, lower: lower, upper: upper,
                                    faces: faces.map { (index($0.input), $0.coordinate) })
            if case .face(_, let value) = group.draw,
               let k = faces.firstIndex(where: { index($0.input) == input && $0.coordinate == value }) { return counts[k] }
            return condition.points
        }
    }

    func draw(_ group: PointGroup, count n: Int, rng: inout RandomGenerator) -> [Double] {
        switch group.draw {
        case .box:
            return scaleToBox(samplePoints(sampler, count: n, dimension: problem.inputs.count, rng: &rng), lower: lower, upper: upper)
        case .face(let axis, let value):
            return sampleFace(sampler, count: n, lower: lower, upper: upper, axis: axis, value: value, rng: &rng)
        case .faces(let faces):
            return sampleFaces(sampler, count: n, lower: lower, upper: upper, faces: faces, rng: &rng)
        case .fixed:
            return group.points
        }
    }
}
