/// A dense layer y = x·W + b with W [in × out] and b [out] stored in θ.
public struct Linear: Sendable {
    public let inFeatures: Int
    public let outFeatures: Int
    public let weightOffset: Int
    public let biasOffset: Int

    public init(_ inFeatures: Int, _ outFeatures: Int, parameters: inout ParameterLayout, name: String) {
        precondition(inFeatures > 0 && outFeatures > 0, "Linear: sizes must be positive, got \(inFeatures)→\(outFeatures)")
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weightOffset = parameters.reserve(inFeatures * outFeatures, name: name + ".weight")
        biasOffset = parameters.reserve(outFeatures, name: name + ".bias")
    }

    /// Writes initial weights (biases zero) into θ.
    public func initialize(_ theta: inout [Double], scheme: Initialization, rng: inout RandomGenerator) {
        let fanSum = Double(inFeatures + outFeatures)
        for i in 0..<(inFeatures * outFeatures) {
            switch scheme {
            case .glorotNormal: theta[weightOffset + i] = (2 / fanSum).squareRoot() * rng.normal()
            case .glorotUniform: theta[weightOffset + i] = (6 / fanSum).squareRoot() * rng.uniform(-1, 1)
            }
        }
        for j in 0..<outFeatures { theta[biasOffset + j] = 0 }
    }

    public func callAsFunction(_ x: Var, on tape: Tape) -> Var {
        tape.linear(x, inFeatures: inFeatures, outFeatures: outFeatures, weightOffset: weightOffset, biasOffset: biasOffset)
    }
}
