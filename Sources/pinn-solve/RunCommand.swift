import ArgumentParser
import ENNCore
import Foundation
import PINN

/// `pinn-solve FILE`: trains, prints the error table, writes DIR/NAME.h5, DIR/NAME.xdmf and
/// (unless --no-png) the picture DIR/NAME.png.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Train on a problem file and write the result (the default command).")

    @Argument(help: "The problem file (JSON), e.g. problems/burgers.json.") var file: String
    @Option(help: "Directory for NAME.h5, NAME.xdmf and NAME.png.") var output = "results"
    @OptionGroup var common: CommonOptions
    @Flag(help: "No progress display (errors and the final table are still printed).") var quiet = false
    @Flag(name: .customLong("no-png"),
          help: "Do not draw NAME.png (colour maps of each output, its reference and error, and the loss curve).")
    var noPNG = false
    @Flag(help: "Continue from DIR/NAME.checkpoint.h5 (same problem text, pinn-solve version, seed and threads).")
    var resume = false
    @Option(name: .customLong("checkpoint-every"),
            help: "Write DIR/NAME.checkpoint.h5 every N iterations (e.g. 500) or seconds (e.g. 30s); 0: only at stage ends and on SIGINT/SIGTERM. Default: output.checkpoint_every of the file, else 60s.")
    var checkpointEvery: CheckpointCadenceArgument?
    @Flag(name: .customLong("no-checkpoint"), help: "Write no checkpoint at all.")
    var noCheckpoint = false

    func run() throws {
        let start = Date()
        // Under mpirun only rank 0 reports and writes; the other ranks train their share.
        let isRoot = Communicator.world.isRoot
        let quiet = self.quiet || !isRoot
        // The matrix-product kernels this machine chose before (`GemmWisdom`), so that runs of
        // one problem use the same kernels and give the same bits; this run's choices are added.
        GemmWisdom.load()
        defer { if isRoot { GemmWisdom.save() } }
        let solver = try loadSolver(file, seed: common.seed, threads: common.threads)
        do {
            try AtomicOutput.prepareDirectory(URL(fileURLWithPath: output))
        } catch {
            throw InputFailure(message: "--output \(output): \(error)")
        }
        let problem = solver.problem
        let checkpointURL = CheckpointFile.url(directory: URL(fileURLWithPath: output), name: solver.name)
        if resume { try resumeRun(solver, from: checkpointURL) }
        if !noCheckpoint && isRoot { // every rank holds the same state; rank 0 writes it
            solver.checkpointing = CheckpointSettings(url: checkpointURL,
                                                      cadence: checkpointEvery?.cadence ?? problem.spec.output.checkpointCadence)
        }
        if isRoot { Communicator.world.abandonNote = { checkpointNote(solver, checkpointURL) } }
        if !quiet {
            print("\(problem.name): \(solver.trainer.parameterCount) parameters, "
                  + "\(problem.points.interior) interior points, "
                  + (Communicator.world.isDistributed ? "\(Communicator.world.size) MPI ranks × " : "")
                  + "\(common.threads) threads, seed \(common.seed)")
            fflush(stdout) // before the progress display writes to stderr
        }
        let recorder = solver.errorRecorder
        let progress = ProgressDisplay(stages: problem.training.map { ($0.optimizer.rawValue, $0.iterations) },
                                       termNames: problem.lossTerms, errorNames: recorder?.outputs ?? [],
                                       errorLabel: recorder?.metric == .maxAbsolute ? "max_abs" : "err",
                                       parameterNames: solver.trainer.unknownParameters.map(\.name), quiet: quiet)
        Trainer.stopOnSignals()
        var currentStage = -1
        var lastLoss = Double.nan
        let failure = solver.train { event in
            if event.stage != currentStage {
                if currentStage >= 0 { progress.stageFinished(stage: currentStage, message: String(format: "loss %.3e", lastLoss)) }
                currentStage = event.stage
            }
            lastLoss = event.loss
            progress.update(stage: event.stage, iteration: event.iteration, loss: event.loss, terms: event.terms,
                            learningRate: event.learningRate, errors: recorder?.latest ?? [],
                            parameters: solver.trainer.unknownParameters.map(\.value))
        }
        if currentStage >= 0 {
            let reason = solver.trainer.stopReasons[currentStage] ?? ""
            progress.stageFinished(stage: currentStage, message: String(format: "loss %.3e", lastLoss) + (reason.isEmpty ? "" : "; \(reason)"))
        }
        progress.finish()
        if !isRoot { return try finishOtherRank(failure) }
        let stageMarks = stageMarks(solver)
        if solver.problem.control != nil, failure == nil {
            return try finishControlProblem(solver: solver, stageMarks: stageMarks, start: start)
        }

        if let failure = solver.checkpointLog.failure { printError(failure) }
        let wall = solver.resumedSeconds + Date().timeIntervalSince(start)
        var result = solver.result(wallSeconds: wall)
        if let failure { result.extraAttributes["failed"] = 1; printError(failure.description) }
        var files: [URL]
        do {
            files = try ResultWriter.write(result, to: URL(fileURLWithPath: output))
        } catch {
            let kept = solver.checkpointLog.count > 0 && solver.checkpointLog.failure == nil
                ? "; the trained parameters are in \(checkpointURL.path) (write the results with: \(resumeCommand()))" : ""
            throw RuntimeFailure(message: "writing \(output)/\(solver.name).h5 failed: \(error)" + kept)
        }
        // The picture comes after the data: if it cannot be written, the .h5 and .xdmf are
        // already in place, and the run still ends with an error.
        var pictureFailure: String?
        if !noPNG {
            do {
                files.append(try ResultPicture.write(result, stages: stageMarks, to: URL(fileURLWithPath: output)))
            } catch {
                pictureFailure = "writing \(output)/\(solver.name).png failed: \(error) "
                    + "(\(solver.name).h5 and \(solver.name).xdmf are written)"
            }
        }
        printSummary(solver: solver, result: result, files: files)
        printCheckpoints(solver, checkpointURL, interrupted: failure.map { if case .interrupted = $0 { true } else { false } } ?? false)
        if let pictureFailure, failure != nil { printError(pictureFailure) }  // the run's own failure is the exit reason
        switch failure {
        case nil: break
        case .interrupted?:
            let signal = Trainer.stopSignal == SIGTERM ? SIGTERM : SIGINT
            throw RuntimeFailure(message: "interrupted (\(signal == SIGTERM ? "SIGTERM" : "SIGINT"))", code: 128 + signal)
        default: throw RuntimeFailure(message: "run failed (see above); the result holds the last good parameters")
        }
        if let pictureFailure { throw RuntimeFailure(message: pictureFailure) }
    }

    /// A rank other than 0 writes nothing; it ends with the run's exit code.
    private func finishOtherRank(_ failure: SolveError?) throws {
        switch failure {
        case nil: return
        case .interrupted?:
            let signal = Trainer.stopSignal == SIGTERM ? SIGTERM : SIGINT
            throw RuntimeFailure(message: "rank \(Communicator.world.rank): interrupted", code: 128 + signal)
        case let failure?: throw RuntimeFailure(message: "rank \(Communicator.world.rank): \(failure.description)")
        }
    }

    private func printSummary(solver: Solver, result: SolveResult, files: [URL]) {
        let problem = solver.problem
        print("")
        if let comparison = result.pointComparison {
            printDeviations(comparison, expected: problem.expectedMaxAbsolute)
        } else if result.relativeL2.isEmpty {
            print("no reference: errors not computed")
        } else {
            print("output   rel. L2 error   expected ≤    status")
            for name in problem.outputs {
                guard let e = result.relativeL2[name] else { continue }
                print(row(name, String(format: "%13.3e", e), e, problem.expectedRelativeL2[name]))
            }
        }
        for line in solver.inverseReport?.lines ?? [] { print(line) }
        let published = (problem.spec.expect?.published ?? []).filter { !$0.relativeL2.isEmpty }
        if !published.isEmpty {
            // One metric throughout: named once in the header; otherwise on every entry.
            let metrics = published.map { p in [("rel. L2", p.relativeL2), ("max abs", p.maxAbsolute)].filter { !$0.1.isEmpty } }
            let labels = Set(metrics.flatMap { $0.map(\.0) })
            print("published for this problem" + (labels.count == 1 ? " (\(labels.first!)):" : ":"))
            for (p, entryMetrics) in zip(published, metrics) {
                let errors = entryMetrics.map { label, values in
                    (labels.count == 1 ? "" : label + " ")
                        + values.entries.map { "\($0.name) " + String(format: "%.1e", $0.value) }.joined(separator: ", ")
                }
                print("  \(errors.joined(separator: "; "))   \(p.source)")
            }
        }
        print(String(format: "wall time %.1f s", result.wallSeconds))
        for f in files { print("wrote \(f.path)") }
    }

    /// The largest deviation of each output at the reference points, where it is, and the bound.
    private func printDeviations(_ comparison: PointComparison, expected: NamedValues<Double>) {
        let reference = comparison.reference
        print("deviation from \(reference.source), largest over the points:")
        print("output   max |Δ|         expected ≤    status        where (Δ = network − reference)")
        for line in reference.lines {
            guard let worst = comparison.worstPoint(of: line.output) else { continue }
            let deviation = abs(worst.deviation)
            let place = "\(line.along) = " + String(format: "%.4f", worst.coordinate)
                + " on \(line.placeDescription) (\(line.values.count) points): Δ = " + String(format: "%+.4f", worst.deviation)
            let text = row(line.output, String(format: "%13.3e", deviation), deviation, expected[line.output])
            print(text.padding(toLength: 50, withPad: " ", startingAt: 0) + "   " + place)
        }
    }

    /// "u            1.234e-02   2.0e-02       ok" (status "-" without a bound).
    private func row(_ name: String, _ value: String, _ error: Double, _ expected: Double?) -> String {
        let status = expected.map { error <= $0 ? "ok" : "NOT REACHED" } ?? "-"
        let expectedText = expected.map { String(format: "%.1e", $0) } ?? "-"
        return name.padding(toLength: 8, withPad: " ", startingAt: 0) + " \(value)   "
            + expectedText.padding(toLength: 11, withPad: " ", startingAt: 0) + "   " + status
    }
}
