import Foundation
import XCTest
import ENNCore

final class GemmTests: XCTestCase {
    /// Operands of one product, with padded leading dimensions when `pad` > 0.
    private struct Product {
        let m: Int, n: Int, k: Int, transposeA: Bool, accumulate: Bool
        let lda: Int, ldb: Int, ldc: Int
        let a: [Double], b: [Double], c0: [Double]

        init(m: Int, n: Int, k: Int, transposeA: Bool, accumulate: Bool, pad: Int = 0, seed: UInt64 = 1) {
            self.m = m; self.n = n; self.k = k; self.transposeA = transposeA; self.accumulate = accumulate
            lda = (transposeA ? m : k) + pad; ldb = n + pad; ldc = n + pad
            a = randomValues((transposeA ? k : m) * lda, seed: seed)
            b = randomValues(k * ldb, seed: seed + 1)
            c0 = randomValues(m * ldc, seed: seed + 2)
        }

        func opA(_ i: Int, _ p: Int) -> Double { transposeA ? a[p * lda + i] : a[i * lda + p] }

        /// The naive triple loop, and the sum of |terms| for a relative tolerance.
        func naive(_ i: Int, _ j: Int) -> (value: Double, magnitude: Double) {
            var s = accumulate ? c0[i * ldc + j] : 0, mag = Swift.abs(s)
            for p in 0..<k { s += opA(i, p) * b[p * ldb + j]; mag += Swift.abs(opA(i, p) * b[p * ldb + j]) }
            return (s, mag)
        }

        /// The arithmetic every SIMD kernel promises: one FMA chain over p = 0 ..< k, started
        /// from C (accumulate) or zero.
        func fmaChain(_ i: Int, _ j: Int) -> Double {
            var s = accumulate ? c0[i * ldc + j] : 0
            for p in 0..<k { s = s.addingProduct(opA(i, p), b[p * ldb + j]) }
            return s
        }

        func label(_ what: String) -> String {
            "\(what) m=\(m) n=\(n) k=\(k) transposeA=\(transposeA) accumulate=\(accumulate) lda=\(lda) ldc=\(ldc)"
        }

        /// C after `body` multiplied into a copy of c0.
        func result(_ body: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Void) -> [Double] {
            var c = c0
            a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in c.withUnsafeMutableBufferPointer { pc in
                body(pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
            } } }
            return c
        }

        func run(_ kernel: Gemm.Kernel) -> [Double] {
            result { a, b, c in
                Gemm.run(kernel, m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA, b: b, ldb: ldb,
                         c: c, ldc: ldc, accumulate: accumulate)
            }
        }

        func multiply() -> [Double] {
            result { a, b, c in
                Gemm.multiply(m: m, n: n, k: k, a: a, lda: lda, transposeA: transposeA, b: b, ldb: ldb,
                              c: c, ldc: ldc, accumulate: accumulate)
            }
        }

