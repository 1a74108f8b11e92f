import CBLAS

/// Matrix products for ENNCore: C = A·B or C += A·B, row-major, Double.
///
/// PINN layers are skinny: A has many rows (points × jet components) and B is a small
/// weight matrix (20×20 … 128×128). `pinn-bench gemm --rows 512 --repeats 200` measures
/// both paths on these shapes (AVX-512 EPYC, one core): the register-blocked SIMD kernel in `GemmKernel.swift`
/// wins for A·B up to width 64 (51 vs 47 GFLOP/s at 20, 52 vs 50 at 64), OpenBLAS wins for
/// the weight gradients Aᵀ·B (48 vs 33 GFLOP/s at 20) and for wider layers (86 vs 58 at
/// 128). `automatic` takes the faster path per call; `simd` and `blas` force one.
public enum Gemm {
    public enum Backend: String, Sendable, CaseIterable { case automatic, simd, blas }

    /// Process-wide choice, set once at start-up (not while products run).
    nonisolated(unsafe) public static var backend: Backend = .automatic

    /// C[m×n] (+)= op(A)[m×k] · B[k×n].
    ///
    /// op(A) = A with A(i,p) = a[i*lda + p] when `transposeA` is false; when it is true,
    /// `a` holds a k×m matrix and A(i,p) = a[p*lda + i] (used for weight gradients Xᵀ·G).
    @inlinable
    public static func multiply(m: Int, n: Int, k: Int,
                                a: UnsafePointer<Double>, lda: Int, transposeA: Bool,
                                b: UnsafePointer<Double>, ldb: Int,
                                c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool) {
        precondition(m >= 0 && n >= 0 && k >= 0, "Gemm.multiply: negative size m=\(m) n=\(n) k=\(k)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        let useSIMD: Bool
        switch backend {
        case .automatic: useSIMD = !transposeA && n <= 64
        case .simd: useSIMD = true
        case .blas: useSIMD = false
        }
        switch useSIMD {
        case true:
            let rs = transposeA ? 1 : lda, cs = transposeA ? lda : 1
            GemmKernel.run(m: m, n: n, k: k, a: a, rowStride: rs, colStride: cs,
                           b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
        case false:
            cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), 1.0, a, Int32(lda), b, Int32(ldb),
                        accumulate ? 1.0 : 0.0, c, Int32(ldc))
        }
    }
}
