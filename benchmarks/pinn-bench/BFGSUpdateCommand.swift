import ArgumentParser
import CSupport
import ENNCore
import Foundation

/// Times the O(P²) work of one dense BFGS iteration: the update of H from a curvature pair
/// (dsymv for H y, then dsyr2, plus dsyr for φ ≠ 1) and the next direction −H g (dsymv).
struct BFGSUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bfgs-update",
        abstract: "Times the dense BFGS inverse-Hessian update and direction at P parameters.",
        discussion: "Pairs are random with yᵀs > 0 (y = D s, D diagonal in [0.5, 2]); the last line is a JSON object.")

    @Option(help: "P, the number of parameters (H is P × P, 8·P² bytes).") var parameters = 3300
    @Option(help: "Timed updates per variant (after 3 untimed).") var repeats = 20
    @Option(help: "OpenBLAS threads (training runs BLAS on 1).") var threads = 1

    func validate() throws {
        guard parameters > 1, repeats > 0, threads > 0 else { throw ValidationError("parameters > 1, repeats and threads > 0") }
    }

    func run() throws {
        if let problem = CPUFeatureCheck.problem() { throw ValidationError(problem) }
        csupport_blas_set_threads(Int32(threads))
        let n = parameters
        var rng = RandomGenerator(seed: 7)
        let curvature = (0..<n).map { _ in rng.uniform(0.5, 2) }
        let h = DenseInverseHessian(dimension: n)
        var results: [(String, Double, Double)] = []
        var directionTimes: [Double] = []
        for variant in DenseBFGS.Variant.allCases {
            var times: [Double] = []
            for r in 0..<(repeats + 3) {
                let g = (0..<n).map { _ in rng.normal() }
                var t0 = DispatchTime.now().uptimeNanoseconds
                let d = h.multiply(g, factor: -1)
                let direction = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
                let alpha = rng.uniform(0.5, 1.5)
                let s = d.map { alpha * $0 }
                var y = s
                for i in 0..<n { y[i] = curvature[i] * s[i] + 1e-3 * rng.normal() * Swift.abs(s[i]) }
                var sg = 0.0
                for i in 0..<n { sg += s[i] * g[i] }
                t0 = DispatchTime.now().uptimeNanoseconds
                let applied = h.update(step: s, gradientChange: y, sBs: -alpha * sg, variant: variant)
                let update = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
                if applied == nil { throw ValidationError("a random pair was skipped (yᵀs too small); try another P") }
                if r >= 3 { times.append(update); directionTimes.append(direction) }
            }
            times.sort()
            results.append((variant.rawValue, times[times.count / 2], times[0]))
        }
        directionTimes.sort()
        let mb = Double(8 * n * n) / 1e6
        print("pinn-bench bfgs-update: P = \(n) (H: \(String(format: "%.0f", mb)) MB), \(threads) BLAS thread(s), \(repeats) timed per variant")
        for (name, median, best) in results {
            print("update " + name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "  median %7.2f ms   min %7.2f ms", median * 1e3, best * 1e3))
        }
        let dMedian = directionTimes[directionTimes.count / 2]
        print(String(format: "direction −H g      median %7.2f ms   min %7.2f ms", dMedian * 1e3, directionTimes[0] * 1e3))
        let fields = results.map { "\"update_\($0.0)_ms\": \($0.1 * 1e3)" }.joined(separator: ", ")
        print("{\"parameters\": \(n), \"threads\": \(threads), \(fields), \"direction_ms\": \(dMedian * 1e3)}")
    }
}
