import CBLAS

/// Matrix products for ENNCore: C = A·B or C += A·B, row-major, Double.
///
/// PINN layers are skinny: A has many rows (points × jet components) and B is a small
/// weight matrix (20×20 … 128×128). For these shapes the register-blocked SIMD kernel in
/// `GemmKernel.swift` beats OpenBLAS (measured by `pinn-bench gemm`); `backend` switches
/// to `cblas_dgemm` for comparison and for shapes the kernel was not tuned for.
public enum Gemm {
    public enum Backend: String, Sendable, CaseIterable { case simd, blas }

    /// Process-wide choice, set once at start-up (not while products run).
    nonisolated(unsafe) public static var backend: Backend = .simd

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
        switch backend {
        case .simd:
            let rs = transposeA ? 1 : lda, cs = transposeA ? lda : 1
            GemmKernel.run(m: m, n: n, k: k, a: a, rowStride: rs, colStride: cs,
                           b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
        case .blas:
            cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), 1.0, a, Int32(lda), b, Int32(ldb),
                        accumulate ? 1.0 : 0.0, c, Int32(ldc))
        }
    }
}
