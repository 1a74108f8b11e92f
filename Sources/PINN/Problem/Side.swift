import Foundation

/// Named sides of a box × time domain.
///
/// Sides belong to spatial inputs by position among the spatial inputs (inputs other than
/// `t`): `left`/`right` are the lower/upper ends of the first (`x`), `bottom`/`top` of the
/// second (`y`), `front`/`back` of the third (`z`). `initial` is the lower end of `t`.
public enum SideName: String, CaseIterable, Sendable, CustomStringConvertible {
    case left, right, bottom, top, front, back, initial

    public var description: String { rawValue }

    /// Which spatial input (0, 1, 2) the side bounds, and whether it is the upper end; nil for
    /// `initial`.
    public var spatialAxis: (index: Int, isUpper: Bool)? {
        switch self {
        case .left: return (0, false)
        case .right: return (0, true)
        case .bottom: return (1, false)
        case .top: return (1, true)
        case .front: return (2, false)
        case .back: return (2, true)
        case .initial: return nil
        }
    }

    /// The sides that exist for a problem with `spatialDimension` spatial inputs, with or
    /// without time, in the order left, right, bottom, top, front, back, initial.
    public static func available(spatialDimension: Int, hasTime: Bool) -> [SideName] {
        allCases.filter { side in
            if let axis = side.spatialAxis { return axis.index < spatialDimension }
            return hasTime
        }
    }
}

/// A side resolved on a problem's domain: the input it fixes, and where.
public struct Face: Equatable, Sendable, CustomStringConvertible {
    public var side: SideName
    /// The input held fixed on this face (`x` for `left`).
    public var input: String
    /// True on the upper end of the input's interval.
    public var isUpper: Bool
    /// The fixed input's value on the face.
    public var coordinate: Double

    public init(side: SideName, input: String, isUpper: Bool, coordinate: Double) {
        self.side = side
        self.input = input
        self.isUpper = isUpper
        self.coordinate = coordinate
    }

    /// Sign of the outward normal along `input`: −1 on a lower end, +1 on an upper end.
    /// A Neumann value g on this face means sign · ∂u/∂input = g.
    public var outwardNormalSign: Double { isUpper ? 1 : -1 }

    public var description: String { "\(side) (\(input) = \(ExpressionSource.spell(coordinate)))" }
}

/// An input's interval.
public struct InputInterval: Equatable, Sendable {
    public var input: String
    public var lower: Double
    public var upper: Double
    /// True for the time input `t`.
    public var isTime: Bool

    public init(input: String, lower: Double, upper: Double, isTime: Bool) {
        self.input = input
        self.lower = lower
        self.upper = upper
        self.isTime = isTime
    }

    public var length: Double { upper - lower }
}
