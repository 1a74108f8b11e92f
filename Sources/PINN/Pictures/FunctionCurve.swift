import Foundation

/// A learned network function of one argument (`functions` in the problem file) as the
/// picture draws it: its values over the range its argument took while training and, when
/// `expect.functions` gives one, the expected expression at the same arguments.
public struct FunctionCurve: Sendable, Equatable {
    /// "R".
    public var name: String
    /// The argument's name: "u" for `R(u)`.
    public var argument: String
    /// Increasing argument values (the sample written to /functions/NAME/arguments).
    public var arguments: [Double]
    public var learned: [Double]
    /// The expected expression at `arguments` (nil without `expect.functions`).
    public var expected: [Double]?
    /// The expression as written ("u*(1 - u)").
    public var expectedSource: String?
    /// max |learned − expected| over `checkRange`, as the run reports it, and its bound.
    public var maxError: Double?
    public var bound: Double?
    public var checkRange: ClosedRange<Double>?

    public init(name: String, argument: String, arguments: [Double], learned: [Double], expected: [Double]? = nil,
                expectedSource: String? = nil, maxError: Double? = nil, bound: Double? = nil,
                checkRange: ClosedRange<Double>? = nil) {
        precondition(arguments.count == learned.count && (expected?.count ?? learned.count) == learned.count,
                     "FunctionCurve \(name): \(arguments.count) arguments, \(learned.count) learned, \(expected?.count ?? -1) expected values")
        self.name = name
        self.argument = argument
        self.arguments = arguments
        self.learned = learned
        self.expected = expected
        self.expectedSource = expectedSource
        self.maxError = maxError
        self.bound = bound
        self.checkRange = checkRange
    }
}

extension FunctionCurve {
    /// The curve of a function report with one argument (nil for several: a surface, not drawn).
    init?(_ function: InverseReport.Function) {
        let sample = function.sample
        guard sample.argumentNames.count == 1 else { return nil }
        let name = sample.argumentNames[0]
        let expected = function.expected.map { e in sample.arguments.map { e.value.evaluate([name: $0]) } }
        self.init(name: sample.name, argument: name, arguments: sample.arguments, learned: sample.values,
                  expected: expected, expectedSource: function.expected?.source, maxError: function.maxError,
                  bound: function.expected?.maxError, checkRange: function.expected == nil ? nil : function.checkRange[0])
    }
}

extension ResultPicture {
    /// One row per learned function of one argument: the function beside the expected
    /// expression (dashed), then their difference (too small to see in the first panel when
    /// the function is learned well), with the range the bound applies to marked.
    static func functionRows(_ result: SolveResult) -> [[PicturePanel]] {
        result.functionCurves.map { curve in
            let size = (width: 440.0, height: 300.0)
            let call = "\(curve.name)(\(curve.argument))"
            let trained = "trained over \(curve.argument) ∈ [\(AxisTicks.short(curve.arguments.first ?? 0)), "
                + "\(AxisTicks.short(curve.arguments.last ?? 0))]"
            var series = [LineSeries(name: "learned", x: curve.arguments, y: curve.learned, colour: LinePalette.colour(4),
                                     width: 1.8)]
            if let expected = curve.expected {
                series.append(LineSeries(name: curve.expectedSource ?? "expected", x: curve.arguments, y: expected,
                                         colour: .black, dash: [5, 3]))
            }
            var row: [PicturePanel] = [LinePlotPanel(
                title: curve.expected == nil ? "\(call), learned" : "\(call), learned and expected", subtitle: trained,
                horizontalName: curve.argument, verticalName: call, series: series, logarithmic: false, frameSize: size)]
            if let expected = curve.expected {
                let difference = zip(curve.learned, expected).map { $0 - $1 }
                var note = ""
                if let error = curve.maxError, let range = curve.checkRange {
                    note = "max |difference| \(AxisTicks.short(error)) over [\(AxisTicks.short(range.lowerBound)), "
                        + "\(AxisTicks.short(range.upperBound))]" + (curve.bound.map { " (bound \(AxisTicks.short($0)))" } ?? "")
                }
                let marks = curve.checkRange.map { [(x: $0.lowerBound, label: ""), (x: $0.upperBound, label: "")] } ?? []
                row.append(LinePlotPanel(
                    title: "\(call) − (\(curve.expectedSource ?? "expected"))", subtitle: note,
                    horizontalName: curve.argument, verticalName: "difference",
                    series: [LineSeries(name: "difference", x: curve.arguments, y: difference, colour: LinePalette.colour(5))],
                    logarithmic: false, marks: marks, frameSize: size))
            }
            return row
        }
    }
}
