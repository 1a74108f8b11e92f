import ArgumentParser
import ENNCore
import Foundation

/// Times the tanh activation kernels on one Burgers-shaped block (u, u_t, u_x, u_xx).
struct ActivationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activation",
        abstract: "Times tanh and the fused tanh-jet forward and backward passes on one block.",
        discussion: """
        The block is a training chunk of one layer: --points × --width doubles per jet component, \
        components (u, u_t, u_x, u_xx) over inputs (x, t) as in the Burgers PINN. Each kernel's best time \
        of --repeats calls, interleaved, in nanoseconds per element of the value block. Best-of-n times of \
        short calls stay comparable on a loaded machine: compare two builds with this, not with medians.
        """)

    @Option(help: "Points per chunk.") var points = 160
    @Option(help: "Layer width.") var width = 20
    @Option(help: "Repetitions per kernel.") var repeats = 2000

    func run() throws {
        if let problem = CPUFeatureCheck.problem() { throw ValidationError(problem) }
        guard points > 0, width > 0, repeats > 0 else { throw ValidationError("--points, --width and --repeats must be positive") }
        let layout = JetLayout(inputCount: 2, requested: [Partial([1]), Partial([0]), Partial([0, 0])])
        let m = points * width
        let r = FusedTanhJetProbe.time(layout: layout, block: m, repeats: repeats)
        let perElement = { (s: Double) in String(format: "%.3f", s / Double(m) * 1e9) }
        print("block \(points) points × width \(width) = \(m) elements, \(layout.count) components, \(FusedTanhJetProbe.defaultLanes)-lane steps, best of \(repeats)")
        print("ns/element: tanh \(perElement(r.tanh))  forward \(perElement(r.forward))  backward \(perElement(r.backward))")
        print(String(format: "{\"tanh_ns\": %.4f, \"forward_ns\": %.4f, \"backward_ns\": %.4f}",
                     r.tanh / Double(m) * 1e9, r.forward / Double(m) * 1e9, r.backward / Double(m) * 1e9))
    }
}
