import Foundation

/// Where one panel of a picture lies, in pixels: its frame (titles and axes included) and
/// its plot area (the colour map or curves).
public struct PanelPlacement: Sendable {
    /// What the panel shows: "u network, x–t plane", "loss".
    public let summary: String
    public let frame: PictureRect
    public let plotArea: PictureRect
}

/// A picture's size and the place of each of its panels, in drawing order (row by row,
/// left to right).
public struct PictureLayout: Sendable {
    public let width: Int
    public let height: Int
    public let panels: [PanelPlacement]
}

/// A titled picture made of rows of panels, each row as tall as its tallest panel, the
/// rows left-aligned under each other.
struct Figure {
    let title: String
    let rows: [[PicturePanel]]

    static let margin = 16.0, gap = 12.0, titleHeight = 30.0

    /// The width the widest row needs between the margins.
    static func contentWidth(_ rows: [[PicturePanel]]) -> Double {
        rows.map { row in row.map(\.size.width).reduce(0, +) + gap * Double(max(row.count - 1, 0)) }.max() ?? 0
    }

    private var frames: [(panel: PicturePanel, frame: PictureRect)] {
        var placed: [(PicturePanel, PictureRect)] = []
        var y = Self.margin + Self.titleHeight
        for row in rows {
            var x = Self.margin
            for panel in row {
                placed.append((panel, PictureRect(x: x, y: y, width: panel.size.width, height: panel.size.height)))
                x += panel.size.width + Self.gap
            }
            y += (row.map(\.size.height).max() ?? 0) + Self.gap
        }
        return placed
    }

    var layout: PictureLayout {
        let height = Self.margin + Self.titleHeight
            + rows.map { row in row.map(\.size.height).max() ?? 0 }.reduce(0, +)
            + Self.gap * Double(max(rows.count - 1, 0)) + Self.margin
        return PictureLayout(width: Int((Self.contentWidth(rows) + 2 * Self.margin).rounded(.up)),
                             height: Int(height.rounded(.up)),
                             panels: frames.map { PanelPlacement(summary: $0.panel.summary, frame: $0.frame,
                                                                 plotArea: $0.panel.plotArea(in: $0.frame)) })
    }

    func render() -> PictureCanvas {
        let layout = layout
        let canvas = PictureCanvas(width: layout.width, height: layout.height)
        canvas.text(title, x: Self.margin, y: Self.margin + 16, size: 15, bold: true)
        for (panel, frame) in frames { panel.draw(on: canvas, in: frame) }
        return canvas
    }
}
