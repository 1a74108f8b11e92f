extension Tape {
    /// A recorded input that needs no gradient (collocation points, fixed data).
    public func constant(_ values: [Double], shape: JetShape, layout: JetLayout) -> Var {
        leaf(values, shape: shape, layout: layout, requiresGradient: false)
    }

    /// A recorded input whose gradient `backward` computes (tests, input sensitivities).
    public func variable(_ values: [Double], shape: JetShape, layout: JetLayout) -> Var {
        leaf(values, shape: shape, layout: layout, requiresGradient: true)
    }

    private func leaf(_ values: [Double], shape: JetShape, layout: JetLayout, requiresGradient: Bool) -> Var {
        precondition(values.count == shape.count, "Tape leaf: \(values.count) values for shape \(shape)")
        let (v, p) = record(shape: shape, layout: layout, requiresGradient: requiresGradient)
        values.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: values.count) }
        return v
    }

    /// The seed jet of network inputs: for N points with `inputCount` coordinates
    /// (`points` row-major [N × inputCount]), the value block holds the coordinates, each
    /// first-derivative block ∂/∂x_i holds the unit vector e_i in every row, and all higher
    /// blocks are zero.
    public func inputJet(points: [Double], layout: JetLayout) -> Var {
        let d = layout.inputCount
        precondition(points.count % d == 0, "Tape.inputJet: \(points.count) coordinates for \(d) inputs")
        let n = points.count / d
        let shape = JetShape(components: layout.count, rows: n, cols: d)
        let (v, p) = record(shape: shape, layout: layout, requiresGradient: false)
        p.initialize(repeating: 0, count: shape.count)
        points.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: points.count) }
        for i in 0..<d {
            guard let c = layout.index(of: Partial([i])) else { continue }
            let block = p + c * shape.block
            for r in 0..<n { block[r * d + i] = 1 }
        }
        return v
    }
}
