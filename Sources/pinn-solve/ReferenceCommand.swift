import ArgumentParser
import Foundation
import PINN

extension ReferenceMethod: ExpressibleByArgument {}

/// `pinn-solve reference FILE`: computes the reference solution on the output grid and
/// writes DIR/NAME.reference.h5 (/grid and /reference only) with an .xdmf beside it.
/// With `--convergence`, prints the spectral reference's self-convergence tables instead.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference", abstract: "Write the reference solution on the output grid (NAME.reference.h5).",
        discussion: """
        --convergence solves the file's spectral reference at every --modes (at the smallest --dts) and every \
        --dts (at the largest --modes), compares each with the finest on the output grid (max |f - f_finest| / \
        max |f_finest| per output), prints the tables and writes nothing.
        """)

    @Argument(help: "The problem file (JSON).") var file: String
    @Option(help: "file (as the problem says), analytic, builtin or spectral.") var method: ReferenceMethod = .file
    @Option(help: "Directory for NAME.reference.h5.") var output = "results"
    @Flag(help: "Print the spectral reference's convergence in grid points and time step; write nothing.")
    var convergence = false
    @Option(help: "With --convergence: grid points per axis, comma-separated.") var modes = "32,64,128,256"
    @Option(help: "With --convergence: time steps, comma-separated (default: the file's dt × 8, 4, 2, 1, 1/2).")
    var dts: String?

    func run() throws {
        let start = Date()
        let problem: Problem, text: String
        do { (problem, text) = try ProblemLoader.loadWithText(path: file) } catch let e as ProblemError {
            throw InputFailure(message: e.description)
        }
        do {
            try MemoryEstimate(referenceOf: problem, method: method).refuseIfTooLarge()
        } catch let e as SolveError {
            throw InputFailure(message: e.description)
        }
        let grid = OutputGrid(problem: problem)
        if convergence { return try printConvergence(problem, grid) }
        let reference: [String: [Double]]
        do {
            reference = grid.removingSpatialMean(try ReferenceEvaluator.evaluate(problem, on: grid, method: method),
                                                 outputs: problem.spec.output.meanFree)
        } catch let e as ReferenceEvaluator.Failure {
            throw InputFailure(message: e.description)
        }
        if reference.isEmpty, let points = ReferenceEvaluator.pointReference(problem) {
            let count = points.lines.map(\.values.count).reduce(0, +)
            throw InputFailure(message: "\(file): reference: \(points.source) is given at \(count) points, not as a field "
                                   + "on the grid; `pinn-solve \(file)` writes it beside the network's values in "
                                   + "/reference/\(points.name) of the result")
        }
        guard !reference.isEmpty else { throw InputFailure(message: "\(file): reference: the problem has no reference") }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let url: URL
        do {
            url = try ResultWriter.writeReference(name: name, problemText: text, inputs: problem.inputs, timeInput: problem.timeInput,
                                                  grid: grid.coordinates, outputs: problem.outputs.filter { reference[$0] != nil },
                                                  reference: reference, to: URL(fileURLWithPath: output))
        } catch {
            throw RuntimeFailure(message: "writing the reference failed: \(error)")
        }
        print(String(format: "reference (%@) on %@ grid in %.2f s", method.rawValue,
                     grid.shape.map(String.init).joined(separator: " × "), Date().timeIntervalSince(start)))
        print("wrote \(url.path)")
    }

    /// The two convergence tables (modes, then time step) in Markdown, and the file's settings.
    private func printConvergence(_ problem: Problem, _ grid: OutputGrid) throws {
        guard case .spectral(let base)? = problem.reference else {
            throw InputFailure(message: "\(file): reference: --convergence needs a spectral reference in the file")
        }
        let modeList = try list(modes, "--modes") { Int($0).flatMap { $0 > 0 ? $0 : nil } }
        let stepList: [Double]
        if let dts {
            stepList = try list(dts, "--dts") { Double($0).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } }
        } else if let dt = base.dt {
            stepList = [8, 4, 2, 1, 0.5].map { $0 * dt }
        } else {
            throw InputFailure(message: "\(file): reference.dt is not set: give the time steps with --dts")
        }
        let study: SpectralConvergence
        do {
            study = try SpectralConvergence(problem: problem, grid: grid, base: base, modes: modeList, dts: stepList)
        } catch let e as ReferenceEvaluator.Failure {
            throw InputFailure(message: e.description)
        }
        let columns = study.outputs.map { "\($0)" }.joined(separator: " | ")
        let rule = study.outputs.map { _ in "---:" }.joined(separator: "|")
        func row(_ r: SpectralConvergence.Run) -> String {
            let differences = study.outputs.map { String(format: "%.1e", r.difference[$0]!) }.joined(separator: " | ")
            return "| \(r.modes == 0 ? "default" : String(r.modes)) | \(r.dt.map { "\($0)" } ?? "default") | \(differences) | "
                + String(format: "%.1f", r.seconds) + " |"
        }
        print("\(problem.name): spectral reference '\(base.solver.rawValue)' on the output grid "
              + grid.shape.map(String.init).joined(separator: " × ")
              + "; max |f - f_finest| / max |f_finest| against modes \(modeList.max()!), dt \(stepList.min()!)")
        print("\n| modes | dt | \(columns) | seconds |\n|---:|---:|\(rule)|---:|")
        study.byModes.forEach { print(row($0)) }
        print("\n| modes | dt | \(columns) | seconds |\n|---:|---:|\(rule)|---:|")
        study.byStep.forEach { print(row($0)) }
        print("\nthe file's settings:\n| modes | dt | \(columns) | seconds |\n|---:|---:|\(rule)|---:|")
        print(row(study.shipped))
    }

    private func list<T>(_ text: String, _ option: String, _ parse: (String) -> T?) throws -> [T] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let values = items.compactMap(parse)
        guard !items.isEmpty, values.count == items.count else {
            throw InputFailure(message: "\(option) \(text): expected a comma-separated list of positive numbers")
        }
        return values
    }
}
