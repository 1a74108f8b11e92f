import Foundation

/// Where the trained fields are written: a tensor grid over the domain.
///
/// `{"grid": {"x": 256, "t": 101}}`: points per input, endpoints included; inputs not listed
/// get 101.
public struct OutputSpec: Codable, Equatable, Sendable {
    /// Points per input (at least 2 each).
    public var grid: NamedValues<Int>

    /// Points for inputs the file does not list.
    public static let defaultPoints = 101

    public init(grid: NamedValues<Int> = .init()) { self.grid = grid }

    enum CodingKeys: String, CodingKey, CaseIterable { case grid }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        grid = try c.decodeIfPresent(NamedValues<Int>.self, forKey: .grid) ?? .init()
    }
}

/// The accuracy a problem must reach; tests and `pinn-solve` compare against it.
///
/// `{"rel_l2": {"u": 5e-4}}`: relative L2 error ‖u − u_ref‖₂ / ‖u_ref‖₂ on the output grid,
/// by output.
public struct ExpectSpec: Codable, Equatable, Sendable {
    /// Key `rel_l2`.
    public var relativeL2: NamedValues<Double>

    public init(relativeL2: NamedValues<Double>) { self.relativeL2 = relativeL2 }

    enum CodingKeys: String, CodingKey, CaseIterable { case relativeL2 = "rel_l2" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        relativeL2 = try c.decode(NamedValues<Double>.self, forKey: .relativeL2)
    }
}
