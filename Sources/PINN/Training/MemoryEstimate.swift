import ENNCore
import Foundation

/// What a run of a problem will hold in memory at its peak, estimated from the validated
/// problem alone, before anything large is allocated: `pinn-solve check` prints it, and the
/// solver, the trainer and `pinn-solve reference` refuse (as bad input, exit 2) a problem whose
/// estimate exceeds the machine's available memory, instead of aborting in the allocator
/// minutes later.
///
/// Every count is multiplied in Double, so sizes whose products overflow Int (a 10¹⁰ × 10¹⁰
/// grid) give a finite, huge estimate rather than a trap. The formula, in doubles (8 bytes):
///
/// - collocation points: Σ over groups of count·(d + outputs) (interior, every condition's
///   points, observations drawn from the reference), × 2 when a stage keeps a validation set,
///   plus RAD's candidate pool, candidates·(d + 2) (points, residual, probability);
/// - network tapes, per thread: 4 · rows · Σ layer widths, where rows is the largest batch a
///   tape records (128 points × the interior jet's components when training, 1 024 × them
///   for RAD's forward residuals, 2 048 value-only rows for predictions) and 4 counts the
///   layer output, the activation and their backward buffers; plus one gradient of P doubles
///   per thread;
/// - parameters: 4·P (θ, the gradient, the best or last good θ, a trial point);
/// - optimizer state, the largest stage (one stage's optimizer lives at a time): Adam 3P,
///   L-BFGS (2m + 4)·P, dense BFGS 2P² (H and the full copy made when it is restored),
///   Levenberg–Marquardt (threads + 1)·P² (JᵀJ, its Cholesky factor, one more sum per extra
///   thread) + threads · 512 · P (the Jacobian row panels);
/// - loss history: one row of terms + 1 doubles (and a 32-byte array header) per iteration;
/// - output grid: G·(2d + 5·outputs) for G grid points (the points twice, predictions,
///   fields, reference as computed and mean-free, error); no derivative fields are written;
/// - reference solver: Burgers spectral 24M + nx·M, heat 1-D M·(nt + 2nx), heat 2-D
///   24M² + 2M(nx + ny), vorticity 2-D 40M² + 4·nt·M² (M modes per axis); analytic G·(d + 4);
/// - control: two closed loops of periods · plant steps · (states + 2), the horizon's L-BFGS
///   history and sensitivities H·(2m + (n + 1)² + 4n), prediction samples · (d + 2n).
///
/// It is meant as an upper bound. Measured (peak resident set of `pinn-solve FILE --threads 2`
/// by /usr/bin/time, minus the 36 MB `pinn-solve check` itself takes; AMD EPYC, AVX-512):
/// Burgers' recipe shortened (921 parameters) 44 MB against an estimate of 48 MB; hidden
/// [256, 256, 256] on 50 000 points with RAD, Adam, 143 MB against 227 MB; hidden [48, 48, 48]
/// with LM, 415 MB against 658 MB.
public struct MemoryEstimate: Sendable {
    /// One line of the breakdown.
    public struct Item: Sendable {
        public let name: String
        public let bytes: Double
        public let detail: String
    }

    public let file: String
    public let items: [Item]
    public var totalBytes: Double { items.reduce(0) { $0 + $1.bytes } }

    /// Rows a training tape records at once (`PINNLoss`'s default chunk).
    static let trainingChunk = 128.0
    /// Rows of RAD's forward-only residual passes (`PINNLoss.residualMagnitudes`).
    static let residualChunk = 1024.0
    /// Rows of the prediction passes (`Trainer.predict`).
    static let predictionChunk = 2048.0
    /// Jacobian rows per thread of a Levenberg–Marquardt panel (`NormalEquationsBuilder`).
    static let jacobianPanelRows = 512.0

