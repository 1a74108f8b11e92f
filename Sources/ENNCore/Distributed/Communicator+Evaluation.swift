/// Sums of what a rank computes on its share of the points: a loss evaluation (total,
/// per-term values, gradient) and Gauss–Newton normal equations. Each is packed into one
/// vector so a sum costs one collective call, with the ranks' stop flags (see `stopAgreed`)
/// and, in front, a fingerprint of θ that every rank must share: the ranks' optimizers take
/// identical steps only while every redundant computation (the optimizer's own arithmetic)
/// rounds alike on every rank, which a mix of CPUs or BLAS builds could break; then the job
/// stops with a message instead of training different networks.
extension Communicator {
    /// A 52-bit hash of θ's bits, as an exactly representable Double (never NaN).
    static func fingerprint(_ theta: [Double]) -> Double {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 // FNV-1a over the 64-bit words
        for x in theta { h = (h ^ x.bitPattern) &* 0x0000_0100_0000_01b3 }
        return Double(h >> 12)
    }

    static let divergedParameters = "the ranks hold different parameters θ, so their optimizers diverged; "
        + "run the same binary on nodes of one CPU type with the same OpenBLAS"

    /// The evaluation and (when non-nil) the P-vector `gradient` summed over ranks in rank
    /// order; `gradient` is overwritten with the sum. Unchanged on one rank.
    public func sum(_ evaluation: ParallelLossEvaluator.Evaluation, gradient: UnsafeMutablePointer<Double>?,
                    theta: [Double]) -> ParallelLossEvaluator.Evaluation {
        guard isDistributed else { return evaluation }
        let t = evaluation.terms.count, p = theta.count
        // [fingerprint, stop flags, total, terms…, gradient…]
        var packed = [Communicator.fingerprint(theta), Communicator.localStopFlag, evaluation.total] + evaluation.terms
        if let gradient { packed += UnsafeBufferPointer(start: gradient, count: p) }
        packed.withUnsafeMutableBufferPointer { sumInRankOrder($0, agreeing: 1, disagreement: Communicator.divergedParameters) }
        agreeOnStop(summedFlags: packed[1])
        if let gradient { packed.withUnsafeBufferPointer { gradient.update(from: $0.baseAddress! + 3 + t, count: p) } }
        return ParallelLossEvaluator.Evaluation(total: packed[2], terms: Array(packed[3..<(3 + t)]))
    }

    /// The normal equations' upper triangle of `matrix` (P × P, row-major, as
    /// `NormalEquationsBuilder` writes it), `rhs` (P) and the evaluation, summed over ranks in
    /// rank order; the lower triangle is left as it was. Unchanged on one rank.
    public func sumNormalEquations(_ evaluation: ParallelLossEvaluator.Evaluation, matrix: UnsafeMutablePointer<Double>,
                                   rhs: UnsafeMutablePointer<Double>, theta: [Double]) -> ParallelLossEvaluator.Evaluation {
        guard isDistributed else { return evaluation }
        let t = evaluation.terms.count, p = theta.count
        // [fingerprint, stop flags, total, terms…, rhs…, triangle…]; `head` starts at the total.
        let packed = UnsafeMutableBufferPointer<Double>.allocate(capacity: 3 + t + p + p * (p + 1) / 2)
        defer { packed.deallocate() }
        packed[0] = Communicator.fingerprint(theta)
        packed[1] = Communicator.localStopFlag
        let head = packed.baseAddress! + 2
        head[0] = evaluation.total
        for k in 0..<t { head[1 + k] = evaluation.terms[k] }
        (head + 1 + t).update(from: rhs, count: p)
        var offset = 1 + t + p
        for i in 0..<p {
            (head + offset).update(from: matrix + i * p + i, count: p - i)
            offset += p - i
        }
        sumInRankOrder(packed, agreeing: 1, disagreement: Communicator.divergedParameters)
        agreeOnStop(summedFlags: packed[1])
        rhs.update(from: head + 1 + t, count: p)
        offset = 1 + t + p
        for i in 0..<p {
            (matrix + i * p + i).update(from: head + offset, count: p - i)
            offset += p - i
        }
        return ParallelLossEvaluator.Evaluation(total: head[0], terms: (0..<t).map { head[1 + $0] })
    }
}
