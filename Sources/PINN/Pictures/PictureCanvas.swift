import CCairo
import Foundation

/// A rectangle in picture pixels, y growing downwards (cairo's and PNG's orientation).
public struct PictureRect: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }
}

/// A white picture drawn with cairo: text, lines, rectangles and colour-mapped images,
/// written as PNG by cairo's own libpng use (`cairo_surface_write_to_png`).
///
/// Text uses cairo's "toy" font API with DejaVu Sans (fontconfig substitutes another
/// sans-serif face when it is missing); that API is enough for labels and needs no
/// Pango or FreeType code here.
final class PictureCanvas {
    enum Alignment { case left, centre, right }

    let width: Int
    let height: Int
    private let surface: OpaquePointer
    private let context: OpaquePointer

    /// A `width` × `height` canvas filled with white.
    init(width: Int, height: Int) {
        precondition(width > 0 && height > 0, "PictureCanvas: size \(width)×\(height)")
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        context = cairo_create(surface)
        fill(PictureRect(x: 0, y: 0, width: Double(width), height: Double(height)), .white)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    // MARK: - Shapes

    func fill(_ rect: PictureRect, _ colour: RGB) {
        setColour(colour)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(context)
    }

    /// A rectangle's outline, on the pixel grid so that a 1-px line is crisp.
    func outline(_ rect: PictureRect, _ colour: RGB, width: Double = 1) {
        setColour(colour)
        cairo_set_line_width(context, width)
        cairo_rectangle(context, rect.x.rounded() + 0.5, rect.y.rounded() + 0.5,
                        rect.width.rounded() - 1, rect.height.rounded() - 1)
        cairo_stroke(context)
    }

    /// A straight line; `dash` gives on/off lengths in pixels.
    func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), _ colour: RGB,
              width: Double = 1, dash: [Double] = []) {
        polyline([a, b], colour, width: width, dash: dash)
    }

    /// Connected segments through `points`; a nil point breaks the line (a value a log
    /// axis cannot show, a NaN).
    func polyline(_ points: [(x: Double, y: Double)?], _ colour: RGB, width: Double = 1, dash: [Double] = []) {
        setColour(colour)
        cairo_set_line_width(context, width)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        dash.withUnsafeBufferPointer { cairo_set_dash(context, $0.baseAddress, Int32($0.count), 0) }
        var drawing = false
        for point in points {
            guard let point else { drawing = false; continue }
            if drawing { cairo_line_to(context, point.x, point.y) } else { cairo_move_to(context, point.x, point.y) }
            drawing = true
        }
        cairo_stroke(context)
        cairo_set_dash(context, nil, 0, 0)
    }

    /// Drawing inside `rect` only, for `body`.
    func clipped(to rect: PictureRect, _ body: () -> Void) {
        cairo_save(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
        body()
        cairo_restore(context)
    }

    // MARK: - Images

    /// Pixels (row-major, `columns` × `rows`, row 0 at the top) stretched over `rect`:
    /// each pixel is one grid value, smoothed between values when enlarged; edge values
    /// extend to the edge rather than fading into the background.
    func image(_ pixels: [RGB], columns: Int, rows: Int, in rect: PictureRect) {
        precondition(pixels.count == columns * rows, "PictureCanvas.image: \(pixels.count) pixels for \(columns)×\(rows)")
        let source = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(columns), Int32(rows))
        defer { cairo_surface_destroy(source) }
        cairo_surface_flush(source)
        let stride = Int(cairo_image_surface_get_stride(source)) / 4
        let data = cairo_image_surface_get_data(source)!.withMemoryRebound(to: UInt32.self, capacity: stride * rows) { $0 }
        for row in 0..<rows {
            for column in 0..<columns { data[row * stride + column] = pixels[row * columns + column].packedPixel }
        }
        cairo_surface_mark_dirty(source)
        cairo_save(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
        cairo_translate(context, rect.x, rect.y)
        cairo_scale(context, rect.width / Double(columns), rect.height / Double(rows))
        cairo_set_source_surface(context, source, 0, 0)
        let pattern = cairo_get_source(context)
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_GOOD)
        cairo_paint(context)
        cairo_restore(context)
    }

    // MARK: - Text

    /// `text` with its baseline at `y`, aligned at `x`; `rotated` turns it to read
    /// upwards (for vertical axis labels), `x`/`y` then name the baseline's middle point.
    func text(_ text: String, x: Double, y: Double, size: Double = 12, bold: Bool = false,
              align: Alignment = .left, colour: RGB = .black, rotated: Bool = false) {
        setFont(size: size, bold: bold)
        setColour(colour)
        let width = textWidth(text, size: size, bold: bold)
        let shift: Double = align == .left ? 0 : (align == .centre ? -width / 2 : -width)
        cairo_save(context)
        cairo_translate(context, x, y)
        if rotated { cairo_rotate(context, -Double.pi / 2) }
        cairo_move_to(context, shift, 0)
        cairo_show_text(context, text)
        cairo_restore(context)
    }

    /// The advance width of `text` in pixels.
    func textWidth(_ text: String, size: Double = 12, bold: Bool = false) -> Double {
        setFont(size: size, bold: bold)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    // MARK: - Output

    /// Writes the picture as PNG to `url`; throws `AtomicOutputError` naming the path and
    /// cairo's reason when drawing or writing failed.
    func writePNG(to url: URL) throws {
        cairo_surface_flush(surface)
        var status = cairo_status(context)
        if status == CAIRO_STATUS_SUCCESS { status = cairo_surface_write_to_png(surface, url.path) }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw AtomicOutputError(operation: "write PNG", path: url.path,
                                    detail: String(cString: cairo_status_to_string(status)))
        }
    }

    private func setColour(_ colour: RGB) { cairo_set_source_rgb(context, colour.red, colour.green, colour.blue) }

    private func setFont(size: Double, bold: Bool) {
        cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }
}

/// Text widths before anything is drawn (layouts need them), from the font metrics of a
/// 1 × 1 canvas; a lock serialises the shared cairo context.
enum TextMeasure {
    private static let lock = NSLock()
    private static let canvas = PictureCanvas(width: 1, height: 1)

    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        lock.lock()
        defer { lock.unlock() }
        return canvas.textWidth(text, size: size, bold: bold)
    }
}
