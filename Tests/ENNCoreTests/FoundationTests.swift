import XCTest
import ENNCore

final class FoundationTests: XCTestCase {
    /// Golden values from an independent Python implementation of SplitMix64 seeding +
    /// xoshiro256** (Blackman & Vigna's reference algorithm), seed 42.
    func testGeneratorIsReproducibleAcrossMachines() {
        var rng = RandomGenerator(seed: 42)
        XCTAssertEqual((0..<3).map { _ in rng.next() }, RandomGeneratorGolden.seed42)
    }

    /// Bell numbers count set partitions; the 4th-order Faà di Bruno row has the textbook terms.
    func testChainRulePlans() {
        XCTAssertEqual((1...5).map { setPartitions($0).count }, [1, 2, 5, 15, 52])
        let layout = JetLayout(inputCount: 1, requested: [Partial([0, 0, 0, 0])])
        let terms = layout.compositionPlan.terms[layout.index(of: Partial([0, 0, 0, 0]))!]
        let described = Set(terms.map { "\(Int($0.coefficient))·f\($0.order)·\($0.factors)" })
        // components: 0 value, 1 x, 2 xx, 3 xxx, 4 xxxx
        XCTAssertEqual(described, ["1·f1·[4]", "4·f2·[1, 3]", "3·f2·[2, 2]", "6·f3·[1, 1, 2]", "1·f4·[1, 1, 1, 1]"])
        let mixed = JetLayout(inputCount: 2, requested: [Partial([0, 1])])
        XCTAssertEqual(mixed.components, [.value, Partial([0]), Partial([1]), Partial([0, 1])])
    }
}
