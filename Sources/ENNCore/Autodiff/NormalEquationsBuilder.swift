import CBLAS

/// One residual vector of a least-squares loss recorded on a tape: value-only, one entry
/// per point of the work item. Its term is mean(r²) = pointScale · Σ rᵢ² (pointScale = 1/n
/// for n points in the term), entering the loss with the term's weight w, so each rᵢ enters
/// the least-squares sum as (√(w · pointScale) · rᵢ)².
public struct ResidualBlock {
    public let term: Int
    public let residual: Var
    public let pointScale: Double
    public init(term: Int, residual: Var, pointScale: Double) {
        self.term = term; self.residual = residual; self.pointScale = pointScale
    }
}

/// Builds the Gauss–Newton normal equations A = JᵀJ and b = Jᵀr of a loss Σ (scale·r)²
/// without holding the whole Jacobian J (N × P).
///
/// Each work item (a chunk of ≤ `chunk` points) is recorded on a tape; one backward pass per
/// residual vector in row-Jacobian mode (`Tape.rowJacobian`) gives that chunk's rows of J,
/// which are folded into A by a SYRK (N·P² flops in all) and into b by a GEMV, then dropped.
/// Memory: one P × P matrix per thread beyond the first and one [rows × P] block per thread.
/// Threads take items round-robin and their sums are added in thread order, so the result
/// is reproducible for a given thread count (like `ParallelLossEvaluator`, whose tapes and
/// workers this uses).
public final class NormalEquationsBuilder {
    public let parameterCount: Int
    private let evaluator: ParallelLossEvaluator
    /// Per thread ≥ 1: its own A and b (thread 0 writes the caller's).
    private var threadMatrices: [UnsafeMutablePointer<Double>] = []
    private var threadVectors: [UnsafeMutablePointer<Double>] = []
    /// Per thread: the current item's Jacobian rows and their capacity in rows (raw buffers:
    /// each thread writes only its own slot while the others run).
    private let jacobianBlocks: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>?>
    private let jacobianCapacity: UnsafeMutableBufferPointer<Int>

    public init(evaluator: ParallelLossEvaluator) {
        self.evaluator = evaluator
        parameterCount = evaluator.parameterCount
        jacobianBlocks = .allocate(capacity: evaluator.threadCount)
        jacobianBlocks.initialize(repeating: nil)
        jacobianCapacity = .allocate(capacity: evaluator.threadCount)
        jacobianCapacity.initialize(repeating: 0)
    }

    deinit {
        for p in threadMatrices { p.deallocate() }
        for p in threadVectors { p.deallocate() }
        for p in jacobianBlocks { p?.deallocate() }
        jacobianBlocks.deallocate()
        jacobianCapacity.deallocate()
    }

