import CCairo
import Foundation
import XCTest

import PINN

/// A PNG file read back: the signature and IHDR checked byte by byte, the pixels decoded
/// by cairo (an independent reader of what cairo's writer produced, through libpng).
struct DecodedPNG {
    let width: Int
    let height: Int
    private let pixels: [UInt32]   // row-major, 0x00RRGGBB in the low bytes

    struct Malformed: Error, CustomStringConvertible { let description: String }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    init(contentsOf url: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: url))
        guard bytes.count > 24, Array(bytes[0..<8]) == Self.signature else {
            throw Malformed(description: "\(url.path): no PNG signature")
        }
        // The first chunk is IHDR: length 13, type, then width and height, big-endian.
        guard Array(bytes[8..<16]) == [0, 0, 0, 13] + Array("IHDR".utf8) else {
            throw Malformed(description: "\(url.path): the first chunk is not IHDR")
        }
        func bigEndian(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        width = bigEndian(16)
        height = bigEndian(20)

        let surface = cairo_image_surface_create_from_png(url.path)
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw Malformed(description: "\(url.path): cairo cannot decode it: "
                                + String(cString: cairo_status_to_string(cairo_surface_status(surface))))
        }
        guard Int(cairo_image_surface_get_width(surface)) == width, Int(cairo_image_surface_get_height(surface)) == height
        else { throw Malformed(description: "\(url.path): decoded size differs from IHDR \(width)×\(height)") }
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let data = cairo_image_surface_get_data(surface)!.withMemoryRebound(to: UInt32.self, capacity: stride * height) { $0 }
        var pixels: [UInt32] = []
        pixels.reserveCapacity(width * height)
        for y in 0..<height { for x in 0..<width { pixels.append(data[y * stride + x]) } }
        self.pixels = pixels
    }

    /// The 8-bit colour of pixel (x, y), y downwards.
    func colour(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let p = pixels[y * width + x]
        return (UInt8(p >> 16 & 0xFF), UInt8(p >> 8 & 0xFF), UInt8(p & 0xFF))
    }

    func colour(at point: (x: Double, y: Double)) -> (red: UInt8, green: UInt8, blue: UInt8) {
        colour(x: Int(point.x), y: Int(point.y))
    }
}

/// Asserts that a pixel has `expected`'s 8-bit colour within `tolerance` levels per channel.
func assertColour(_ observed: (red: UInt8, green: UInt8, blue: UInt8), _ expected: RGB, tolerance: Int = 1,
                  _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    let e = expected.bytes
    let differences = [Int(observed.red) - Int(e.red), Int(observed.green) - Int(e.green), Int(observed.blue) - Int(e.blue)]
    XCTAssertLessThanOrEqual(differences.map(abs).max()!, tolerance,
                             "\(what): expected \(e), observed \(observed), tolerance \(tolerance)", file: file, line: line)
}

/// Results shaped for the pictures' cases (FakeResults in OutputTestSupport.swift has Burgers and a 2-D + time flow).
enum PictureResults {
    /// A steady 2-D problem on [0, 2] × [0, 1] (inputs [x, y], arrays [ny, nx]): u with a
    /// reference, p without.
    static func steady2D(nx: Int = 12, ny: Int = 8) -> SolveResult {
        let x = evenlySpaced(0, 2, nx), y = evenlySpaced(0, 1, ny)
        let u = y.flatMap { yv in x.map { xv in sin(xv) * yv } }
        let p = y.flatMap { yv in x.map { xv in xv - yv } }
        return SolveResult(name: "plate", problemText: "{}", seed: 3, version: "test", wallSeconds: 1,
                           inputs: ["x", "y"], timeInput: nil, grid: ["x": x, "y": y], outputs: ["u", "p"],
                           fields: ["u": u.map { $0 + 1e-3 }, "p": p], reference: ["u": u],
                           lossColumns: ["pde", "walls", "total"], lossHistory: [[1, 2, 3], [0.1, 0.2, 0.3]],
                           parameters: [1], relativeL2: ["u": 1e-3])
    }

    /// A 1-D steady problem (input [x]): u with a reference, and an error history.
    static func line1D(n: Int = 21) -> SolveResult {
        let x = evenlySpaced(0, 1, n)
        let u = x.map { sin(Double.pi * $0) }
        return SolveResult(name: "rod", problemText: "{}", seed: 0, version: "test", wallSeconds: 1,
                           inputs: ["x"], timeInput: nil, grid: ["x": x], outputs: ["u"],
                           fields: ["u": u.map { $0 * 1.01 }], reference: ["u": u],
                           lossColumns: ["pde", "total"], lossHistory: [[1, 1], [0.5, 0.5], [0.1, 0.1]],
                           parameters: [1], relativeL2: ["u": 1e-2],
                           errorHistory: ErrorHistory(columns: ["wall_seconds", "iteration", "rel_l2_u"],
                                                      rows: [[0, 0, 1], [1, 3, 0.01]], evaluationSeconds: 0))
    }

    /// Burgers' shape ([nt, nx] on x in [-1, 1], t in [0, 1]) with u and its reference both `value(x, t)`.
    static func burgers(_ value: (Double, Double) -> Double) -> SolveResult {
        var result = FakeResults.burgers()
        let x = result.grid["x"]!, t = result.grid["t"]!
        let u = t.flatMap { tv in x.map { xv in value(xv, tv) } }
        result.fields["u"] = u
        result.reference["u"] = u
        return result
    }
}
