import CBLAS
import CSupport
import Foundation

/// Matrix products for ENNCore: C = A·B or C += A·B, row-major, Double.
///
/// PINN layers are skinny: A has many rows (points × jet components) and B is a small
/// weight matrix (20×20 … 128×128). Which kernel is fastest depends on the CPU, so the
/// choice is measured on the running machine, per shape class, by `GemmPlan` (in the spirit
/// of FFTW's planner) among the register-blocked SIMD tiles of `GemmKernel` and OpenBLAS.
/// `pinn-bench gemm --rows 4096`, width 64 (GFLOP/s, one thread each, OpenBLAS 0.3.21; the
/// project's 2-core AMD EPYC, Zen 5; ranges of 2–3 runs on a shared machine; all widths in
/// results/README.md):
///
///   AVX-512 build: A·B: the old 4×16 tile 88–103, the 6×16 tile 107–108, OpenBLAS 48–49;
///   Aᵀ·B: 4×16 42, 6×16 with k blocks of 64 90–98, OpenBLAS 42–45.
///   AVX2 build (PINN_TARGET_CPU=haswell; 16 ymm registers, as the Zen 2 machines): the 4×16
///   tile's 8 SIMD8 accumulators alone fill the 16 registers and it spills: A·B 33–36,
///   Aᵀ·B 30–33, under OpenBLAS's 47–51 and 43–47; the 6×8 tile (12 ymm accumulators)
///   57–59 and, k-blocked, 52–53. At width 128 the plan takes OpenBLAS for Aᵀ·B there
///   (45–49 vs 37–47); at width 20 the SIMD tiles win on both builds.
///
/// Rounding. Every SIMD kernel computes each element as the same ordered chain of fused
/// multiply-adds, so they agree bitwise with each other on every CPU; OpenBLAS sums in
/// another order. Under `.plan` (the default) the plan therefore chooses the rounding of
/// the shapes where it picks OpenBLAS: fixed for the life of the process (repeated
/// evaluations are bitwise identical), but a new process on a busy or different machine
/// may choose otherwise. `.simd` (bitwise reproducible across runs and CPUs) and `.blas`
/// force one family. Set it with `PINN_GEMM=plan|simd|blas` in the environment, or
/// assign `backend` once at start-up.
public enum Gemm {
    public enum Backend: String, Sendable, CaseIterable {
        /// Per shape class, the fastest of the SIMD tiles and OpenBLAS, timed on the first call.
        case plan
        /// The SIMD kernels only (the plan picks the tile; all tiles round alike).
        case simd
        /// OpenBLAS only.
        case blas
    }

    /// One candidate the plan times: a SIMD register tile (rows × columns of C, see
    /// `GemmKernel`), optionally with the k loop in blocks of 64 (A's and B's panels stay in
    /// L1/L2 when k is long: weight gradients), or OpenBLAS.
    public enum Kernel: String, Sendable, CaseIterable {
        case simd4x16, simd6x8, simd6x16, simd6x8k64, simd6x16k64, blas

        public static let simdKernels = allCases.filter { $0 != .blas }
    }

    /// Process-wide choice, set once at start-up (not while products run). Its initial
    /// value comes from the environment variable PINN_GEMM (plan, simd or blas; default plan).
    nonisolated(unsafe) public static var backend: Backend = environmentBackend()

    /// The PINN_GEMM setting; a value other than plan, simd and blas stops the program.
    public static func environmentBackend() -> Backend {
        guard let text = ProcessInfo.processInfo.environment["PINN_GEMM"], !text.isEmpty else { return .plan }
        guard let value = Backend(rawValue: text.lowercased()) else {
            fatalError("PINN_GEMM=\(text): expected one of \(Backend.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// C[m×n] (+)= op(A)[m×k] · B[k×n], with the kernel `backend` and the plan choose.
    ///
    /// op(A) = A with A(i,p) = a[i*lda + p] when `transposeA` is false; when it is true,
    /// `a` holds a k×m matrix and A(i,p) = a[p*lda + i] (used for weight gradients Xᵀ·G).
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
        let kernel: Kernel
        switch backend {
        case .blas: kernel = .blas
        case .plan, .simd:
            let choice = GemmPlan.shared.choice(m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA,
                                                b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
            kernel = backend == .plan ? choice.fastest : choice.fastestSIMD
        }
        run(kernel, m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA, b: b, ldb: ldb, c: c, ldc: ldc,
            accumulate: accumulate)
    }

    /// Sets OpenBLAS's thread count. ENNCore splits batches over its own threads and runs
    /// OpenBLAS on one (`ParallelLossEvaluator` sets 1); benchmarks set it to compare alike.
    public static func setBLASThreads(_ count: Int) {
        precondition(count >= 1, "Gemm.setBLASThreads: count must be ≥ 1, got \(count)")
        csupport_blas_set_threads(Int32(count))
    }

    /// The same product with a given kernel (no plan): for tests and benchmarks.
    public static func run(_ kernel: Kernel, m: Int, n: Int, k: Int,
                           a: UnsafePointer<Double>, lda: Int, transposeA: Bool,
                           b: UnsafePointer<Double>, ldb: Int,
                           c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool) {
        precondition(m >= 0 && n >= 0 && k >= 0, "Gemm.run: negative size m=\(m) n=\(n) k=\(k)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            return
        }
        let rs = transposeA ? 1 : lda, cs = transposeA ? lda : 1
        func simd(_ tile: GemmKernel.Tile, kBlock: Int = .max) {
            GemmKernel.run(tile: tile, kBlock: kBlock, m: m, n: n, k: k, a: a, rowStride: rs, colStride: cs,
                           b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
        }
        switch kernel {
        case .simd4x16: simd(.r4c16)
        case .simd6x8: simd(.r6c8)
        case .simd6x16: simd(.r6c16)
        case .simd6x8k64: simd(.r6c8, kBlock: 64)
        case .simd6x16k64: simd(.r6c16, kBlock: 64)
        case .blas:
            cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), 1.0, a, Int32(lda), b, Int32(ldb),
                        accumulate ? 1.0 : 0.0, c, Int32(ldc))
        }
    }
}
