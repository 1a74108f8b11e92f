/// Hands out slices of the one flat parameter vector θ to layers, in construction order.
public struct ParameterLayout: Sendable {
    public private(set) var count = 0
    /// Named slices, for inspection and for writing parameters with names.
    public private(set) var slices: [(name: String, offset: Int, count: Int)] = []

    public init() {}

    /// A layout whose first slice starts at `offset` of a larger θ (a second network placed
    /// after the first one's parameters).
    public init(startingAt offset: Int) {
        precondition(offset >= 0, "ParameterLayout(startingAt:): negative offset \(offset)")
        count = offset
    }

    /// Reserves `n` parameters named `name` and returns their offset in θ.
    public mutating func reserve(_ n: Int, name: String) -> Int {
        precondition(n >= 0, "ParameterLayout.reserve: negative count \(n) for \(name)")
        let offset = count
        count += n
        slices.append((name, offset, n))
        return offset
    }
}

/// Weight initialisation schemes.
public enum Initialization: String, Codable, Sendable {
    /// Glorot/Xavier normal: W ~ N(0, 2/(fan_in + fan_out)) (Glorot & Bengio 2010).
    case glorotNormal
    /// Glorot/Xavier uniform: W ~ U(−a, a), a = √(6/(fan_in + fan_out)).
    case glorotUniform
}
