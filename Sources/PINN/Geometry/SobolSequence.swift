import ENNCore

/// The Sobol' low-discrepancy sequence in up to 21 dimensions, 52-bit precision.
///
/// Coordinate j of point i is X_j(i) / 2^52 with X_j(i) = ⊕_k g_k(i) · V_jk, where g(i) =
/// i ⊕ (i >> 1) is the Gray code of i and V_jk = v_jk · 2^52 are the direction numbers. In
/// Gray-code order consecutive points differ in one term: X(i) = X(i−1) ⊕ V_c, c the position
/// of the lowest zero bit of i − 1 (Antonov & Saleev 1979; Bratley & Fox, ACM TOMS 14, 1988).
///
/// Direction numbers: dimension 1 has v_k = 2^−k (the base-2 van der Corput sequence). For
/// dimension j ≥ 2 with primitive polynomial x^s + a_1 x^(s−1) + … + a_(s−1) x + 1 (the
/// integer a holds a_1…a_(s−1), most significant first) and initial odd m_1…m_s
/// (m_k < 2^k), v_k = m_k / 2^k for k ≤ s and
///   V_k = V_(k−s) ⊕ (V_(k−s) >> s) ⊕ a_1 V_(k−1) ⊕ … ⊕ a_(s−1) V_(k−s+1).
/// s, a, m are rows 2–21 of Joe & Kuo's `new-joe-kuo-6.21201` table (S. Joe & F. Y. Kuo,
/// "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci.
/// Comput. 30, 2635–2654, 2008), checked against `scipy.stats.qmc.Sobol`.
///
/// Net property: the first 2^m points (from index 0) form a (t, m, s)-net in base 2, with
/// t ≤ Σ (deg p_j − 1) over the chosen dimensions; in particular every axis has one point in
/// each [k/2^m, (k+1)/2^m), and dimensions 1–2 form a (0, m, 2)-net. Index 0 is the zero
/// point: start at 1 to skip it when no digital shift is applied.
public struct SobolSequence: Sendable {
    /// Dimensions with direction numbers here.
    public static let maximumDimension = 21
    /// Bits per coordinate: points are multiples of 2^−52, and at most 2^52 exist.
    public static let bits = 52

    /// Number of coordinates per point.
    public let dimension: Int

    public init(dimension: Int) {
        precondition(dimension >= 1 && dimension <= SobolSequence.maximumDimension,
                     "SobolSequence: dimension must be in 1...\(SobolSequence.maximumDimension), got \(dimension)")
        self.dimension = dimension
    }

    /// Points start ..< start + count as 52-bit integers X (coordinate = X / 2^52), row-major
    /// [count × dimension], each coordinate XOR-ed with `digitalShift[j]` (52-bit patterns)
    /// when given.
    public func integerPoints(count: Int, start: Int = 0, digitalShift: [UInt64]? = nil) -> [UInt64] {
        let d = dimension
        var out = [UInt64](repeating: 0, count: checkedSize(count: count, start: start, shift: digitalShift))
        if count == 0 { return out }
        let shift = digitalShift ?? [UInt64](repeating: 0, count: d)
        let v = SobolSequence.directionNumbers
        let b = SobolSequence.bits
        var state = startState(start)
        for p in 0..<count {
            if p > 0 {
                let c = (~UInt64(start + p - 1)).trailingZeroBitCount
                for j in 0..<d { state[j] ^= v[j * b + c] }
            }
            for j in 0..<d { out[p * d + j] = state[j] ^ shift[j] }
        }
        return out
    }

    /// Points start ..< start + count in [0, 1)^d, row-major [count × dimension]: the
    /// integers of `integerPoints` times 2^−52 (exact in Double).
    public func points(count: Int, start: Int = 0, digitalShift: [UInt64]? = nil) -> [Double] {
        integerPoints(count: count, start: start, digitalShift: digitalShift).map { Double($0) * 0x1.0p-52 }
    }

