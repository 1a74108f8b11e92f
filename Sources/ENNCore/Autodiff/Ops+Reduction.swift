/// y = scale · Σᵢ xᵢ² over a value-only quantity (mean squared residual when scale = 1/N).
/// VJP: x̄ᵢ += 2 · scale · ȳ · xᵢ.
final class SumOfSquaresOperation: TapeOperation {
    let x: Var, y: Var, scale: Double
    init(x: Var, y: Var, scale: Double) { self.x = x; self.y = y; self.scale = scale }

    func forward(_ tape: Tape) {
        let n = tape.shape(x).count, p = tape.pointer(x)
        var s = 0.0
        for i in 0..<n { s += p[i] * p[i] }
        tape.pointer(y)[0] = scale * s
    }

    func backward(_ tape: Tape) {
        guard tape.hasGradient(y), tape.requiresGradient(x) else { return }
        ElementwiseKernels.axpy(tape.gradient(x), 2 * scale * tape.gradient(y)[0], tape.pointer(x),
                                count: tape.shape(x).count)
    }
}

/// y = Σᵢ wᵢ sᵢ over scalars (the weighted total loss). VJP: s̄ᵢ += wᵢ ȳ.
final class WeightedSumOperation: TapeOperation {
    let xs: [Var], weights: [Double], y: Var
    init(xs: [Var], weights: [Double], y: Var) { self.xs = xs; self.weights = weights; self.y = y }

    func forward(_ tape: Tape) {
        var s = 0.0
        for (x, w) in zip(xs, weights) { s += w * tape.pointer(x)[0] }
        tape.pointer(y)[0] = s
    }

    func backward(_ tape: Tape) {
        guard tape.hasGradient(y) else { return }
        let g = tape.gradient(y)[0]
        for (x, w) in zip(xs, weights) where tape.requiresGradient(x) { tape.gradient(x)[0] += w * g }
    }
}

extension Tape {
    private static let scalarShape = JetShape(components: 1, rows: 1, cols: 1)

    /// scale · Σ x² over a value-only quantity, as a scalar.
    public func sumOfSquares(_ x: Var, scale: Double = 1) -> Var {
        precondition(shape(x).components == 1, "Tape.sumOfSquares: \(shape(x)) is a jet; take a component first")
        let (y, _) = record(shape: Tape.scalarShape, layout: .valueOnly(inputCount: layout(x).inputCount),
                            requiresGradient: requiresGradient(x))
        let op = SumOfSquaresOperation(x: x, y: y, scale: scale)
        op.forward(self)
        operations.append(op)
        return y
    }

    /// Σ wᵢ sᵢ over scalars.
    public func weightedSum(_ xs: [Var], weights: [Double]) -> Var {
        precondition(xs.count == weights.count && !xs.isEmpty, "Tape.weightedSum: \(xs.count) terms, \(weights.count) weights")
        for x in xs { precondition(shape(x).count == 1, "Tape.weightedSum: \(shape(x)) is not a scalar") }
        let (y, _) = record(shape: Tape.scalarShape, layout: layout(xs[0]), requiresGradient: xs.contains { requiresGradient($0) })
        let op = WeightedSumOperation(xs: xs, weights: weights, y: y)
        op.forward(self)
        operations.append(op)
        return y
    }
}
