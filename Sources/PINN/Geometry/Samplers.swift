import ENNCore

/// Point generators on the unit cube [0,1)^d, named as in the problem file's `points.sampler`.
public enum SamplerKind: String, Sendable, CaseIterable {
    /// Independent uniform random points.
    case uniform
    /// Latin hypercube: one point in each of n equal slices of every axis (McKay, Beckman &
    /// Conover 1979).
    case latinHypercube = "latin_hypercube"
    /// Sobol' sequence (Joe & Kuo 2008 direction numbers) with a random digital shift.
    case sobol
    /// Halton sequence (bases 2, 3, 5, …, 19) with a random Cranley–Patterson rotation.
    case halton

    /// The largest dimension this kind can generate (`Int.max` for the random kinds).
    public var maximumDimension: Int {
        switch self {
        case .uniform, .latinHypercube: return Int.max
        case .sobol: return SobolSequence.maximumDimension
        case .halton: return HaltonSequence.maximumDimension
        }
    }
}

/// n points in the unit cube [0,1)^d, row-major [n × d] (point p, coordinate j at p·d + j).
///
/// The result depends only on `kind`, n, d and the generator's state, which advances:
/// - `uniform`: n·d draws, point by point.
/// - `latinHypercube`: per axis a random permutation π of 0..<n and n uniforms u,
///   x[p][j] = (π_j(p) + u_pj) / n (McKay, Beckman & Conover, Technometrics 21, 1979).
/// - `sobol`: d draws of 52-bit digital shifts e_j; points 0..<n of the Sobol' sequence with
///   each coordinate's bits XOR-ed with e_j (a random digital shift keeps every (t,m,s)-net
///   property, so the first 2^m points still put one point in each [k/2^m, (k+1)/2^m) of
///   every axis). The unshifted zero point is kept: after the shift it is a random point.
/// - `halton`: d uniform draws s_j; points 1...n of the Halton sequence rotated modulo 1,
///   x = frac(φ_b(i) + s_j) (Cranley & Patterson, SIAM J. Numer. Anal. 13, 1976).
/// n = 0 gives an empty array and leaves the generator untouched.
public func samplePoints(_ kind: SamplerKind, count n: Int, dimension d: Int,
                         rng: inout RandomGenerator) -> [Double] {
    precondition(n >= 0, "samplePoints: count must be ≥ 0, got \(n)")
    precondition(d >= 1, "samplePoints: dimension must be ≥ 1, got \(d)")
    precondition(d <= kind.maximumDimension,
                 "samplePoints: dimension \(d) exceeds the \(kind.rawValue) sampler's maximum \(kind.maximumDimension)")
    precondition(!n.multipliedReportingOverflow(by: d).overflow,
                 "samplePoints: count × dimension overflows (\(n) × \(d))")
    if n == 0 { return [] }
    switch kind {
    case .uniform:
        return uniformUnitCubePoints(count: n, dimension: d, rng: &rng)
    case .latinHypercube:
        return latinHypercubePoints(count: n, dimension: d, rng: &rng)
    case .sobol:
        var shift = [UInt64](repeating: 0, count: d)
        for j in 0..<d { shift[j] = rng.next() >> UInt64(64 - SobolSequence.bits) }
        return SobolSequence(dimension: d).points(count: n, start: 0, digitalShift: shift)
    case .halton:
        var shift = [Double](repeating: 0, count: d)
        for j in 0..<d { shift[j] = rng.uniform() }
        return HaltonSequence(dimension: d).points(count: n, start: 1, shift: shift)
    }
}

/// n·d independent uniforms in [0, 1), point by point.
func uniformUnitCubePoints(count n: Int, dimension d: Int, rng: inout RandomGenerator) -> [Double] {
    var out = [Double](repeating: 0, count: n * d)
    for i in 0..<out.count { out[i] = rng.uniform() }
    return out
}

/// Latin hypercube sample: axis by axis, a Fisher–Yates permutation π of the n strata, then
/// x[p][j] = (π(p) + u) / n with u uniform in [0, 1), kept inside its stratum
/// [π(p)/n, (π(p)+1)/n) against rounding (McKay, Beckman & Conover 1979).
func latinHypercubePoints(count n: Int, dimension d: Int, rng: inout RandomGenerator) -> [Double] {
    var out = [Double](repeating: 0, count: n * d)
    var perm = [Int](repeating: 0, count: n)
    let scale = Double(n)
    for j in 0..<d {
        for i in 0..<n { perm[i] = i }
        var i = n - 1
        while i > 0 {
            perm.swapAt(i, samplingRandomIndex(below: i + 1, rng: &rng))
            i -= 1
        }
        for p in 0..<n {
            let stratum = Double(perm[p])
            let top = (stratum + 1) / scale
            var x = (stratum + rng.uniform()) / scale
            if x >= top { x = top.nextDown }
            out[p * d + j] = x
        }
    }
    return out
}

/// A uniform integer in 0..<bound from the generator's 64-bit output, without modulo bias
/// (Lemire, "Fast random integer generation in an interval", ACM TOMACS 29, 2019). Written
/// here rather than `Int.random(in:using:)` so the stream does not depend on the standard
/// library's version.
@inline(__always)
func samplingRandomIndex(below bound: Int, rng: inout RandomGenerator) -> Int {
    let s = UInt64(bound)
    var m = rng.next().multipliedFullWidth(by: s)
    if m.low < s {
        let threshold = (0 &- s) % s
        while m.low < threshold { m = rng.next().multipliedFullWidth(by: s) }
    }
    return Int(m.high)
}
