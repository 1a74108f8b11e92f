/// Sums of what a rank computes on its share of the points: a loss evaluation (total,
/// per-term values, gradient) and Gauss–Newton normal equations. Each is packed into one
/// vector so a sum costs one collective call.
extension Communicator {
    /// The evaluation and (when non-nil) the P-vector `gradient` summed over ranks in rank
    /// order; `gradient` is overwritten with the sum. Unchanged on one rank.
    public func sum(_ evaluation: ParallelLossEvaluator.Evaluation, gradient: UnsafeMutablePointer<Double>?,
                    parameterCount p: Int) -> ParallelLossEvaluator.Evaluation {
        guard isDistributed else { return evaluation }
        let t = evaluation.terms.count
        var packed = [evaluation.total] + evaluation.terms
        if let gradient { packed += UnsafeBufferPointer(start: gradient, count: p) }
        sumInRankOrder(&packed)
        if let gradient { packed.withUnsafeBufferPointer { gradient.update(from: $0.baseAddress! + 1 + t, count: p) } }
        return ParallelLossEvaluator.Evaluation(total: packed[0], terms: Array(packed[1...t]))
    }

    /// The normal equations' upper triangle of `matrix` (P × P, row-major, as
    /// `NormalEquationsBuilder` writes it), `rhs` (P) and the evaluation, summed over ranks in
    /// rank order; the lower triangle is left as it was. Unchanged on one rank.
    public func sumNormalEquations(_ evaluation: ParallelLossEvaluator.Evaluation, matrix: UnsafeMutablePointer<Double>,
                                   rhs: UnsafeMutablePointer<Double>, parameterCount p: Int) -> ParallelLossEvaluator.Evaluation {
        guard isDistributed else { return evaluation }
        let t = evaluation.terms.count
        let triangle = p * (p + 1) / 2
        let packed = UnsafeMutableBufferPointer<Double>.allocate(capacity: 1 + t + p + triangle)
        defer { packed.deallocate() }
        packed[0] = evaluation.total
        for k in 0..<t { packed[1 + k] = evaluation.terms[k] }
        (packed.baseAddress! + 1 + t).update(from: rhs, count: p)
        var offset = 1 + t + p
        for i in 0..<p {
            (packed.baseAddress! + offset).update(from: matrix + i * p + i, count: p - i)
            offset += p - i
        }
        sumInRankOrder(packed)
        rhs.update(from: packed.baseAddress! + 1 + t, count: p)
        offset = 1 + t + p
        for i in 0..<p {
            (matrix + i * p + i).update(from: packed.baseAddress! + offset, count: p - i)
            offset += p - i
        }
        return ParallelLossEvaluator.Evaluation(total: packed[0], terms: (0..<t).map { packed[1 + $0] })
    }
}
