import CSupport

/// One scalar piece of a loss recorded on a tape: which named term it belongs to and its
/// weight in the total.
public struct LossContribution {
    public let term: Int
    public let value: Var
    public let weight: Double
    public init(term: Int, value: Var, weight: Double) { self.term = term; self.value = value; self.weight = weight }
}

/// Evaluates a loss that is a sum over independent work items (batch chunks of each loss
/// term) and its parameter gradient, on several threads.
///
/// Each thread owns a `Tape`; it records, back-propagates and accumulates its items one at
/// a time, so memory is bounded by one chunk's tape per thread, whatever the batch size.
/// Items go to threads round-robin and the per-thread sums are added in thread order, so
/// results are reproducible for a given thread count. On two cores this batch split beats
/// a threaded BLAS (DESIGN.md platform notes), so OpenBLAS is set to one thread.
public final class ParallelLossEvaluator {
    public let threadCount: Int
    public let parameterCount: Int
    let tapes: [Tape]
    let pool: WorkerPool

    public struct Evaluation: Sendable {
        /// Σ weight · value over all contributions.
        public var total: Double
        /// Unweighted sums per term.
        public var terms: [Double]
    }

    public init(parameterCount: Int, threads: Int) {
        precondition(threads >= 1, "ParallelLossEvaluator: threads must be ≥ 1, got \(threads)")
        self.threadCount = threads
        self.parameterCount = parameterCount
        tapes = (0..<threads).map { _ in Tape(parameterCount: parameterCount) }
        pool = WorkerPool(threads: threads)
        csupport_blas_set_threads(1)
    }

    deinit { pool.shutdown() }

    /// Total loss, per-term values and (when `gradient` is non-nil) the gradient at θ.
    /// `build(tape, item)` records item `item` on `tape` and returns its contributions;
    /// it runs concurrently on different tapes and must only read shared data.
    public func evaluate(theta: [Double], gradient: UnsafeMutablePointer<Double>?, termCount: Int, items: Int,
                         build: (Tape, Int) -> [LossContribution]) -> Evaluation {
        precondition(theta.count == parameterCount, "ParallelLossEvaluator: θ has \(theta.count), expected \(parameterCount)")
        let threads = min(threadCount, max(items, 1))
        let zero = Evaluation(total: 0, terms: [Double](repeating: 0, count: termCount))
        // One slot per thread, written once when the thread is done (the running sums stay
        // thread-local, so the threads share no cache line while they work).
        let partial = UnsafeMutableBufferPointer<Evaluation>.allocate(capacity: threads)
        partial.initialize(repeating: zero)
        defer { _ = partial.deinitialize(); partial.deallocate() }
        theta.withUnsafeBufferPointer { th in
            withoutActuallyEscaping(build) { build in
                let work = { (t: Int) in
                    let tape = self.tapes[t]
                    tape.zeroParameterGradient()
                    var sum = zero
                    for item in stride(from: t, to: items, by: threads) {
                        tape.begin(parameters: th.baseAddress!)
                        let pieces = build(tape, item)
                        guard !pieces.isEmpty else { continue }
                        let total = tape.weightedSum(pieces.map(\.value), weights: pieces.map(\.weight))
                        sum.total += tape.scalar(total)
                        for p in pieces { sum.terms[p.term] += tape.scalar(p.value) }
                        if gradient != nil { tape.backward(from: total) }
                    }
                    partial[t] = sum
                }
                pool.run(threads: threads, work)
            }
        }
        if let gradient {
            gradient.update(from: tapes[0].parameterGradient, count: parameterCount)
            for t in 1..<threads {
                let g = tapes[t].parameterGradient
                for i in 0..<parameterCount { gradient[i] += g[i] }
            }
        }
        var result = partial[0]
        for t in 1..<threads {
            result.total += partial[t].total
            for k in 0..<termCount { result.terms[k] += partial[t].terms[k] }
        }
        return result
    }

    /// Runs `body(tape, item)` for every item in 0 ..< items, spread round-robin over the
    /// threads as `evaluate` spreads its items, each thread recording on its own tape (begin
    /// it in `body`): forward-only work such as predictions on many points. `body` runs
    /// concurrently and must only read shared data and write disjoint memory.
    public func forEach(items: Int, _ body: (Tape, Int) -> Void) {
        let threads = min(threadCount, max(items, 1))
        pool.run(threads: threads) { t in
            for item in stride(from: t, to: items, by: threads) { body(self.tapes[t], item) }
        }
    }

    /// Splits `count` points into ranges of at most `chunk` (the last may be shorter).
    public static func chunks(count: Int, chunk: Int) -> [Range<Int>] {
        precondition(chunk > 0, "ParallelLossEvaluator.chunks: chunk must be positive")
        return stride(from: 0, to: count, by: chunk).map { $0..<min($0 + chunk, count) }
    }
}
