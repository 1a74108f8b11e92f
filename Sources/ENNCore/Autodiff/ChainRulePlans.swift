/// The higher-order chain rule for y = f(a) on a jet (Faà di Bruno's formula), as a table.
///
/// For a component D (a multiset of inputs, seen as a list of positions),
///   y_D = Σ over set partitions π of the positions of D: f^(|π|)(a₀) · Π_{B ∈ π} a_B,
/// e.g. y_xx = f'·a_xx + f''·a_x², y_xy = f'·a_xy + f''·a_x·a_y,
///      y_xxxx = f'a_xxxx + 4f''a_x a_xxx + 3f''a_xx² + 6f'''a_x²a_xx + f''''a_x⁴.
/// Identical terms are merged with integer coefficients. Built once per layout.
public struct CompositionPlan: Sendable {
    public struct Term: Sendable, Equatable {
        public let coefficient: Double
        /// The derivative of f used, f^(order).
        public let order: Int
        /// Component indices of the factors a_B (count == order).
        public let factors: [Int]
    }

    /// terms[c] for component c (c = 0, the value, is just f(a₀) and has no terms).
    public let terms: [[Term]]

    init(layout: JetLayout) {
        var all: [[Term]] = [[]]
        for c in 1..<layout.count {
            let positions = layout.components[c].inputs
            var merged: [[Int]: (order: Int, coefficient: Double)] = [:]
            for partition in setPartitions(positions.count) {
                let factors = partition.map { block in layout.index(of: Partial(block.map { positions[$0] }))! }.sorted()
                merged[factors, default: (factors.count, 0)].coefficient += 1
            }
            all.append(merged.map { Term(coefficient: $0.value.coefficient, order: $0.value.order, factors: $0.key) }
                .sorted { $0.order != $1.order ? $0.order < $1.order : $0.factors.lexicographicallyPrecedes($1.factors) })
        }
        terms = all
    }
}

/// The Leibniz rule for y = a·b on a jet: y_D = Σ over subsets S of the positions of D of
/// a_S · b_{D∖S}, merged with integer coefficients (y_xx = a_xx b + 2 a_x b_x + a b_xx).
public struct ProductPlan: Sendable {
    public struct Term: Sendable, Equatable {
        public let coefficient: Double
        public let left: Int
        public let right: Int
    }

    public let terms: [[Term]]

    init(layout: JetLayout) {
        terms = layout.components.map { d in
            let positions = d.inputs
            var merged: [[Int]: Double] = [:]
            for mask in 0..<(1 << positions.count) {
                let left = Partial((0..<positions.count).filter { mask & (1 << $0) != 0 }.map { positions[$0] })
                let right = Partial((0..<positions.count).filter { mask & (1 << $0) == 0 }.map { positions[$0] })
                merged[[layout.index(of: left)!, layout.index(of: right)!], default: 0] += 1
            }
            return merged.map { Term(coefficient: $0.value, left: $0.key[0], right: $0.key[1]) }
                .sorted { ($0.left, $0.right) < ($1.left, $1.right) }
        }
    }
}

/// All set partitions of {0, …, n−1}, each a list of blocks (lists of positions).
public func setPartitions(_ n: Int) -> [[[Int]]] {
    guard n > 0 else { return [[]] }
    var result: [[[Int]]] = []
    for smaller in setPartitions(n - 1) {
        // Element n−1 joins an existing block or starts its own.
        for b in smaller.indices {
            var p = smaller
            p[b].append(n - 1)
            result.append(p)
        }
        result.append(smaller + [[n - 1]])
    }
    return result
}
