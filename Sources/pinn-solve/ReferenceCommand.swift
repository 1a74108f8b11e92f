import ArgumentParser
import Foundation
import PINN

extension ReferenceMethod: ExpressibleByArgument {}

/// `pinn-solve reference FILE`: computes the reference solution on the output grid and
/// writes DIR/NAME.reference.h5 (/grid and /reference only) with an .xdmf beside it.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference", abstract: "Write the reference solution on the output grid (NAME.reference.h5).")

    @Argument(help: "The problem file (JSON).") var file: String
    @Option(help: "file (as the problem says), analytic, builtin or spectral.") var method: ReferenceMethod = .file
    @Option(help: "Directory for NAME.reference.h5.") var output = "results"

    func run() throws {
        let start = Date()
        let problem: Problem, text: String
        do { (problem, text) = try ProblemLoader.loadWithText(path: file) } catch let e as ProblemError {
            throw InputFailure(message: e.description)
        }
        let grid = OutputGrid(problem: problem)
        let reference: [String: [Double]]
        do { reference = try ReferenceEvaluator.evaluate(problem, on: grid, method: method) } catch let e as ReferenceEvaluator.Failure {
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
}
