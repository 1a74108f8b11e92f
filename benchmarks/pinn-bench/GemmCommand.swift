import ArgumentParser
import ENNCore
import Foundation

/// Times every GEMM kernel (the SIMD tiles and OpenBLAS, one thread) on the products a PINN
/// layer does, and shows what the plan picks on this machine.
struct GemmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm",
        abstract: "Times the GEMM kernels (SIMD tiles, OpenBLAS single-threaded) on PINN-shaped products.",
        discussion: """
        X·W is [rows×w]·[w×w] (a layer's forward product), Xᵀ·G is [w×rows]ᵀ-stored·[rows×w] (its weight
        gradient). Each kernel's best time of --repeats calls, the kernels interleaved; GFLOP/s = 2·m·n·k / time.
        The column `simd` is the fastest SIMD tile, `plan` what GemmPlan chose for the shape (its own timing).
        """)

    @Option(help: "Rows (points × jet components).") var rows = 4096
    @Option(help: "Repetitions per measurement.") var repeats = 50
    @Option(help: "Layer widths, comma-separated.") var widths = "20,64,128"

    func run() throws {
        if let problem = CPUFeatureCheck.problem() { throw ValidationError(problem) }
        let ws = widths.split(separator: ",").compactMap { Int($0) }
        guard !ws.isEmpty, ws.allSatisfy({ $0 > 0 }), rows > 0, repeats > 0 else {
            throw ValidationError("--widths must be positive integers, --rows and --repeats positive")
        }
        Gemm.setBLASThreads(1)
        let kernels = Gemm.Kernel.allCases
        print("GFLOP/s, best of \(repeats), one thread" + (ProcessInfo.processInfo.environment["PINN_GEMM"].map { " (PINN_GEMM=\($0) is ignored here)" } ?? ""))
        print("shape                      " + kernels.map { $0.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0) }.joined()
              + "simd/blas  plan")
        for width in ws {
            for (label, transposeA) in [("X·W ", false), ("Xᵀ·G", true)] {
                let (m, k) = transposeA ? (width, rows) : (rows, width)
                let a = (0..<(m * k)).map { _ in Double.random(in: -1...1) }
                let b = (0..<(k * width)).map { _ in Double.random(in: -1...1) }
                var c = [Double](repeating: 0, count: m * width)
                var best = [Double](repeating: .infinity, count: kernels.count)
                var planned: Gemm.Kernel = .blas
                a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
                    let (pa, pb, pc) = (a.baseAddress!, b.baseAddress!, c.baseAddress!)
                    for _ in 0..<repeats {
                        for (i, kernel) in kernels.enumerated() {
                            let t0 = DispatchTime.now().uptimeNanoseconds
                            Gemm.run(kernel, m: m, n: width, k: k, a: pa, lda: transposeA ? m : k, transposeA: transposeA,
                                     b: pb, ldb: width, c: pc, ldc: width, accumulate: false)
                            best[i] = min(best[i], Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
                        }
                    }
                    planned = GemmPlan.shared.choice(m: m, n: width, k: k, a: pa, lda: transposeA ? m : k, transposeA: transposeA,
                                                     b: pb, ldb: width, c: pc, ldc: width, accumulate: false).fastest
                } } }
                let rates = best.map { 2 * Double(m * k * width) / $0 / 1e9 }
                let simdBest = zip(kernels, rates).filter { $0.0 != .blas }.map(\.1).max()!
                let blas = rates[kernels.firstIndex(of: .blas)!]
                let shape = "\(label) [\(m)×\(k)]·[\(k)×\(width)]".padding(toLength: 27, withPad: " ", startingAt: 0)
                print(shape + rates.map { String(format: "%-13.1f", $0) }.joined()
                      + String(format: "%-11.2f", simdBest / blas) + planned.rawValue)
            }
        }
    }
}
