import Foundation

/// The one seeded random source of ENNCore: xoshiro256** seeded through SplitMix64.
///
/// Same seed, same numbers on every machine: only integer arithmetic and IEEE double
/// operations whose results are fully specified (no libm calls except `log`, `sqrt`,
/// `cos` in Box–Muller, which glibc rounds correctly in practice).
/// Source: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2021).
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)
    private var spareNormal: Double?

    /// For `RandomGenerator+State.swift` (the state stays private to the generator's files).
    var words: (UInt64, UInt64, UInt64, UInt64) { get { s } set { s = newValue } }
    var spare: Double? { get { spareNormal } set { spareNormal = newValue } }

    public init(seed: UInt64) {
        var z = seed
        func splitMix() -> UInt64 {
            z &+= 0x9E37_79B9_7F4A_7C15
            var x = z
            x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            return x ^ (x >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [lo, hi).
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * uniform() }

    /// Standard normal by the Box–Muller transform (pairs cached).
    public mutating func normal() -> Double {
        if let z = spareNormal { spareNormal = nil; return z }
        var u1 = uniform()
        while u1 <= 0 { u1 = uniform() }
        let u2 = uniform()
        let r = (-2 * Foundation.log(u1)).squareRoot()
        spareNormal = r * Foundation.sin(2 * Double.pi * u2)
        return r * Foundation.cos(2 * Double.pi * u2)
    }

    /// An independent stream derived from this one (for a sub-task that must not shift
    /// the parent's sequence when its size changes).
    public mutating func split() -> RandomGenerator { RandomGenerator(seed: next()) }
}
