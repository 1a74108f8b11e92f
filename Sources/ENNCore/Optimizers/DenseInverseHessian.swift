import CBLAS

/// The dense P × P inverse-Hessian approximation H of ``DenseBFGS``; the update is in
/// `DenseInverseHessian+Update.swift`.
///
/// Storage: one buffer of P² doubles, allocated once, row-major full (unpacked) storage of
/// which the upper triangle is referenced, the convention of BLAS's symmetric routines
/// (dsymv, dsyr2, dsyr): H is symmetric exactly, and every pass touches P²/2 doubles. H is
/// held as σ·M with the scalar σ kept apart, so the self-scaling H ← H/τ costs O(1) instead
/// of a pass over the matrix; σ is folded into M when it leaves [1e-64, 1e64].
///
/// Memory: 8·P² bytes (87 MB at P = 3 300, 1.15 GB at P = 12 000).
public final class DenseInverseHessian {
    public let dimension: Int
    /// M, upper triangle, row-major with leading dimension `dimension`.
    let m: UnsafeMutablePointer<Double>
    /// H = σ·M.
    var sigma = 1.0
    /// True while H is a multiple of I that no curvature pair has scaled yet: the next pair
    /// first sets H = (yᵀs / yᵀy) I (Nocedal & Wright eq. 6.20), then updates it.
    public internal(set) var isInitial = true
    /// The multiple of I that a restart returns to: the last yᵀs / yᵀy (1 before any pair).
    public internal(set) var restartScale = 1.0
    /// Curvature pairs applied since allocation (restarts do not reset it).
    public internal(set) var updateCount = 0
    /// Scratch vectors of length P (H·y and the two dsyr2 vectors), allocated with H.
    var hy: [Double], left: [Double], right: [Double]

    /// H = I.
    public init(dimension: Int) {
        precondition(dimension > 0, "DenseInverseHessian: dimension must be positive, got \(dimension)")
        precondition(dimension <= Int(Int32.max) && dimension.multipliedReportingOverflow(by: dimension).overflow == false,
                     "DenseInverseHessian: dimension \(dimension) is too large for a dense matrix")
        self.dimension = dimension
        m = .allocate(capacity: dimension * dimension)
        hy = [Double](repeating: 0, count: dimension)
        left = hy
        right = hy
        reset(scale: 1)
    }

    deinit { m.deallocate() }

    /// H = scale · I; the next curvature pair rescales it (see `isInitial`).
    public func reset(scale: Double) {
        precondition(scale > 0 && scale.isFinite, "DenseInverseHessian.reset: scale must be positive and finite, got \(scale)")
        let n = dimension
        m.update(repeating: 0, count: n * n)
        for i in 0..<n { m[i * n + i] = 1 }
        sigma = scale
        isInitial = true
    }

    /// y = factor · H · x (one cblas_dsymv over the upper triangle).
    func multiply(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, factor: Double) {
        let n = Int32(dimension)
        cblas_dsymv(CblasRowMajor, CblasUpper, n, factor * sigma, m, n, x, 1, 0, y, 1)
    }

    /// factor · H · x.
    public func multiply(_ x: [Double], factor: Double = 1) -> [Double] {
        precondition(x.count == dimension, "DenseInverseHessian.multiply: x has \(x.count) entries, H is \(dimension)²")
        var y = [Double](repeating: 0, count: dimension)
        x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { multiply(xp.baseAddress!, into: $0.baseAddress!, factor: factor) } }
        return y
    }

    /// H as a full row-major P × P array, both triangles filled (for tests and inspection; O(P²)).
    public func matrix() -> [Double] {
        let n = dimension
        var full = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in i..<n {
                let v = sigma * m[i * n + j]
                full[i * n + j] = v
                full[j * n + i] = v
            }
        }
        return full
    }

    /// Folds σ into M when it has drifted far from 1 (one pass over the triangle, rare).
    func renormalizeIfNeeded() {
        guard sigma > 1e64 || sigma < 1e-64 else { return }
        let n = dimension
        for i in 0..<n { cblas_dscal(Int32(n - i), sigma, m + i * n + i, 1) }
        sigma = 1
    }
}
