import ENNCore
import Foundation

/// What θ holds after the solution network's weights: the networks inside the equations
/// (each an ENNCore MLP whose layers read θ at their own offsets), then one entry per unknown
/// parameter (log λ for a positive one). Every optimizer stage sees one flat θ, so all of
/// these train with the network without any stage knowing they are there.
struct EmbeddedModels {
    struct Unknown {
        let parameter: UnknownParameter
        let offset: Int
    }

    let functions: [String: MLP]
    let unknowns: [Unknown]
    /// Offset of the first entry after the solution network.
    let start: Int
    let parameterCount: Int
    private let order: [(name: String, initialization: NetworkSpec.Initialization)]

    static let none = EmbeddedModels(problem: nil, networkParameters: 0)

    init(problem: Problem?, networkParameters: Int) {
        start = networkParameters
        var offset = networkParameters
        var functions: [String: MLP] = [:]
        var order: [(String, NetworkSpec.Initialization)] = []
        for f in problem?.inverse.functions ?? [] {
            let mlp = MLP(inputs: f.spec.inputs, hidden: f.spec.hidden, outputs: 1,
                          activation: Activation(rawValue: f.spec.activation.rawValue)!, parameterOffset: offset)
            functions[f.name] = mlp
            order.append((f.name, f.spec.initialization))
            offset += mlp.parameterCount
        }
        unknowns = (problem?.inverse.unknowns ?? []).enumerated().map { Unknown(parameter: $1, offset: offset + $0) }
        self.functions = functions
        self.order = order
        parameterCount = offset + unknowns.count - networkParameters
    }

    /// The initial entries after the network: function weights from `rng` (in file order), then
    /// the unknowns' initial values (their logarithm when positive).
    func initialParameters(rng: inout RandomGenerator) -> [Double] {
        var values: [Double] = []
        for (name, initialization) in order {
            values += functions[name]!.initialParameters(scheme: initialization == .glorotNormal ? .glorotNormal : .glorotUniform,
                                                         rng: &rng)
        }
        return values + unknowns.map { $0.parameter.positive ? Foundation.log($0.parameter.initial) : $0.parameter.initial }
    }

    /// The unknown parameters' values at θ, in file order.
    func values(_ theta: [Double]) -> [Double] {
        unknowns.map { theta[$0.offset] }.enumerated().map { i, raw in unknowns[i].parameter.positive ? Foundation.exp(raw) : raw }
    }

    func unknown(_ name: String) -> Unknown? { unknowns.first { $0.parameter.name == name } }
}