    /// Overwrites `matrix` (P × P; upper triangle, row-major, is what is written — the lower is
    /// left as it was) with JᵀJ and `rhs` (P) with Jᵀr at θ, and returns the loss Σ w·mean(r²)
    /// in all and the unweighted means per term (as `ParallelLossEvaluator` does). `build` records item `item` on a tape and returns its
    /// residual vectors; it runs concurrently on different tapes and must only read shared data.
    public func build(theta: [Double], matrix: UnsafeMutablePointer<Double>, rhs: UnsafeMutablePointer<Double>,
                      termCount: Int, items: Int, weights: [Double],
                      build: (Tape, Int) -> [ResidualBlock]) -> ParallelLossEvaluator.Evaluation {
        let p = parameterCount
        precondition(theta.count == p, "NormalEquationsBuilder: θ has \(theta.count), expected \(p)")
        let threads = min(evaluator.threadCount, max(items, 1))
        while threadMatrices.count < threads - 1 {
            threadMatrices.append(.allocate(capacity: p * p))
            threadVectors.append(.allocate(capacity: p))
        }
        let zero = ParallelLossEvaluator.Evaluation(total: 0, terms: [Double](repeating: 0, count: termCount))
        let partial = UnsafeMutableBufferPointer<ParallelLossEvaluator.Evaluation>.allocate(capacity: threads)
        partial.initialize(repeating: zero)
        defer { _ = partial.deinitialize(); partial.deallocate() }
        let matrices = [matrix] + threadMatrices, vectors = [rhs] + threadVectors
        theta.withUnsafeBufferPointer { th in
            withoutActuallyEscaping(build) { build in
                let work = { (t: Int) in
                    let tape = self.evaluator.tapes[t]
                    let a = matrices[t], b = vectors[t]
                    for i in 0..<p { (a + i * p + i).update(repeating: 0, count: p - i) }
                    b.update(repeating: 0, count: p)
                    var sum = zero
                    // Rows of J gathered over several items before one SYRK: a deeper update
                    // (k ≈ panelRows) runs the BLAS kernel nearer its peak than one per chunk.
                    var pending = 0
                    var r = [Double]()
                    func flush() {
                        guard pending > 0 else { return }
                        let j = self.jacobianBlocks[t]!
                        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(p), Int32(pending), 1, j, Int32(p), 1, a, Int32(p))
                        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(pending), Int32(p), 1, j, Int32(p), r, 1, 1, b, 1)
                        pending = 0
                        r.removeAll(keepingCapacity: true)
                    }
                    for item in stride(from: t, to: items, by: threads) {
                        tape.begin(parameters: th.baseAddress!)
                        let blocks = build(tape, item)
                        guard !blocks.isEmpty else { continue }
                        let rows = blocks.reduce(0) { $0 + tape.shape($1.residual).count }
                        if pending + rows > self.jacobianCapacity[t] { flush() }
                        let j = self.jacobianBlock(thread: t, rows: max(rows, NormalEquationsBuilder.panelRows)) + pending * p
                        j.update(repeating: 0, count: rows * p)
                        var row = 0
                        for block in blocks {
                            let n = tape.shape(block.residual).count
                            precondition(tape.shape(block.residual).components == 1,
                                         "NormalEquationsBuilder: residual \(tape.shape(block.residual)) is a jet")
                            let scale = (weights[block.term] * block.pointScale).squareRoot()
                            tape.rowJacobian = j + row * p
                            tape.backward(from: block.residual, seed: [Double](repeating: scale, count: n))
                            tape.rowJacobian = nil
                            let v = tape.pointer(block.residual)
                            var squares = 0.0
                            for i in 0..<n {
                                r.append(scale * v[i])
                                squares += v[i] * v[i]
                            }
                            sum.terms[block.term] += squares * block.pointScale
                            sum.total += squares * block.pointScale * weights[block.term]
                            row += n
                        }
                        pending += rows
                    }
                    flush()
                    partial[t] = sum
                }
                evaluator.pool.run(threads: threads, work)
            }
        }
        for t in 1..<threads {
            let a = threadMatrices[t - 1], b = threadVectors[t - 1]
            for i in 0..<p { cblas_daxpy(Int32(p - i), 1, a + i * p + i, 1, matrix + i * p + i, 1) }
            cblas_daxpy(Int32(p), 1, b, 1, rhs, 1)
        }
        var result = partial[0]
        for t in 1..<threads {
            result.total += partial[t].total
            for k in 0..<termCount { result.terms[k] += partial[t].terms[k] }
        }
        return result
    }

    /// Rows of J a thread gathers before folding them into JᵀJ (measured: see `build`).
    static let panelRows = 512

    /// Thread t's panel of at least `rows` rows (grown only when nothing is pending in it).
    private func jacobianBlock(thread t: Int, rows: Int) -> UnsafeMutablePointer<Double> {
        if rows > jacobianCapacity[t] {
            jacobianBlocks[t]?.deallocate()
            jacobianBlocks[t] = .allocate(capacity: rows * parameterCount)
            jacobianCapacity[t] = rows
        }
        return jacobianBlocks[t]!
    }
}
