import ArgumentParser
import ENNCore
import Foundation

/// Times the SIMD kernel against OpenBLAS (one thread) on the products a PINN layer does.
struct GemmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "Compares the SIMD GEMM kernel with OpenBLAS (single-threaded) on PINN-shaped products.")

    @Option(help: "Rows (points × jet components).") var rows = 4096
    @Option(help: "Repetitions per measurement.") var repeats = 50

    func run() throws {
        if let problem = CPUFeatureCheck.problem() { throw ValidationError(problem) }
        print("shape                     simd GFLOP/s   blas GFLOP/s   simd/blas")
        for width in [20, 64, 128] {
            for (label, transposeA) in [("X·W  ", false), ("Xᵀ·G ", true)] {
                let (m, k) = transposeA ? (width, rows) : (rows, width)
                let a = (0..<(m * k)).map { _ in Double.random(in: -1...1) }
                let b = (0..<(k * width)).map { _ in Double.random(in: -1...1) }
                var c = [Double](repeating: 0, count: m * width)
                var rates: [Double] = []
                for backend in [Gemm.Backend.simd, .blas] {
                    Gemm.backend = backend
                    var best = Double.infinity
                    for _ in 0..<repeats {
                        let t0 = DispatchTime.now().uptimeNanoseconds
                        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
                            Gemm.multiply(m: m, n: width, k: k, a: a.baseAddress!, lda: transposeA ? m : k, transposeA: transposeA,
                                          b: b.baseAddress!, ldb: width, c: c.baseAddress!, ldc: width, accumulate: false)
                        } } }
                        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
                    }
                    rates.append(2 * Double(m * k * width) / best / 1e9)
                }
                print(String(format: "%@ [%d×%d]·[%d×%d]   %10.1f   %12.1f   %8.2f", label, m, k, k, width, rates[0], rates[1], rates[0] / rates[1]))
            }
        }
        Gemm.backend = .automatic
    }
}
