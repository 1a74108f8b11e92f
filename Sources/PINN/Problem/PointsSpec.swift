import Foundation

/// Collocation points: how many, how they are drawn, and when they are redrawn.
///
/// `{"interior": 8192, "boundary": 200, "initial": 400, "sampler": "sobol",
///   "resample_every": 1000, "rad": {"k": 1, "c": 1, "candidates": 100000}}`
public struct PointsSpec: Codable, Equatable, Sendable {
    /// Point generators on a box.
    public enum Sampler: String, SpecEnum {
        /// Independent uniform random points.
        case uniform
        /// Latin hypercube: one point in each of n equal slices of every axis (McKay et al. 1979).
        case latinHypercube = "latin_hypercube"
        /// Scrambled Sobol sequence (Joe & Kuo direction numbers).
        case sobol
        /// Halton sequence (randomly shifted).
        case halton
    }

    /// Interior points for the PDE residuals. Default 4096.
    public var interior: Int
    /// Points per boundary or periodic condition, spread over its sides in proportion to their
    /// measure. Default 256.
    public var boundary: Int
    /// Points per initial condition. Default 256.
    public var initial: Int
    /// Default `sobol`.
    public var sampler: Sampler
    /// Redraw the points every this many iterations of a first-order (Adam) stage; 0 keeps
    /// them fixed. L-BFGS stages always keep their points fixed. Key `resample_every`. Default 0.
    public var resampleEvery: Int
    /// Residual-based adaptive distribution of the interior points. Default: off.
    public var rad: RADSpec?

    public init(interior: Int = 4096, boundary: Int = 256, initial: Int = 256, sampler: Sampler = .sobol,
                resampleEvery: Int = 0, rad: RADSpec? = nil) {
        self.interior = interior
        self.boundary = boundary
        self.initial = initial
        self.sampler = sampler
        self.resampleEvery = resampleEvery
        self.rad = rad
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case interior, boundary, initial, sampler, resampleEvery = "resample_every", rad
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        let d = PointsSpec()
        interior = try c.decodeIfPresent(Int.self, forKey: .interior) ?? d.interior
        boundary = try c.decodeIfPresent(Int.self, forKey: .boundary) ?? d.boundary
        initial = try c.decodeIfPresent(Int.self, forKey: .initial) ?? d.initial
        sampler = try c.decodeIfPresent(Sampler.self, forKey: .sampler) ?? d.sampler
        resampleEvery = try c.decodeIfPresent(Int.self, forKey: .resampleEvery) ?? d.resampleEvery
        rad = try c.decodeIfPresent(RADSpec.self, forKey: .rad)
    }
}

/// Residual-based adaptive distribution, RAD (Wu, Zhu, Tan, Kartha & Lu 2023, CMAME 403,
/// "A comprehensive study of non-adaptive and residual-based adaptive sampling for PINNs"):
/// at each resampling, draw `candidates` points with the sampler, evaluate the PDE residual ε,
/// and keep `interior` of them drawn with probability p(x) ∝ εᵏ/mean(εᵏ) + c.
public struct RADSpec: Codable, Equatable, Sendable {
    /// Exponent k ≥ 0 (0 gives uniform sampling). Default 1.
    public var k: Double
    /// Offset c ≥ 0 (large c approaches uniform sampling). Default 1.
    public var c: Double
    /// Candidate pool size (default: 8 × `points.interior`).
    public var candidates: Int?

    public init(k: Double = 1, c: Double = 1, candidates: Int? = nil) {
        self.k = k
        self.c = c
        self.candidates = candidates
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case k, c, candidates }

    public init(from decoder: Decoder) throws {
        let container = try decoder.strictContainer(keyedBy: CodingKeys.self)
        k = try container.decodeIfPresent(Double.self, forKey: .k) ?? 1
        c = try container.decodeIfPresent(Double.self, forKey: .c) ?? 1
        candidates = try container.decodeIfPresent(Int.self, forKey: .candidates)
    }
}
