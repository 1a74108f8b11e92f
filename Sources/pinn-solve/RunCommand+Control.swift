import Foundation
import PINN

/// The end of `pinn-solve FILE` for a problem with a `control` section: after training, the
/// closed loops with the network and with the true model, the one-step prediction error,
/// NAME.h5 (the usual result plus /trajectory and /baseline) and NAME.xdmf, and NAME.png
/// with both loops.
extension RunCommand {
    func finishControlProblem(solver: Solver, stageMarks: [StageMark], start: Date) throws {
        guard let settings = solver.problem.control else { return }
        let progress = ProgressDisplay(stages: [("closed loops", settings.periods)], termNames: [], quiet: quiet)
        let outcome = ControlRun.run(trainer: solver.trainer, seed: common.seed) { done, cost in
            progress.update(stage: 0, iteration: done, loss: cost, terms: [], learningRate: nil, errors: [])
        }
        progress.stageFinished(stage: 0, message: String(format: "IAE %.4g (network), %.4g (RK4)",
                                                         outcome.network.iae, outcome.baseline.iae))
        progress.finish()

        var result = solver.result(wallSeconds: Date().timeIntervalSince(start))
        result.extraAttributes.merge(ControlResultWriter.attributes(outcome)) { _, new in new }
        var files: [URL]
        do {
            files = try ControlResultWriter.write(result, outcome: outcome, states: settings.states,
                                                  to: URL(fileURLWithPath: output))
        } catch {
            throw RuntimeFailure(message: "writing \(output)/\(solver.name).h5 failed: \(error)")
        }
        var pictureFailure: String?
        if !noPNG {
            do {
                files.append(try ClosedLoopPicture.write(result, outcome: outcome, settings: settings, stages: stageMarks,
                                                         to: URL(fileURLWithPath: output)))
            } catch {
                pictureFailure = "writing \(output)/\(solver.name).png failed: \(error) "
                    + "(\(solver.name).h5 and \(solver.name).xdmf are written)"
            }
        }
        printControlSummary(outcome, settings: settings, result: result, files: files)
        if let pictureFailure { throw RuntimeFailure(message: pictureFailure) }
    }

    private func printControlSummary(_ outcome: ControlOutcome, settings: ControlSettings, result: SolveResult,
                                     files: [URL]) {
        let network = outcome.network, baseline = outcome.baseline
        print("")
        print("closed loop, \(String(format: "%g", settings.duration)) s   IAE        mean solve time per step   "
              + "mean iterations")
        for (name, loop) in [("network model", network), ("true model (RK4)", baseline)] {
            print(name.padding(toLength: 19, withPad: " ", startingAt: 0)
                  + String(format: "%9.4f   %10.2f ms (CPU %.2f ms)   %8.1f", loop.iae, loop.meanWallSeconds * 1e3,
                           loop.meanCPUSeconds * 1e3, loop.meanIterations))
        }
        print(String(format: "IAE ratio (network / true model) %.4f", outcome.iaeRatio))
        let e = outcome.predictionError
        print(String(format: "one-step prediction error (max abs over %d random states and controls, τ = %g): %.3e "
                     + "(rms %.3e)", e.samples, settings.period, e.maximum, e.rootMeanSquare))
        print(String(format: "RK4 steps: plant %g, true model %g", outcome.plantStep, outcome.modelStep))
        print(String(format: "wall time %.1f s", result.wallSeconds))
        for f in files { print("wrote \(f.path)") }
    }
}
