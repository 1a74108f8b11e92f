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
    /// Published results to print beside ours, e.g.
    /// `[{"source": "Raissi et al. 2019, JCP 378", "rel_l2": {"u": 6.7e-4}}]`. Default none.
    public var published: [PublishedResult]

    public init(relativeL2: NamedValues<Double>, published: [PublishedResult] = []) {
        self.relativeL2 = relativeL2
        self.published = published
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case relativeL2 = "rel_l2", published }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        relativeL2 = try c.decode(NamedValues<Double>.self, forKey: .relativeL2)
        published = try c.decodeIfPresent([PublishedResult].self, forKey: .published) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(relativeL2, forKey: .relativeL2)
        if !published.isEmpty { try c.encode(published, forKey: .published) }
    }
}

/// A published error for the same problem, shown next to the run's own (not checked).
public struct PublishedResult: Codable, Equatable, Sendable {
    public var source: String
    /// Key `rel_l2`: relative L2 error by output.
    public var relativeL2: NamedValues<Double>

    public init(source: String, relativeL2: NamedValues<Double>) {
        self.source = source
        self.relativeL2 = relativeL2
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case source, relativeL2 = "rel_l2" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        source = try c.decode(String.self, forKey: .source)
        relativeL2 = try c.decode(NamedValues<Double>.self, forKey: .relativeL2)
    }
}