    /// The estimate for running `problem` on `threads` threads.
    public init(problem: Problem, threads: Int) {
        file = problem.file
        let b = 8.0
        let d = Double(problem.inputs.count), o = Double(problem.outputs.count), t = Double(max(threads, 1))
        let p = MemoryEstimate.parameterCount(problem)
        var items: [Item] = []

        // Collocation points.
        let interior = problem.residuals.isEmpty ? 0 : Double(problem.points.interior)
        let conditionPoints = problem.conditions.filter(\.isLossTerm).reduce(0.0) { $0 + Double($1.points) }
        var observations = 0.0
        if case .fromReference(let r, _)? = problem.inverse.data { observations = Double(r.points) }
        if case .observations(let obs)? = problem.inverse.data { observations = Double(obs.count) }
        let validation = problem.training.contains(where: MemoryEstimate.keepsBest) ? 2.0 : 1.0
        let candidates = Double(problem.radCandidates ?? 0)
        let pointBytes = b * ((interior + conditionPoints) * (d + o) * validation + observations * (d + o) + candidates * (d + 2))
        items.append(Item(name: "collocation points", bytes: pointBytes,
                          detail: "\(Self.count(interior)) interior, \(Self.count(conditionPoints)) on conditions"
                              + (observations > 0 ? ", \(Self.count(observations)) observations" : "")
                              + (candidates > 0 ? ", \(Self.count(candidates)) RAD candidates" : "")
                              + (validation > 1 ? ", a validation copy" : "")))

        // Network tapes.
        let components = Double(MemoryEstimate.interiorJetComponents(problem))
        let widths = MemoryEstimate.layerWidths(problem).reduce(0, +)
        let rows = max(Self.trainingChunk * components, (candidates > 0 ? Self.residualChunk * components : 0), Self.predictionChunk)
        items.append(Item(name: "network tapes", bytes: t * b * (4 * rows * widths + p),
                          detail: "\(threads) × (\(Self.count(rows)) jet rows × \(Self.count(widths)) layer widths)"))

        items.append(Item(name: "parameters", bytes: 4 * b * p, detail: "\(Self.count(p)) parameters"))

        // Optimizer state: the largest stage.
        var optimizer = 0.0, largest = "no stages"
        for stage in problem.training {
            let (bytes, detail): (Double, String)
            switch stage {
            case .adam: (bytes, detail) = (b * 3 * p, "adam: 3 × P")
            case .lbfgs(let s): (bytes, detail) = (b * (2 * Double(s.history) + 4) * p, "lbfgs: \(2 * s.history + 4) × P")
            case .bfgs: (bytes, detail) = (b * 2 * p * p, "bfgs: 2 × P² (P = \(Self.count(p)))")
            case .lm: (bytes, detail) = (b * ((t + 1) * p * p + t * Self.jacobianPanelRows * p),
                                         "lm: \(threads + 1) × P² + \(threads) × 512 × P (P = \(Self.count(p)))")
            }
            if bytes > optimizer { optimizer = bytes; largest = detail }
        }
        items.append(Item(name: "optimizer state", bytes: optimizer, detail: largest))

        // One row per iteration: the terms and the total, plus an array's 32-byte header.
        let iterations = problem.training.reduce(0.0) { $0 + Double($1.iterations) }
        items.append(Item(name: "loss history", bytes: iterations * (b * Double(problem.lossTerms.count + 1) + 32),
                          detail: "\(Self.count(iterations)) iterations × \(problem.lossTerms.count + 1) columns"))

        items += MemoryEstimate.gridItems(problem, reference: problem.reference)

        if let c = problem.control {
            let n = Double(c.states.count), h = Double(c.horizon)
            let loops = 2 * Double(c.periods) * Double(c.plantStepsPerPeriod) * (n + 2)
            let horizon = h * (2 * Double(c.optimizer.history) + (n + 1) * (n + 1) + 4 * n)
            let samples = Double(c.predictionSamples) * (d + 2 * n)
            items.append(Item(name: "control", bytes: b * (loops + horizon + samples),
                              detail: "\(c.periods) periods × \(c.plantStepsPerPeriod) plant steps, horizon \(c.horizon)"))
        }
        self.items = items
    }

    /// The estimate for `pinn-solve reference`: the output grid and the reference solver only.
    public init(referenceOf problem: Problem, method: ReferenceMethod) {
        file = problem.file
        var reference = problem.reference
        if method == .spectral, case .spectral? = reference {} else if method == .spectral {
            reference = (try? ReferenceEvaluator.inferredSpectral(problem)).map { .spectral($0) }
        }
        items = MemoryEstimate.gridItems(problem, reference: reference)
    }

    /// The output grid's fields and the reference solver's own arrays.
    private static func gridItems(_ problem: Problem, reference: Reference?) -> [Item] {
        let d = Double(problem.inputs.count), o = Double(problem.outputs.count)
        let axes = problem.inputs.map { Double(problem.grid[$0] ?? OutputSpec.defaultPoints) }
        let g = axes.reduce(1, *)
        var items = [Item(name: "output grid", bytes: 8 * g * (2 * d + 5 * o),
                          detail: axes.map { count($0) }.joined(separator: " × ") + " points")]
        let solver = referenceBytes(problem, reference: reference, axes: axes, gridPoints: g)
        if solver.bytes > 0 { items.append(Item(name: "reference solver", bytes: 8 * solver.bytes, detail: solver.detail)) }
        return items
    }

