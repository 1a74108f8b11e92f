import XCTest
import Foundation
import ENNCore

/// The plan's choices saved to a wisdom file and adopted by another plan (another run).
final class GemmWisdomTests: XCTestCase {
    func temporaryURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gemm-wisdom-\(UUID().uuidString)/wisdom")
    }

    /// Plans one product's class in a fresh plan by timing.
    func planOne(_ plan: GemmPlan, m: Int, n: Int, k: Int) {
        let a = [Double](repeating: 0.5, count: m * k), b = [Double](repeating: 0.25, count: k * n)
        var c = [Double](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
            _ = plan.choice(m: m, n: n, k: k, a: a.baseAddress!, lda: k, transposeA: false, b: b.baseAddress!, ldb: n,
                            c: c.baseAddress!, ldc: n, accumulate: false)
        } } }
    }

    func testSavedChoicesAreAdoptedByAnotherPlan() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let first = GemmPlan(rounds: 1, minimumSeconds: 0)
        planOne(first, m: 64, n: 20, k: 20)
        planOne(first, m: 20, n: 1, k: 64)
        GemmWisdom.save(to: url, from: first)
        let saved = first.plannedEntries
        XCTAssertEqual(saved.count, 2)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix(GemmWisdom.header + "\n"), text)

        let second = GemmPlan(rounds: 1, minimumSeconds: 0)
        XCTAssertTrue(GemmWisdom.load(from: url, into: second))
        XCTAssertEqual(second.plannedEntries.map(\.shapeClass), saved.map(\.shapeClass))
        XCTAssertEqual(second.plannedEntries.map(\.choice), saved.map(\.choice))

        // A third class is added to the file; the first two stay.
        planOne(second, m: 640, n: 64, k: 64)
        GemmWisdom.save(to: url, from: second)
        XCTAssertEqual(GemmWisdom.read(url).count, 3)
    }

    func testForeignOrDamagedFilesAreIgnored() throws {
        let url = temporaryURL()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        for text in ["pinn-solve gemm wisdom 1; kernels other; vector 4; cpu elsewhere\n5 1\n",
                     GemmWisdom.header + "\n5 one\n", GemmWisdom.header + "\n999999999 1\n", ""] {
            try text.write(to: url, atomically: true, encoding: .utf8)
            let plan = GemmPlan(rounds: 1, minimumSeconds: 0)
            XCTAssertFalse(GemmWisdom.load(from: url, into: plan), text)
            XCTAssertTrue(plan.plannedEntries.isEmpty, text)
        }
        XCTAssertFalse(GemmWisdom.load(from: url.appendingPathExtension("missing")))
    }
}
