/// One derivative component of a jet: ∂^k/∂x_{i1}…∂x_{ik}, stored as the sorted multiset of
/// input indices (`[]` is the value itself, `[0, 0]` is ∂²/∂x0²).
public struct Partial: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let inputs: [Int]

    public init(_ inputs: [Int]) {
        precondition(inputs.allSatisfy { $0 >= 0 }, "Partial: negative input index in \(inputs)")
        self.inputs = inputs.sorted()
    }

    public static let value = Partial([])
    public var order: Int { inputs.count }

    public static func < (a: Partial, b: Partial) -> Bool {
        a.order != b.order ? a.order < b.order : a.inputs.lexicographicallyPrecedes(b.inputs)
    }

    public var description: String { inputs.isEmpty ? "value" : "d" + inputs.map(String.init).joined() }

    /// Every sub-multiset (as positions taken or not), including `[]` and `self`.
    var subMultisets: Set<Partial> {
        var result: Set<Partial> = []
        for mask in 0..<(1 << order) {
            result.insert(Partial((0..<order).filter { mask & (1 << $0) != 0 }.map { inputs[$0] }))
        }
        return result
    }
}

/// Which derivative components a jet carries, for a network with `inputCount` inputs.
///
/// Closed under taking sub-derivatives (u_xx needs u_x; u_xy needs u_x and u_y), because
/// the chain rule for u_xx reads u_x. Component 0 is always the value. A jet of width W over
/// N points stores its components one after another, each an [N × W] row-major block, so a
/// Linear layer is one GEMM over [K·N × W] rows.
///
/// Supported: any derivative up to order 4 (this covers every first derivative, pure and
/// mixed second derivatives, and the pure third and fourth derivatives KdV and
/// Kuramoto–Sivashinsky need). The chain-rule plans are built once per layout and cached.
public final class JetLayout: Equatable, @unchecked Sendable, CustomStringConvertible {
    public static let maximumOrder = 4

    public let inputCount: Int
    public let components: [Partial]
    private let indexOf: [Partial: Int]

    /// The layout carrying `requested` derivatives (and everything they need).
    public init(inputCount: Int, requested: [Partial]) {
        precondition(inputCount >= 1, "JetLayout: inputCount must be ≥ 1, got \(inputCount)")
        var all: Set<Partial> = [.value]
        for p in requested {
            precondition(p.order <= JetLayout.maximumOrder,
                         "JetLayout: derivative \(p) has order \(p.order) > \(JetLayout.maximumOrder)")
            precondition(p.inputs.allSatisfy { $0 < inputCount },
                         "JetLayout: derivative \(p) names an input ≥ inputCount \(inputCount)")
            all.formUnion(p.subMultisets)
        }
        self.inputCount = inputCount
        self.components = all.sorted()
        self.indexOf = Dictionary(uniqueKeysWithValues: components.enumerated().map { ($1, $0) })
        compositionPlan = CompositionPlan(layout: self)
        productPlan = ProductPlan(layout: self)
        fusedTanhPlan = FusedTanhJet.SecondOrderPlan(self)
    }

    /// Values only: the layout of residuals and plain network evaluations. Shared instances
    /// for up to 16 inputs: ops ask for it on every record, and building a layout (with its
    /// chain-rule plans) each time cost 4 % of a config-A training iteration.
    public static func valueOnly(inputCount: Int) -> JetLayout {
        (1...valueOnlyShared.count).contains(inputCount)
            ? valueOnlyShared[inputCount - 1] : JetLayout(inputCount: inputCount, requested: [])
    }

    private static let valueOnlyShared = (1...16).map { JetLayout(inputCount: $0, requested: []) }

    public var count: Int { components.count }
    public var maxOrder: Int { components.last!.order }
    public var isValueOnly: Bool { components.count == 1 }

    public func index(of p: Partial) -> Int? { indexOf[p] }

    public static func == (a: JetLayout, b: JetLayout) -> Bool {
        a === b || (a.inputCount == b.inputCount && a.components == b.components)
    }

    public var description: String { "JetLayout(\(components))" }

    // The chain-rule plans are built in `init`, not lazily: layouts are shared by the
    // threads of `ParallelLossEvaluator`, and Swift's lazy properties are not thread-safe.
    /// Faà di Bruno terms for f(a).
    public private(set) var compositionPlan: CompositionPlan!
    /// The fused tanh kernel's plan when the layout's order is ≤ 2 (nil otherwise).
    private(set) var fusedTanhPlan: FusedTanhJet.SecondOrderPlan?
    /// Leibniz terms for a·b.
    public private(set) var productPlan: ProductPlan!
}
