import Foundation

/// A panel of a picture: it knows its size, where its plot area sits in its frame, and
/// how to draw itself there.
protocol PicturePanel {
    /// What the panel shows, for tests and messages: "u network, x–t plane".
    var summary: String { get }
    /// The frame size in pixels (titles, axes, colour bar or legend included).
    var size: (width: Double, height: Double) { get }
    /// The plot area (image or curves) inside `frame`.
    func plotArea(in frame: PictureRect) -> PictureRect
    func draw(on canvas: PictureCanvas, in frame: PictureRect)
}

/// The space around every plot area, shared by all panels so that they line up.
enum PanelMargins {
    static let top = 44.0        // title and subtitle
    static let left = 60.0       // vertical tick labels and axis name
    static let bottom = 42.0     // horizontal tick labels and axis name
    static let right = 14.0
}

/// Maps data values on one axis to pixels, linearly or by powers of ten, and lists the
/// ticks to draw.
struct PlotScale {
    enum Kind { case linear, logarithmic }

    let kind: Kind
    /// The data values at `pixels.start` and `pixels.end` (powers of ten when logarithmic).
    let lower: Double
    let upper: Double
    let pixels: (start: Double, end: Double)

    /// A linear scale over `lower...upper`, widened around a single value so that it shows.
    static func linear(_ lower: Double, _ upper: Double, pixels: (Double, Double)) -> PlotScale {
        let (a, b) = upper > lower ? (lower, upper) : (lower - max(abs(lower) * 0.1, 0.5), lower + max(abs(lower) * 0.1, 0.5))
        return PlotScale(kind: .linear, lower: a, upper: b, pixels: pixels)
    }

    /// A log scale over the whole decades holding `lower...upper` (both > 0).
    static func logarithmic(_ lower: Double, _ upper: Double, pixels: (Double, Double)) -> PlotScale {
        let a = floor(log10(lower)), b = max(ceil(log10(upper)), a + 1)
        return PlotScale(kind: .logarithmic, lower: pow(10, a), upper: pow(10, b), pixels: pixels)
    }

    /// The pixel of `value`, or nil when the scale cannot show it (not finite, ≤ 0 on a log scale).
    func pixel(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let fraction: Double
        switch kind {
        case .linear: fraction = (value - lower) / (upper - lower)
        case .logarithmic:
            guard value > 0 else { return nil }
            fraction = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return pixels.start + fraction * (pixels.end - pixels.start)
    }

    /// Unlabelled ticks between the labelled ones: 2…9 × 10ⁿ on a log scale of at most
    /// three decades (where the decades alone say too little); none otherwise.
    var minorTicks: [Double] {
        guard kind == .logarithmic else { return [] }
        let a = Int(log10(lower).rounded()), b = Int(log10(upper).rounded())
        guard b - a <= 3 else { return [] }
        return (a..<b).flatMap { e in (2...9).map { Double($0) * pow(10, Double(e)) } }
    }

    /// Tick values with their labels: nice numbers, or powers of ten written 10ⁿ.
    var ticks: [(value: Double, label: String)] {
        switch kind {
        case .linear:
            let (values, step) = AxisTicks.linear(lower, upper)
            return values.map { ($0, AxisTicks.label($0, step: step)) }
        case .logarithmic:
            return AxisTicks.decades(Int(log10(lower).rounded()), Int(log10(upper).rounded()))
                .map { (pow(10, Double($0)), AxisTicks.powerOfTen($0)) }
        }
    }
}

/// The pieces every panel draws around its plot area.
enum PanelDecoration {
    /// The width the titles need from the frame's left edge (their indent included).
    static func titlesWidth(_ title: String, _ subtitle: String) -> Double {
        PanelMargins.left + max(TextMeasure.width(title, size: 13, bold: true), TextMeasure.width(subtitle, size: 11)) + 8
    }

    /// A bold title and a smaller grey subtitle at the top of `frame`.
    static func titles(_ title: String, _ subtitle: String, on canvas: PictureCanvas, in frame: PictureRect) {
        canvas.text(title, x: frame.x + PanelMargins.left, y: frame.y + 17, size: 13, bold: true)
        canvas.text(subtitle, x: frame.x + PanelMargins.left, y: frame.y + 34, size: 11, colour: .darkGrey)
    }

    /// Ticks, tick labels and axis names on the left and bottom of `plot`, its outline,
    /// and with `grid` light lines across it at every tick.
    static func axes(_ plot: PictureRect, horizontal: PlotScale, vertical: PlotScale, horizontalName: String,
                     verticalName: String, grid: Bool, on canvas: PictureCanvas) {
        for tick in horizontal.ticks {
            guard let x = horizontal.pixel(tick.value) else { continue }
            let crisp = x.rounded() + 0.5
            if grid { canvas.line(from: (crisp, plot.y), to: (crisp, plot.maxY), .lightGrey) }
            canvas.line(from: (crisp, plot.maxY), to: (crisp, plot.maxY + 4), .black)
            canvas.text(tick.label, x: x, y: plot.maxY + 16, size: 10, align: .centre)
        }
        for value in vertical.minorTicks {
            guard let y = vertical.pixel(value) else { continue }
            canvas.line(from: (plot.x - 2, y.rounded() + 0.5), to: (plot.x, y.rounded() + 0.5), .black)
        }
        for tick in vertical.ticks {
            guard let y = vertical.pixel(tick.value) else { continue }
            let crisp = y.rounded() + 0.5
            if grid { canvas.line(from: (plot.x, crisp), to: (plot.maxX, crisp), .lightGrey) }
            canvas.line(from: (plot.x - 4, crisp), to: (plot.x, crisp), .black)
            canvas.text(tick.label, x: plot.x - 6, y: y + 3.5, size: 10, align: .right)
        }
        canvas.outline(plot, .black)
        canvas.text(horizontalName, x: plot.midX, y: plot.maxY + 33, size: 11, align: .centre)
        canvas.text(verticalName, x: plot.x - PanelMargins.left + 14, y: plot.midY, size: 11, align: .centre, rotated: true)
    }
}
