import ArgumentParser
import BenchCore
import ENNCore
import Foundation

@main
struct PinnBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pinn-bench",
        abstract: "Times ENNCore on the standard Burgers PINN and on its matrix kernels.",
        discussion: """
        Compare with PyTorch and JAX on the same machine in one run: benchmarks/peers/compare.sh.
        Examples:
          pinn-bench burgers --config A --iterations 300
          pinn-bench burgers --config B --iterations 40
          pinn-bench gemm
          pinn-bench bfgs-update --parameters 3300
        """,
        subcommands: [BurgersCommand.self, GemmCommand.self, ActivationCommand.self, BFGSUpdateCommand.self])
}

enum BenchConfig: String, ExpressibleByArgument, CaseIterable {
    case A, B
    var value: BurgersLoss.Config { self == .A ? .a : .b }
}

struct BurgersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "burgers",
        abstract: "Times full training iterations (loss + parameter gradient + Adam update) of the Burgers PINN.",
        discussion: "After the warm-up it prints median, min and max seconds per iteration; the last line is a JSON object with the key median_s_per_iter.")

    @Option(help: "A: 2→20×3→1 tanh, 2540 interior points; B: 2→64×4→1 tanh, 8192 interior points.")
    var config: BenchConfig = .A
    @Option(help: "Timed iterations (after the warm-up).") var iterations = 200
    @Option(help: "Untimed warm-up iterations.") var warmup = 20
    @Option(help: "Threads for the batch split.") var threads = 2
    @Option(help: "Points per work item (chunk; default 160).") var chunk: Int?
    @Option(help: "Matrix-product backend: plan (time the kernels per shape class on first use), simd or blas; default: $PINN_GEMM, else plan.")
    var gemm: String?
    @Flag(help: "Print the GEMM plan (every planned shape class, each kernel's speed, the choice).") var showPlan = false
    @Option(help: "Random seed for points and initial weights.") var seed: UInt64 = 0

    func validate() throws {
        guard iterations > 0, warmup >= 0, threads > 0 else { throw ValidationError("iterations and threads must be positive, warmup ≥ 0") }
        if let gemm, Gemm.Backend(rawValue: gemm) == nil { throw ValidationError("--gemm must be plan, simd or blas") }
    }

    func run() throws {
        if let problem = CPUFeatureCheck.problem() { throw ValidationError(problem) }
        if let gemm { Gemm.backend = Gemm.Backend(rawValue: gemm)! }
        var cfg = config.value
        if let chunk { cfg.chunk = chunk }
        var rng = RandomGenerator(seed: seed)
        let loss = BurgersLoss(config: cfg, rng: &rng)
        var theta = loss.network.initialParameters(rng: &rng)
        var gradient = [Double](repeating: 0, count: theta.count)
        var adam = Adam(parameterCount: theta.count, learningRate: 1e-3)
        let evaluator = ParallelLossEvaluator(parameterCount: theta.count, threads: threads)
        var times: [Double] = []
        var first = 0.0, last = 0.0
        for i in 0..<(warmup + iterations) {
            let start = DispatchTime.now().uptimeNanoseconds
            let e = loss.evaluate(theta, gradient: &gradient, evaluator: evaluator)
            adam.update(&theta, gradient: gradient)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            if i == 0 { first = e.total }
            last = e.total
            if i >= warmup { times.append(seconds) }
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : 0.5 * (times[times.count / 2 - 1] + times[times.count / 2])
        let rss = peakResidentMegabytes()
        print("pinn-bench burgers config \(config.rawValue): \(theta.count) parameters, \(cfg.interior) interior points, "
              + "\(threads) threads, gemm \(Gemm.backend.rawValue), chunk \(cfg.chunk)")
        if showPlan {
            let records = GemmPlan.shared.records
            for record in records { print("gemm plan: \(record)") }
            print(String(format: "gemm plan: %d classes planned in %.1f ms", records.count,
                         records.map(\.planningSeconds).reduce(0, +) * 1e3))
        }
        print("loss \(first) -> \(last) after \(warmup + iterations) Adam iterations")
        print(String(format: "s/iter: median %.6f  min %.6f  max %.6f  (%d timed)", median, times.first!, times.last!, times.count))
        print(#"{"peer": "pinn-bench", "dtype": "float64", "config": "\#(config.rawValue)", "median_s_per_iter": \#(median), "min_s_per_iter": \#(times.first!), "max_s_per_iter": \#(times.last!), "peak_rss_mb": \#(rss), "threads": \#(threads)}"#)
    }
}

/// Peak resident set size of this process in MB (Linux ru_maxrss is in kB).
func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}
