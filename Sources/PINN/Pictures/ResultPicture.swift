import Foundation

/// Where a training stage begins in the loss history, so the loss curve can mark it.
public struct StageMark: Equatable, Sendable {
    public let name: String
    /// The 1-based row of `/training/loss` (global iteration) of the stage's first iteration.
    public let firstIteration: Int

    public init(name: String, firstIteration: Int) {
        self.name = name
        self.firstIteration = firstIteration
    }
}

/// `DIR/NAME.png`: a picture of a training result, for a look before reading numbers.
///
/// One row per output and slice (`SolveResult.pictureSlices`: the field of a steady 2-D
/// problem; the midpoint and last time of a 2-D + time one; the x–t plane of a 1-D + time
/// one): the network's field and the reference in viridis on a shared colour range, and
/// the signed error network − reference in blue–white–red, symmetric about zero, titled
/// with the output's relative L2 error. An output without a reference shows its field
/// only, its slices side by side in one row. Then one row per learned function of one
/// argument (`FunctionCurve`: the function beside its expected expression, and their
/// difference). Below: the loss curve (every term and the weighted total, log scale, stage
/// starts marked) and, when recorded, the relative L2 error during training.
public enum ResultPicture {
    /// `DIR/NAME.png`.
    public static func url(name: String, in directory: URL) -> URL {
        directory.appendingPathComponent(name + ".png")
    }

    /// Draws `result` and writes `DIR/NAME.png` atomically (a temporary, then rename), so a
    /// failed write leaves an earlier picture as it was. Returns the URL. Throws
    /// `AtomicOutputError` naming the path when the file cannot be written.
    @discardableResult
    public static func write(_ result: SolveResult, stages: [StageMark] = [], to directory: URL) throws -> URL {
        let destination = url(name: result.name, in: directory)
        let canvas = figure(result, stages: stages).render()
        try AtomicOutput.write(to: destination) { try canvas.writePNG(to: $0) }
        return destination
    }

    /// The size of `result`'s picture and where each panel lies in it.
    public static func layout(of result: SolveResult, stages: [StageMark] = []) -> PictureLayout {
        figure(result, stages: stages).layout
    }

    // MARK: - Assembly

    static func figure(_ result: SolveResult, stages: [StageMark]) -> Figure {
        let slices = result.pictureSlices
        let fieldRows = result.outputs.flatMap { output -> [[PicturePanel]] in
            let rows = slices.map { slice in fieldRow(result, output: output, slice: slice) }
            return result.reference[output] == nil ? [rows.flatMap { $0 }] : rows
        }
        let rows = fieldRows + functionRows(result)
        let width = max(Figure.contentWidth(rows), 640)
        return Figure(title: title(result), rows: rows + [trainingRow(result, stages: stages, width: width)])
    }

    /// "burgers: rel. L2 error u 3.35e-6 · seed 0 · 108.2 s" (and a note when the run failed);
    /// an inverse problem adds its learned unknowns: "· l1 0.99954, l2 0.0031832".
    private static func title(_ result: SolveResult) -> String {
        let errors = result.outputs.compactMap { o in result.relativeL2[o].map { "\(o) \(AxisTicks.short($0))" } }
        var parts = [result.name + (errors.isEmpty ? "" : ": rel. L2 error " + errors.joined(separator: ", "))]
        if !result.learnedParameters.isEmpty {
            parts.append(result.learnedParameters.map { "\($0.name) \(ProgressFormat.parameter($0.value))" }
                .joined(separator: ", "))
        }
        parts.append("seed \(result.seed)")
        parts.append(String(format: "%.1f s", result.wallSeconds))
        if result.extraAttributes["failed"] == 1 { parts.append("run failed: last good parameters") }
        return parts.joined(separator: " · ")
    }

