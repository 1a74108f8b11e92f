/// The generator's state as plain words, for checkpoints: a generator made from `state` draws
/// exactly what the one it was read from would have drawn next.
extension RandomGenerator {
    /// Six words: the four of xoshiro256**, then 1 and the bits of the spare normal deviate
    /// when one is held (else 0, 0).
    public var state: [UInt64] {
        let (a, b, c, d) = words
        return [a, b, c, d, spare == nil ? 0 : 1, spare?.bitPattern ?? 0]
    }

    /// A generator continuing from `state` (as read from `state`); nil when it is not six
    /// words or the four xoshiro words are all zero (a state xoshiro never reaches).
    public init?(state: [UInt64]) {
        guard state.count == 6, state[0...3].contains(where: { $0 != 0 }), state[4] <= 1 else { return nil }
        self.init(seed: 0)
        words = (state[0], state[1], state[2], state[3])
        spare = state[4] == 1 ? Double(bitPattern: state[5]) : nil
    }
}
