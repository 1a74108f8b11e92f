import ENNCore
import Foundation

/// A learned network function sampled on a grid over the box its arguments span.
public struct FunctionSample: Sendable {
    public var name: String
    public var argumentNames: [String]
    /// [lower, upper] of each argument over the training points (where the residuals call it).
    public var trainingRange: [ClosedRange<Double>]
    /// The same over the observation points (nil without observations).
    public var dataRange: [ClosedRange<Double>]?
    /// Row-major [count × arguments]: a tensor grid over `trainingRange`.
    public var arguments: [Double]
    public var values: [Double]
}

extension Trainer {
    /// The unknown parameters in file order, with their values at the current θ.
    public var unknownParameters: [(name: String, value: Double)] {
        zip(models.unknowns, models.values(theta)).map { ($0.parameter.name, $1) }
    }

    /// The observations the data terms fit (nil without `data`).
    public var observations: Observations? { builder.observations }

    /// The function `name` at `arguments` (row-major [count × its inputs]) with the current θ.
    public func evaluateFunction(_ name: String, at arguments: [Double]) -> [Double] {
        guard let mlp = models.functions[name] else { preconditionFailure("Trainer.evaluateFunction: no function '\(name)'") }
        let k = mlp.inputs
        let layout = JetLayout.valueOnly(inputCount: k)
        var result: [Double] = []
        result.reserveCapacity(arguments.count / k)
        theta.withUnsafeBufferPointer { th in
            for range in ParallelLossEvaluator.chunks(count: arguments.count / k, chunk: 2048) {
                forwardTape.begin(parameters: th.baseAddress!)
                let x = forwardTape.constant(Array(arguments[(k * range.lowerBound)..<(k * range.upperBound)]),
                                             shape: JetShape(components: 1, rows: range.count, cols: k), layout: layout)
                result += forwardTape.value(mlp(x, on: forwardTape))
            }
        }
        return result
    }

    /// [lower, upper] of every function's arguments where the residuals are evaluated at
    /// `points` ([N × inputs]), by function name.
    func argumentRanges(at points: [Double]) -> [String: [ClosedRange<Double>]] {
        guard let layout = loss.groups.first(where: { if case .interior = $0.role { return true } else { return false } })?.layout,
              !points.isEmpty else { return [:] }
        let d = problem.inputs.count
        var lower: [String: [Double]] = [:], upper: [String: [Double]] = [:]
        theta.withUnsafeBufferPointer { th in
            for range in ParallelLossEvaluator.chunks(count: points.count / d, chunk: 1024) {
                forwardTape.begin(parameters: th.baseAddress!)
                let tape = forwardTape
                _ = loss.residuals(tape: tape, points: Array(points[(d * range.lowerBound)..<(d * range.upperBound)]),
                                   layout: layout) { name, x in
                    let s = tape.shape(x), v = tape.value(x)
                    var lo = lower[name] ?? [Double](repeating: .infinity, count: s.cols)
                    var hi = upper[name] ?? [Double](repeating: -.infinity, count: s.cols)
                    for r in 0..<s.rows {
                        for j in 0..<s.cols { lo[j] = min(lo[j], v[r * s.cols + j]); hi[j] = max(hi[j], v[r * s.cols + j]) }
                    }
                    lower[name] = lo
                    upper[name] = hi
                }
            }
        }
        var ranges: [String: [ClosedRange<Double>]] = [:]
        for (name, lo) in lower {
            ranges[name] = zip(lo, upper[name]!).map { $0.isFinite && $1.isFinite && $0 <= $1 ? $0...$1 : 0...0 }
        }
        return ranges
    }

    /// Every network function sampled on a grid over the range its arguments take at the
    /// current training points (201 points for one argument; for more, a grid of about 4 000:
    /// 63² for two, 15³ for three, 7⁴ for four).
    public func functionSamples() -> [FunctionSample] {
        let interior = loss.groups.first { if case .interior = $0.role { return true } else { return false } }?.points ?? []
        let training = argumentRanges(at: interior)
        let data = observations.map { argumentRanges(at: $0.points) }
        return problem.inverse.functions.map { f in
            let range = training[f.name] ?? [ClosedRange<Double>](repeating: 0...0, count: f.spec.inputs)
            let arguments = Self.tensorGrid(range, total: f.spec.inputs == 1 ? 201 : 4000)
            return FunctionSample(name: f.name, argumentNames: f.argumentNames, trainingRange: range, dataRange: data?[f.name],
                                  arguments: arguments, values: evaluateFunction(f.name, at: arguments))
        }
    }

    /// Row-major points of a tensor grid over `ranges` with about `total` points in all (at
    /// least 2 per axis), the last argument varying fastest.
    static func tensorGrid(_ ranges: [ClosedRange<Double>], total: Int) -> [Double] {
        let k = ranges.count
        let perAxis = max(2, Int(Foundation.pow(Double(total), 1 / Double(k)).rounded(.down)))
        let axes = ranges.map { r in (0..<perAxis).map { r.lowerBound + (r.upperBound - r.lowerBound) * Double($0) / Double(perAxis - 1) } }
        var result: [Double] = []
        var index = [Int](repeating: 0, count: k)
        for _ in 0..<Int(Foundation.pow(Double(perAxis), Double(k))) {
            for a in 0..<k { result.append(axes[a][index[a]]) }
            var a = k - 1
            while a >= 0 { index[a] += 1; if index[a] < perAxis { break }; index[a] = 0; a -= 1 }
        }
        return result
    }
}