    /// Network, reference and error of one output on one slice (the field alone without a reference).
    private static func fieldRow(_ result: SolveResult, output: String, slice: ResultSlice) -> [PicturePanel] {
        let field = result.fields[output]!
        let reference = result.reference[output]
        let error = reference.map { zip(field, $0).map { $0 - $1 } }
        let errorTitle = "\(output), error (network − reference)"
        // The error is over the whole grid; say so where the slice shows only part of it.
        let sliceDimensions: Int
        switch slice {
        case .plane: sliceDimensions = 2
        case .line: sliceDimensions = 1
        }
        let whole = result.axisOrder.count == sliceDimensions ? "" : " (whole grid)"
        let errorNote = result.relativeL2[output].map { "rel. L2 error " + AxisTicks.short($0) + whole }
        switch slice {
        case .plane(let plane):
            let size = FieldPanel.plotSize(for: plane, timeHorizontal: plane.horizontal.name == result.timeInput)
            let range = ColourRange.spanning(([field] + [reference].compactMap { $0 }).map(plane.imageRows))
            let networkTitle = reference == nil ? output : "\(output), network"
            var row = [FieldPanel(title: networkTitle, subtitle: plane.label, slice: plane, array: field, map: .viridis,
                                  range: range, plotSize: size)]
            if let reference, let error {
                row.append(FieldPanel(title: "\(output), reference", subtitle: plane.label, slice: plane, array: reference,
                                      map: .viridis, range: range, plotSize: size))
                row.append(FieldPanel(title: errorTitle, subtitle: ([plane.label] + [errorNote].compactMap { $0 })
                                          .joined(separator: " · "),
                                      slice: plane, array: error, map: .blueWhiteRed,
                                      range: .symmetric(plane.imageRows(of: error)), plotSize: size))
            }
            return row
        case .line(let line):
            let size = (width: 440.0, height: 300.0), x = line.axis.coordinates
            var curves = [LineSeries(name: "network", x: x, y: line.values(of: field), colour: LinePalette.colour(4),
                                     width: 1.8)]
            if let reference {
                curves.append(LineSeries(name: "reference", x: x, y: line.values(of: reference), colour: .black,
                                         dash: [5, 3]))
            }
            var row: [PicturePanel] = [LinePlotPanel(
                title: reference == nil ? output : "\(output), network and reference", subtitle: line.label,
                horizontalName: line.axis.name, verticalName: output, series: curves, logarithmic: false, frameSize: size)]
            if let error {
                row.append(LinePlotPanel(
                    title: errorTitle, subtitle: ([line.label] + [errorNote].compactMap { $0 }).joined(separator: " · "),
                    horizontalName: line.axis.name, verticalName: "error",
                    series: [LineSeries(name: "error", x: x, y: line.values(of: error), colour: LinePalette.colour(5))],
                    logarithmic: false, frameSize: size))
            }
            return row
        }
    }

    /// The loss curve, and beside it the error during training when it was recorded,
    /// together `width` wide.
    static func trainingRow(_ result: SolveResult, stages: [StageMark], width: Double) -> [PicturePanel] {
        let height = 300.0
        let marks = stages.map { (x: Double($0.firstIteration), label: $0.name) }
        let iterations = result.lossHistory.indices.map { Double($0 + 1) }
        var curves: [LineSeries] = []
        for (c, name) in result.lossColumns.enumerated() {
            let values = result.lossHistory.map { $0[c] }
            if name == "total" {
                curves.insert(LineSeries(name: name, x: iterations, y: values, colour: .black, width: 2.6), at: 0)
            } else {
                curves.append(LineSeries(name: name, x: iterations, y: values, colour: termColour(curves.count)))
            }
        }
        let errors = errorCurves(result.errorHistory)
        let errorWidth = errors.isEmpty ? 0 : (width * 0.36).rounded()
        var row: [PicturePanel] = [LinePlotPanel(
            title: "loss", subtitle: "each term (unweighted) and the weighted total; stage starts dashed",
            horizontalName: "iteration", verticalName: "loss", series: curves, logarithmic: true, marks: marks,
            frameSize: (errors.isEmpty ? width : width - errorWidth - Figure.gap, height))]
        if !errors.isEmpty {
            row.append(LinePlotPanel(title: "rel. L2 error", subtitle: "against the reference, during training",
                                     horizontalName: "iteration", verticalName: "rel. L2 error", series: errors,
                                     logarithmic: true, marks: marks, frameSize: (errorWidth, height)))
        }
        return row
    }

    /// One curve per `rel_l2_<output>` column of the error history, over its iterations.
    private static func errorCurves(_ history: ErrorHistory?) -> [LineSeries] {
        guard let history, !history.rows.isEmpty, let iterations = history.column("iteration") else { return [] }
        let prefix = "rel_l2_"
        return history.columns.filter { $0.hasPrefix(prefix) }.enumerated().map { i, column in
            LineSeries(name: String(column.dropFirst(prefix.count)), x: iterations, y: history.column(column)!,
                       colour: termColour(i), width: 1.6)
        }
    }

    /// Loss terms take the palette after black, which is the total's.
    private static func termColour(_ index: Int) -> RGB {
        LinePalette.colours[1 + index % (LinePalette.colours.count - 1)]
    }
}
