import Foundation
import XCTest

import PINN

/// The colours the picture puts where the fields are, read back from the PNG.
final class PicturePixelTests: XCTestCase {
    private var scratch: IOScratchDirectory!

    override func setUpWithError() throws { scratch = try IOScratchDirectory("picture-pixels") }
    override func tearDown() { scratch.remove() }

    /// A constant field takes the middle of viridis in the network and reference panels,
    /// and its zero error the middle (white) of the diverging map.
    func testConstantFieldShowsTheMiddleColours() throws {
        let result = PictureResults.burgers { _, _ in 0.3 }
        let (png, panels) = try draw(result)
        for panel in panels.prefix(2) {
            let plot = panel.plotArea
            for point in [(plot.midX, plot.midY), (plot.x + 5, plot.y + 5), (plot.maxX - 5, plot.maxY - 5)] {
                assertColour(png.colour(at: point), ColourMap.viridis.colour(at: 0.5), "\(panel.summary) at \(point)")
            }
        }
        let error = panels[2].plotArea
        assertColour(png.colour(at: (error.midX, error.midY)), ColourMap.blueWhiteRed.colour(at: 0.5), "zero error")
    }

    /// The vertical axis grows upwards: u = x is viridis' top colour at the top of the
    /// x–t plane and its bottom colour at the bottom, whatever t.
    func testVerticalAxisGrowsUpwards() throws {
        let result = PictureResults.burgers { x, _ in x }
        let (png, panels) = try draw(result)
        let plot = panels[0].plotArea
        for x in [plot.x + 4, plot.midX, plot.maxX - 4] {
            assertColour(png.colour(at: (x, plot.y + 3)), ColourMap.viridis.colour(at: 1), "top at x \(x)")
            assertColour(png.colour(at: (x, plot.maxY - 3)), ColourMap.viridis.colour(at: 0), "bottom at x \(x)")
        }
    }

    /// Where the network gives NaN (a diverged run), its panel and the error are grey.
    func testNonFiniteValuesAreGrey() throws {
        var result = PictureResults.burgers { _, _ in 0.3 }
        result.fields["u"] = result.fields["u"]!.map { _ in .nan }
        let (png, panels) = try draw(result)
        for panel in [panels[0], panels[2]] {
            assertColour(png.colour(at: (panel.plotArea.midX, panel.plotArea.midY)), RGB(0.5, 0.5, 0.5), panel.summary)
        }
        assertColour(png.colour(at: (panels[1].plotArea.midX, panels[1].plotArea.midY)),
                     ColourMap.viridis.colour(at: 0.5), "the reference is still drawn")
    }

    /// viridis within 0.015 of matplotlib's table (entries 0, 64, 128, 192, 255); the
    /// diverging map runs blue, white, red.
    func testColourMaps() {
        let table: [(Double, RGB)] = [(0, RGB(0.267004, 0.004874, 0.329415)), (64, RGB(0.229739, 0.322361, 0.545706)),
                                      (128, RGB(0.127568, 0.566949, 0.550556)), (192, RGB(0.369214, 0.788888, 0.382914)),
                                      (255, RGB(0.993248, 0.906157, 0.143936))]
        for (entry, expected) in table {
            let c = ColourMap.viridis.colour(at: entry / 255)
            for (o, e) in [(c.red, expected.red), (c.green, expected.green), (c.blue, expected.blue)] {
                XCTAssertEqual(o, e, accuracy: 0.015, "viridis entry \(Int(entry))")
            }
        }
        let blue = ColourMap.blueWhiteRed.colour(at: 0), white = ColourMap.blueWhiteRed.colour(at: 0.5)
        let red = ColourMap.blueWhiteRed.colour(at: 1)
        XCTAssertGreaterThan(blue.blue, blue.red)
        XCTAssertGreaterThan(red.red, red.blue)
        XCTAssertGreaterThan(min(white.red, white.green, white.blue), 0.95)
        XCTAssertEqual(ColourRange.symmetric([-0.5, 2, .nan]), ColourRange(lower: -2, upper: 2))
        XCTAssertEqual(ColourRange(lower: 1, upper: 1).position(of: 1), 0.5, "a constant maps to the middle")
    }

    private func draw(_ result: SolveResult) throws -> (DecodedPNG, [PanelPlacement]) {
        let url = try ResultPicture.write(result, to: scratch.url)
        return (try DecodedPNG(contentsOf: url), ResultPicture.layout(of: result).panels)
    }
}
