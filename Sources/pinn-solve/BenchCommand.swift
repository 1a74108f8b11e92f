import ArgumentParser
import ENNCore
import Foundation
import PINN

/// `pinn-solve bench FILE`: times training iterations of the problem as the general path
/// builds them (expressions, conditions, transforms), for comparison with `pinn-bench`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time training iterations (loss + gradient + Adam update) of a problem file.",
        discussion: "Prints median, min and max seconds per iteration; the last line is a JSON object with median_s_per_iter.")

    @Argument(help: "The problem file (JSON).") var file: String
    @Option(help: "Timed iterations.") var iterations = 200
    @Option(help: "Untimed warm-up iterations.") var warmup = 20
    @OptionGroup var common: CommonOptions

    func run() throws {
        let solver = try loadSolver(file, seed: common.seed, threads: common.threads)
        let trainer = solver.trainer
        var adam = Adam(parameterCount: trainer.parameterCount, learningRate: 1e-3)
        var gradient = [Double](repeating: 0, count: trainer.parameterCount)
        var times: [Double] = []
        for i in 0..<(warmup + iterations) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            trainer.benchmarkStep(adam: &adam, gradient: &gradient)
            if i >= warmup { times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9) }
        }
        times.sort()
        let median = times.count % 2 == 1 ? times[times.count / 2] : 0.5 * (times[times.count / 2 - 1] + times[times.count / 2])
        print("\(file): \(trainer.parameterCount) parameters, \(common.threads) threads")
        print(String(format: "s/iter: median %.6f  min %.6f  max %.6f  (%d timed)", median, times.first!, times.last!, times.count))
        print(#"{"file": "\#(file)", "median_s_per_iter": \#(median), "min_s_per_iter": \#(times.first!), "max_s_per_iter": \#(times.last!), "threads": \#(common.threads)}"#)
    }
}
