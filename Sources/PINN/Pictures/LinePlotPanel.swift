import Foundation

/// One curve of a line plot.
struct LineSeries {
    let name: String
    let x: [Double]
    let y: [Double]
    let colour: RGB
    var width = 1.2
    var dash: [Double] = []
}

/// Curves on shared axes, the vertical one linear or logarithmic, with a legend on the
/// right and optional labelled vertical marks (stage boundaries of a loss curve).
struct LinePlotPanel: PicturePanel {
    let title: String
    let subtitle: String
    let horizontalName: String
    let verticalName: String
    let series: [LineSeries]
    let logarithmic: Bool
    var marks: [(x: Double, label: String)] = []
    let frameSize: (width: Double, height: Double)

    static let legendWidth = 150.0

    var summary: String { title }
    var size: (width: Double, height: Double) { frameSize }

    private var showsLegend: Bool { series.count > 1 }

    func plotArea(in frame: PictureRect) -> PictureRect {
        let right = PanelMargins.right + (showsLegend ? Self.legendWidth : 0)
        return PictureRect(x: frame.x + PanelMargins.left, y: frame.y + PanelMargins.top,
                           width: frame.width - PanelMargins.left - right,
                           height: frame.height - PanelMargins.top - PanelMargins.bottom)
    }

    func draw(on canvas: PictureCanvas, in frame: PictureRect) {
        let plot = plotArea(in: frame)
        PanelDecoration.titles(title, subtitle, on: canvas, in: frame)
        guard let (horizontal, vertical) = scales(plot) else {
            canvas.outline(plot, .black)
            canvas.text("nothing to show", x: plot.midX, y: plot.midY, size: 11, align: .centre, colour: .darkGrey)
            return
        }
        PanelDecoration.axes(plot, horizontal: horizontal, vertical: vertical, horizontalName: horizontalName,
                             verticalName: verticalName, grid: true, on: canvas)
        canvas.clipped(to: plot) {
            for mark in marks {
                guard let x = horizontal.pixel(mark.x) else { continue }
                // A line at the plot's left edge would hide the axis: there the name alone says it.
                if x > plot.x + 3 { canvas.line(from: (x, plot.y), to: (x, plot.maxY), .grey, dash: [4, 3]) }
                canvas.text(mark.label, x: x + 4, y: plot.y + 13, size: 10, colour: .darkGrey)
            }
            // In order: the total (first, widest) underneath, so that a term equal to it
            // (a problem with one loss term) still shows, inside it.
            for s in series {
                let points = zip(s.x, s.y).map { x, y -> (x: Double, y: Double)? in
                    guard let px = horizontal.pixel(x), let py = vertical.pixel(y) else { return nil }
                    return (px, py)
                }
                canvas.polyline(points, s.colour, width: s.width, dash: s.dash)
            }
        }
        if showsLegend { drawLegend(on: canvas, beside: plot) }
    }

    /// The axes' scales, or nil when no point can be shown.
    private func scales(_ plot: PictureRect) -> (PlotScale, PlotScale)? {
        let xs = series.flatMap(\.x).filter(\.isFinite)
        let ys = series.flatMap(\.y).filter { $0.isFinite && (!logarithmic || $0 > 0) }
        guard let xLow = xs.min(), let xHigh = xs.max(), let yLow = ys.min(), let yHigh = ys.max() else { return nil }
        let horizontal = PlotScale.linear(xLow, xHigh, pixels: (plot.x, plot.maxX))
        if logarithmic { return (horizontal, .logarithmic(yLow, yHigh, pixels: (plot.maxY, plot.y))) }
        let pad = (yHigh - yLow) * 0.05
        return (horizontal, .linear(yLow - pad, yHigh + pad, pixels: (plot.maxY, plot.y)))
    }

    private func drawLegend(on canvas: PictureCanvas, beside plot: PictureRect) {
        let x = plot.maxX + 12
        for (i, s) in series.enumerated() {
            let y = plot.y + 8 + Double(i) * 17
            canvas.line(from: (x, y), to: (x + 22, y), s.colour, width: max(s.width, 1.5), dash: s.dash)
            canvas.text(s.name, x: x + 28, y: y + 4, size: 11)
        }
    }
}