    /// Validates the arguments and returns count × dimension.
    private func checkedSize(count: Int, start: Int, shift: [UInt64]?) -> Int {
        precondition(count >= 0, "SobolSequence: count must be ≥ 0, got \(count)")
        precondition(start >= 0, "SobolSequence: start must be ≥ 0, got \(start)")
        let limit = 1 << SobolSequence.bits
        precondition(start <= limit && count <= limit - start,
                     "SobolSequence: indices start ..< start + count must lie below 2^52 (start \(start), count \(count))")
        if let shift {
            precondition(shift.count == dimension,
                         "SobolSequence: digitalShift has \(shift.count) entries, expected dimension \(dimension)")
            for e in shift {
                precondition(e >> UInt64(SobolSequence.bits) == 0,
                             "SobolSequence: digitalShift entries must be below 2^52, got \(e)")
            }
        }
        return count * dimension
    }

    /// X(start) = ⊕ over the set bits k of the Gray code of `start` of V_(k+1).
    private func startState(_ start: Int) -> [UInt64] {
        let v = SobolSequence.directionNumbers
        let b = SobolSequence.bits
        var state = [UInt64](repeating: 0, count: dimension)
        var gray = UInt64(start) ^ (UInt64(start) >> 1)
        var k = 0
        while gray != 0 {
            if gray & 1 == 1 { for j in 0..<dimension { state[j] ^= v[j * b + k] } }
            gray >>= 1
            k += 1
        }
        return state
    }

    /// Joe–Kuo parameters for dimensions 2…21: degree s, coefficient bits a, initial m_1…m_s.
    static let parameters: [(s: Int, a: UInt64, m: [UInt64])] = [
        (1, 0, [1]),                      // 2
        (2, 1, [1, 3]),                   // 3
        (3, 1, [1, 3, 1]),                // 4
        (3, 2, [1, 1, 1]),                // 5
        (4, 1, [1, 1, 3, 3]),             // 6
        (4, 4, [1, 3, 5, 13]),            // 7
        (5, 2, [1, 1, 5, 5, 17]),         // 8
        (5, 4, [1, 1, 5, 5, 5]),          // 9
        (5, 7, [1, 1, 7, 11, 19]),        // 10
        (5, 11, [1, 1, 5, 1, 1]),         // 11
        (5, 13, [1, 1, 1, 3, 11]),        // 12
        (5, 14, [1, 3, 5, 5, 31]),        // 13
        (6, 1, [1, 3, 3, 9, 7, 49]),      // 14
        (6, 13, [1, 1, 1, 15, 21, 21]),   // 15
        (6, 16, [1, 3, 1, 13, 27, 49]),   // 16
        (6, 19, [1, 1, 1, 15, 7, 5]),     // 17
        (6, 22, [1, 3, 1, 15, 13, 25]),   // 18
        (6, 25, [1, 1, 5, 5, 19, 61]),    // 19
        (7, 1, [1, 3, 7, 11, 23, 15, 103]), // 20
        (7, 4, [1, 3, 7, 13, 13, 15, 69]),  // 21
    ]

    /// Direction numbers V_jk (k = 1…52) as 52-bit integers, flat [maximumDimension × 52].
    static let directionNumbers: [UInt64] = {
        let b = bits
        var v = [UInt64](repeating: 0, count: maximumDimension * b)
        for k in 1...b { v[k - 1] = 1 << UInt64(b - k) }
        for (index, row) in parameters.enumerated() {
            let base = (index + 1) * b
            let s = row.s
            for k in 1...b {
                if k <= s {
                    v[base + k - 1] = row.m[k - 1] << UInt64(b - k)
                } else {
                    var x = v[base + k - s - 1]
                    x ^= x >> UInt64(s)
                    for i in 1..<s where (row.a >> UInt64(s - 1 - i)) & 1 == 1 {
                        x ^= v[base + k - i - 1]
                    }
                    v[base + k - 1] = x
                }
            }
        }
        return v
    }()
}
