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
        let world = Communicator.world
        var communication: [Double] = [] // seconds per iteration in the sum over ranks (under mpirun)
        for i in 0..<(warmup + iterations) {
            let t0 = DispatchTime.now().uptimeNanoseconds, c0 = world.communicationSeconds
            trainer.benchmarkStep(adam: &adam, gradient: &gradient)
            if i >= warmup {
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
                communication.append(world.communicationSeconds - c0)
            }
        }
        let transfer = world.isDistributed ? BenchCommand.sumSeconds(world, count: trainer.parameterCount + 2, repeats: 50) : 0
        guard world.isRoot else { return }
        times.sort()
        let median = BenchCommand.median(times)
        print("\(file): \(trainer.parameterCount) parameters, \(common.threads) threads")
        print(String(format: "s/iter: median %.6f  min %.6f  max %.6f  (%d timed)", median, times.first!, times.last!, times.count))
        var ranks = ""
        if world.isDistributed {
            // The sum's time in training includes waiting for the slowest rank (load
            // imbalance); the same sum timed with the ranks in step is the transfer alone.
            let c = BenchCommand.median(communication.sorted())
            print(String(format: "ranks %d: sum over ranks in training (gather + wait) median %.6f s/iter, %.1f %% of the median "
                         + "iteration; the sum alone (ranks in step) %.6f s, %.1f %%", world.size, c, 100 * c / median,
                         transfer, 100 * transfer / median))
            ranks = #", "ranks": \#(world.size), "median_communication_s_per_iter": \#(c), "sum_alone_s": \#(transfer)"#
        }
        print(#"{"file": "\#(file)", "median_s_per_iter": \#(median), "min_s_per_iter": \#(times.first!), "max_s_per_iter": \#(times.last!), "threads": \#(common.threads)\#(ranks)}"#)
    }

    /// Median seconds of one sum over ranks of `count` doubles (the gradient's size), each
    /// after a one-double sum that brings the ranks in step, so no rank waits for another.
    static func sumSeconds(_ world: Communicator, count: Int, repeats: Int) -> Double {
        var buffer = [Double](repeating: 1, count: count), step = [0.0]
        let seconds = (0..<repeats).map { _ -> Double in
            world.sumInRankOrder(&step)
            let t0 = DispatchTime.now().uptimeNanoseconds
            world.sumInRankOrder(&buffer)
            return Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
        }
        return median(seconds.sorted())
    }

    static func median(_ sorted: [Double]) -> Double {
        sorted.count % 2 == 1 ? sorted[sorted.count / 2] : 0.5 * (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2])
    }
}
