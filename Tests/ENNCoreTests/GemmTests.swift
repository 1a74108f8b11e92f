import XCTest
import ENNCore

final class GemmTests: XCTestCase {
    /// Every tile path (16, 8, 4, 2, 1 columns; 4-row blocks and leftover rows), both
    /// operand orders, overwrite and accumulate, both backends, against a naive triple loop.
    func testKernelsMatchNaiveProduct() {
        let shapes = [(1, 1, 1), (3, 5, 2), (7, 19, 23), (13, 20, 20), (9, 64, 33), (17, 37, 3), (5, 2, 1)]
        for backend in Gemm.Backend.allCases {
            Gemm.backend = backend
            defer { Gemm.backend = .automatic }
            for (m, n, k) in shapes {
                for transposeA in [false, true] {
                    for accumulate in [false, true] {
                        let a = randomValues(m * k, seed: 1), b = randomValues(k * n, seed: 2)
                        let c0 = randomValues(m * n, seed: 3)
                        var c = c0
                        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in c.withUnsafeMutableBufferPointer { pc in
                            Gemm.multiply(m: m, n: n, k: k, a: pa.baseAddress!, lda: transposeA ? m : k, transposeA: transposeA,
                                          b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n, accumulate: accumulate)
                        } } }
                        for i in 0..<m {
                            for j in 0..<n {
                                var s = accumulate ? c0[i * n + j] : 0
                                for p in 0..<k { s += (transposeA ? a[p * m + i] : a[i * k + p]) * b[p * n + j] }
                                assertClose(c[i * n + j], s, relative: 1e-13,
                                            "\(backend) m=\(m) n=\(n) k=\(k) transposeA=\(transposeA) acc=\(accumulate) [\(i),\(j)]")
                            }
                        }
                    }
                }
            }
        }
    }

    func testTensorMatmul() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        XCTAssertEqual(a.matmul(b), Tensor(shape: [2, 2], scalars: [58, 64, 139, 154]))
    }
}
