import Foundation

/// A partial derivative of an output by symbol: `u_xx` is ∂²u/∂x², `v_xt` is ∂²v/∂x∂t.
///
/// Spelling: the output name, an underscore, then one letter per differentiation, each the
/// name of an input. Input names are therefore single letters (enforced when a problem is
/// validated); output names contain no underscore. Mixed partials commute (the network is
/// smooth), so the inputs are kept in canonical order, the order of the problem's `inputs`:
/// with inputs `[x, t]`, `u_tx` and `u_xt` are the same symbol, named `u_xt`.
public struct DerivativeSymbol: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The differentiated output (`u`).
    public let output: String
    /// The inputs differentiated by, one per order, in canonical order (`["x", "x"]`).
    public let inputs: [String]

    /// A derivative of `output` by `inputs` (in the order given; see ``canonical(order:)``).
    public init(output: String, inputs: [String]) {
        precondition(!inputs.isEmpty, "DerivativeSymbol(output: \(output), inputs: []): a derivative needs at least one input")
        self.output = output
        self.inputs = inputs
    }

    /// Parses `u_xt` given the problem's outputs and inputs; nil when `name` is not of the form
    /// `<output>_<input letters>`. The inputs come back in the order of `inputs`.
    public init?(parsing name: String, outputs: [String], inputs: [String]) {
        guard let (output, letters) = DerivativeSymbol.split(name), outputs.contains(output) else { return nil }
        let order = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        guard letters.allSatisfy({ order[$0] != nil }) else { return nil }
        self.init(output: output, inputs: letters.sorted { order[$0]! < order[$1]! })
    }

    /// `("u", ["x", "t"])` for `u_xt`: the part before the first underscore and the letters
    /// after it; nil unless both parts are non-empty and the suffix is all letters.
    static func split(_ name: String) -> (String, [String])? {
        guard let underscore = name.firstIndex(of: "_") else { return nil }
        let output = String(name[..<underscore])
        let suffix = name[name.index(after: underscore)...]
        guard !output.isEmpty, !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return (output, suffix.map(String.init))
    }

    /// The total order of differentiation (`u_xxt` → 3).
    public var order: Int { inputs.count }

    /// How many times `input` is differentiated by (`u_xxt`: x → 2, t → 1).
    public func count(of input: String) -> Int { inputs.filter { $0 == input }.count }

    /// Positions of the differentiated inputs in `inputs`, sorted (`u_xt` with inputs
    /// `[x, t]` → `[0, 1]`): the multiset ENNCore's `Partial` takes. A precondition failure
    /// names an input that is not in `inputs`.
    public func inputIndices(in inputs: [String]) -> [Int] {
        self.inputs.map { name in
            guard let i = inputs.firstIndex(of: name) else {
                preconditionFailure("DerivativeSymbol.inputIndices(in: \(inputs)): '\(name)' of \(self.name) is not an input")
            }
            return i
        }.sorted()
    }

    /// The canonical name, `u_xt`.
    public var name: String { output + "_" + inputs.joined() }
    public var description: String { name }

    /// This symbol with its inputs sorted in the order of `inputs`.
    public func canonical(order inputs: [String]) -> DerivativeSymbol {
        let rank = Dictionary(uniqueKeysWithValues: inputs.enumerated().map { ($1, $0) })
        return DerivativeSymbol(output: output, inputs: self.inputs.sorted { (rank[$0] ?? .max) < (rank[$1] ?? .max) })
    }

    /// Lower order first, then by output name, then by input letters: a total, stable order.
    /// (``Expr/derivativeSymbols(outputs:inputs:)`` orders by the problem's own order instead.)
    public static func < (a: DerivativeSymbol, b: DerivativeSymbol) -> Bool {
        (a.order, a.output, a.inputs.joined()) < (b.order, b.output, b.inputs.joined())
    }
}
