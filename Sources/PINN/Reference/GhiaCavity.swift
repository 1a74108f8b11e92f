import Foundation

/// The lid-driven cavity at Re = 100 by Ghia, Ghia & Shin (1982), J. Comput. Phys. 48,
/// 387–411, Tables I and II: u on the vertical centreline and v on the horizontal
/// centreline of the unit square, lid moving at u = 1 along y = 1. Their solution is a
/// multigrid finite-difference solve of the vorticity–stream-function equations on a
/// 129 × 129 grid, so every tabulated coordinate is a multiple of 1/128 rounded to four
/// digits (0.9766 = 125/128); the values are kept as printed (ANCHORS.md).
public enum GhiaCavity {
    /// The point set's name in result files (`/reference/ghia`).
    public static let name = "ghia"
    public static let source = "Ghia, Ghia & Shin 1982, J. Comput. Phys. 48, Re = 100, Tables I-II"

    /// (y, u) on x = 0.5, as printed (top to bottom).
    public static let uOnVerticalCentreline: [(y: Double, u: Double)] = [
        (1, 1), (0.9766, 0.84123), (0.9688, 0.78871), (0.9609, 0.73722), (0.9531, 0.68717),
        (0.8516, 0.23151), (0.7344, 0.00332), (0.6172, -0.13641), (0.5, -0.20581), (0.4531, -0.21090),
        (0.2813, -0.15662), (0.1719, -0.10150), (0.1016, -0.06434), (0.0703, -0.04775),
        (0.0625, -0.04192), (0.0547, -0.03717), (0, 0),
    ]

    /// (x, v) on y = 0.5, as printed (right to left).
    public static let vOnHorizontalCentreline: [(x: Double, v: Double)] = [
        (1, 0), (0.9688, -0.05906), (0.9609, -0.07391), (0.9531, -0.08864), (0.9453, -0.10313),
        (0.9063, -0.16914), (0.8594, -0.22445), (0.8047, -0.24533), (0.5, 0.05454), (0.2344, 0.17527),
        (0.2266, 0.17507), (0.1563, 0.16077), (0.0938, 0.12317), (0.0781, 0.10890), (0.0703, 0.10091),
        (0.0625, 0.09233), (0, 0),
    ]

    /// The two centrelines as a point reference for a problem whose spatial inputs are
    /// `horizontal` (the lid's direction) and `vertical`, on [0, 1] × [0, 1], with outputs
    /// `u` (velocity along `horizontal`) and `v`. Points are in ascending coordinate order.
    public static func reference(horizontal: String, vertical: String) -> PointReference {
        let u = uOnVerticalCentreline.reversed(), v = vOnHorizontalCentreline.reversed()
        return PointReference(name: name, source: source, lines: [
            .init(output: "u", along: vertical, fixed: [horizontal: 0.5], coordinates: u.map(\.y), values: u.map(\.u)),
            .init(output: "v", along: horizontal, fixed: [vertical: 0.5], coordinates: v.map(\.x), values: v.map(\.v)),
        ])
    }
}