    /// Whether a stage draws a validation set as large as the training points (`BestIterate`).
    private static func keepsBest(_ stage: TrainingStageSpec) -> Bool {
        switch stage {
        case .adam: return false
        case .lbfgs(let s): return s.keepBest
        case .bfgs(let s): return s.keepBest
        case .lm(let s): return s.keepBest
        }
    }

    /// Network parameters (solution network, embedded functions, unknowns), as a Double.
    public static func parameterCount(_ problem: Problem) -> Double {
        var total = layerPairs([Double(embeddedInputs(problem))] + problem.network.hidden.map(Double.init) + [Double(problem.outputs.count)])
        for f in problem.inverse.functions {
            total += layerPairs([Double(f.spec.inputs)] + f.spec.hidden.map(Double.init) + [1])
        }
        return total + Double(problem.inverse.unknowns.count)
    }

    /// Σ (wᵢ + 1)·wᵢ₊₁.
    private static func layerPairs(_ widths: [Double]) -> Double {
        zip(widths, widths.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
    }

    /// Columns entering the first layer (a periodic input enters as cos and sin; Fourier
    /// features replace the inputs they embed by 2·features).
    private static func embeddedInputs(_ problem: Problem) -> Int {
        let d = problem.inputs.count
        if !problem.periodicEmbedding.isEmpty { return d + problem.periodicEmbedding.count }
        guard let f = problem.network.fourier else { return d }
        let embedded = f.inputs.map { Set($0).count } ?? d
        return Int(min(Double(f.features) * 2 + Double(d - embedded), Double(Int.max / 2)))
    }

    /// Widths of every layer output a tape holds: the embedding, the hidden layers, the outputs.
    static func layerWidths(_ problem: Problem) -> [Double] {
        [Double(embeddedInputs(problem))] + problem.network.hidden.map(Double.init) + [Double(problem.outputs.count)]
    }

    /// Components of the interior jet: the value and every derivative the residuals need,
    /// with the lower-order ones the chain rule needs (as `JetLayout` builds it).
    static func interiorJetComponents(_ problem: Problem) -> Int {
        let requested = problem.residuals.flatMap(\.derivatives).map { Partial($0.inputIndices(in: problem.inputs)) }
        return JetLayout(inputCount: problem.inputs.count, requested: requested).count
    }

    /// Doubles a reference solver holds besides the grid fields.
    private static func referenceBytes(_ problem: Problem, reference: Reference?, axes: [Double],
                                       gridPoints g: Double) -> (bytes: Double, detail: String) {
        func axis(_ name: String?) -> Double { name.flatMap { problem.inputs.firstIndex(of: $0) }.map { axes[$0] } ?? 1 }
        let nt = axis(problem.timeInput)
        let nx = axis(problem.spatialInputs.first), ny = axis(problem.spatialInputs.dropFirst().first)
        switch reference {
        case nil, .builtin(.ghiaCavityRe100)?: return (0, "")
        case .builtin(.burgersColeHopf)?: return (g, "Cole–Hopf on the grid")
        case .analytic?: return (g * (Double(problem.inputs.count) + 4), "analytic on the grid")
        case .spectral(let s)?:
            switch s.solver {
            case .burgers:
                let m = Double(s.modes ?? SpectralBurgers.defaultPoints)
                return (24 * m + nx * m, "spectral Burgers, \(count(m)) modes")
            case .heat where problem.spatialInputs.count == 1:
                let m = Double(s.modes ?? 256)
                return (m * (nt + 2 * nx), "spectral heat, \(count(m)) modes")
            case .heat:
                let m = Double(s.modes ?? 128)
                return (24 * m * m + 2 * m * (nx + ny), "spectral heat, \(count(m))² modes")
            case .vorticity2D:
                let m = Double(s.modes ?? VorticityReference.defaultModes)
                return (40 * m * m + 4 * nt * m * m, "spectral vorticity, \(count(m))² modes × \(count(nt)) times")
            }
        }
    }

    /// 4096, 1.0e+12: counts as a user reads them.
    static func count(_ x: Double) -> String {
        x < 1e9 ? String(Int(x)) : String(format: "%.1e", x)
    }

    /// "12.3 MB", "8.0 TB".
    public static func bytes(_ x: Double) -> String {
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = x, unit = 0
        while value >= 1000, unit < units.count - 1 { value /= 1000; unit += 1 }
        if value >= 1000 { return String(format: "%.1e B", x) }
        return unit == 0 ? "\(Int(value)) B" : String(format: "%.1f %@", value, units[unit])
    }
}
