import ENNCore

/// The Halton sequence in up to 8 dimensions (bases 2, 3, 5, 7, 11, 13, 17, 19).
///
/// Coordinate j of point i is the radical inverse φ_b(i) = Σ_k a_k b^−(k+1) for
/// i = Σ_k a_k b^k and b the j-th prime (Halton, Numer. Math. 2, 1960). Base 2 gives 1/2, 1/4,
/// 3/4, 1/8, …; base 3 gives 1/3, 2/3, 1/9, …. Index 0 is the zero point, so sequences
/// usually start at 1. An optional shift s_j per coordinate applies the Cranley–Patterson
/// rotation x ↦ frac(x + s_j) (SIAM J. Numer. Anal. 13, 1976).
///
/// φ_b(i) is formed exactly as an integer fraction r / b^K and rounded once to Double, so it
/// is the correctly rounded radical inverse and lies in [0, 1). Consecutive indices update
/// the digits and r incrementally (amortised O(1) per coordinate).
public struct HaltonSequence: Sendable {
    /// Prime bases of coordinates 1…8.
    public static let bases: [Int] = [2, 3, 5, 7, 11, 13, 17, 19]
    /// Dimensions with a base here.
    public static var maximumDimension: Int { bases.count }
    /// Indices must stay below this bound (so every b^K involved is exact in Double).
    public static let indexLimit = 1 << 32

    /// Number of coordinates per point.
    public let dimension: Int

    public init(dimension: Int) {
        precondition(dimension >= 1 && dimension <= HaltonSequence.maximumDimension,
                     "HaltonSequence: dimension must be in 1...\(HaltonSequence.maximumDimension), got \(dimension)")
        self.dimension = dimension
    }

    /// The radical inverse φ_b(index): the base-b digits of index mirrored about the radix
    /// point, correctly rounded.
    public static func radicalInverse(_ index: Int, base: Int) -> Double {
        precondition(index >= 0 && index < indexLimit,
                     "HaltonSequence.radicalInverse: index must be in 0..<2^32, got \(index)")
        precondition(base >= 2 && base <= 64, "HaltonSequence.radicalInverse: base must be in 2...64, got \(base)")
        let b = UInt64(base)
        var i = UInt64(index)
        var numerator: UInt64 = 0
        var denominator: UInt64 = 1
        while i > 0 {
            numerator = numerator * b + i % b
            denominator *= b
            i /= b
        }
        return Double(numerator) / Double(denominator)
    }

    /// Points start ..< start + count, row-major [count × dimension], each coordinate
    /// rotated by `shift[j]` ∈ [0, 1) modulo 1 when given.
    public func points(count: Int, start: Int = 1, shift: [Double]? = nil) -> [Double] {
        precondition(count >= 0, "HaltonSequence: count must be ≥ 0, got \(count)")
        precondition(start >= 0, "HaltonSequence: start must be ≥ 0, got \(start)")
        precondition(start < HaltonSequence.indexLimit && count <= HaltonSequence.indexLimit - start,
                     "HaltonSequence: indices start ..< start + count must lie below 2^32 (start \(start), count \(count))")
        if let shift {
            precondition(shift.count == dimension,
                         "HaltonSequence: shift has \(shift.count) entries, expected dimension \(dimension)")
            for s in shift {
                precondition(s >= 0 && s < 1, "HaltonSequence: shift entries must lie in [0, 1), got \(s)")
            }
        }
        let d = dimension
        var out = [Double](repeating: 0, count: count * d)
        if count == 0 { return out }
        let last = UInt64(start + count - 1)
        for j in 0..<d {
            let b = UInt64(HaltonSequence.bases[j])
            // K digits cover every index ≤ last; weight[k] = b^(K−1−k) is digit k's weight in
            // the mirrored numerator r, so φ_b(i) = r / b^K.
            var digitCount = 1
            var power = b
            while power <= last { power *= b; digitCount += 1 }
            var weight = [UInt64](repeating: 1, count: digitCount)
            for k in stride(from: digitCount - 2, through: 0, by: -1) { weight[k] = weight[k + 1] * b }
            let denominator = Double(power)
            var digits = [UInt64](repeating: 0, count: digitCount)
            var numerator: UInt64 = 0
            var i = UInt64(start)
            var k = 0
            while i > 0 {
                digits[k] = i % b
                numerator += digits[k] * weight[k]
                i /= b
                k += 1
            }
            let rotation = shift?[j] ?? 0
            for p in 0..<count {
                if p > 0 {
                    // i ↦ i + 1: carry through trailing digits b − 1.
                    var k = 0
                    while digits[k] == b - 1 {
                        numerator -= (b - 1) * weight[k]
                        digits[k] = 0
                        k += 1
                    }
                    digits[k] += 1
                    numerator += weight[k]
                }
                var x = Double(numerator) / denominator + rotation
                if x >= 1 { x -= 1 }
                out[p * d + j] = x
            }
        }
        return out
    }
}
