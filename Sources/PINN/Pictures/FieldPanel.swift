import Foundation

/// One array on a plane slice as a colour map, with its axes and a colour bar.
struct FieldPanel: PicturePanel {
    let title: String
    let subtitle: String
    let slice: PlaneSlice
    /// The whole array of one output (field, reference or error), as `SolveResult` holds it.
    let array: [Double]
    let map: ColourMap
    let range: ColourRange
    let plotSize: (width: Double, height: Double)

    /// Room right of the plot area for the colour bar and its labels.
    static let colourBarGap = 10.0, colourBarWidth = 14.0, colourBarLabels = 62.0

    var summary: String { "\(title), \(slice.label)" }

    /// Wide enough for the plot, its colour bar and the titles, whichever is wider.
    var size: (width: Double, height: Double) {
        let drawing = PanelMargins.left + plotSize.width + Self.colourBarGap + Self.colourBarWidth + Self.colourBarLabels
        return (max(drawing, PanelDecoration.titlesWidth(title, subtitle)).rounded(.up),
                PanelMargins.top + plotSize.height + PanelMargins.bottom)
    }

    func plotArea(in frame: PictureRect) -> PictureRect {
        PictureRect(x: frame.x + PanelMargins.left, y: frame.y + PanelMargins.top,
                    width: plotSize.width, height: plotSize.height)
    }

    /// The plot area's size for `slice`: 300 × 190 for an x–t plane (time runs along the
    /// long side, as in the PINN literature), otherwise the domain's aspect ratio inside
    /// a 280-pixel square, limited to 1:2.5 either way so thin domains stay readable.
    static func plotSize(for slice: PlaneSlice, timeHorizontal: Bool) -> (width: Double, height: Double) {
        if timeHorizontal { return (300, 190) }
        let side = 280.0
        let width = slice.horizontal.upper - slice.horizontal.lower, height = slice.vertical.upper - slice.vertical.lower
        let ratio = width > 0 && height > 0 ? min(max(height / width, 0.4), 2.5) : 1
        return ratio >= 1 ? (side / ratio, side) : (side, side * ratio)
    }

    func draw(on canvas: PictureCanvas, in frame: PictureRect) {
        let plot = plotArea(in: frame)
        PanelDecoration.titles(title, subtitle, on: canvas, in: frame)
        let values = slice.imageRows(of: array)
        canvas.image(values.map { map.colour(at: range.position(of: $0)) },
                     columns: slice.horizontal.count, rows: slice.vertical.count, in: plot)
        PanelDecoration.axes(plot, horizontal: .linear(slice.horizontal.lower, slice.horizontal.upper,
                                                       pixels: (plot.x, plot.maxX)),
                             vertical: .linear(slice.vertical.lower, slice.vertical.upper, pixels: (plot.maxY, plot.y)),
                             horizontalName: slice.horizontal.name, verticalName: slice.vertical.name,
                             grid: false, on: canvas)
        drawColourBar(on: canvas, beside: plot)
    }

    /// The map from `range.lower` (bottom) to `range.upper` (top), with nice ticks; a
    /// constant array gets one tick at its value, in the middle.
    private func drawColourBar(on canvas: PictureCanvas, beside plot: PictureRect) {
        let bar = PictureRect(x: plot.maxX + Self.colourBarGap, y: plot.y, width: Self.colourBarWidth, height: plot.height)
        let steps = 256
        canvas.image((0..<steps).reversed().map { map.colour(at: Double($0) / Double(steps - 1)) },
                     columns: 1, rows: steps, in: bar)
        canvas.outline(bar, .black)
        let ticks: [(value: Double, label: String, y: Double)]
        if range.upper > range.lower {
            let scale = PlotScale.linear(range.lower, range.upper, pixels: (bar.maxY, bar.y))
            ticks = scale.ticks.map { ($0.value, $0.label, scale.pixel($0.value)!) }
        } else {
            ticks = [(range.lower, AxisTicks.short(range.lower), bar.midY)]
        }
        for tick in ticks {
            let y = tick.y.rounded() + 0.5
            canvas.line(from: (bar.maxX, y), to: (bar.maxX + 3, y), .black)
            canvas.text(tick.label, x: bar.maxX + 5, y: tick.y + 3.5, size: 10)
        }
    }
}
