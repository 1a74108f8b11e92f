import Foundation

/// Observations of the outputs that the training must match (key `data`): each observed
/// output adds the loss term `data_<output>` = mean over the points of (output − observed)².
///
/// From a file (path relative to the problem file):
/// `{"file": "burgers_obs.h5", "outputs": ["u"], "names": {"points": "X", "u": "u_obs"}}`
/// - HDF5 (`.h5`, `.hdf5`): a float64 [N × inputs] dataset of points (columns in the order of
///   `inputs`; default name `points`) and one float64 [N] dataset per observed output (default
///   name: the output's).
/// - CSV (`.csv`): a header row naming the columns, then one row per point; a column per input
///   and per observed output (default names: theirs).
/// `names` renames: an input or output to its CSV column or HDF5 dataset, `points` to the HDF5
/// point array.
///
/// Drawn from the problem's reference (benchmarks): `{"from_reference": {"points": 2000,
/// "noise": 0.01, "seed": 1}}` takes that many distinct points of the output grid at random
/// and adds Gaussian noise of standard deviation noise × (standard deviation of the drawn
/// values), per output (as Raissi, Perdikaris & Karniadakis 2019 did).
public struct DataSpec: Codable, Equatable, Sendable {
    public var file: String?
    public var fromReference: FromReferenceSpec?
    /// Observed outputs (default: every output; with `from_reference`, every output the
    /// reference has).
    public var outputs: [String]?
    /// Column or dataset names for inputs, outputs and `points` (default: their own names).
    public var names: NamedValues<String>

    public init(file: String? = nil, fromReference: FromReferenceSpec? = nil, outputs: [String]? = nil,
                names: NamedValues<String> = .init()) {
        self.file = file
        self.fromReference = fromReference
        self.outputs = outputs
        self.names = names
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case file, fromReference = "from_reference", outputs, names }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        file = try c.decodeIfPresent(String.self, forKey: .file)
        fromReference = try c.decodeIfPresent(FromReferenceSpec.self, forKey: .fromReference)
        outputs = try c.decodeIfPresent([String].self, forKey: .outputs)
        names = try c.decodeIfPresent(NamedValues<String>.self, forKey: .names) ?? .init()
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(file, forKey: .file)
        try c.encodeIfPresent(fromReference, forKey: .fromReference)
        try c.encodeIfPresent(outputs, forKey: .outputs)
        if !names.isEmpty { try c.encode(names, forKey: .names) }
    }
}

/// Observations drawn from the problem's own reference on its output grid.
public struct FromReferenceSpec: Codable, Equatable, Sendable {
    /// Distinct grid points drawn (at most the grid's point count).
    public var points: Int
    /// Noise standard deviation relative to each field's standard deviation. Default 0.
    public var noise: Double
    /// Seed of the draw and the noise (independent of `--seed`, so every run sees the same
    /// data). Default 0.
    public var seed: UInt64

    public init(points: Int, noise: Double = 0, seed: UInt64 = 0) {
        self.points = points
        self.noise = noise
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case points, noise, seed }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        points = try c.decode(Int.self, forKey: .points)
        noise = try c.decodeIfPresent(Double.self, forKey: .noise) ?? 0
        let seed = try c.decodeIfPresent(Int.self, forKey: .seed) ?? 0
        guard seed >= 0 else { throw c.failure(.seed, "must be zero or positive, got \(seed)") }
        self.seed = UInt64(seed)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(points, forKey: .points)
        try c.encode(noise, forKey: .noise)
        try c.encode(Int(seed), forKey: .seed)
    }
}
