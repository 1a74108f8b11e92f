import Foundation

/// What an inverse or hybrid run learned besides the fields, compared with the file's
/// `expect` block: the unknown parameters and the network functions. The solver builds it
/// with the result; the command line prints `lines`; the result file gets `attributes` and
/// `datasets`.
public struct InverseReport: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var value: Double
        public var expected: ExpectedParameter?
        /// |value − expected| / |expected| (nil without an expectation).
        public var relativeError: Double? {
            expected.map { Swift.abs(value - $0.value) / Swift.abs($0.value) }
        }
        public var passed: Bool? { expected.map { relativeError! <= $0.relativeError } }
    }

    public struct Function: Sendable {
        public var sample: FunctionSample
        public var expected: ExpectedFunction?
        /// max |learned − expected| over `checkRange` (nil without an expectation).
        public var maxError: Double?
        public var checkRange: [ClosedRange<Double>]
        public var passed: Bool? {
            guard let e = expected, let m = maxError else { return nil }
            return m <= e.maxError
        }
    }

    public var parameters: [Parameter]
    public var functions: [Function]
    /// Rows [iteration, value of each unknown] (`/training/parameter_history`).
    public var parameterHistory: [[Double]]
    public var published: [PublishedResult]

    public var isEmpty: Bool { parameters.isEmpty && functions.isEmpty }

    /// Root attributes: `parameter_<name>` (learned value), `parameter_error_<name>`,
    /// `function_error_<name>` (when expected).
    public var attributes: [String: Double] {
        var a: [String: Double] = [:]
        for p in parameters {
            a["parameter_" + p.name] = p.value
            if let e = p.relativeError { a["parameter_error_" + p.name] = e }
        }
        for f in functions { if let e = f.maxError { a["function_error_" + f.sample.name] = e } }
        return a
    }

    /// `/training/parameter_history` [rows, 1 + unknowns] with columns `iteration`, names;
    /// `/functions/<name>/arguments` [points, arguments] with columns the argument names and
    /// `/functions/<name>/values` [points].
    public var datasets: [ResultDataset] {
        var d: [ResultDataset] = []
        if !parameters.isEmpty, !parameterHistory.isEmpty {
            d.append(ResultDataset(path: "/training/parameter_history", shape: [parameterHistory.count, parameters.count + 1],
                                   values: parameterHistory.flatMap { $0 }, columns: ["iteration"] + parameters.map(\.name)))
        }
        for f in functions {
            let s = f.sample
            d.append(ResultDataset(path: "/functions/\(s.name)/arguments", shape: [s.values.count, s.argumentNames.count],
                                   values: s.arguments, columns: s.argumentNames))
            d.append(ResultDataset(path: "/functions/\(s.name)/values", shape: [s.values.count], values: s.values))
        }
        return d
    }

    /// The printed table.
    public var lines: [String] {
        var out: [String] = []
        if !parameters.isEmpty {
            out.append("parameter   learned         true            rel. error   expected ≤   status")
            for p in parameters {
                let expected = p.expected
                out.append(pad(p.name, 11) + " " + pad(String(format: "%.8g", p.value), 15) + " "
                           + pad(expected.map { String(format: "%.8g", $0.value) } ?? "-", 15) + " "
                           + pad(p.relativeError.map { String(format: "%.3e", $0) } ?? "-", 12) + " "
                           + pad(expected.map { String(format: "%.1e", $0.relativeError) } ?? "-", 12) + " "
                           + (p.passed.map { $0 ? "ok" : "NOT REACHED" } ?? "-"))
            }
            let withErrors = published.filter { !$0.parameterErrors.isEmpty }
            if !withErrors.isEmpty {
                out.append("published for this problem (parameter rel. errors):")
                for p in withErrors {
                    let errors = p.parameterErrors.entries.map { "\($0.name) " + String(format: "%.2e", $0.value) }.joined(separator: ", ")
                    out.append("  \(errors)   \(p.source)")
                }
            }
        }
        for f in functions {
            let s = f.sample
            let trained = zip(s.argumentNames, s.trainingRange).map { "\($0) ∈ [\(format($1.lowerBound)), \(format($1.upperBound))]" }
            out.append("function \(s.name)(\(s.argumentNames.joined(separator: ", "))): trained over \(trained.joined(separator: ", "))")
            guard let e = f.expected, let error = f.maxError else { continue }
            let over = zip(s.argumentNames, f.checkRange).map { "\($0) ∈ [\(format($1.lowerBound)), \(format($1.upperBound))]" }
            out.append("  max |\(s.name) − (\(e.source))| = " + String(format: "%.3e", error) + " over \(over.joined(separator: ", "))"
                       + "; expected ≤ " + String(format: "%.1e", e.maxError) + "   " + (f.passed! ? "ok" : "NOT REACHED"))
        }
        return out
    }

    private func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }
    private func format(_ v: Double) -> String { String(format: "%.4g", v) }
}

extension InverseReport.Function {
    /// The sample compared with `expected` on a grid of `checkRange` (about 1 000 points for
    /// one argument, 10 000 for more), through `evaluate` (the learned function at row-major points).
    init(sample: FunctionSample, expected: ExpectedFunction?, evaluate: ([Double]) -> [Double]) {
        self.sample = sample
        self.expected = expected
        let fallback = sample.dataRange ?? sample.trainingRange
        checkRange = sample.argumentNames.indices.map { i in expected?.over[i] ?? fallback[i] }
        guard let expected else { maxError = nil; return }
        let k = sample.argumentNames.count
        let points = Trainer.tensorGrid(checkRange, total: k == 1 ? 1001 : 10_000)
        let learned = evaluate(points)
        var worst = 0.0
        for (row, value) in learned.enumerated() {
            var env: [String: Double] = [:]
            for (j, name) in sample.argumentNames.enumerated() { env[name] = points[row * k + j] }
            let difference = Swift.abs(value - expected.value.evaluate(env))
            worst = difference.isNaN ? .infinity : max(worst, difference)
        }
        maxError = worst
    }
}