        /// Checks c against the naive product (1e-12 relative to the sum of |terms|) and the
        /// padding of C (columns n ..< ldc) against c0 (never written).
        func check(_ c: [Double], _ what: String) {
            for i in 0..<m {
                for j in 0..<ldc {
                    if j >= n {
                        XCTAssertEqual(c[i * ldc + j], c0[i * ldc + j], label("\(what): padding written at [\(i),\(j)]"))
                        continue
                    }
                    let (expected, magnitude) = naive(i, j)
                    let error = Swift.abs(c[i * ldc + j] - expected) / max(magnitude, .leastNormalMagnitude)
                    if !(error <= 1e-12) {
                        XCTFail(label("\(what) [\(i),\(j)]: expected \(expected), observed \(c[i * ldc + j]), relative error \(error), tolerance 1e-12"))
                        return
                    }
                }
            }
        }
    }

    /// Every candidate kernel (all SIMD tiles, k-blocked or not, and OpenBLAS) against a naive
    /// triple loop: both operand orders, overwrite and accumulate, odd sizes (every tile edge:
    /// leftover rows, 16/8/4/2/1-column edges, k shorter than every tile loop and longer than
    /// the k block).
    func testEveryKernelMatchesNaiveProduct() {
        var products: [Product] = []
        for m in [1, 7, 129] {
            for n in [1, 5, 20, 33, 64, 128] {
                for k in [1, 3, 20, 64] {
                    for transposeA in [false, true] {
                        for accumulate in [false, true] {
                            products.append(Product(m: m, n: n, k: k, transposeA: transposeA, accumulate: accumulate))
                        }
                    }
                }
            }
        }
        for transposeA in [false, true] {
            for accumulate in [false, true] {
                products.append(Product(m: 13, n: 37, k: 600, transposeA: transposeA, accumulate: accumulate)) // 3 k blocks
                products.append(Product(m: 9, n: 21, k: 17, transposeA: transposeA, accumulate: accumulate, pad: 3))
                // One output column: contiguous (ldc 1, the row-vector path for Aᵀ·g) and padded.
                products.append(Product(m: 70, n: 1, k: 300, transposeA: transposeA, accumulate: accumulate))
                products.append(Product(m: 70, n: 1, k: 300, transposeA: transposeA, accumulate: accumulate, pad: 3))
                products.append(Product(m: 2, n: 20, k: 640, transposeA: transposeA, accumulate: accumulate))
            }
        }
        for product in products {
            for kernel in Gemm.Kernel.allCases { product.check(product.run(kernel), kernel.rawValue) }
        }
    }

    /// All SIMD kernels compute each element as the same ordered FMA chain (the scalar loop
    /// `fmaChain`), so they agree bitwise with it and with each other on every CPU: the plan's
    /// choice among them never changes a result.
    func testSIMDKernelsAreTheOrderedFMAChain() {
        // (37, 1, 22): X·w with rows in SIMD lanes, 4 blocks of 8 rows, a 5-row scalar rest and
        // k = 4·5 + 2 (the transposed blocks, then the last two columns one at a time).
        for (m, n, k) in [(129, 33, 20), (7, 128, 64), (20, 20, 700), (64, 64, 300), (70, 1, 300), (37, 1, 22), (2, 20, 640)] {
            for transposeA in [false, true] {
                for accumulate in [false, true] {
                    for pad in [0, 3] {
                        let product = Product(m: m, n: n, k: k, transposeA: transposeA, accumulate: accumulate, pad: pad)
                        var chain = product.c0
                        for i in 0..<m { for j in 0..<n { chain[i * product.ldc + j] = product.fmaChain(i, j) } }
                        for kernel in Gemm.Kernel.simdKernels {
                            XCTAssertEqual(product.run(kernel), chain, product.label("\(kernel) vs the FMA chain"))
                        }
                    }
                }
            }
        }
    }

    /// k = 0 and empty products: C zeroed (overwrite) or untouched (accumulate).
    func testDegenerateSizes() {
        for kernel in Gemm.Kernel.allCases {
            for accumulate in [false, true] {
                let p = Product(m: 3, n: 4, k: 0, transposeA: false, accumulate: accumulate)
                XCTAssertEqual(p.run(kernel), accumulate ? p.c0 : [Double](repeating: 0, count: 12), "\(kernel) k=0")
            }
        }
    }

    /// Planning times the candidates on a scratch copy: C is not touched (an accumulating
    /// product applied by every candidate would be ruined), the choice is made once and kept,
    /// and a second shape of the same class reuses it without planning.
    func testPlanLeavesOperandsAloneAndIsStable() {
        let plan = GemmPlan(rounds: 2, minimumSeconds: 1e-6)
        let p = Product(m: 640, n: 20, k: 20, transposeA: true, accumulate: true)
        XCTAssertNil(plan.plannedChoice(m: p.m, n: p.n, k: p.k, transposeA: true))
        var choice: GemmPlan.Choice?
        let c = p.result { a, b, c in
            choice = plan.choice(m: p.m, n: p.n, k: p.k, a: a, lda: p.lda, transposeA: true, b: b, ldb: p.ldb,
                                 c: c, ldc: p.ldc, accumulate: true)
        }
        XCTAssertEqual(c, p.c0, "planning wrote into C")
        XCTAssertEqual(plan.plannedChoice(m: p.m, n: p.n, k: p.k, transposeA: true), choice)
        XCTAssertEqual(plan.records.count, 1)
        // Same class (m 513–1024, n 17–32, k 17–32): no new planning, the same choice.
        let q = Product(m: 1000, n: 32, k: 17, transposeA: true, accumulate: false)
        for _ in 0..<3 {
            _ = q.result { a, b, c in
                XCTAssertEqual(plan.choice(m: q.m, n: q.n, k: q.k, a: a, lda: q.lda, transposeA: true, b: b, ldb: q.ldb,
                                           c: c, ldc: q.ldc, accumulate: false), choice)
            }
        }
        XCTAssertEqual(plan.records.count, 1, "a planned class was planned again")
        // Another class is planned separately.
        XCTAssertNil(plan.plannedChoice(m: 640, n: 20, k: 20, transposeA: false))
    }

    /// Two threads meeting the same new class plan it once and get the same choice.
    func testConcurrentPlanningOfOneClassPlansOnce() {
        let plan = GemmPlan(rounds: 3, minimumSeconds: 1e-5)
        let p = Product(m: 300, n: 64, k: 64, transposeA: false, accumulate: false)
        let choices = UnsafeMutableBufferPointer<GemmPlan.Choice?>.allocate(capacity: 4)
        defer { choices.deallocate() }
        choices.initialize(repeating: nil)
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            _ = p.result { a, b, c in
                choices[t] = plan.choice(m: p.m, n: p.n, k: p.k, a: a, lda: p.lda, transposeA: false, b: b, ldb: p.ldb,
                                         c: c, ldc: p.ldc, accumulate: false)
            }
        }
        XCTAssertEqual(plan.records.count, 1)
        for t in 0..<4 { XCTAssertEqual(choices[t], plan.records.first?.choice, "thread \(t)") }
    }

    /// `Gemm.multiply` under each backend: `.blas` is OpenBLAS, `.simd` the SIMD family (all
    /// tiles bitwise alike), `.plan` the planned kernel; each correct and, repeated, bitwise
    /// identical to its first result.
    func testForcedBackendsAndRepeatability() {
        defer { Gemm.backend = Gemm.environmentBackend() }
        for transposeA in [false, true] {
            let p = Product(m: 257, n: 20, k: 33, transposeA: transposeA, accumulate: true, seed: 7)
            for backend in Gemm.Backend.allCases {
                Gemm.backend = backend
                let first = p.multiply()
                p.check(first, "backend \(backend)")
                for _ in 0..<5 { XCTAssertEqual(p.multiply(), first, p.label("backend \(backend): repeated product differs")) }
                let expected: Gemm.Kernel
                switch backend {
                case .blas: expected = .blas
                case .simd: expected = .simd4x16
                case .plan: expected = GemmPlan.shared.plannedChoice(m: p.m, n: p.n, k: p.k, transposeA: transposeA)!.fastest
                }
                XCTAssertEqual(first, p.run(expected), p.label("backend \(backend) vs \(expected)"))
            }
        }
    }

    /// PINN_GEMM selects the backend; unset means plan.
    func testEnvironmentSelectsBackend() {
        let saved = ProcessInfo.processInfo.environment["PINN_GEMM"]
        defer { if let saved { setenv("PINN_GEMM", saved, 1) } else { unsetenv("PINN_GEMM") } }
        for backend in Gemm.Backend.allCases {
            setenv("PINN_GEMM", backend.rawValue, 1)
            XCTAssertEqual(Gemm.environmentBackend(), backend)
        }
        setenv("PINN_GEMM", "SIMD", 1)
        XCTAssertEqual(Gemm.environmentBackend(), .simd)
        unsetenv("PINN_GEMM")
        XCTAssertEqual(Gemm.environmentBackend(), .plan)
    }

    func testTensorMatmul() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        XCTAssertEqual(a.matmul(b), Tensor(shape: [2, 2], scalars: [58, 64, 139, 154]))
    }
}
