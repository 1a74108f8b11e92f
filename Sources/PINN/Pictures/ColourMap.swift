import Foundation

/// A colour with red, green and blue in 0...1 (sRGB, as PNG stores it).
public struct RGB: Equatable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(_ red: Double, _ green: Double, _ blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The 8-bit channels a PNG pixel of this colour holds (rounded, clamped).
    public var bytes: (red: UInt8, green: UInt8, blue: UInt8) {
        func byte(_ v: Double) -> UInt8 { UInt8((min(max(v, 0), 1) * 255).rounded()) }
        return (byte(red), byte(green), byte(blue))
    }

    /// 0xFFRRGGBB, the native-endian word of an opaque cairo ARGB32/RGB24 pixel.
    var packedPixel: UInt32 {
        let b = bytes
        return 0xFF00_0000 | UInt32(b.red) << 16 | UInt32(b.green) << 8 | UInt32(b.blue)
    }

    static let black = RGB(0, 0, 0)
    static let white = RGB(1, 1, 1)
    static let grey = RGB(0.5, 0.5, 0.5)
    static let lightGrey = RGB(0.85, 0.85, 0.85)
    static let darkGrey = RGB(0.3, 0.3, 0.3)
}

/// Maps a number in 0...1 to a colour.
///
/// `viridis` (sequential, perceptually uniform, readable in grey and by colour-blind
/// readers) colours fields; `blueWhiteRed` (diverging, white at 0.5) colours signed
/// errors, so that over- and undershoot read apart and zero error is white.
public enum ColourMap: Sendable {
    case viridis
    case blueWhiteRed

    /// The colour at `t`, clamped to 0...1; NaN gives grey (shown where a field is not finite).
    public func colour(at t: Double) -> RGB {
        guard !t.isNaN else { return .grey }
        let s = min(max(t, 0), 1)
        switch self {
        case .viridis: return ColourMap.viridisPolynomial(s)
        case .blueWhiteRed: return ColourMap.interpolate(ColourMap.blueWhiteRedAnchors, s)
        }
    }

    /// viridis (van der Walt & Smith, matplotlib 2.0; CC0) as a degree-6 polynomial per
    /// channel, the public-domain fit by Matt Zucconi: within 0.013 of matplotlib's
    /// 256-entry table, and no table to carry.
    private static func viridisPolynomial(_ t: Double) -> RGB {
        let c: [(Double, Double, Double)] = [
            (0.2777273272234177, 0.005407344544966578, 0.3340998053353061),
            (0.1050930431085774, 1.404613529898575, 1.384590162594685),
            (-0.3308618287255563, 0.214847559468213, 0.09509516302823659),
            (-4.634230498983486, -5.799100973351585, -19.33244095627987),
            (6.228269936347081, 14.17993336680509, 56.69055260068105),
            (4.776384997670288, -13.74514537774601, -65.35303263337234),
            (-5.435455855934631, 4.645852612178535, 26.3124352495832),
        ]
        var r = 0.0, g = 0.0, b = 0.0
        for k in c.indices.reversed() {     // Horner
            r = r * t + c[k].0
            g = g * t + c[k].1
            b = b * t + c[k].2
        }
        return RGB(min(max(r, 0), 1), min(max(g, 0), 1), min(max(b, 0), 1))
    }

    /// Moreland's cool–warm end colours (Moreland 2009, "Diverging Color Maps for
    /// Scientific Visualization") joined through near-white, linearly in sRGB.
    private static let blueWhiteRedAnchors: [RGB] = [RGB(0.230, 0.299, 0.754), RGB(0.97, 0.97, 0.97),
                                                     RGB(0.706, 0.016, 0.150)]

    private static func interpolate(_ anchors: [RGB], _ t: Double) -> RGB {
        let position = t * Double(anchors.count - 1)
        let i = min(Int(position), anchors.count - 2)
        let f = position - Double(i)
        let a = anchors[i], b = anchors[i + 1]
        return RGB(a.red + f * (b.red - a.red), a.green + f * (b.green - a.green), a.blue + f * (b.blue - a.blue))
    }
}

/// The values a colour map spans: `lower` maps to 0, `upper` to 1.
public struct ColourRange: Equatable, Sendable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Where `value` falls, 0...1 (unclamped); 0.5 for every value when the range is a
    /// single number (a constant field shows the middle colour); NaN for NaN.
    public func position(of value: Double) -> Double {
        guard value.isFinite else { return value.isNaN ? .nan : (value > 0 ? 1 : 0) }
        return upper > lower ? (value - lower) / (upper - lower) : 0.5
    }

    /// From the smallest to the largest finite value of all `arrays` ([0, 0] when none is finite).
    public static func spanning(_ arrays: [[Double]]) -> ColourRange {
        var lower = Double.infinity, upper = -Double.infinity
        for array in arrays {
            for v in array where v.isFinite {
                lower = min(lower, v)
                upper = max(upper, v)
            }
        }
        return lower <= upper ? ColourRange(lower: lower, upper: upper) : ColourRange(lower: 0, upper: 0)
    }

    /// Symmetric about zero, −m...m with m the largest finite |value| (for signed errors).
    public static func symmetric(_ values: [Double]) -> ColourRange {
        let m = values.lazy.filter(\.isFinite).map(abs).max() ?? 0
        return ColourRange(lower: -m, upper: m)
    }
}

/// Line colours for curves: the Okabe–Ito palette (distinguishable with the common
/// colour-vision deficiencies), black first for the total, yellow left out (too pale on white).
enum LinePalette {
    static let colours: [RGB] = [
        RGB(0, 0, 0), RGB(0.902, 0.624, 0), RGB(0.337, 0.706, 0.914), RGB(0, 0.620, 0.451),
        RGB(0, 0.447, 0.698), RGB(0.835, 0.369, 0), RGB(0.800, 0.475, 0.655),
    ]

    static func colour(_ index: Int) -> RGB { colours[index % colours.count] }
}
